/**
 * 我的报名 (packages/activity/mine/index) on the weapp build: upcoming and
 * past enrollments, the check-in QR code of a confirmed one, the waitlist
 * position, cancelling (with its deadline) and confirming an offered seat.
 */
import type { Enrollment } from '../../contract/types'
import { attrOf, mountPage, reply, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION } from './request-fixtures'
import { JIEQI, MOTHER_WAITLISTED, MY_ENROLLMENTS, NOW, SON_CONFIRMED } from './activity-fixtures'
import { ENROLLMENT_RATING, SON_ATTENDED, SON_RATED } from './rating-fixtures'

const ROUTE = 'packages/activity/mine/index'
const routes = { 'GET /api/enrollments/mine': MY_ENROLLMENTS, 'POST /api/auth/wechat': RESIDENT_SESSION }

async function open(opts: MountOptions = {}) {
  const page = await mountPage(ROUTE, {}, { now: NOW, storage: LOGGED_IN, ...opts, routes: { ...routes, ...opts.routes } })
  return page
}

const cards = (page: MountedPage) => page.querySelectorAll('enrollment')

test('upcoming: the child’s confirmed class with a scannable QR code and his name, the mother’s waitlist position', async () => {
  const page = await open()
  await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
  expect(page.text(page.get('tab-upcoming'))).toBe('即将参加（2）')
  expect(page.text(page.get('tab-past'))).toBe('已结束或取消（1）')

  const [son, mother] = cards(page)
  expect(page.text(son)).toContain('东山小学堂·节气美育')
  expect(page.text(son)).toContain('张小明（儿子）')
  expect(page.text(son)).toContain('11月28日 09:30 起，共 8 次课')
  expect(page.text(son)).toContain(`${JIEQI.place}（${JIEQI.station.name}）`)
  expect(page.querySelectorAll('enrollment-status').map((n) => page.text(n))).toEqual(['报名成功', '候补第 2 位'])

  // The QR code: an image of the check-in code, as a data URL, with the participant's name and a label.
  const qr = page.get('checkin-qr')
  expect(page.text(qr)).toContain('签到码 · 张小明')
  const img = page.get('checkin-qr__image')
  expect(String(attrOf(img._exparserNode, 'src'))).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/=]{200,}$/)
  // Only a confirmed enrollment has one.
  expect(page.text(mother)).not.toContain('签到码')
  expect(page.text(mother)).toContain('有人取消时按报名先后递补')
  expect(page.consoleErrors).toEqual([])
})

test('past: the cancelled one, without a QR code or a cancel button', async () => {
  const page = await open()
  await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
  await page.tap('tab-past')
  await page.waitFor(() => cards(page).length === 1, 'one past enrollment')
  expect(page.text(cards(page)[0])).toContain('冬季慢病防护讲座')
  expect(page.text(cards(page)[0])).toContain('李桂芝（本人）')
  expect(page.text(page.get('enrollment-status'))).toBe('已取消')
  expect(page.find('checkin-qr')).toBeUndefined()
  expect(page.find('btn-cancel-enrollment')).toBeUndefined()
})

test('取消报名 asks first, naming the child and the deadline, then shows 已取消', async () => {
  const page = await open({
    routes: {
      'POST /api/enrollments/:id/cancel': (req) => ({
        ...SON_CONFIRMED,
        id: req.params.id,
        status: 'cancelled',
        checkinCode: null,
        canCancel: false,
      }),
    },
  })
  await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
  expect(page.text(cards(page)[0])).toContain('11月27日 18:00 前可以取消')
  await page.tap(page.querySelectorAll('btn-cancel-enrollment')[0]!)

  const [modal] = page.callsOf('showModal')
  expect(modal.title).toBe('取消报名')
  expect(modal.content).toContain('确定取消张小明的报名吗？')
  expect(modal.content).toContain('取消截止：11月27日 18:00')
  // It leaves 即将参加 for 已结束或取消, without its QR code.
  await page.waitFor(() => cards(page).length === 1, 'one upcoming enrollment left')
  expect(page.callsOf('showToast')).toEqual([expect.objectContaining({ title: '已取消' })])
  const cancel = page.requests.find((r) => r.method === 'POST')!
  expect(cancel.path).toBe(`/api/enrollments/${SON_CONFIRMED.id}/cancel`)
  expect(cancel.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)
  expect(page.find('checkin-qr')).toBeUndefined()
  expect(page.text(page.get('tab-past'))).toBe('已结束或取消（2）')
  await page.tap('tab-past')
  await page.waitFor(() => cards(page).length === 2, 'two past enrollments')
  expect(page.text(cards(page)[0])).toContain('张小明（儿子）')
  expect(page.querySelectorAll('enrollment-status').map((n) => page.text(n))).toEqual(['已取消', '已取消'])
})

