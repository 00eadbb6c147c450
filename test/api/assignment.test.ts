/**
 * Assignment over the API (in-process, helpers/server.ts), on PGlite and
 * PostgreSQL: 先进街道's head (孙站长) sees each colleague's open workload
 * (GET /api/staff/colleagues), caps it (PATCH /api/staff/colleagues/:id) and
 * assigns requests (POST /api/staff/requests/:id/assign); workers see
 * 我负责的 and 未分配, take an unassigned request, hand theirs back; the cap
 * holds for 分派, 我来负责, 受理 and 领取下一条 alike; a request assigned to a colleague is not theirs to accept or claim.
 * Every new route refuses nobody, residents, workers without the capability,
 * and other stations' staff.
 */
import type { Colleague, StaffActionResult, StaffRequest, StaffRequestSummary } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

let server: TestApp
type Client = ReturnType<typeof api>
const who: Record<string, Client> = {}
const ids: Record<string, string> = {}

const login = async (username: string) => {
  const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  expect(res.status).toBe(200)
  ids[username] = res.body.user.id
  return api(server.url, res.body.token)
}
let counter = 0
/** A request taken at 先进街道's counter (not yet accepted, unassigned). */
const counterRequest = async () => {
  const res = await who.li!.post('/api/staff/requests', {
    channel: 'counter',
    category: 'elderly_care',
    description: `分派测试 ${counter++}：想了解助餐服务`,
    requester: 'self',
    contactName: '分派测试居民',
    contactPhone: '13900007777',
    urgency: 'normal',
  })
  expect(res.status).toBe(201)
  return res.body.id as string
}
const queueIds = async (c: Client, query: string) =>
  ((await c.get(`/api/staff/queue?${query}`)).body.items as StaffRequestSummary[]).map((r) => r.id)
const colleagues = async (c: Client) => (await c.get('/api/staff/colleagues')).body.items as Colleague[]

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
  for (const [key, username] of [
    ['head', 'xianjin-head'],
    ['li', 'xianjin-li'],
    ['wang', 'xianjin-wang'],
    ['liu', 'minxin-liu'],
    ['zhao', 'jinpu-zhao'],
  ] as const) {
    who[key] = await login(username)
  }
})
afterAll(() => server?.stop())

test(`the head sees each colleague's open workload, assigns, and the worker sees it under 我负责的, on ${backend}`, async () => {
  const id = await counterRequest()
  expect(await queueIds(who.wang!, 'unassigned=true')).toContain(id)

  const before = await colleagues(who.head!)
  expect(before.map((c) => c.nickname).sort()).toEqual(['孙站长', '李社工', '王社工'].sort())
  const wangBefore = before.find((c) => c.nickname === '王社工')!
  expect(wangBefore).toMatchObject({ role: 'staff', workloadCap: null })

  const res = await who.head!.post<StaffActionResult>(`/api/staff/requests/${id}/assign`, { assigneeId: ids['xianjin-wang'] })
  expect(res.status).toBe(200)
  expect(res.body.request).toMatchObject({ id, status: 'submitted', assigneeId: ids['xianjin-wang'], assigneeName: '王社工' })
  const entry = res.body.request!.events.at(-1)!
  expect(entry).toMatchObject({ type: 'assigned', body: '分派给王社工', actorName: '孙站长', internal: true })

  expect((await colleagues(who.head!)).find((c) => c.nickname === '王社工')!.openCount).toBe(wangBefore.openCount + 1)
  expect(await queueIds(who.wang!, 'mine=true')).toContain(id)
  expect(await queueIds(who.wang!, 'unassigned=true')).not.toContain(id)

  // Assigned to 王: 李 may neither accept it nor get it from 领取下一条.
  const accept = await who.li!.post(`/api/staff/requests/${id}/accept`, {})
  expect(accept.status).toBe(409)
  expect(accept.body).toEqual({ code: 'REQUEST_STATE', message: '这条求助已分派给王社工' })
  const claimed = await who.li!.post('/api/staff/queue/claim', {})
  expect(claimed.status === 404 || claimed.body.id !== id).toBe(true)
  // 王 accepts it: still his.
  const accepted = await who.wang!.post<StaffActionResult>(`/api/staff/requests/${id}/accept`, {})
  expect(accepted.body.request).toMatchObject({ status: 'accepted', assigneeName: '王社工' })

  // The resident's side never sees the assignment (internal entry).
  const events = (
    await server.db.query<{ type: string; internal: boolean }>(
      'SELECT type, internal FROM request_events WHERE request_id = $1 AND type = $2',
      [id, 'assigned'],
    )
  ).rows
  expect(events).toEqual([{ type: 'assigned', internal: true }])
})

