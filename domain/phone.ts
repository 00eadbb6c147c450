/** Mainland China phone numbers: mobiles (1[3-9]x, 11 digits) and landlines (0xx(x)-7/8 digits). */
const MOBILE = /^1[3-9]\d{9}$/
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/

export function normalizePhone(input: string): string {
  return input.replace(/[\s()（）]/g, '').replace(/^\+?86-?/, '')
}

export function isMainlandMobile(input: string): boolean {
  return MOBILE.test(normalizePhone(input))
}

export function isMainlandPhone(input: string): boolean {
  const p = normalizePhone(input)
  return MOBILE.test(p) || LANDLINE.test(p)
}
