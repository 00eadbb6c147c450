/**
 * 回访 over the API (in-process, helpers/server.ts, with an injected clock),
 * on PGlite and PostgreSQL: resolving with 「3 天后回访」 schedules a call;
 * it is 即将回访 at first and due once the clock has moved 3 days; 未接通
 * keeps it in the list and counts the attempt; 已接通 with 还需要帮助 sends
 * the request back to the same station's queue with an entry the resident
 * sees; a reopened request's call is neither listed nor recordable; another
 * station's call is 404 and stays as it was; bad input is a 400 naming the
 * field; the supervisors' report counts the calls.
 */
import type { FollowUpList, HelpRequest, StaffActionResult, StationReport } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

const DAY = 86_400_000
// Tuesday 2026-12-01, 10:00 in Beijing.
let now = new Date('2026-12-01T02:00:00Z')
let server: TestApp
type Client = ReturnType<typeof api>
const who: Record<string, Client> = {}

const loginAll = async () => {
  for (const [key, username] of [
    ['li', 'xianjin-li'],
    ['liu', 'minxin-liu'],
    ['zhao', 'jinpu-zhao'],
    ['admin', 'jinpu-admin'],
  ] as const) {
    const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
    expect(res.status).toBe(200)
    who[key] = api(server.url, res.body.token)
  }
}
let resident: Client
let n = 0
/** A resident's request to 先进街道社工站, accepted and resolved by 李社工 with the given follow-up. */
const resolvedRequest = async (followUpDays?: number) => {
  const created = await resident.post<HelpRequest>(
    '/api/requests',
    {
      category: 'elderly_care',
      description: `回访测试 ${n}：想给母亲申请助餐`,
      requester: 'self',
      contactName: '回访测试居民',
      contactPhone: '13900005555',
      urgency: 'normal',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
    },
    { 'idempotency-key': `followups-${n++}` },
  )
  expect(created.status).toBe(201)
  expect(created.body.station.name).toBe('先进街道社工站')
  const id = created.body.id
  expect((await who.li!.post(`/api/staff/requests/${id}/accept`, {})).status).toBe(200)
  const resolved = await who.li!.post<StaffActionResult>(`/api/staff/requests/${id}/resolve`, {
    summary: '已为老人办理助餐登记',
    ...(followUpDays === undefined ? {} : { followUpDays }),
  })
  expect(resolved.status).toBe(200)
  return id
}
const list = async (c: Client) => {
  const res = await c.get<FollowUpList>('/api/staff/followups')
  expect(res.status).toBe(200)
  return res.body
}
const callOf = async (c: Client, requestId: string) => {
  const l = await list(c)
  return [...l.due, ...l.upcoming].find((f) => f.requestId === requestId)
}

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => now })
  await loginAll()
  resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '回访测试居民' })).body.token)
})
afterAll(() => server?.stop())

test(`a call scheduled on resolving appears when the clock has moved 3 days; 未接通 keeps it; 还需要帮助 reopens, on ${backend}`, async () => {
  const id = await resolvedRequest(3)
  const none = await resolvedRequest(0)
  const upcoming = await list(who.li!)
  expect(upcoming.due.map((f) => f.requestId)).not.toContain(id)
  expect(upcoming.upcoming.find((f) => f.requestId === id)).toMatchObject({
    due: false,
    dueAt: '2026-12-03T16:00:00.000Z', // 2026-12-04 00:00 in Beijing
    attempts: 0,
  })
  expect(await callOf(who.li!, none)).toBeUndefined()
  // Another station's worker does not see it; the 金普新区 supervisor above does.
  expect(await callOf(who.liu!, id)).toBeUndefined()
  expect(await callOf(who.zhao!, id)).toBeDefined()

  // Three days later the call is due, with whom to call and what it was about.
  now = new Date(now.getTime() + 3 * DAY)
  await loginAll()
  const due = (await list(who.li!)).due.find((f) => f.requestId === id)!
  expect(due).toMatchObject({
    due: true,
    contactName: '回访测试居民',
    contactPhone: '13900005555',
    helped: null,
    category: 'elderly_care',
    description: '回访测试 0：想给母亲申请助餐',
    resolution: '已为老人办理助餐登记',
    station: { name: '先进街道社工站' },
    attempts: 0,
    lastAttemptAt: null,
  })

  // 未接通: still in the list, one attempt counted.
  const missed = await who.li!.post(`/api/staff/followups/${due.id}/outcome`, { reached: false, note: '无人接听' })
  expect(missed.status).toBe(200)
  expect(missed.body).toEqual({ closed: false, attempts: 1, reopened: false })
  expect(await callOf(who.li!, id)).toMatchObject({ due: true, attempts: 1, lastAttemptAt: now.toISOString() })

  // Bad input: a 400 naming the field, nothing recorded.
  const bad: [unknown, string | undefined][] = [
    [{ reached: true }, 'satisfied'],
    [{ reached: false, satisfied: true }, 'satisfied'],
    [{ reached: false, needsMoreHelp: true }, 'needsMoreHelp'],
    [{ reached: true, satisfied: true, note: '长'.repeat(301) }, 'note'],
    [{ satisfied: true }, 'reached'],
    [{ reached: 'yes' }, 'reached'],
    [{ reached: true, satisfied: true, extra: 1 }, undefined],
  ]
  for (const [body, field] of bad) {
    const res = await who.li!.post(`/api/staff/followups/${due.id}/outcome`, body)
    expect([res.status, res.body.field]).toEqual([400, field])
    expect(typeof res.body.message).toBe('string')
  }
  expect((await who.li!.post('/api/staff/followups/not-a-uuid/outcome', { reached: false })).status).toBe(400)
  expect((await who.li!.post('/api/staff/followups/00000000-0000-4000-8000-000000000000/outcome', { reached: false })).status).toBe(404)
  // Another station's worker: 404, and nothing changed.
  const other = await who.liu!.post(`/api/staff/followups/${due.id}/outcome`, { reached: true, satisfied: true, needsMoreHelp: true })
  expect(other.status).toBe(404)
  expect(other.body.code).toBe('NOT_FOUND')
  expect(await callOf(who.li!, id)).toMatchObject({ attempts: 1 })
  // An admin works no calls; a resident is no station account.
  expect((await who.admin!.get('/api/staff/followups')).status).toBe(403)
  expect((await resident.get('/api/staff/followups')).status).toBe(403)
  expect((await resident.post(`/api/staff/followups/${due.id}/outcome`, { reached: false })).status).toBe(403)
  expect((await api(server.url).get('/api/staff/followups')).status).toBe(401)

  // 已接通, 不满意, 还需要帮助: back in 先进's queue; the resident reads why.
  const reached = await who.li!.post(`/api/staff/followups/${due.id}/outcome`, {
    reached: true,
    satisfied: false,
    needsMoreHelp: true,
    note: '老人还想申请上门助浴',
  })
  expect(reached.status).toBe(200)
  expect(reached.body).toEqual({ closed: true, attempts: 1, reopened: true })
  expect(await callOf(who.li!, id)).toBeUndefined()
  const queue = (await who.li!.get('/api/staff/queue')).body.items as { id: string; status: string }[]
  expect(queue.find((r) => r.id === id)).toMatchObject({ status: 'submitted' })
  const mine = (await resident.get<HelpRequest>(`/api/requests/${id}`)).body
  expect(mine.status).toBe('submitted')
  expect(mine.events.at(-1)).toMatchObject({ type: 'reopened', body: expect.stringContaining('回访时您表示还需要帮助') })
  expect(JSON.stringify(mine.events)).not.toContain('上门助浴') // the worker's note stays internal
  const staffView = (await who.li!.get(`/api/staff/requests/${id}`)).body as StaffActionResult['request'] & {}
  expect(staffView.events.at(-1)).toMatchObject({ type: 'note', internal: true, body: '回访记录：老人还想申请上门助浴' })
  // Recorded once: a second outcome is refused.
  const again = await who.li!.post(`/api/staff/followups/${due.id}/outcome`, { reached: true, satisfied: true })
  expect([again.status, again.body.code]).toEqual([409, 'CONFLICT'])
})

