/**
 * 我的 (pages/mine/index) on the weapp build: 微信一键登录 exchanges the
 * wx.login code for a session; 退出登录 revokes it.
 */
import type { Session } from '../../contract/types'
import { mountPage, reply } from './harness'

const SESSION: Session = {
  token: 'harness-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: '0b7c1a52-0000-4000-8000-0000000000aa', nickname: '微信用户', role: 'resident' },
}

test('微信一键登录 sends the wx.login code and shows the resident as logged in', async () => {
  const page = await mountPage(
    'pages/mine/index',
    {},
    { routes: { 'POST /api/auth/wechat': SESSION, 'POST /api/auth/logout': { ok: true } } },
  )
  expect(page.find('page-mine')).toBeDefined()
  expect(page.text()).toContain('未登录')
  await page.tap('btn-login')
  await page.waitFor(() => page.find('btn-logout'), 'the logged-in state')
  expect(page.callsOf('login')).toHaveLength(1)
  const [login] = page.requests
  expect(login!.method).toBe('POST')
  expect(login!.path).toBe('/api/auth/wechat')
  expect(login!.data).toEqual({ code: 'harness-login-code' })
  expect(page.text()).toContain('已登录')
  expect(page.callsOf('showToast')).toEqual([expect.objectContaining({ title: '登录成功' })])
  expect(JSON.parse(page.storage.get('sgz-session') as string).state.token).toBe(SESSION.token)

  // 退出登录 revokes the session with its token, then forgets it.
  await page.tap('btn-logout')
  await page.waitFor(() => page.find('btn-login'), 'the logged-out state')
  const logout = page.requests.find((r) => r.path === '/api/auth/logout')
  expect(logout?.header).toMatchObject({ Authorization: `Bearer ${SESSION.token}` })
  expect(JSON.parse(page.storage.get('sgz-session') as string).state.token).toBeNull()
})

test('a failed login says why and stays logged out', async () => {
  const page = await mountPage(
    'pages/mine/index',
    {},
    {
      routes: { 'POST /api/auth/wechat': reply(502, { code: 'UPSTREAM_ERROR', message: '微信登录服务暂时不可用，请稍后重试' }) },
    },
  )
  await page.tap('btn-login')
  await page.waitFor(() => page.callsOf('showModal').length === 1, 'the error dialog')
  expect(page.callsOf('showModal')[0]).toMatchObject({ title: '登录失败', content: '微信登录服务暂时不可用，请稍后重试' })
  expect(page.find('btn-login')).toBeDefined()
})

test('我的报名 and 我的家人 open the activity pages', async () => {
  const page = await mountPage('pages/mine/index', {}, {})
  await page.tap('mine-link--enrollments')
  await page.tap('mine-link--family')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/packages/activity/mine/index', '/packages/activity/family/index'])
  expect(page.text(page.get('mine-link--enrollments'))).toContain('我的报名')
  expect(page.text(page.get('mine-link--family'))).toContain('我的家人')
})
