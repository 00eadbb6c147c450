/**
 * The 活动 tab (pages/activities/index) on the weapp build: activities near
 * the resident with seats or the waitlist and where registration stands,
 * filters that go to the API, and 长辈模式.
 */
import { attrOf, mountPage, settle, type MountedPage } from './harness'
import { HERE } from './fixtures'
import { ACTIVITIES, ANTI_FRAUD, FESTIVAL, JIEQI, NOW } from './activity-fixtures'

const ROUTE = 'pages/activities/index'
const routes = { 'GET /api/activities': ACTIVITIES }
const located = { latitude: HERE.latitude, longitude: HERE.longitude }

const cards = (page: MountedPage) => page.querySelectorAll('activity-card')
const activityRequests = (page: MountedPage) => page.requests.filter((r) => r.path === '/api/activities')

async function open(opts: Parameters<typeof mountPage>[2] = {}) {
  const page = await mountPage(ROUTE, {}, { location: located, now: NOW, routes, ...opts })
  await page.waitFor(() => cards(page).length === 3, 'three activity cards')
  return page
}

/** Taps the chip with this label in a filter row. */
async function chip(page: MountedPage, cls: string, label: string) {
  const c = page.querySelectorAll(cls).find((n) => page.text(n).replace(/^✓ /, '') === label)
  if (!c) throw new Error(`no chip 「${label}」 in .${cls}. Page text: ${page.text()}`)
  await page.tap(c)
}

test('lists activities near the resident: title with project, station and distance, schedule, audience, seats and registration', async () => {
  const page = await open()
  // The position goes with the request: nearest stations first.
  const [first] = activityRequests(page)
  expect(first!.query).toEqual({ lat: String(HERE.latitude), lng: String(HERE.longitude) })
  // Asked for once: at launch (App.onLaunch with this path), and the page took that answer.
  await settle()
  expect(activityRequests(page)).toHaveLength(1)
  expect(page.callsOf('getLocation')).toHaveLength(1)

  const [fraud, jieqi, festival] = cards(page).map((c) => page.text(c))
  // A course: project·title, 共 8 次课, children 6–12, seats left, open until Friday.
  expect(jieqi).toContain('东山小学堂·节气美育')
  expect(jieqi).toContain(`${JIEQI.station.name}距您 1.3公里`)
  expect(jieqi).toContain('11月28日 09:30 起，共 8 次课')
  expect(jieqi).toContain('对象：儿童 · 6–12 岁')
  expect(jieqi).toContain('余 5 个名额')
  expect(jieqi).toContain('报名中 · 11月27日 18:00 截止')
  // Full: the waitlist, in words.
  expect(fraud).toContain(ANTI_FRAUD.title)
  expect(fraud).toContain('距您 810米')
  expect(fraud).toContain('11月26日 14:00–15:30')
  expect(fraud).toContain('对象：老年人 · 60 岁以上')
  expect(fraud).toContain('名额已满 · 3 人候补')
  // Not open yet: when it opens.
  expect(festival).toContain('东山小学堂·四季欢乐节·冬至包饺子')
  expect(festival).toContain('对象：不限人群 · 不限年龄')
  expect(festival).toContain('未开始 · 11月25日 09:00 开放报名')
  expect(page.consoleErrors).toEqual([])

  // A card opens the activity.
  await page.tap(cards(page)[1]!)
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/activity/detail/index?id=${JIEQI.id}`])
})

test('the audience, category and date filters go to the API, and the chosen chip says so', async () => {
  const page = await open()
  await chip(page, 'chip-audience', '儿童')
  await page.waitFor(() => activityRequests(page).length === 2, 'a second request')
  expect(activityRequests(page)[1]!.query).toMatchObject({ audience: 'children', lat: String(HERE.latitude) })
  const chosen = page.querySelectorAll('chip-audience').find((n) => page.text(n).includes('儿童'))!
  expect(page.text(chosen)).toBe('✓ 儿童')
  expect(attrOf(chosen._exparserNode, 'class')).toContain('chip--active')

  await chip(page, 'chip-category', '兴趣课堂')
  await page.waitFor(() => activityRequests(page).length === 3, 'a third request')
  expect(activityRequests(page)[2]!.query).toMatchObject({ audience: 'children', category: 'class' })

  // 本周 on Tuesday 24 November: today to Sunday 29 November.
  await chip(page, 'chip-date', '本周')
  await page.waitFor(() => activityRequests(page).length === 4, 'a fourth request')
  expect(activityRequests(page)[3]!.query).toMatchObject({ audience: 'children', category: 'class', from: '2026-11-24', to: '2026-11-29' })

  // 全部 drops the audience again.
  await chip(page, 'chip-audience', '全部')
  await page.waitFor(() => activityRequests(page).length === 5, 'a fifth request')
  expect(activityRequests(page)[4]!.query.audience).toBeUndefined()
})

test('without a location: every activity by date, and a way to pick an area', async () => {
  const page = await open({ location: 'deny' })
  expect(activityRequests(page)[0]!.query).toEqual({})
  expect(page.text(page.get('location-status'))).toContain('按时间排列')
  await page.tap('btn-pick-area')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/pages/area/index'])
})

test('nothing matches: says so and offers the stations', async () => {
  const page = await mountPage(ROUTE, {}, { location: located, now: NOW, routes: { 'GET /api/activities': { items: [] } } })
  await page.waitFor(() => page.find('empty-state'), 'the empty state')
  expect(page.text(page.get('empty-state'))).toContain('没有符合条件的活动')
})

test('the 活动 tab in 长辈模式 carries the elder class and keeps every card', async () => {
  const page = await open({ fontSizeSetting: 22 })
  const root = page.get('page-activities')
  expect(root.dom.className).toContain('elder')
  expect(page.querySelectorAll('activity-card__title').map((t) => page.text(t))).toEqual([
    ANTI_FRAUD.title,
    '东山小学堂·节气美育',
    `东山小学堂·${FESTIVAL.title}`,
  ])
})
