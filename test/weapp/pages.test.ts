/**
 * Every page of dist/weapp/app.json (subpackages too) loads, renders and logs
 * no error. Catches a page that throws on load, a missing chunk, or a
 * component that breaks only in the weapp build.
 */
import { appPages, mountPage } from './harness'
import { AREAS, HERE, NEARBY, STATION_LIST, XIANJIN, XIANJIN_DETAIL } from './fixtures'

const { main: mainPages, sub: subPages } = appPages()

const routes = {
  'GET /api/stations/:id': XIANJIN_DETAIL,
  'GET /api/stations/nearby': NEARBY,
  'GET /api/stations': STATION_LIST,
  'GET /api/areas': AREAS,
  'GET /api/activities': { items: [] },
  'GET /api/stations/:id/ratings': { count: 0, minimum: 5, summary: null, comments: [] },
  'GET /api/stations/:id/bookable': { items: [] },
}

test.each(mainPages)('%s renders without errors', async (route) => {
  const page = await mountPage(route, { id: XIANJIN.id }, { location: HERE, routes })
  await page.waitFor(() => !page.find('loading-state'), 'the loading state to end')
  expect(page.text().trim()).not.toBe('')
  expect(page.consoleErrors).toEqual([])
  expect(page.unmatchedRequests).toEqual([])
})

// Subpackage pages need more of the API than these routes; only check that they load without errors.
test.each(subPages.length ? subPages : ['(none)'])('%s (subpackage) loads without errors', async (route) => {
  if (route === '(none)') return
  const page = await mountPage(route, { id: XIANJIN.id, stationId: XIANJIN.id }, { location: HERE, routes })
  await page.waitFor(() => !page.find('loading-state'), 'the loading state to end')
  expect(page.consoleErrors).toEqual([])
})

test('the build has the pages the tests drive', () => {
  expect(mainPages).toEqual(
    expect.arrayContaining(['pages/index/index', 'pages/stations/index', 'pages/station/index', 'pages/area/index', 'pages/mine/index']),
  )
})
