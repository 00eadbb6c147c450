/**
 * 账号管理, 我的账号 and 操作日志 (issue 14): who may create and change which
 * account (scope, roles no higher than one's own, no self-raise, the last
 * admin of a station), the first password and its change at first login,
 * reset and disable ending sessions at once, a disabled worker's requests back
 * in the station's queue, and the audit log with its scope and filters.
 * In-process, on PGlite and (TEST_DATABASE_URL) PostgreSQL.
 */
import type { HelpRequest, StaffAccount, StaffAccountWithPassword } from '../../contract/types'
import { upsertStaffAccount } from '../../server/repositories/staff'
import { DEMO_STAFF_PASSWORD, seedDemoData } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({
    env: { JOB_INTERVAL_MS: '0' },
    prepare: async (db) => {
      await seedDemoData(db)
      // An admin far away (杨浦区), outside every Dalian subtree.
      await upsertStaffAccount(db, {
        username: 'yangpu-admin',
        password: 'yangpu-pass-1',
        nickname: '杨浦管理员',
        role: 'admin',
        stationCode: 'YP',
      })
    },
  })
})
afterAll(() => server?.stop())

const login = async (username: string, password = DEMO_STAFF_PASSWORD) => {
  const res = await api(server.url).post('/api/staff/login', { username, password })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`)
  return api(server.url, res.body.token as string)
}
const stationId = async (code: string) =>
  (await server.db.query<{ id: string }>('SELECT id FROM stations WHERE code = $1', [code])).rows[0]!.id
const accountId = async (username: string) =>
  (await server.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id
const NEW_PASSWORD = 'Lv-xianjin-2026!'

test(`an admin creates a worker; the first password works once, must be changed, and then the worker's queue opens, on ${backend}`, async () => {
  const admin = await login('jinpu-admin')
  const xianjin = await stationId('DL-JP-XJ')
  const made = await admin.post<StaffAccountWithPassword>('/api/admin/accounts', {
    username: 'xianjin-zhou',
    nickname: '周社工',
    phone: '138 1234 5678',
    stationId: xianjin,
    role: 'staff',
  })
  expect(made.status).toBe(201)
  expect(made.body.account).toMatchObject({
    username: 'xianjin-zhou',
    nickname: '周社工',
    phone: '13812345678',
    role: 'staff',
    status: 'active',
    mustChangePassword: true,
    station: { code: 'DL-JP-XJ' },
  })
  const initial = made.body.initialPassword
  expect(initial.length).toBeGreaterThanOrEqual(12)
  // The password is shown once: the account as listed or read again does not carry it, and it is stored as a hash.
  const listed = await admin.get('/api/admin/accounts?q=zhou')
  expect(JSON.stringify(listed.body)).not.toContain(initial)
  const stored = (
    await server.db.query<{ password_hash: string; phone: string }>(
      `SELECT password_hash, phone FROM users WHERE username = 'xianjin-zhou'`,
    )
  ).rows[0]!
  expect(stored.password_hash).toMatch(/^scrypt\$/)
  expect(stored.phone).toMatch(/^enc:v1:/)

  const worker = await login('xianjin-zhou', initial)
  const me = (await worker.get('/api/staff/me')).body
  expect(me).toMatchObject({ username: 'xianjin-zhou', mustChangePassword: true })
  // Until the password is changed, the workbench is closed.
  const queue = await worker.get('/api/staff/queue')
  expect(queue.status).toBe(403)
  expect(queue.body.message).toContain('修改')

  // The rules: the current password must be right; the new one long enough, not the username, not common, not the same.
  const bad: [Record<string, string>, string, string][] = [
    [{ currentPassword: 'wrong-password-1', newPassword: NEW_PASSWORD }, 'currentPassword', '当前密码'],
    [{ currentPassword: initial, newPassword: 'short1' }, 'newPassword', '至少 10 位'],
    [{ currentPassword: initial, newPassword: 'xianjin-zhou-2026' }, 'newPassword', '账号'],
    [{ currentPassword: initial, newPassword: 'password1234' }, 'newPassword', '常见'],
    [{ currentPassword: initial, newPassword: '1234567890' }, 'newPassword', '常见'],
    [{ currentPassword: initial, newPassword: 'shegong2026' }, 'newPassword', '常见'],
    [{ currentPassword: initial, newPassword: initial }, 'newPassword', '相同'],
  ]
  for (const [body, field, words] of bad) {
    const res = await worker.post('/api/staff/me/password', body)
    expect({ body, status: res.status, field: res.body.field }).toEqual({ body, status: 400, field })
    expect(res.body.message).toContain(words)
  }
  expect((await worker.post('/api/staff/me/password', { currentPassword: initial, newPassword: NEW_PASSWORD, extra: 1 })).status).toBe(400)

  // A second login of the same worker, elsewhere: changing the password signs it out; this one stays.
  const elsewhere = await login('xianjin-zhou', initial)
  expect((await worker.post('/api/staff/me/password', { currentPassword: initial, newPassword: NEW_PASSWORD })).status).toBe(204)
  expect((await elsewhere.get('/api/staff/me')).status).toBe(401)
  expect((await worker.get('/api/staff/me')).body.mustChangePassword).toBe(false)
  expect((await worker.get('/api/staff/queue')).status).toBe(200)
  expect((await api(server.url).post('/api/staff/login', { username: 'xianjin-zhou', password: initial })).status).toBe(401)
  await login('xianjin-zhou', NEW_PASSWORD)
  const sessions = (await worker.get('/api/staff/me/sessions')).body.items
  expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1)
  expect(sessions).toHaveLength(2)
  expect((await worker.post('/api/staff/me/sessions/sign-out-others', {})).body).toEqual({ signedOut: 1 })
  expect((await worker.get('/api/staff/me/sessions')).body.items).toHaveLength(1)

  // The audit log holds the creation and the password change — never a password or a phone number.
  const log = (await admin.get('/api/admin/audit?entity=account')).body.items as { action: string; entityId: string; summary: string }[]
  const mine = log.filter((e) => e.entityId === made.body.account.id).map((e) => e.action)
  expect(mine).toEqual(['change-password', 'create'])
  const all = JSON.stringify((await server.db.query('SELECT * FROM audit_log')).rows)
  expect(all).not.toContain(initial)
  expect(all).not.toContain(NEW_PASSWORD)
  expect(all).not.toContain('13812345678')
})

