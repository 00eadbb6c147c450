/**
 * 找社工站 (pages/stations/index) on the weapp build: the nearby list in the
 * API's order, kind filters that refetch, the map, pull-down refresh, and a
 * long list drawn 10 cards at a time.
 */
import type { NearbyResponse, NearbyStation } from '../../contract/types'
import { mountPage, type FakeRequest, type MountedPage } from './harness'
import { attrOf } from './harness/tree'
import { DONGSHAN, HERE, JINPU_SUMMARY, MINXIN, XIANJIN } from './fixtures'

const ROUTE = 'pages/stations/index'

/** Nearest first, as the API sorts them. */
const ALL: NearbyStation[] = [
  { ...MINXIN, distanceMeters: 812 },
  { ...XIANJIN, distanceMeters: 1345 },
  { ...DONGSHAN, distanceMeters: 3310 },
  { ...JINPU_SUMMARY, distanceMeters: 5120 },
]

/** The fake API filters by `kind` and `service` like the real one. */
const nearby = (req: FakeRequest): NearbyResponse => ({
  items: ALL.filter(
    (s) => (!req.query.kind || s.kind === req.query.kind) && (!req.query.service || s.services.includes(req.query.service as never)),
  ),
})

const nearbyRequests = (page: MountedPage) => page.requests.filter((r) => r.path === '/api/stations/nearby')
const names = (page: MountedPage) => page.querySelectorAll('station-card__name').map((n) => page.text(n))
const chip = (page: MountedPage, label: string) => {
  const found = page.querySelectorAll('chip').find((c) => page.text(c) === label)
  if (!found)
    throw new Error(
      `no chip ${label}; chips: ${page
        .querySelectorAll('chip')
        .map((c) => page.text(c))
        .join(', ')}`,
    )
  return found
}
const activeChips = (page: MountedPage) => page.querySelectorAll('chip--active').map((c) => page.text(c))

async function openWithLocation() {
  const page = await mountPage(ROUTE, {}, { location: HERE, routes: { 'GET /api/stations/nearby': nearby } })
  await page.waitFor(() => page.querySelectorAll('station-card').length === ALL.length, 'the station list')
  return page
}

test('lists the nearby stations as .station-card items in the API’s order', async () => {
  const page = await openWithLocation()
  expect(page.find('page-stations')).toBeDefined()
  expect(names(page)).toEqual(ALL.map((s) => s.name))
  expect(page.querySelectorAll('station-card__distance').map((n) => page.text(n))).toEqual(['810米', '1.3公里', '3.3公里', '5.1公里'])
  expect(nearbyRequests(page)).toHaveLength(1)
  expect(nearbyRequests(page)[0]!.query).toMatchObject({ lat: '39.0543', lng: '121.7634' })
  expect(nearbyRequests(page)[0]!.query.kind).toBeUndefined()
  expect(activeChips(page)).toEqual(['全部', '全部服务'])
  expect(page.consoleErrors).toEqual([])
})

test('tapping a kind chip refetches with kind= and shows only that kind', async () => {
  const page = await openWithLocation()
  await page.tap(chip(page, '街镇社工站'))
  await page.waitFor(() => nearbyRequests(page).length === 2, 'a second request')
  expect(nearbyRequests(page)[1]!.url).toContain('kind=street')
  await page.waitFor(() => page.querySelectorAll('station-card').length === 1, 'the filtered list')
  expect(names(page)).toEqual([XIANJIN.name])
  expect(activeChips(page)).toEqual(['街镇社工站', '全部服务'])

  // Back to 全部: no kind in the request any more.
  await page.tap(chip(page, '全部'))
  await page.waitFor(() => nearbyRequests(page).length === 3, 'a third request')
  expect(nearbyRequests(page)[2]!.url).not.toContain('kind=')
  await page.waitFor(() => page.querySelectorAll('station-card').length === ALL.length, 'the whole list again')
})

test('a service chip refetches with service=', async () => {
  const page = await openWithLocation()
  await page.tap(chip(page, '心理疏导'))
  await page.waitFor(() => nearbyRequests(page).length === 2, 'a second request')
  expect(nearbyRequests(page)[1]!.query.service).toBe('psychological')
  await page.waitFor(() => names(page).length === 2, 'the filtered list')
  expect(names(page)).toEqual([MINXIN.name, XIANJIN.name])
})

test('a filter with no station says so instead of an empty page', async () => {
  const page = await openWithLocation()
  await page.tap(chip(page, '学校社工站'))
  await page.waitFor(() => page.text().includes('附近没有符合条件的社工站'), 'the empty message')
  expect(page.querySelectorAll('station-card')).toEqual([])
})

