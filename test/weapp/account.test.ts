/**
 * 个人信息 (packages/account/data/index) and the supervisors' access log on
 * the workbench request page, on the weapp build: the resident sees what the
 * portal holds, exports it as a JSON file, and deletes the account (after a
 * confirmation that says what happens); a supervisor sees who opened a request.
 */
import type { AccountExport } from '../../contract/types'
import { mountPage } from './harness'
import { SON, SON_CONFIRMED } from './activity-fixtures'
import { CLAIMED, LOGGED_IN, RESIDENT_SESSION, STAFF_LOGGED_IN, STAFF_ME, WAITING_DETAIL, persisted, STAFF_SESSION } from './request-fixtures'

const ROUTE = 'packages/account/data/index'

const EXPORT: AccountExport = {
  exportedAt: '2026-11-24T02:00:00.000Z',
  user: { id: RESIDENT_SESSION.user.id, nickname: '微信用户', role: 'resident', createdAt: '2026-11-01T02:00:00.000Z' },
  consents: [{ purpose: 'children', version: '2026-11-01', grantedAt: '2026-11-02T02:00:00.000Z' }],
  family: [SON],
  requests: [WAITING_DETAIL],
  enrollments: [SON_CONFIRMED],
  photos: [],
}

test('shows what the portal holds, and exports it as a JSON file to share', async () => {
  const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes: { 'GET /api/me/export': EXPORT } })
  await page.waitFor(() => !!page.find('my-data__family'), 'the summary')
  expect(page.text(page.get('my-data__family'))).toContain(`${SON.name}（${SON.relationship}，${SON.age} 岁）`)
  expect(page.text(page.get('my-data__requests'))).toContain(WAITING_DETAIL.number)
  expect(page.text(page.get('my-data__enrollments'))).toContain(`${SON_CONFIRMED.activity.title}·${SON_CONFIRMED.participant.name} 报名成功`)
  expect(page.text(page.get('my-data__consents'))).toContain('儿童个人信息保护规则（监护人同意）')
  expect(page.requests[0]!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)

  await page.tap('btn-export')
  const [shared] = page.callsOf('shareFileMessage')
  expect(shared.fileName).toBe('社工站居民服务-我的信息-2026-11-24.json')
  expect(shared.filePath).toMatch(/我的信息-2026-11-24\.json$/)
  expect(page.consoleErrors).toEqual([])
})

test('deleting the account: says what happens, calls DELETE /api/me, forgets the session and goes home', async () => {
  const routes = { 'GET /api/me/export': EXPORT, 'DELETE /api/me': { ok: true } }
  const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes })
  await page.waitFor(() => !!page.find('btn-delete-account'), 'the delete button')
  await page.tap('btn-delete-account')
  await page.waitFor(() => page.callsOf('switchTab').length === 1, 'back to 首页')

  expect(page.callsOf('showModal')[0].content).toContain('无法恢复')
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/me/export', 'DELETE /api/me'])
  expect(page.callsOf('switchTab')[0].url).toBe('/pages/index/index')
  expect(JSON.parse(String(page.storage.get('sgz-session'))).state.token).toBeNull()
})

test('deleting, then changing one’s mind: nothing is sent', async () => {
  const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, modalConfirm: false, routes: { 'GET /api/me/export': EXPORT } })
  await page.waitFor(() => !!page.find('btn-delete-account'), 'the delete button')
  await page.tap('btn-delete-account')
  expect(page.requests.map((r) => r.method)).toEqual(['GET'])
  expect(JSON.parse(String(page.storage.get('sgz-session'))).state.token).toBe(RESIDENT_SESSION.token)
})

test('not logged in: log in first, then the summary', async () => {
  const page = await mountPage(ROUTE, {}, { routes: { 'GET /api/me/export': EXPORT, 'POST /api/auth/wechat': RESIDENT_SESSION } })
  expect(page.text()).toContain('登录后可以查看、导出平台保存的您的个人信息')
  await page.tap('btn-login')
  await page.waitFor(() => !!page.find('my-data__family'), 'the summary')
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/auth/wechat', 'GET /api/me/export'])
})

describe('the access log on the workbench request page', () => {
  const REQUEST = 'packages/workbench/request/index'
  const LOG = { items: [{ staffName: '李社工', stationName: '先进街道社工站', accessedAt: '2026-11-24T01:30:00.000Z' }] }
  const routes = { 'GET /api/staff/requests/:id': CLAIMED, 'GET /api/staff/requests/:id/access-log': LOG }

  test('a supervisor sees who opened the request’s personal data, and when', async () => {
    const supervisor = { 'sgz-staff-session': persisted({ token: STAFF_SESSION.token, expiresAt: STAFF_SESSION.expiresAt, me: { ...STAFF_ME, user: { ...STAFF_ME.user, role: 'supervisor' } } }) }
    const page = await mountPage(REQUEST, { id: CLAIMED.id }, { storage: supervisor, routes })
    await page.waitFor(() => !!page.find('btn-access-log'), 'the access log button')
    await page.tap('btn-access-log')
    await page.waitFor(() => !!page.find('access-log__item'), 'the log')
    expect(page.text(page.get('access-log__item'))).toBe('11月24日 09:30 · 先进街道社工站 李社工')
    expect(page.requests.at(-1)!.path).toBe(`/api/staff/requests/${CLAIMED.id}/access-log`)
  })

  test('a social worker does not see it', async () => {
    const page = await mountPage(REQUEST, { id: CLAIMED.id }, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => page.text().includes(CLAIMED.description), 'the request')
    expect(page.find('access-log')).toBeUndefined()
  })
})