test(`roles no higher than one's own, inside one's scope; nobody raises their own role; on ${backend}`, async () => {
  const head = await login('xianjin-head')
  const jinpuAdmin = await login('jinpu-admin')
  const xianjin = await stationId('DL-JP-XJ')
  const minxin = await stationId('DL-JP-XJ-MX')
  const dalian = await stationId('DL')
  const yangpu = await stationId('YP')

  // 站长: 社工 at their own station only.
  expect(
    (await head.post('/api/admin/accounts', { username: 'xianjin-new1', nickname: '新社工', stationId: xianjin, role: 'staff' })).status,
  ).toBe(201)
  const asSupervisor = await head.post('/api/admin/accounts', {
    username: 'xianjin-new2',
    nickname: '新督导',
    stationId: xianjin,
    role: 'supervisor',
  })
  expect([asSupervisor.status, asSupervisor.body.field]).toEqual([403, 'role'])
  expect(
    (await head.post('/api/admin/accounts', { username: 'xianjin-new3', nickname: '新社工', stationId: minxin, role: 'staff' })).body.field,
  ).toBe('stationId')
  // The head sees the station's workers, not its supervisors or admins, and not 民馨's.
  const seen = ((await head.get('/api/admin/accounts')).body.items as StaffAccount[]).map((a) => a.username)
  expect(seen).toEqual(expect.arrayContaining(['xianjin-li', 'xianjin-wang', 'xianjin-new1']))
  expect(seen).not.toContain('minxin-liu')
  expect(seen).not.toContain('jinpu-admin')
  // …and cannot touch a fellow head or themselves upward.
  const headId = await accountId('xianjin-head')
  expect((await head.patch(`/api/admin/accounts/${headId}`, { role: 'admin' })).status).toBe(403)
  expect((await head.post(`/api/admin/accounts/${headId}/disable`, {})).status).toBe(403)

  // 管理员 of 金普: any role up to admin, anywhere in 金普's subtree; not in 大连's centre, not in 杨浦.
  expect(
    (await jinpuAdmin.post('/api/admin/accounts', { username: 'minxin-head', nickname: '民馨站长', stationId: minxin, role: 'head' }))
      .status,
  ).toBe(201)
  expect(
    (await jinpuAdmin.post('/api/admin/accounts', { username: 'dalian-x', nickname: '越权', stationId: dalian, role: 'staff' })).body.field,
  ).toBe('stationId')
  expect(
    (await jinpuAdmin.post('/api/admin/accounts', { username: 'yangpu-x', nickname: '越权', stationId: yangpu, role: 'staff' })).body.field,
  ).toBe('stationId')
  // Accounts outside the subtree are not found, whatever is asked of them.
  const dalianChen = await accountId('dalian-chen')
  for (const call of [
    () => jinpuAdmin.get(`/api/admin/accounts/${dalianChen}`),
    () => jinpuAdmin.patch(`/api/admin/accounts/${dalianChen}`, { nickname: '改名' }),
    () => jinpuAdmin.post(`/api/admin/accounts/${dalianChen}/reset-password`, {}),
    () => jinpuAdmin.post(`/api/admin/accounts/${dalianChen}/disable`, {}),
  ])
    expect((await call()).status).toBe(404)
  // No self-raise, no self-disable, no self-move; one's own name may change.
  const jinpuAdminId = await accountId('jinpu-admin')
  expect((await jinpuAdmin.patch(`/api/admin/accounts/${jinpuAdminId}`, { role: 'supervisor' })).body.field).toBe('role')
  expect((await jinpuAdmin.patch(`/api/admin/accounts/${jinpuAdminId}`, { stationId: xianjin })).body.field).toBe('stationId')
  expect((await jinpuAdmin.post(`/api/admin/accounts/${jinpuAdminId}/disable`, {})).status).toBe(403)
  expect((await jinpuAdmin.patch(`/api/admin/accounts/${jinpuAdminId}`, { nickname: '吴管理员' })).status).toBe(200)
  // Workers, supervisors and residents have no 账号管理.
  for (const who of ['xianjin-li', 'jinpu-zhao']) expect((await (await login(who)).get('/api/admin/accounts')).status).toBe(403)
  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '居民' })).body.token)
  expect((await resident.get('/api/admin/accounts')).status).toBe(403)

  // Bad input: 400 with the field, nothing written.
  const before = (await server.db.query('SELECT count(*)::int AS n FROM users')).rows[0]
  for (const [body, field] of [
    [{ username: 'Bad Name', nickname: '甲', stationId: xianjin, role: 'staff' }, 'username'],
    [{ username: 'ab', nickname: '甲', stationId: xianjin, role: 'staff' }, 'username'],
    [{ username: 'xianjin-ok', nickname: '甲', stationId: xianjin, role: 'staff', phone: '12345' }, 'phone'],
    [{ username: 'xianjin-ok', nickname: '  ', stationId: xianjin, role: 'staff' }, 'nickname'],
    [{ username: 'xianjin-ok', nickname: '甲', stationId: xianjin, role: 'boss' }, 'role'],
  ] as const) {
    const res = await jinpuAdmin.post('/api/admin/accounts', body)
    expect({ field, status: res.status, got: res.body.field }).toEqual({ field, status: 400, got: field })
  }
  expect(
    (await jinpuAdmin.post('/api/admin/accounts', { username: 'xianjin-li', nickname: '重名', stationId: xianjin, role: 'staff' })).status,
  ).toBe(409)
  expect((await server.db.query('SELECT count(*)::int AS n FROM users')).rows[0]).toEqual(before)
})