test(`a worker hands a request back, and a colleague takes it; a worker cannot assign to others, on ${backend}`, async () => {
  const id = await counterRequest()
  const accepted = await who.li!.post<StaffActionResult>(`/api/staff/requests/${id}/accept`, {})
  expect(accepted.body.request).toMatchObject({ status: 'accepted', assigneeName: '李社工' })

  const toOther = await who.li!.post(`/api/staff/requests/${id}/assign`, { assigneeId: ids['xianjin-wang'] })
  expect(toOther.status).toBe(403)
  expect(toOther.body.code).toBe('FORBIDDEN')

  const back = await who.li!.post<StaffActionResult>(`/api/staff/requests/${id}/assign`, { assigneeId: null })
  expect(back.status).toBe(200)
  expect(back.body.request).toMatchObject({ status: 'accepted', assigneeId: null, assigneeName: null })
  expect(back.body.request!.events.at(-1)).toMatchObject({ type: 'assigned', body: '李社工交回了这条求助，等待重新分派' })
  expect(await queueIds(who.wang!, 'unassigned=true')).toContain(id)

  const taken = await who.wang!.post<StaffActionResult>(`/api/staff/requests/${id}/assign`, { assigneeId: ids['xianjin-wang'] })
  expect(taken.status).toBe(200)
  expect(taken.body.request).toMatchObject({ assigneeName: '王社工' })
  // Handing back what is not yours: 403; the head recalls it.
  expect((await who.li!.post(`/api/staff/requests/${id}/assign`, { assigneeId: null })).status).toBe(403)
  const recalled = await who.head!.post<StaffActionResult>(`/api/staff/requests/${id}/assign`, { assigneeId: null })
  expect(recalled.body.request!.events.at(-1)).toMatchObject({ body: '孙站长收回了王社工负责的这条求助' })
})

test(`the head caps a worker's open requests; an assignment over the cap is refused with the numbers, on ${backend}`, async () => {
  const wang = (await colleagues(who.head!)).find((c) => c.nickname === '王社工')!
  const cap = wang.openCount + 1
  const set = await who.head!.patch<Colleague>(`/api/staff/colleagues/${wang.id}`, { workloadCap: cap })
  expect(set.status).toBe(200)
  expect(set.body).toMatchObject({ id: wang.id, workloadCap: cap, openCount: wang.openCount })

  const first = await counterRequest()
  const second = await counterRequest()
  expect((await who.head!.post(`/api/staff/requests/${first}/assign`, { assigneeId: wang.id })).status).toBe(200)
  const over = await who.head!.post(`/api/staff/requests/${second}/assign`, { assigneeId: wang.id })
  expect(over.status).toBe(409)
  expect(over.body).toEqual({
    code: 'CONFLICT',
    field: 'assigneeId',
    message: `王社工已有 ${cap} 条进行中的求助，达到上限 ${cap} 条，请分派给其他同事或先调整上限`,
  })
  expect((await who.head!.get(`/api/staff/requests/${second}`)).body.assigneeId).toBeNull()

  // No cap again.
  expect((await who.head!.patch(`/api/staff/colleagues/${wang.id}`, { workloadCap: null })).body.workloadCap).toBeNull()
  expect((await who.head!.post(`/api/staff/requests/${second}/assign`, { assigneeId: wang.id })).status).toBe(200)

  // Bad input: a field, never a 500.
  for (const body of [{ workloadCap: 0 }, { workloadCap: 1.5 }, { workloadCap: '3' }, {}, { workloadCap: 3, extra: 1 }]) {
    const res = await who.head!.patch(`/api/staff/colleagues/${wang.id}`, body)
    expect(res.status).toBe(400)
    expect(res.body.code).toMatch(/FIELD_INVALID|BAD_REQUEST/)
  }
})

