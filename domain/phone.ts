/** Mainland China phone numbers: mobiles (1[3-9]x, 11 digits) and landlines (0xx(x)-7/8 digits). */
import { fieldInvalid, type Refusal } from './refusal'

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

/** What a phone number may be, said the same way by every form (its hint and its error). */
export const PHONE_FORMAT = '11 位手机号，或带区号的固定电话'

/** A form's message about a phone input, or null when it is fine (an optional one may stay empty). */
export function phoneProblem(value: string, optional = false): string | null {
  if (optional && !value.trim()) return null
  if (isMainlandPhone(value)) return null
  return `请填写 ${PHONE_FORMAT}${optional ? '；不填也可以' : ''}`
}

const PHONE_MESSAGE = '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话'

/** A phone number that is not one: FIELD_INVALID on `field`. */
export function phoneRefusal(field: string, value: string, message = PHONE_MESSAGE): Refusal | null {
  return isMainlandPhone(value) ? null : fieldInvalid(field, message)
}