test(`the last active admin of a station cannot be disabled, demoted or moved away, on ${backend}`, async () => {
  const dalianAdmin = await login('dalian-admin')
  const jinpuAdminId = await accountId('jinpu-admin')
  const xianjin = await stationId('DL-JP-XJ')
  const jinpu = await stationId('DL-JP')
  for (const call of [
    () => dalianAdmin.post(`/api/admin/accounts/${jinpuAdminId}/disable`, {}),
    () => dalianAdmin.patch(`/api/admin/accounts/${jinpuAdminId}`, { role: 'supervisor' }),
    () => dalianAdmin.patch(`/api/admin/accounts/${jinpuAdminId}`, { stationId: xianjin }),
  ]) {
    const res = await call()
    expect([res.status, res.body.code]).toEqual([409, 'CONFLICT'])
    expect(res.body.message).toContain('最后一位')
  }
  // With a second admin at 金普, the first may go.
  const second = await dalianAdmin.post<StaffAccountWithPassword>('/api/admin/accounts', {
    username: 'jinpu-admin2',
    nickname: '钱管理员',
    stationId: jinpu,
    role: 'admin',
  })
  expect(second.status).toBe(201)
  const jinpuAdmin = await login('jinpu-admin')
  expect((await dalianAdmin.post(`/api/admin/accounts/${jinpuAdminId}/disable`, {})).body.status).toBe('disabled')
  expect((await jinpuAdmin.get('/api/staff/me')).status).toBe(401)
  // …and now the second is the last one.
  expect((await dalianAdmin.post(`/api/admin/accounts/${second.body.account.id}/disable`, {})).status).toBe(409)
  expect((await dalianAdmin.post(`/api/admin/accounts/${jinpuAdminId}/enable`, {})).body.status).toBe('active')
  await login('jinpu-admin')
})

