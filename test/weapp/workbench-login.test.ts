/**
 * 社工工作台 login (packages/workbench/login) on the weapp build: a station
 * account logs in with its own session, kept apart from the resident's.
 */
import { attrOf, mountPage, reply, type MountedPage } from './harness'
import { STAFF_LOGGED_IN, STAFF_ME, STAFF_SESSION } from './request-fixtures'

const LOGIN = 'packages/workbench/login/index'
const STAFF_KEY = 'sgz-staff-session'

const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST')

/**
 * Types without pressing the keyboard's 完成 key. (page.input also fires
 * `confirm`, and the password box logs in on confirm.)
 */
const type = (page: MountedPage, cls: string, value: string) => page.trigger(cls, 'input', { value, cursor: value.length, keyCode: 0 })

describe('工作台 login', () => {
  const routes = { 'POST /api/staff/login': STAFF_SESSION, 'GET /api/staff/me': STAFF_ME }

  test('posts the typed username and password, then opens the queue', async () => {
    const page = await mountPage(LOGIN, {}, { routes })
    expect(page.find('page-staff-login')).toBeDefined()
    await type(page, 'staff-username', ' xianjin01 ')
    await type(page, 'staff-password', 'Pa55 word')
    expect(page.requests).toEqual([])
    await page.tap('btn-staff-login')
    await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect to the queue')

    expect(posts(page)).toHaveLength(1)
    const [login] = posts(page)
    expect(login!.path).toBe('/api/staff/login')
    expect(login!.data).toEqual({ username: 'xianjin01', password: 'Pa55 word' })
    // The staff token (not a resident's) goes with the next call.
    const me = page.requests.find((r) => r.path === '/api/staff/me')
    expect(me?.header.Authorization).toBe(`Bearer ${STAFF_SESSION.token}`)
    expect(page.callsOf('redirectTo').map((o) => o.url)).toEqual(['/packages/workbench/queue/index'])
    expect(JSON.parse(page.storage.get(STAFF_KEY) as string).state).toMatchObject({ token: STAFF_SESSION.token, me: STAFF_ME })
    expect(page.consoleErrors).toEqual([])
  })

  test('完成 on the keyboard in the password box logs in too', async () => {
    const page = await mountPage(LOGIN, {}, { routes })
    await type(page, 'staff-username', 'xianjin01')
    await page.input('staff-password', 'Pa55 word')
    await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect to the queue')
    expect(posts(page).map((r) => r.data)).toEqual([{ username: 'xianjin01', password: 'Pa55 word' }])
  })

  test('the password input is a password field', async () => {
    const page = await mountPage(LOGIN, {}, { routes })
    expect(attrOf(page.get('staff-password')._exparserNode, 'password')).toBe(true)
  })

  test('without a password it asks for one and sends nothing', async () => {
    const page = await mountPage(LOGIN, {}, { routes })
    await type(page, 'staff-username', 'xianjin01')
    await page.tap('btn-staff-login')
    expect(page.text(page.get('field__error'))).toBe('请输入账号和密码')
    expect(page.requests).toEqual([])
  })

  test('a wrong password shows the server’s message and stays on the login page', async () => {
    const page = await mountPage(
      LOGIN,
      {},
      {
        routes: { ...routes, 'POST /api/staff/login': reply(401, { code: 'UNAUTHORIZED', message: '账号或密码不正确' }) },
      },
    )
    await type(page, 'staff-username', 'xianjin01')
    await type(page, 'staff-password', 'wrong')
    await page.tap('btn-staff-login')
    await page.waitFor(() => page.find('field__error'), 'the error')
    expect(page.text(page.get('field__error'))).toBe('账号或密码不正确')
    expect(page.callsOf('redirectTo')).toEqual([])
  })

  test('already logged in: goes straight to the queue', async () => {
    const page = await mountPage(LOGIN, {}, { routes, storage: STAFF_LOGGED_IN })
    await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect to the queue')
    expect(page.callsOf('redirectTo')[0].url).toBe('/packages/workbench/queue/index')
    expect(page.requests).toEqual([])
  })
})
