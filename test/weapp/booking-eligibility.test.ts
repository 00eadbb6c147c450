/**
 * 预约服务: who can book it, on the weapp build in both modes. A service for
 * 60 岁以上: the page says so, asks 本人's birth date and refuses without it
 * before sending; among 我的家人 only those who fit are offered, the others
 * are listed with why; a member picked is sent by id, without a birth date.
 * A children's service: 本人 is not offered, and the page says why.
 */
import type { BookableService } from '../../contract/types'
import { mountPage, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION } from './request-fixtures'
import { FAMILY, MOTHER } from './activity-fixtures'
import { DAYS, MOTHER_BOOKING, NOW, PSY } from './booking-fixtures'

const NEW = 'packages/booking/new/index'
const ELDERS: BookableService = { ...PSY, name: '长者健康咨询', category: 'elderly_care', audience: 'elderly', minAge: 60, maxAge: null }
const KIDS: BookableService = { ...PSY, name: '儿童成长面谈', category: 'child_protection', audience: 'children', minAge: 6, maxAge: 13 }

async function chooseOption(page: MountedPage, label: string) {
  const option = page.querySelectorAll('option').find((o) => page.text(o).replace(/^✓ /, '') === label)
  if (!option) throw new Error(`no option 「${label}」: ${page.text()}`)
  await page.tap(option)
}
const options = (page: MountedPage) => page.querySelectorAll('option').map((o) => page.text(o).replace(/^✓ /, ''))

const open = (service: BookableService, opts: MountOptions) =>
  mountPage(
    NEW,
    { serviceId: service.id },
    {
      ...opts,
      now: NOW,
      storage: LOGGED_IN,
      routes: {
        'GET /api/bookable/:id/slots': { service, days: DAYS },
        'POST /api/bookings': { ...MOTHER_BOOKING, personName: MOTHER.name },
        'POST /api/auth/wechat': RESIDENT_SESSION,
        'GET /api/me/family': FAMILY,
      },
    },
  )

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard'
  const modeOpts: MountOptions = { fontSizeSetting: elder ? 22 : 17 }

  test(`${mode}: 60 岁以上 — 本人's birth date asked and required; only the family members who fit are offered, the others with why`, async () => {
    const page = await open(ELDERS, modeOpts)
    const root = await page.waitFor(() => page.find('page-booking-new'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots')
    expect(page.text(page.get('book-service__who'))).toBe('适合：老年人（60 岁以上，按预约当天的年龄）')
    await page.tap(page.querySelectorAll('slot')[1]!)
    // 本人 is offered while their birth date is unknown, and the form asks for it.
    expect(options(page)).toContain('本人')
    expect(page.find('book-birth-picker')).toBeTruthy()
    await page.input('person-name', '王芳')
    await page.input('contact-name', '王芳')
    await page.input('contact-phone', '13812345678')
    await page.tap('btn-confirm-booking')
    expect(page.text()).toContain('这项服务面向 60 岁以上，请填写出生日期')
    expect(page.requests.filter((r) => r.method === 'POST')).toHaveLength(0)

    await chooseOption(page, '家人')
    await page.waitFor(() => page.find('book-excluded'), 'the family members who do not fit')
    // 张小明 (9) cannot be booked for, and the page says why; 王秀英 (71) is offered.
    expect(options(page)).toContain('王秀英（母亲，71 岁）')
    expect(options(page).some((o) => o.startsWith('张小明'))).toBe(false)
    expect(page.text(page.get('book-excluded')).replace(/\s+/g, '')).toContain(
      '张小明：这项服务面向60岁以上，张小明预约当天9岁，不符合年龄要求',
    )
    await chooseOption(page, '王秀英（母亲，71 岁）')
    // A member picked has a birth date on record: none is asked.
    expect(page.find('book-birth-picker')).toBeFalsy()
    await page.tap('btn-confirm-booking')
    await page.waitFor(() => page.find('book-result'), '预约成功')
    const post = page.requests.find((r) => r.method === 'POST' && r.path === '/api/bookings')!
    expect(post.data).toMatchObject({ forWhom: 'family', familyMemberId: MOTHER.id, personName: MOTHER.name })
    expect(post.data).not.toHaveProperty('birthDate')
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: a children's service — 本人 is not offered, with why; the child who fits is`, async () => {
    const page = await open(KIDS, modeOpts)
    await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots')
    await page.waitFor(() => page.find('book-excluded--self'), 'why 本人 is not offered')
    expect(page.text(page.get('book-excluded--self'))).toBe('本人不能预约：这项服务面向 6–13 岁的儿童，本人不能预约，请为孩子预约')
    expect(options(page)).not.toContain('本人')
    expect(options(page)).toContain('张小明（儿子，9 岁）')
    expect(options(page).some((o) => o.startsWith('王秀英'))).toBe(false)
    expect(page.consoleErrors).toEqual([])
  })
}