test(`disabling a worker: the next call is 401, the login refused, the requests they had accepted back in the station's queue, on ${backend}`, async () => {
  const head = await login('xianjin-head')
  const made = (
    await head.post<StaffAccountWithPassword>('/api/admin/accounts', {
      username: 'xianjin-leaving',
      nickname: '要走的社工',
      stationId: await stationId('DL-JP-XJ'),
      role: 'staff',
    })
  ).body
  const first = await login('xianjin-leaving', made.initialPassword)
  await first.post('/api/staff/me/password', { currentPassword: made.initialPassword, newPassword: NEW_PASSWORD })
  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '停用测试居民' })).body.token)
  const request = (
    await resident.post<HelpRequest>(
      '/api/requests',
      {
        category: 'elderly_care',
        description: '停用账号的测试',
        requester: 'self',
        contactName: '居民甲',
        contactPhone: '13912345678',
        urgency: 'normal',
        area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      },
      { 'idempotency-key': 'accounts-disable-1' },
    )
  ).body
  expect((await first.post(`/api/staff/requests/${request.id}/accept`, {})).status).toBe(200)

  const disabled = await head.post<StaffAccount>(`/api/admin/accounts/${made.account.id}/disable`, {})
  expect(disabled.body).toMatchObject({ status: 'disabled' })
  expect((await first.get('/api/staff/queue')).status).toBe(401)
  const refused = await api(server.url).post('/api/staff/login', { username: 'xianjin-leaving', password: NEW_PASSWORD })
  expect(refused.status).toBe(401)
  expect(refused.body.message).toContain('停用')

  const back = (await resident.get<HelpRequest>(`/api/requests/${request.id}`)).body
  expect(back.status).toBe('submitted')
  expect(back.events.at(-1)!.body).toContain('回到「先进街道社工站」的队列')
  const colleague = await login('xianjin-li')
  const queued = (await colleague.get('/api/staff/queue?status=submitted')).body.items.map((r: { id: string }) => r.id)
  expect(queued).toContain(request.id)

  // Enabled again: the old password works (nothing else changed); a reset ends every session and asks for a new one.
  expect((await head.post(`/api/admin/accounts/${made.account.id}/enable`, {})).body.status).toBe('active')
  const again = await login('xianjin-leaving', NEW_PASSWORD)
  const reset = (await head.post<StaffAccountWithPassword>(`/api/admin/accounts/${made.account.id}/reset-password`, {})).body
  expect(reset.account.mustChangePassword).toBe(true)
  expect((await again.get('/api/staff/me')).status).toBe(401)
  expect((await api(server.url).post('/api/staff/login', { username: 'xianjin-leaving', password: NEW_PASSWORD })).status).toBe(401)
  expect((await (await login('xianjin-leaving', reset.initialPassword)).get('/api/staff/queue')).status).toBe(403)
})

