/**
 * Notifications for staff over the API (in-process, helpers/server.ts), on
 * PGlite and PostgreSQL: station accounts opt in to 「接收新求助提醒」
 * (GET/PUT /api/staff/notification-settings); a request entering a queue
 * (new, transferred, escalated, reopened by a 回访 or a resident's 未解决),
 * assigned to a worker, or near its response
 * target puts one subscribe message per opted-in worker in the outbox —
 * nobody opted out, nobody of another station, never the actor, never twice;
 * the badge (GET /api/staff/badge) counts what arrived since the worker last
 * looked (POST /api/staff/badge/seen). Who may call the routes.
 */
import { alertNearTarget } from '../../server/repositories/staffAlerts'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

let server: TestApp
type Client = ReturnType<typeof api>
const who: Record<string, Client> = {}
const ids: Record<string, string> = {}

const ACCOUNTS = {
  head: 'xianjin-head',
  li: 'xianjin-li',
  wang: 'xianjin-wang',
  liu: 'minxin-liu',
  zhao: 'jinpu-zhao',
  admin: 'jinpu-admin',
} as const
type Who = keyof typeof ACCOUNTS

let counter = 0
/** A request 李社工 takes at 先进's counter. */
const counterRequest = async (urgency: 'normal' | 'urgent' = 'normal') => {
  const res = await who.li!.post('/api/staff/requests', {
    channel: 'counter',
    category: 'elderly_care',
    description: `提醒测试 ${counter++}：想了解助餐服务`,
    requester: 'self',
    contactName: '提醒测试居民',
    contactPhone: '13900008888',
    urgency,
  })
  expect(res.status).toBe(201)
  return res.body.id as string
}

interface Message {
  user: Who
  kind: string
  label: string
  note: string
  number: string
  delayed: boolean
}
/** The staff alerts about one request, by worker, in the order written. */
async function alertsFor(requestId: string): Promise<Message[]> {
  const { rows } = await server.db.query<{ user_id: string; payload: Record<string, string>; created_at: Date; next_attempt_at: Date }>(
    `SELECT user_id, payload, created_at, next_attempt_at FROM outbox WHERE topic = 'staff_alert' AND payload->>'requestId' = $1 ORDER BY id`,
    [requestId],
  )
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k as Who]))
  return rows.map((r) => ({
    user: byId[r.user_id] ?? (r.user_id as Who),
    kind: r.payload.kind!,
    label: r.payload.label!,
    note: r.payload.note!,
    number: r.payload.number!,
    delayed: new Date(r.next_attempt_at).getTime() > new Date(r.created_at).getTime(),
  }))
}
/** Who got what, sorted (the workers of one occasion are written in no particular order). */
const pairs = (ms: Message[]) => ms.map((m) => `${m.user}:${m.kind}`).sort()

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
  for (const [key, username] of Object.entries(ACCOUNTS)) {
    const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
    expect(res.status).toBe(200)
    ids[key] = res.body.user.id
    who[key] = api(server.url, res.body.token)
  }
})
afterAll(() => server?.stop())

test(`opting in and out: off by default, kept per account, bad input refused, on ${backend}`, async () => {
  expect((await who.wang!.get('/api/staff/notification-settings')).body).toEqual({ enabled: false, linked: false })
  const on = await who.wang!.put('/api/staff/notification-settings', { enabled: true })
  expect(on.status).toBe(200)
  expect(on.body).toEqual({ enabled: true, linked: false })
  expect((await who.wang!.get('/api/staff/notification-settings')).body).toEqual({ enabled: true, linked: false })
  // Someone else's setting is untouched.
  expect((await who.li!.get('/api/staff/notification-settings')).body).toEqual({ enabled: false, linked: false })
  for (const body of [{}, { enabled: 'yes' }, { enabled: true, extra: 1 }, { enabled: true, code: '' }]) {
    const res = await who.wang!.put('/api/staff/notification-settings', body)
    expect(res.status).toBe(400)
    expect(res.body.code).toMatch(/FIELD_INVALID|BAD_REQUEST/)
  }
  expect((await who.wang!.get('/api/staff/notification-settings')).body.enabled).toBe(true)
})

test(`a new request alerts its station's opted-in workers only — not the actor, not the opted-out, not other stations, on ${backend}`, async () => {
  for (const k of ['wang', 'liu', 'zhao', 'li'] as const) {
    expect((await who[k]!.put('/api/staff/notification-settings', { enabled: true })).status).toBe(200)
  }
  expect((await who.head!.put('/api/staff/notification-settings', { enabled: false })).status).toBe(200)

  // Urgent: 王 gets it at once; 李 entered it herself; 孙站长 opted out; 民馨's 刘 and 金普's 赵 are other stations.
  const urgent = await counterRequest('urgent')
  const messages = await alertsFor(urgent)
  expect(pairs(messages)).toEqual(['wang:new'])
  expect(messages[0]).toMatchObject({ label: '新求助', note: '紧急·养老服务', delayed: false })
  expect(messages[0]!.number).toMatch(/^QZ-/)
  // No personal data in the message.
  expect(JSON.stringify(messages)).not.toMatch(/提醒测试居民|13900008888|助餐/)

  // Replies, notes and acceptance alert nobody.
  expect((await who.wang!.post(`/api/staff/requests/${urgent}/note`, { body: '我来跟进' })).status).toBe(200)
  expect((await who.wang!.post(`/api/staff/requests/${urgent}/accept`, {})).status).toBe(200)
  expect(pairs(await alertsFor(urgent))).toEqual(['wang:new'])
})

