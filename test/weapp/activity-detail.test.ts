/**
 * An activity's page (packages/activity/detail/index?id=…) on the weapp
 * build: every session of a course, seats and the waitlist, the registration
 * window, the organizing station, 导航, and what the family already has.
 */
import { mountPage, reply, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN } from './request-fixtures'
import { ANTI_FRAUD_DETAIL, FESTIVAL_DETAIL, JIEQI, JIEQI_DETAIL, MY_ENROLLMENTS, NOW } from './activity-fixtures'

const ROUTE = 'packages/activity/detail/index'
const details = { [JIEQI.id]: JIEQI_DETAIL, [ANTI_FRAUD_DETAIL.id]: ANTI_FRAUD_DETAIL, [FESTIVAL_DETAIL.id]: FESTIVAL_DETAIL }
const routes = {
  'GET /api/activities/:id': (req: { params: Record<string, string> }) =>
    details[req.params.id!] ?? reply(404, { code: 'NOT_FOUND', message: '没有找到这个活动' }),
  'GET /api/enrollments/mine': { items: [] },
}

async function open(id: string, opts: MountOptions = {}) {
  const page = await mountPage(ROUTE, { id }, { now: NOW, ...opts, routes: { ...routes, ...opts.routes } })
  await page.waitFor(() => page.find('activity-head') ?? page.find('empty-state'), 'the activity or a message')
  return page
}

const text = (page: MountedPage, cls: string) => page.text(page.get(cls))

test('a course: every session with its date and weekday, place, audience, seats, window, cancellation deadline, what to bring', async () => {
  const page = await open(JIEQI.id)
  expect(text(page, 'activity-head')).toContain('东山小学堂节气美育')
  expect(text(page, 'activity-head')).toContain('主办：先进街道社工站')

  expect(text(page, 'activity-time')).toContain('共 8 次课')
  const sessions = page.querySelectorAll('activity-session').map((n) => page.text(n))
  expect(sessions).toHaveLength(8)
  expect(sessions[0]).toBe('第 1 次11月28日（周六）09:30–11:00')
  expect(sessions[1]).toBe('第 2 次12月5日（周六）09:30–11:00')
  expect(sessions[7]).toBe('第 8 次1月16日（周六）09:30–11:00')

  expect(text(page, 'activity-place')).toContain(JIEQI.place)
  expect(text(page, 'activity-audience')).toContain('儿童 · 6–12 岁')
  expect(text(page, 'activity-seats')).toBe('剩余 5 个名额（共 20 个）')
  expect(text(page, 'activity-capacity')).toContain('共 20 个，剩余 5 个')
  expect(text(page, 'activity-window')).toContain('11月20日 09:00 开始，11月27日 18:00 截止')
  expect(text(page, 'activity-cancel-deadline')).toContain('11月27日 18:00 前可在“我的报名”中取消')
  expect(text(page, 'activity-bring')).toContain('水杯、旧衣服或罩衣')
  expect(text(page, 'activity-photo-note')).toContain('经家长单独同意后用于社工站的公开宣传')
  expect(text(page, 'activity-registration')).toBe('报名中 · 11月27日 18:00 截止')
  expect(page.consoleErrors).toEqual([])

  // 导航 opens the map at the place; the station opens its page; 我要报名 opens the form.
  await page.tap('btn-navigate')
  expect(page.callsOf('openLocation')).toEqual([expect.objectContaining({ latitude: 39.0535, longitude: 121.779, name: JIEQI.place })])
  await page.tap('activity-head__station')
  await page.tap('btn-enroll')
  expect(page.text(page.get('btn-enroll'))).toBe('我要报名')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([
    `/pages/station/index?id=${JIEQI.station.id}`,
    `/packages/activity/enroll/index?id=${JIEQI.id}`,
  ])
})

test('full: the waitlist count, and enrolling joins the waitlist', async () => {
  const page = await open(ANTI_FRAUD_DETAIL.id)
  expect(text(page, 'activity-seats')).toBe('名额已满（共 30 个）')
  expect(text(page, 'activity-waitlist')).toBe('3 人在候补')
  expect(text(page, 'activity-enroll__waitlist-note')).toContain('报名后进入候补')
  expect(text(page, 'btn-enroll')).toBe('我要报名（候补）')
  expect(text(page, 'activity-time')).toContain('11月26日（周四）14:00–15:30')
  expect(page.find('activity-session')).toBeUndefined()
  // No coordinates: no 导航 button.
  expect(page.find('btn-navigate')).toBeUndefined()
})

test('not open yet: says when registration opens, and the button explains instead of opening the form', async () => {
  const page = await open(FESTIVAL_DETAIL.id)
  expect(text(page, 'activity-enroll__reason')).toBe('报名尚未开始，将于 11月25日 09:00 开放报名')
  expect(text(page, 'btn-enroll')).toBe('暂不能报名')
  await page.tap('btn-enroll')
  expect(page.callsOf('navigateTo')).toEqual([])
  expect(page.callsOf('showModal')[0]).toMatchObject({ title: '暂时不能报名', content: '报名尚未开始，将于 11月25日 09:00 开放报名' })
})

test('already enrolled: the family’s status instead, and 为其他家人报名', async () => {
  const page = await open(JIEQI.id, { storage: LOGGED_IN, routes: { 'GET /api/enrollments/mine': MY_ENROLLMENTS } })
  const mine = await page.waitFor(() => page.find('my-enrollments'))
  expect(page.text(mine)).toContain('张小明（儿子）报名成功')
  // Only this activity's enrollments.
  expect(page.querySelectorAll('my-enrollment')).toHaveLength(1)
  expect(text(page, 'btn-enroll')).toBe('为其他家人报名')
  await page.tap('btn-view-mine')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/packages/activity/mine/index'])
  expect(page.requests.find((r) => r.path === '/api/enrollments/mine')?.header.Authorization).toBe('Bearer harness-resident-token')
})

test('an unknown activity says so', async () => {
  const page = await open('7a0c5e21-0000-4000-8000-00000000ffff')
  expect(page.text()).toContain('没有找到这个活动')
})