test(`a request reopened before its call is not called; the report counts the calls, on ${backend}`, async () => {
  // Resolved with a call in 3 days, then reopened by the worker: no call to make.
  const reopened = await resolvedRequest(3)
  expect((await who.li!.post(`/api/staff/requests/${reopened}/reopen`, { reason: '居民来电补充情况' })).status).toBe(200)
  const satisfied = await resolvedRequest(3)
  // Bad follow-up days.
  for (const followUpDays of [-1, 61, 2.5, '3']) {
    const created = await resolvedRequest(undefined)
    expect((await who.li!.post(`/api/staff/requests/${created}/reopen`, { reason: '再处理' })).status).toBe(200)
    const res = await who.li!.post(`/api/staff/requests/${created}/resolve`, { summary: '办结', followUpDays })
    expect([res.status, res.body.field]).toEqual([400, 'followUpDays'])
  }
  now = new Date(now.getTime() + 3 * DAY)
  await loginAll()
  expect(await callOf(who.li!, reopened)).toBeUndefined()
  const call = (await callOf(who.li!, satisfied))!
  expect(call.due).toBe(true)
  const done = await who.li!.post(`/api/staff/followups/${call.id}/outcome`, { reached: true, satisfied: true })
  expect(done.body).toEqual({ closed: true, attempts: 0, reopened: false })
  expect((await resident.get<HelpRequest>(`/api/requests/${satisfied}`)).body.status).toBe('resolved')
  const { rows } = await server.db.query<{ id: string }>('SELECT id FROM follow_ups WHERE request_id = $1', [reopened])
  const refused = await who.li!.post(`/api/staff/followups/${rows[0]!.id}/outcome`, { reached: false })
  expect([refused.status, refused.body.code]).toEqual([409, 'REQUEST_STATE'])

  // The report over the whole test: 先进 resolved requests; 3 calls scheduled in the first week, 2 reached, 1 satisfied.
  const report = (await who.zhao!.get<StationReport>('/api/staff/reports/stations?from=2026-12-01&to=2026-12-07')).body
  const xj = report.items.find((i) => i.station.name === '先进街道社工站')!
  expect(xj).toMatchObject({ followUps: 3, followedUp: 2, followUpSatisfied: 1, followUpSatisfaction: 0.5 })
  expect(xj.resolved).toBeGreaterThanOrEqual(6)
  expect(xj.followUpShare).toBeCloseTo(2 / xj.resolved)
  expect(report.total).toMatchObject({ followUps: 3, followedUp: 2, followUpSatisfied: 1 })
  const minxin = report.items.find((i) => i.station.name === '民馨社区社会工作室')!
  expect(minxin).toMatchObject({ followUps: 0, followedUp: 0, followUpShare: null, followUpSatisfaction: null })
  const csv = await who.zhao!.get('/api/staff/reports/stations.csv?from=2026-12-01&to=2026-12-07')
  expect(String(csv.body)).toContain('回访满意率')
})
