/**
 * 我的求助 (packages/request/mine/index) on the weapp build: the resident's
 * requests with their status, each opening its detail.
 */
import { mountPage, type MountedPage } from './harness'
import { LOGGED_IN, MY_REQUESTS, RESIDENT_SESSION } from './request-fixtures'

const ROUTE = 'packages/request/mine/index'
const routes = { 'GET /api/requests/mine': { items: MY_REQUESTS }, 'POST /api/auth/wechat': RESIDENT_SESSION }

const items = (page: MountedPage) => page.querySelectorAll('request-item')

test('lists the resident’s requests with their status labels', async () => {
  const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes })
  await page.waitFor(() => items(page).length === 2, 'two request items')

  expect(page.querySelectorAll('request-status').map((n) => page.text(n))).toEqual(['待受理', '已办结'])
  const [waiting, done] = items(page)
  expect(page.text(waiting)).toContain('养老服务 · 为张秀兰代办')
  expect(page.text(waiting)).toContain(MY_REQUESTS[0]!.description)
  expect(page.text(waiting)).toContain(`${MY_REQUESTS[0]!.number} · ${MY_REQUESTS[0]!.station.name}`)
  expect(page.text(done)).toContain('社会救助')
  expect(page.text(done)).toContain(MY_REQUESTS[1]!.description)

  const [get] = page.requests
  expect(get!.path).toBe('/api/requests/mine')
  expect(get!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)
  expect(page.consoleErrors).toEqual([])

  // Tapping one opens its detail.
  await page.tap(done!)
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/request/detail/index?id=${MY_REQUESTS[1]!.id}`])
})

test('not logged in: 登录 first, then the list', async () => {
  const page = await mountPage(ROUTE, {}, { routes })
  expect(page.text()).toContain('登录后可以查看您提交的求助')
  expect(page.requests).toEqual([])

  await page.tap('btn-login')
  await page.waitFor(() => items(page).length === 2, 'two request items')
  expect(page.callsOf('login')).toHaveLength(1)
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/auth/wechat', 'GET /api/requests/mine'])
})

test('no requests yet: says so and offers 有问题找社工', async () => {
  const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes: { 'GET /api/requests/mine': { items: [] } } })
  await page.waitFor(() => page.text().includes('您还没有提交过求助'), 'the empty state')
  const start = page.querySelectorAll('btn').find((b) => page.text(b) === '有问题找社工')!
  await page.tap(start)
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/packages/request/new/index'])
})