test('tapping a map marker highlights that station’s card', async () => {
  const page = await openWithLocation()
  const map = page.get('stations-map')
  await page.trigger(map, 'markertap', { markerId: 2 })
  await page.waitFor(() => page.find('station-card--highlighted'), 'a highlighted card')
  expect(page.text(page.get('station-card--highlighted'))).toContain(DONGSHAN.name)
  // Once the view has the card (the next setData).
  await page.waitFor(() => page.callsOf('pageScrollTo').length === 1, 'the scroll')
  expect(page.callsOf('pageScrollTo')).toEqual([expect.objectContaining({ selector: `#station-${DONGSHAN.id}` })])
})

test('each card calls and navigates to its own station', async () => {
  const page = await openWithLocation()
  await page.tap(page.querySelectorAll('btn-call')[1]!)
  await page.tap(page.querySelectorAll('btn-navigate')[2]!)
  expect(page.callsOf('makePhoneCall').map((o) => o.phoneNumber)).toEqual([XIANJIN.phone])
  expect(page.callsOf('openLocation')).toEqual([
    expect.objectContaining({ latitude: DONGSHAN.location.lat, longitude: DONGSHAN.location.lng, name: DONGSHAN.name }),
  ])
})

test('pull-down refresh refetches and stops the refresh animation', async () => {
  const page = await openWithLocation()
  await page.lifecycle('onPullDownRefresh')
  await page.waitFor(() => page.callsOf('stopPullDownRefresh').length === 1, 'stopPullDownRefresh')
  expect(nearbyRequests(page)).toHaveLength(2)
})

test('with location refused and no area, offers 手动选择地区 and fetches nothing', async () => {
  const page = await mountPage(ROUTE, {}, { location: 'deny', routes: { 'GET /api/stations/nearby': nearby } })
  await page.waitFor(() => page.text().includes('手动选择地区'), '手动选择地区')
  expect(nearbyRequests(page)).toEqual([])
  const pick = page.querySelectorAll('btn-pick-area')
  await page.tap(pick[pick.length - 1]!)
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/pages/area/index'])
})

describe('a long list (25 stations) is drawn 10 cards at a time', () => {
  const MANY: NearbyStation[] = Array.from({ length: 25 }, (_, i) => ({
    ...MINXIN,
    id: `${MINXIN.id.slice(0, -2)}${String(i).padStart(2, '0')}`,
    name: `第${i + 1}社区社会工作室`,
    distanceMeters: 500 + i * 300,
  }))
  const openMany = async () => {
    const page = await mountPage(ROUTE, {}, { location: HERE, routes: { 'GET /api/stations/nearby': () => ({ items: MANY }) } })
    await page.waitFor(() => page.querySelectorAll('station-card').length > 0, 'the station list')
    return page
  }

  test('the first 10, then 10 more on 再显示 and on reaching the end, and the map has all 25', async () => {
    const page = await openMany()
    expect(names(page)).toEqual(MANY.slice(0, 10).map((s) => s.name))
    expect(page.text(page.get('stations-more'))).toContain('还有 15 个社工站')
    expect((attrOf(page.get('stations-map')._exparserNode, 'markers') as unknown[]).length).toBe(25)

    await page.tap(page.get('btn-stations-more'))
    await page.waitFor(() => names(page).length === 20, '20 cards')
    expect(page.text(page.get('btn-stations-more'))).toBe('再显示 5 个')

    await page.lifecycle('onReachBottom')
    await page.waitFor(() => names(page).length === 25, 'all 25 cards')
    expect(names(page)).toEqual(MANY.map((s) => s.name))
    expect(page.find('stations-more')).toBeUndefined()
    expect(nearbyRequests(page)).toHaveLength(1)
  })

  test('a marker beyond the drawn cards draws its card, highlights it and scrolls to it', async () => {
    const page = await openMany()
    await page.trigger(page.get('stations-map'), 'markertap', { markerId: 22 })
    await page.waitFor(() => page.find('station-card--highlighted'), 'a highlighted card')
    expect(page.text(page.get('station-card--highlighted'))).toContain('第23社区社会工作室')
    expect(names(page)).toHaveLength(25)
    await page.waitFor(() => page.callsOf('pageScrollTo').length === 1, 'the scroll')
    expect(page.callsOf('pageScrollTo')).toEqual([expect.objectContaining({ selector: `#station-${MANY[22]!.id}` })])
  })
})