test(`the audit log: the subtree's rows for its admins and supervisors, filterable, and nobody else's, on ${backend}`, async () => {
  const jinpuAdmin = await login('jinpu-admin')
  const xianjin = await stationId('DL-JP-XJ')
  const made = (
    await jinpuAdmin.post<StaffAccountWithPassword>('/api/admin/accounts', {
      username: 'xianjin-audit',
      nickname: '审计甲',
      stationId: xianjin,
      role: 'staff',
    })
  ).body
  await jinpuAdmin.patch(`/api/admin/accounts/${made.account.id}`, { nickname: '审计乙', role: 'head', phone: '13900001111' })

  const entry = (items: { entityId: string; action: string }[]) =>
    items.find((e) => e.entityId === made.account.id && e.action === 'update')
  const log = (await jinpuAdmin.get('/api/admin/audit')).body
  expect(entry(log.items)).toMatchObject({
    actor: { name: '吴管理员' },
    station: { name: '先进街道社工站' },
    entity: 'account',
    changes: [
      { field: 'nickname', before: '审计甲', after: '审计乙' },
      { field: 'phone', before: '（已隐藏）', after: '（已隐藏）' },
      { field: 'role', before: '社工', after: '站长' },
    ],
  })
  // Supervisors above read it too; filters narrow it.
  const supervisor = await login('jinpu-zhao')
  expect(entry((await supervisor.get(`/api/admin/audit?stationId=${xianjin}&entity=account`)).body.items)).toBeDefined()
  expect(entry((await supervisor.get('/api/admin/audit?entity=station')).body.items)).toBeUndefined()
  const actor = await accountId('jinpu-admin')
  expect(entry((await supervisor.get(`/api/admin/audit?actorId=${actor}`)).body.items)).toBeDefined()
  expect(entry((await supervisor.get(`/api/admin/audit?actorId=${await accountId('xianjin-head')}`)).body.items)).toBeUndefined()
  expect(entry((await supervisor.get('/api/admin/audit?from=2000-01-01&to=2000-01-02')).body.items)).toBeUndefined()
  // Outside the subtree: nothing; a station outside it: 404; workers and heads: 403; bad filters: 400.
  const yangpu = await login('yangpu-admin', 'yangpu-pass-1')
  expect(entry((await yangpu.get('/api/admin/audit')).body.items)).toBeUndefined()
  expect((await yangpu.get(`/api/admin/audit?stationId=${xianjin}`)).status).toBe(404)
  expect((await (await login('xianjin-li')).get('/api/admin/audit')).status).toBe(403)
  expect((await (await login('xianjin-head')).get('/api/admin/audit')).status).toBe(403)
  for (const q of ['entity=x', 'from=yesterday', 'before=0', 'stationId=1', 'unknown=1'])
    expect((await supervisor.get(`/api/admin/audit?${q}`)).status).toBe(400)
})