test(`我来负责 and 受理 keep within the worker's own cap as 分派 does: at the cap 409 with the numbers and nothing changed, on ${backend}`, async () => {
  const wangId = ids['xianjin-wang']!
  const load = async () => (await colleagues(who.head!)).find((c) => c.id === wangId)!.openCount
  // He carries at least one request, so that a cap can equal his load.
  if ((await load()) === 0)
    expect((await who.head!.post(`/api/staff/requests/${await counterRequest()}/assign`, { assigneeId: wangId })).status).toBe(200)
  // An accepted request handed back: open and unassigned, the one 我来负责 is offered for.
  const id = await counterRequest()
  expect((await who.li!.post(`/api/staff/requests/${id}/accept`, {})).status).toBe(200)
  expect((await who.li!.post(`/api/staff/requests/${id}/assign`, { assigneeId: null })).status).toBe(200)
  const open = await load()
  expect((await who.head!.patch(`/api/staff/colleagues/${wangId}`, { workloadCap: open })).status).toBe(200)
  const before = (await who.head!.get<StaffRequest>(`/api/staff/requests/${id}`)).body

  const take = await who.wang!.post(`/api/staff/requests/${id}/assign`, { assigneeId: wangId })
  expect(take.status).toBe(409)
  expect(take.body).toEqual({
    code: 'CONFLICT',
    field: 'assigneeId',
    message: `您已有 ${open} 条进行中的求助，达到上限 ${open} 条：请先办结或交回一条，或请站长调整上限`,
  })
  const after = (await who.head!.get<StaffRequest>(`/api/staff/requests/${id}`)).body
  expect(after).toMatchObject({ assigneeId: null, assigneeName: null, status: 'accepted' })
  expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id))
  expect(await load()).toBe(open)

  // 受理 of an unassigned waiting request takes it on too: refused alike, the request still waiting for anyone.
  const waiting = await counterRequest()
  const accept = await who.wang!.post(`/api/staff/requests/${waiting}/accept`, {})
  expect(accept.status).toBe(409)
  expect(accept.body).toEqual({
    code: 'CONFLICT',
    message: `您已有 ${open} 条进行中的求助，达到上限 ${open} 条：请先办结或交回一条，或请站长调整上限`,
  })
  expect((await who.head!.get<StaffRequest>(`/api/staff/requests/${waiting}`)).body).toMatchObject({
    status: 'submitted',
    assigneeId: null,
  })
  // One assigned to him is already counted: he accepts it at the cap.
  expect((await who.head!.patch(`/api/staff/colleagues/${wangId}`, { workloadCap: open + 1 })).status).toBe(200)
  expect((await who.head!.post(`/api/staff/requests/${waiting}/assign`, { assigneeId: wangId })).status).toBe(200)
  expect((await who.wang!.post(`/api/staff/requests/${waiting}/accept`, {})).status).toBe(200)
  expect(await load()).toBe(open + 1)

  // One more place: he takes the handed-back one.
  expect((await who.head!.patch(`/api/staff/colleagues/${wangId}`, { workloadCap: open + 2 })).status).toBe(200)
  const taken = await who.wang!.post<StaffActionResult>(`/api/staff/requests/${id}/assign`, { assigneeId: wangId })
  expect(taken.status).toBe(200)
  expect(taken.body.request).toMatchObject({ assigneeId: wangId, assigneeName: '王社工' })
  expect(await load()).toBe(open + 2)
  expect((await who.head!.patch(`/api/staff/colleagues/${wangId}`, { workloadCap: null })).status).toBe(200)
})

test(`permissions: nobody, a resident, a worker without queue.assign, another station and a supervisor above, on ${backend}`, async () => {
  const id = await counterRequest()
  const wangId = ids['xianjin-wang']!
  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '分派居民' })).body.token)
  const nobody = api(server.url)

  for (const c of [nobody, resident]) {
    expect([401, 403]).toContain((await c.get('/api/staff/colleagues')).status)
    expect([401, 403]).toContain((await c.post(`/api/staff/requests/${id}/assign`, { assigneeId: wangId })).status)
    expect([401, 403]).toContain((await c.patch(`/api/staff/colleagues/${wangId}`, { workloadCap: 3 })).status)
  }
  // A worker: sees colleagues, may not cap them.
  expect((await who.li!.get('/api/staff/colleagues')).status).toBe(200)
  expect((await who.li!.patch(`/api/staff/colleagues/${wangId}`, { workloadCap: 3 })).status).toBe(403)
  // Another station's staff: 民馨's worker sees its own colleagues only; 先进's request is not found.
  expect((await colleagues(who.liu!)).map((c) => c.nickname)).toEqual(['刘社工'])
  expect((await who.liu!.post(`/api/staff/requests/${id}/assign`, { assigneeId: wangId })).status).toBe(404)
  // The supervisor above sees the request but assigns nobody at 先进 (not a head of that station).
  expect((await who.zhao!.post(`/api/staff/requests/${id}/assign`, { assigneeId: wangId })).status).toBe(403)
  // The head: a colleague of another station is not found; a worker at another station cannot be capped.
  const liuId = (await colleagues(who.liu!))[0]!.id
  const elsewhere = await who.head!.post(`/api/staff/requests/${id}/assign`, { assigneeId: liuId })
  expect(elsewhere.status).toBe(404)
  expect(elsewhere.body.field).toBe('assigneeId')
  expect((await who.head!.patch(`/api/staff/colleagues/${liuId}`, { workloadCap: 3 })).status).toBe(404)
  expect((await server.db.query('SELECT workload_cap FROM users WHERE id = $1', [liuId])).rows[0]).toEqual({ workload_cap: null })
  // Nothing of the above changed the request.
  expect((await who.head!.get(`/api/staff/requests/${id}`)).body.assigneeId).toBeNull()
})

