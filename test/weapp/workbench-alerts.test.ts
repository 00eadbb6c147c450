/**
 * 新求助提醒 on the weapp build: 我的账号's switch 「接收新求助提醒」 shows the
 * saved opt-in, and turning it on sends Taro.login's code with it (so the
 * server can reach this WeChat user); the workbench's badge shows on 求助队列
 * in words, and the queue says what arrived and clears it.
 */
import { mountPage, type MountedPage } from './harness'
import { QUEUE, STAFF_LOGGED_IN, STAFF_ME } from './request-fixtures'

const ME = { 'GET /api/staff/me': STAFF_ME, 'GET /api/staff/me/sessions': { items: [] } }
const switchOf = (page: MountedPage) => page.find('alert-switch')!

test('我的账号: the switch shows the saved opt-in; turning it on sends the login code, off sends none', async () => {
  const page = await mountPage(
    'packages/workbench/me/index',
    {},
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        ...ME,
        'GET /api/staff/notification-settings': { enabled: false, linked: false },
        'PUT /api/staff/notification-settings': (req) => ({ enabled: (req.data as { enabled: boolean }).enabled, linked: true }),
        'GET /api/staff/badge': { count: 0 },
      },
    },
  )
  await page.waitFor(
    () => page.find('alert-switch') && page.requests.some((r) => r.path === '/api/staff/notification-settings'),
    'the switch',
  )
  expect(page.text(page.find('my-account__alerts')!)).toContain('接收新求助提醒')
  await page.trigger(switchOf(page), 'change', { value: true })
  await page.waitFor(() => page.requests.some((r) => r.method === 'PUT'), 'the opt-in')
  const on = page.requests.find((r) => r.method === 'PUT')!
  expect(on.data).toEqual({ enabled: true, code: 'harness-login-code' })
  expect(page.callsOf('login').length).toBe(1)
  await page.waitFor(() => page.callsOf('showToast').some((t) => t.title === '已开启新求助提醒'), 'the toast')

  await page.trigger(switchOf(page), 'change', { value: false })
  await page.waitFor(() => page.requests.filter((r) => r.method === 'PUT').length === 2, 'the opt-out')
  expect(page.requests.filter((r) => r.method === 'PUT')[1]!.data).toEqual({ enabled: false })
  expect(page.callsOf('login').length).toBe(1)
  expect(page.consoleErrors).toEqual([])
})

test('the badge: 求助队列 on 我的账号 says how many arrived; the queue says so and clears it', async () => {
  const routes = {
    ...ME,
    'GET /api/staff/notification-settings': { enabled: true, linked: true },
    'GET /api/staff/badge': { count: 3 },
    'POST /api/staff/badge/seen': { ok: true },
    'GET /api/staff/queue': { items: QUEUE },
    'GET /api/staff/ratings': { items: [], lowUnreplied: 0 },
  }
  const me = await mountPage('packages/workbench/me/index', {}, { storage: STAFF_LOGGED_IN, routes })
  await me.waitFor(() => me.find('queue-badge'), 'the badge')
  expect(me.text(me.find('queue-badge')!)).toBe('3 条新求助')

  const queue = await mountPage('packages/workbench/queue/index', {}, { storage: STAFF_LOGGED_IN, routes })
  await queue.waitFor(() => queue.find('queue__arrivals'), 'the arrivals')
  expect(queue.text(queue.find('queue__arrivals')!)).toBe('自上次查看，3 条新求助')
  await queue.waitFor(() => queue.requests.some((r) => r.path === '/api/staff/badge/seen'), 'the badge cleared')
  expect(queue.consoleErrors).toEqual([])
})
