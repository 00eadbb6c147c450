/**
 * Every page a resident reaches by a link works when it is the first page
 * opened (a subscribe message, a share, a bookmark in h5): nothing before it
 * has loaded the session, yet each call carries the resident's token, and a
 * resident who is not logged in is asked to log in, not shown an error.
 */
import { mountPage, reply, type FakeRequest, type RouteAnswer } from './harness'
import { LOGGED_IN, MY_REQUESTS, RESIDENT_SESSION, RESOLVED_DETAIL } from './request-fixtures'
import { FAMILY, MY_ENROLLMENTS, NOW } from './activity-fixtures'

const BEARER = `Bearer ${RESIDENT_SESSION.token}`

/** The server's answer: 401 without the resident's token, like the real one. */
const authed =
  (answer: RouteAnswer) =>
  (req: FakeRequest): RouteAnswer =>
    req.header.Authorization === BEARER ? answer : reply(401, { code: 'UNAUTHORIZED', message: '请先登录' })

const PAGES: { route: string; query: Record<string, string>; routes: Record<string, ReturnType<typeof authed>>; shows: string }[] = [
  {
    route: 'packages/request/detail/index',
    query: { id: RESOLVED_DETAIL.id },
    routes: { 'GET /api/requests/:id': authed(RESOLVED_DETAIL) },
    shows: 'timeline',
  },
  {
    route: 'packages/request/mine/index',
    query: {},
    routes: { 'GET /api/requests/mine': authed({ items: MY_REQUESTS }) },
    shows: 'request-item',
  },
  {
    route: 'packages/activity/mine/index',
    query: {},
    routes: { 'GET /api/enrollments/mine': authed(MY_ENROLLMENTS) },
    shows: 'enrollment',
  },
  { route: 'packages/activity/family/index', query: {}, routes: { 'GET /api/me/family': authed(FAMILY) }, shows: 'family-member' },
]

describe.each(PAGES)('$route opened cold', ({ route, query, routes, shows }) => {
  test('logged in: every call carries the token and the page shows its content', async () => {
    const page = await mountPage(route, query, { now: NOW, storage: LOGGED_IN, routes })
    await page.waitFor(() => page.find(shows), shows)
    expect(page.requests.length).toBeGreaterThan(0)
    expect(page.requests.map((r) => [r.path, r.header.Authorization])).toEqual(page.requests.map((r) => [r.path, BEARER]))
    expect(page.find('error-state')).toBeUndefined()
    expect(page.consoleErrors).toEqual([])
  })
})

test('求助详情 opened cold while logged out: asks to log in (no call, no 重试), then shows the request', async () => {
  const page = await mountPage(
    'packages/request/detail/index',
    { id: RESOLVED_DETAIL.id },
    { now: NOW, routes: { 'GET /api/requests/:id': authed(RESOLVED_DETAIL), 'POST /api/auth/wechat': RESIDENT_SESSION } },
  )
  await page.waitFor(() => page.find('btn-login'), 'the login button')
  expect(page.requests).toEqual([])
  expect(page.text()).not.toContain('重试')

  await page.tap('btn-login')
  await page.waitFor(() => page.find('timeline'), 'the timeline after logging in')
  expect(page.callsOf('login')).toHaveLength(1)
  const get = page.requests.find((r) => r.path === `/api/requests/${RESOLVED_DETAIL.id}`)
  expect(get?.header.Authorization).toBe(BEARER)
})

test('求助详情 whose session the server no longer knows (401): asks to log in again, and loads after it', async () => {
  let known = false
  const page = await mountPage(
    'packages/request/detail/index',
    { id: RESOLVED_DETAIL.id },
    {
      now: NOW,
      storage: LOGGED_IN,
      routes: {
        'GET /api/requests/:id': () => (known ? RESOLVED_DETAIL : reply(401, { code: 'UNAUTHORIZED', message: '请先登录' })),
        'POST /api/auth/wechat': () => ((known = true), RESIDENT_SESSION),
      },
    },
  )
  await page.waitFor(() => page.find('btn-login'), 'the login button')
  await page.tap('btn-login')
  await page.waitFor(() => page.find('timeline'), 'the timeline after logging in again')
})