test(`领取下一条 keeps within the worker's cap: at the cap only a request assigned to them, else 409 with the numbers, on ${backend}`, async () => {
  // Requests the earlier tests left assigned to 王 and waiting go back to the queue: each claim below is a new one for him.
  const wangId = ids['xianjin-wang']!
  const waiting = await server.db.query<{ id: string }>(`SELECT id FROM help_requests WHERE assignee_id = $1 AND status = 'submitted'`, [
    wangId,
  ])
  for (const { id } of waiting.rows)
    expect((await who.head!.post(`/api/staff/requests/${id}/assign`, { assigneeId: null })).status).toBe(200)
  const wang = (await colleagues(who.head!)).find((c) => c.id === wangId)!
  const open = wang.openCount
  const waitingUnassigned = async () =>
    (
      await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM help_requests WHERE station_id = $1 AND status = 'submitted' AND assignee_id IS NULL`,
        [(await server.db.query<{ station_id: string }>('SELECT station_id FROM users WHERE id = $1', [wang.id])).rows[0]!.station_id],
      )
    ).rows[0]!.n
  for (let i = 0; i < 4; i++) await counterRequest()

  // One below the cap: the next claim is his, the one after is refused.
  expect((await who.head!.patch(`/api/staff/colleagues/${wang.id}`, { workloadCap: open + 1 })).status).toBe(200)
  const first = await who.wang!.post<{ id: string; assigneeId: string }>('/api/staff/queue/claim', {})
  expect(first.status).toBe(200)
  expect(first.body.assigneeId).toBe(wang.id)
  const before = await waitingUnassigned()
  const over = await who.wang!.post('/api/staff/queue/claim', {})
  expect(over.status).toBe(409)
  expect(over.body).toEqual({
    code: 'CONFLICT',
    message: `您已有 ${open + 1} 条进行中的求助，达到上限 ${open + 1} 条：请先办结或交回一条，或请站长调整上限`,
  })
  expect(await waitingUnassigned()).toBe(before)
  expect((await colleagues(who.head!)).find((c) => c.id === wang.id)!.openCount).toBe(open + 1)

  // A request the head assigned to him is already counted: at the cap he still takes it.
  const assigned = await counterRequest()
  expect((await who.head!.patch(`/api/staff/colleagues/${wang.id}`, { workloadCap: open + 2 })).status).toBe(200)
  expect((await who.head!.post(`/api/staff/requests/${assigned}/assign`, { assigneeId: wang.id })).status).toBe(200)
  const mine = await who.wang!.post<{ id: string; status: string }>('/api/staff/queue/claim', {})
  expect(mine.status).toBe(200)
  expect(mine.body).toMatchObject({ id: assigned, status: 'accepted' })
  expect((await who.wang!.post('/api/staff/queue/claim', {})).status).toBe(409)

  // Two claims at once one below the cap: exactly one is taken.
  expect((await who.head!.patch(`/api/staff/colleagues/${wang.id}`, { workloadCap: open + 3 })).status).toBe(200)
  const both = await Promise.all([who.wang!.post('/api/staff/queue/claim', {}), who.wang!.post('/api/staff/queue/claim', {})])
  expect(both.map((r) => r.status).sort()).toEqual([200, 409])
  expect((await colleagues(who.head!)).find((c) => c.id === wang.id)!.openCount).toBe(open + 3)

  // No cap: he claims again.
  expect((await who.head!.patch(`/api/staff/colleagues/${wang.id}`, { workloadCap: null })).status).toBe(200)
  expect((await who.wang!.post('/api/staff/queue/claim', {})).status).toBe(200)
})
