/**
 * 长辈模式 on the real weapp build: WeChat's large font size turns it on, the
 * page root carries the `elder` class that switches the design tokens, and
 * 首页 becomes the four big actions; the request form keeps it.
 */
import { mountPage } from './harness'
import { HERE, NEARBY } from './fixtures'

const routes = { 'GET /api/stations/nearby': NEARBY }
const located = { latitude: HERE.latitude, longitude: HERE.longitude }

test('a large WeChat font size turns 长辈模式 on: the simplified 首页 with the nearest station and four big actions', async () => {
  const page = await mountPage('pages/index/index', {}, { location: located, routes, fontSizeSetting: 22 })
  const root = await page.waitFor(() => page.find('page-index'))
  expect(root.dom.className).toContain('elder')
  const name = await page.waitFor(() => page.find('elder-home__name'))
  expect(page.text(name)).toBe(NEARBY.items[0]!.name)
  expect(page.text(page.get('elder-home__phone'))).toContain(NEARBY.items[0]!.phone)
  expect(page.querySelectorAll('elder-action').map((n) => page.text(n).trim())).toEqual([
    '打电话给社工站',
    '有问题找社工',
    '预约服务',
    '我的求助',
  ])
  await page.tap(page.querySelectorAll('elder-action')[0]!)
  expect(page.callsOf('makePhoneCall')[0].phoneNumber).toBe(NEARBY.items[0]!.phone)
  expect(JSON.parse(String(page.storage.get('sgz-elder'))).state.enabled).toBe(true)
})

test('the standard font size keeps the standard 首页', async () => {
  const page = await mountPage('pages/index/index', {}, { location: located, routes, fontSizeSetting: 17 })
  await page.waitFor(() => page.find('station-card--hero'))
  expect(page.find('elder-home')).toBeUndefined()
})

test('a shared link with elder=1 turns it on and it is remembered', async () => {
  const page = await mountPage('pages/index/index', { elder: '1' }, { location: located, routes })
  await page.waitFor(() => page.find('elder-home'))
  const again = await mountPage(
    'pages/index/index',
    {},
    { location: located, routes, storage: { 'sgz-elder': page.storage.get('sgz-elder') } },
  )
  await again.waitFor(() => again.find('elder-home'))
})

test('the request form in 长辈模式 carries the elder class', async () => {
  const page = await mountPage('packages/request/new/index', {}, { location: located, routes, fontSizeSetting: 22 })
  const root = await page.waitFor(() => page.find('page-request-new'))
  expect(root.dom.className).toContain('elder')
  expect(page.querySelectorAll('option').length).toBeGreaterThan(5)
})
