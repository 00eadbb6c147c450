/**
 * 账号管理's first login on the weapp build: an account with a first (or
 * reset) password lands on 我的账号, not on the queue, and sets its own
 * password there before anything else.
 */
import { mountPage, type MountedPage } from './harness'
import { STAFF_ME, STAFF_SESSION } from './request-fixtures'

const type = (page: MountedPage, cls: string, value: string) => page.trigger(cls, 'input', { value, cursor: value.length, keyCode: 0 })

test('a first password: after login the workbench opens 我的账号, not the queue', async () => {
  const routes = { 'POST /api/staff/login': STAFF_SESSION, 'GET /api/staff/me': { ...STAFF_ME, mustChangePassword: true } }
  const page = await mountPage('packages/workbench/login/index', {}, { routes })
  await type(page, 'staff-username', 'xianjin-zhang')
  await type(page, 'staff-password', 'k7Qm-3xTa-9pRw')
  await page.tap('btn-staff-login')
  await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect')
  expect(page.callsOf('redirectTo').map((o) => o.url)).toEqual(['/packages/workbench/me/index'])
  expect(page.consoleErrors).toEqual([])
})