test('answering 再想想 keeps the enrollment', async () => {
  const page = await open({ modalConfirm: false })
  await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
  await page.tap(page.querySelectorAll('btn-cancel-enrollment')[1]!)
  expect(page.callsOf('showModal')[0].title).toBe('取消候补')
  expect(page.requests.filter((r) => r.method === 'POST')).toEqual([])
})

test('an offered seat: 待确认 with the deadline and 确认参加', async () => {
  const offered: Enrollment = {
    ...MOTHER_WAITLISTED,
    status: 'offered',
    waitlistPosition: null,
    offerExpiresAt: '2026-11-25T10:00:00.000Z',
  }
  const page = await open({
    routes: {
      'GET /api/enrollments/mine': { items: [offered] },
      'POST /api/enrollments/:id/confirm': { ...offered, status: 'confirmed', offerExpiresAt: null, checkinCode: 'CK1.offer' },
    },
  })
  await page.waitFor(() => cards(page).length === 1, 'the offered enrollment')
  expect(page.text(page.get('enrollment-status'))).toBe('待确认（11月25日 18:00 前）')
  expect(page.text(page.get('enrollment__offer'))).toContain('请在 11月25日 18:00 前确认参加')
  await page.tap('btn-confirm-offer')
  await page.waitFor(() => page.find('checkin-qr'), 'the QR code')
  expect(page.text(page.get('enrollment-status'))).toBe('报名成功')
  expect(page.requests.find((r) => r.method === 'POST')?.path).toBe(`/api/enrollments/${offered.id}/confirm`)
})

test('a refused cancel says why', async () => {
  const page = await open({
    routes: { 'POST /api/enrollments/:id/cancel': reply(409, { code: 'CONFLICT', message: '已过取消截止时间，如不能参加请联系社工站' }) },
  })
  await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
  await page.tap(page.querySelectorAll('btn-cancel-enrollment')[0]!)
  await page.waitFor(() => page.callsOf('showModal').length === 2, 'the error dialog')
  expect(page.callsOf('showModal')[1]).toMatchObject({ title: '没有取消成功', content: '已过取消截止时间，如不能参加请联系社工站' })
})

test('not logged in: 登录 first, then the list', async () => {
  const page = await open({ storage: {} })
  expect(page.text()).toContain('登录后可以查看报名结果')
  expect(page.requests).toEqual([])
  await page.tap('btn-login')
  await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/auth/wechat', 'GET /api/enrollments/mine'])
})

describe('评价 (ratings)', () => {
  test('attended and not rated: 评价 opens the rating page for that enrollment', async () => {
    const page = await open({ routes: { 'GET /api/enrollments/mine': { items: [SON_ATTENDED, MOTHER_WAITLISTED] } } })
    await page.waitFor(() => cards(page).length === 2, 'two upcoming enrollments')
    expect(page.querySelectorAll('btn-rate-enrollment')).toHaveLength(1)
    expect(page.text(cards(page)[0])).toContain('参加得怎么样？')
    await page.tap('btn-rate-enrollment')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/rating/new/index?enrollmentId=${SON_ATTENDED.id}`])
  })

  test('rated: the rating given, with 修改 while it can be changed', async () => {
    const page = await open({ routes: { 'GET /api/enrollments/mine': { items: [SON_RATED] } } })
    await page.waitFor(() => cards(page).length === 1, 'the enrollment')
    expect(page.find('btn-rate-enrollment')).toBeUndefined()
    const rating = page.get('enrollment__rating')
    expect(page.text(rating)).toContain('我的评价')
    expect(page.text(rating)).toContain('★★★★★')
    expect(page.text(rating)).toContain(ENROLLMENT_RATING.comment)
    expect(page.text(rating)).toContain('11月30日 10:00 前可以修改')
    await page.tap('btn-edit-rating')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/rating/new/index?enrollmentId=${SON_RATED.id}`])
  })

  test('rated long ago: no 修改', async () => {
    const page = await open({ now: '2026-12-02T02:00:00.000Z', routes: { 'GET /api/enrollments/mine': { items: [SON_RATED] } } })
    await page.waitFor(() => page.find('enrollment__rating'), 'the rating')
    expect(page.find('btn-edit-rating')).toBeUndefined()
  })
})