test(`transferred and escalated requests alert the receiving station; an assignment alerts the assignee only, on ${backend}`, async () => {
  const minxin = (await server.db.query<{ id: string }>(`SELECT station_id AS id FROM users WHERE username = 'minxin-liu'`)).rows[0]!.id
  const moved = await counterRequest()
  expect((await who.li!.post(`/api/staff/requests/${moved}/transfer`, { stationId: minxin, reason: '由社区跟进' })).status).toBe(200)
  expect(pairs(await alertsFor(moved))).toEqual(['liu:transferred', 'wang:new'])

  const escalated = await counterRequest()
  expect((await who.li!.post(`/api/staff/requests/${escalated}/escalate`, { reason: '需要总站协调' })).status).toBe(200)
  expect(pairs(await alertsFor(escalated))).toEqual(['wang:new', 'zhao:escalated'])

  // The head assigns to 王 (opted in): only 王 hears of it. Assigned to 孙站长 himself, opted out: nobody.
  const assigned = await counterRequest()
  expect((await who.head!.post(`/api/staff/requests/${assigned}/assign`, { assigneeId: ids.wang })).status).toBe(200)
  expect(pairs(await alertsFor(assigned))).toEqual(['wang:assigned', 'wang:new'])
  const toHead = await counterRequest()
  expect((await who.head!.post(`/api/staff/requests/${toHead}/assign`, { assigneeId: ids.head })).status).toBe(200)
  expect(pairs(await alertsFor(toHead))).toEqual(['wang:new'])
  // A worker who takes a request himself is not told about it.
  const taken = await counterRequest()
  expect((await who.wang!.post(`/api/staff/requests/${taken}/assign`, { assigneeId: ids.wang })).status).toBe(200)
  expect(pairs(await alertsFor(taken))).toEqual(['wang:new'])
})

test(`reopened — by a 回访 that finds the resident still needs help, or by the resident's 未解决 — alerts the station's opted-in workers, on ${backend}`, async () => {
  // 回访: 李 records 还需要帮助; the request is back in 先进's queue, unassigned. 王 hears of it; 李 did it; 孙站长 opted out.
  const called = await counterRequest()
  expect((await who.li!.post(`/api/staff/requests/${called}/accept`, {})).status).toBe(200)
  expect((await who.li!.post(`/api/staff/requests/${called}/resolve`, { summary: '已登记助餐', followUpDays: 3 })).status).toBe(200)
  const call = (await server.db.query<{ id: string }>('SELECT id FROM follow_ups WHERE request_id = $1', [called])).rows[0]!.id
  const outcome = await who.li!.post(`/api/staff/followups/${call}/outcome`, { reached: true, satisfied: false, needsMoreHelp: true })
  expect(outcome.status).toBe(200)
  expect(pairs(await alertsFor(called))).toEqual(['wang:new', 'wang:reopened'])
  expect((await alertsFor(called)).find((m) => m.kind === 'reopened')).toMatchObject({ label: '重新待办', note: '养老服务' })

  // 未解决: the resident's rating sends it back; both opted-in workers of 先进 hear of it, nobody elsewhere.
  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '提醒测试的求助居民' })).body.token)
  const created = await resident.post<{ id: string }>(
    '/api/requests',
    {
      category: 'elderly_care',
      description: '提醒测试：想给母亲申请助餐',
      requester: 'self',
      contactName: '提醒测试求助人',
      contactPhone: '13900007777',
      urgency: 'normal',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
    },
    { 'idempotency-key': `staff-alerts-reopened-${Date.now()}` },
  )
  expect(created.status).toBe(201)
  const rated = created.body.id
  expect((await who.li!.post(`/api/staff/requests/${rated}/accept`, {})).status).toBe(200)
  expect((await who.li!.post(`/api/staff/requests/${rated}/resolve`, { summary: '已登记助餐' })).status).toBe(200)
  const rating = await resident.post(`/api/requests/${rated}/rating`, { outcome: 'unresolved', stars: 2, comment: '还没有人联系' })
  expect(rating.status).toBe(201)
  expect(pairs(await alertsFor(rated))).toEqual(['li:new', 'li:reopened', 'wang:new', 'wang:reopened'])
  // No personal data, no resident's words in the message.
  expect(JSON.stringify(await alertsFor(rated))).not.toMatch(/提醒测试求助人|13900007777|还没有人联系/)
})

