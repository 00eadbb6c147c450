/**
 * Area picker (pages/area/index) on the weapp build, and the way back to 首页:
 * a resident who refused location picks 市 → 区 → 街道 by hand and still
 * gets the nearest stations.
 */
import { mountPage, type MountedPage } from './harness'
import { AREAS, MINXIN, NEARBY } from './fixtures'

const areaNames = (page: MountedPage) => page.querySelectorAll('area-item__name').map((n) => page.text(n))
const item = (page: MountedPage, name: string) => {
  const found = page.querySelectorAll('area-item').find((n) => page.text(n).startsWith(name))
  if (!found) throw new Error(`no area ${name}; areas: ${areaNames(page).join(', ')}`)
  return found
}

async function pickDown(page: MountedPage, names: string[]) {
  for (const name of names) {
    await page.waitFor(() => areaNames(page).includes(name), `area ${name}`)
    await page.tap(item(page, name))
  }
}

test('picking 大连市 › 金普新区 › 先进街道 stores the area (with its province) and goes back', async () => {
  const page = await mountPage('pages/area/index', {}, { openedFrom: ['pages/index/index'], routes: { 'GET /api/areas': AREAS } })
  await page.waitFor(() => areaNames(page).length > 0, 'the cities')
  expect(page.text()).toContain('请选择城市')
  expect(areaNames(page)).toEqual(['大连市'])
  await pickDown(page, ['大连市', '金普新区'])
  expect(page.querySelectorAll('breadcrumb__item').map((n) => page.text(n))).toEqual(['全部城市', '› 大连市', '› 金普新区'])
  await pickDown(page, ['先进街道'])
  await page.waitFor(() => page.callsOf('navigateBack').length === 1, 'navigateBack')
  expect(page.consoleErrors).toEqual([])

  // 首页, with location refused, now measures from the picked street's centre.
  const stored = page.storage.get('sgz-location')
  expect(typeof stored).toBe('string')
  expect(JSON.parse(stored as string).state.area).toEqual({
    path: ['辽宁省', '大连市', '金普新区', '先进街道'],
    center: { lat: 39.0535, lng: 121.779 },
  })
  const index = await mountPage(
    'pages/index/index',
    {},
    { location: 'deny', storage: { 'sgz-location': stored }, routes: { 'GET /api/stations/nearby': NEARBY } },
  )
  await index.waitFor(() => index.find('station-card'), 'a station card')
  expect(index.requests.map((r) => r.query)).toEqual([expect.objectContaining({ lat: '39.0535', lng: '121.779' })])
  expect(index.text(index.querySelectorAll('station-card__name')[0])).toBe(MINXIN.name)
})

test('整个金普新区 picks the district itself', async () => {
  const page = await mountPage('pages/area/index', {}, { openedFrom: ['pages/stations/index'], routes: { 'GET /api/areas': AREAS } })
  await pickDown(page, ['大连市', '金普新区'])
  await page.tap('area-item--whole')
  await page.waitFor(() => page.callsOf('navigateBack').length === 1, 'navigateBack')
  expect(JSON.parse(page.storage.get('sgz-location') as string).state.area.center).toEqual({ lat: 39.0968, lng: 121.7185 })
})

test('opened as the first page, it switches to the 首页 tab when done', async () => {
  const page = await mountPage('pages/area/index', {}, { routes: { 'GET /api/areas': AREAS } })
  await pickDown(page, ['大连市', '金普新区', '先进街道'])
  await page.waitFor(() => page.callsOf('switchTab').length === 1, 'switchTab')
  expect(page.callsOf('switchTab')[0].url).toBe('/pages/index/index')
})

test('for a 代办 request (?for=helped): down to the community, kept in the request form, not as the resident’s own area', async () => {
  const page = await mountPage(
    'pages/area/index',
    { for: 'helped' },
    { openedFrom: ['packages/request/new/index'], routes: { 'GET /api/areas': AREAS } },
  )
  await pickDown(page, ['大连市', '金普新区', '先进街道'])
  expect(page.text()).toContain('请选择社区（村）')
  await pickDown(page, ['民馨社区'])
  await page.waitFor(() => page.callsOf('navigateBack').length === 1, 'navigateBack')
  const draft = JSON.parse(page.storage.get('sgz-request-draft') as string).state.draft
  expect(draft.helpedArea).toEqual({
    path: ['辽宁省', '大连市', '金普新区', '先进街道', '民馨社区'],
    center: { lat: 39.0555, lng: 121.7735 },
  })
  // The resident's own area is untouched.
  expect(page.storage.get('sgz-location')).toBeUndefined()
})