test(`near its target, a waiting request alerts its station once, however often the job runs; opted out gets nothing, on ${backend}`, async () => {
  const urgent = await counterRequest('urgent')
  const normal = await counterRequest('normal')
  const due = async (id: string) =>
    new Date((await server.db.query<{ due_at: Date }>('SELECT due_at FROM help_requests WHERE id = $1', [id])).rows[0]!.due_at)
  // 20 minutes before the urgent one's target (lead 30 minutes): it alerts; the normal one is far from its target.
  const at = new Date((await due(urgent)).getTime() - 20 * 60_000)
  const first = await server.db.transaction((tx) => alertNearTarget(tx, at))
  expect(first).toBeGreaterThanOrEqual(1)
  // 李 entered it, but near its target it concerns every opted-in worker of the station.
  expect(pairs(await alertsFor(urgent))).toEqual(['li:near_target', 'wang:near_target', 'wang:new'])
  expect((await alertsFor(urgent)).find((m) => m.kind === 'near_target')).toMatchObject({ label: '即将超时', delayed: false })
  expect(pairs(await alertsFor(normal))).toEqual(['wang:new'])
  // The job again, and twice at once: nothing more.
  expect(await server.db.transaction((tx) => alertNearTarget(tx, new Date(at.getTime() + 60_000)))).toBe(0)
  await Promise.all([1, 2].map(() => server.db.transaction((tx) => alertNearTarget(tx, at))))
  expect(pairs(await alertsFor(urgent))).toEqual(['li:near_target', 'wang:near_target', 'wang:new'])

  // 王 and 李 opt out: the normal one, near its target later, alerts nobody.
  for (const k of ['wang', 'li'] as const) {
    expect((await who[k]!.put('/api/staff/notification-settings', { enabled: false })).body.enabled).toBe(false)
  }
  const normalAt = new Date((await due(normal)).getTime() - 60 * 60_000)
  await server.db.transaction((tx) => alertNearTarget(tx, normalAt))
  expect(pairs(await alertsFor(normal))).toEqual(['wang:new'])
  // Past its target it is no longer "near" (the escalation job's business).
  const past = new Date((await due(normal)).getTime() + 60_000)
  expect(await server.db.transaction((tx) => alertNearTarget(tx, past))).toBe(0)
  expect((await who.wang!.put('/api/staff/notification-settings', { enabled: true })).body.enabled).toBe(true)
})

test(`the badge counts what entered my queue or was assigned to me since I looked, on ${backend}`, async () => {
  expect((await who.wang!.post('/api/staff/badge/seen', {})).status).toBe(200)
  expect((await who.wang!.get('/api/staff/badge')).body).toEqual({ count: 0 })

  const first = await counterRequest()
  await counterRequest()
  expect((await who.wang!.get('/api/staff/badge')).body).toEqual({ count: 2 })
  // Another station's worker does not see 先进's arrivals.
  expect((await who.liu!.post('/api/staff/badge/seen', {})).status).toBe(200)
  expect((await who.liu!.get('/api/staff/badge')).body).toEqual({ count: 0 })

  // 李 takes one: it left the queue.
  expect((await who.li!.post(`/api/staff/requests/${first}/accept`, {})).status).toBe(200)
  expect((await who.wang!.get('/api/staff/badge')).body).toEqual({ count: 1 })

  // Seen: 0. Then the head assigns one to 王: 1 for 王, and it does not count for 李 (assigned, not waiting unassigned).
  expect((await who.wang!.post('/api/staff/badge/seen', {})).status).toBe(200)
  expect((await who.li!.post('/api/staff/badge/seen', {})).status).toBe(200)
  expect((await who.wang!.get('/api/staff/badge')).body).toEqual({ count: 0 })
  const assigned = await counterRequest()
  expect((await who.li!.post('/api/staff/badge/seen', {})).status).toBe(200)
  expect((await who.head!.post(`/api/staff/requests/${assigned}/assign`, { assigneeId: ids.wang })).status).toBe(200)
  expect((await who.wang!.get('/api/staff/badge')).body).toEqual({ count: 1 })
  expect((await who.li!.get('/api/staff/badge')).body).toEqual({ count: 0 })
})

test(`who may call the routes: nobody 401, a resident 403, an admin without a queue 403, on ${backend}`, async () => {
  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '提醒测试的居民' })).body.token)
  const calls = [
    ['GET', '/api/staff/notification-settings', undefined],
    ['PUT', '/api/staff/notification-settings', { enabled: true }],
    ['GET', '/api/staff/badge', undefined],
    ['POST', '/api/staff/badge/seen', {}],
  ] as const
  for (const [method, path, body] of calls) {
    expect((await api(server.url).call(method, path, body)).status).toBe(401)
    expect((await resident.call(method, path, body)).status).toBe(403)
    const admin = await who.admin!.call(method, path, body)
    expect(admin.status).toBe(403)
    expect(admin.body.code).toBe('FORBIDDEN')
  }
  // Nothing was written for them.
  const { rows } = await server.db.query('SELECT 1 FROM staff_notification_settings WHERE user_id = $1', [ids.admin])
  expect(rows).toEqual([])
})
