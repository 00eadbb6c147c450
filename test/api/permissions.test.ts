/**
 * Every route that takes an id, enumerated from the OpenAPI document (so a new
 * route is covered the day it is added), called about resident A's data by:
 * nobody, an expired token, another resident, staff of another station, and a
 * supervisor outside the station's subtree. Each answer is 401, 403 or 404 —
 * never 2xx, never 5xx — and never carries A's personal data. Run on PGlite
 * and PostgreSQL.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { ActivityDetail, BookableService, Booking, Enrollment, FamilyMember, HelpRequest, SlotDay } from '../../contract/types'
import { createSession, upsertUserByOpenid } from '../../server/repositories/sessions'
import { upsertStaffAccount } from '../../server/repositories/staff'
import { DEMO_STAFF_PASSWORD, seedDemoData } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
let expiredToken = ''
beforeAll(async () => {
  server = await startApp({
    env: { JOB_INTERVAL_MS: '0' },
    prepare: async (db) => {
      await seedDemoData(db)
      // A supervisor far away (杨浦区), and a session that expired yesterday.
      await upsertStaffAccount(db, {
        username: 'yangpu-sun',
        password: 'yangpu-pass-1',
        nickname: '孙督导',
        role: 'supervisor',
        stationCode: 'YP',
      })
      // An admin of another subtree (杨浦区): 站点管理 there, nothing in Dalian.
      await upsertStaffAccount(db, {
        username: 'yangpu-admin',
        password: 'yangpu-pass-1',
        nickname: '钱管理员',
        role: 'admin',
        stationCode: 'YP',
      })
      const user = await upsertUserByOpenid(db, 'dev:过期的人', '过期的人')
      expiredToken = (await createSession(db, user, 1, new Date(Date.now() - 48 * 3600_000))).token
    },
  })
})
afterAll(() => server?.stop())

const MARK = { name: '权限标记甲乙', phone: '13911112222' }
const HOUR = 3600_000
const fromNow = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

/** A valid body for each route that takes one, so that only permissions decide the answer. */
const BODIES: Record<string, unknown> = {
  'POST /api/requests/{id}/messages': { body: '补充一句' },
  'PATCH /api/requests/{id}': { contactName: '别人' },
  'POST /api/staff/requests/{id}/reply': { body: '您好' },
  'POST /api/staff/requests/{id}/note': { body: '备注' },
  'POST /api/staff/requests/{id}/transfer': { stationId: '00000000-0000-4000-8000-000000000000', reason: '转介' },
  'POST /api/staff/requests/{id}/escalate': { reason: '升级' },
  'POST /api/staff/requests/{id}/resolve': { summary: '办结' },
  'POST /api/staff/requests/{id}/reopen': { reason: '重新处理' },
  'PATCH /api/me/family/{id}': { notes: '改一下' },
  'PATCH /api/staff/activities/{id}': { capacity: 50 },
  'POST /api/activities/{id}/enrollments': { name: '别人', contactPhone: '13812345678' },
  'POST /api/requests/{id}/rating': { outcome: 'unresolved', stars: 1 },
  'POST /api/enrollments/{id}/rating': { stars: 1 },
  'POST /api/staff/ratings/{id}/reply': { body: '谢谢' },
  'POST /api/staff/ratings/{id}/review': { approve: true },
  'PATCH /api/admin/stations/{id}': { phone: '0411-80000000' },
  'POST /api/admin/stations/{id}/close': { reason: '权限测试' },
  'PATCH /api/admin/accounts/{id}': { nickname: '改名', role: 'admin' },
  'POST /api/staff/requests/{id}/assign': { assigneeId: null },
  'PATCH /api/staff/colleagues/{id}': { workloadCap: 3 },
  'PATCH /api/staff/replies/{id}': { title: '别人的' },
  'PATCH /api/staff/bookable/{id}': { capacity: 2 },
  'POST /api/staff/bookings/{id}/attended': { note: '到了' },
  'POST /api/staff/bookings/{id}/no-show': { note: '没来' },
  'POST /api/staff/bookings/{id}/cancel': { reason: '社工外出' },
  'POST /api/staff/followups/{id}/outcome': { reached: true, satisfied: false, needsMoreHelp: true },
  'POST /api/bookings/{id}/rating': { stars: 1 },
  'POST /api/requests/{id}/booking-proposals/choose': {
    proposalId: '00000000-0000-4000-8000-000000000000',
    startsAt: '2026-12-01T01:00:00.000Z',
  },
  'POST /api/staff/requests/{id}/booking-proposals': {
    serviceId: '00000000-0000-4000-8000-000000000000',
    times: ['2026-12-01T01:00:00.000Z'],
  },
}
/** Routes where another resident may legitimately act on the id (public, or anyone may enroll). */
const OPEN_TO_RESIDENTS = new Set([
  'GET /api/activities/{id}',
  'GET /api/stations/{id}',
  'GET /api/stations/{id}/ratings',
  'POST /api/activities/{id}/enrollments',
  'GET /api/stations/{id}/bookable',
  'GET /api/bookable/{id}/slots',
])

test(`no route that takes an id lets anyone but the owner or the owner's station in, on ${backend}`, async () => {
  // Resident A: a request with a photo, a child, an enrollment. Station: 先进街道社工站.
  const a = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: MARK.name })).body.token)
  const aToken = (await api(server.url).post('/api/auth/dev', { nickname: MARK.name })).body.token as string
  const form = new FormData()
  form.append(
    'file',
    new Blob([new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'.padEnd(140, '0'), 'hex'))]),
    'a.png',
  )
  const upload = await (
    await server.fetch(`/api/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${aToken}` } })
  ).json()
  const request = (
    await a.post<HelpRequest>(
      '/api/requests',
      {
        category: 'elderly_care',
        description: '权限测试',
        requester: 'self',
        contactName: MARK.name,
        contactPhone: MARK.phone,
        urgency: 'normal',
        photoIds: [upload.id],
        area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      },
      { 'idempotency-key': 'permissions-matrix-1' },
    )
  ).body
  expect(request.station.name).toBe('先进街道社工站')
  const member = (
    await a.post<FamilyMember>('/api/me/family', {
      name: MARK.name,
      birthDate: '2019-04-04',
      relationship: '女儿',
      childNoticeVersion: CHILD_NOTICE_VERSION,
    })
  ).body
  const xianjin = api(
    server.url,
    (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token,
  )
  const activity = (
    await xianjin.post<ActivityDetail>('/api/staff/activities', {
      title: '权限测试课',
      category: 'class',
      audience: 'all',
      description: '测试',
      place: '教室',
      capacity: 5,
      opensAt: fromNow(-1),
      closesAt: fromNow(40),
      cancelDeadline: fromNow(30),
      sessions: [{ startsAt: fromNow(60), endsAt: fromNow(61) }],
    })
  ).body
  const enrollment = (
    await a.post<Enrollment>(`/api/activities/${activity.id}/enrollments`, { familyMemberId: member.id, contactPhone: MARK.phone })
  ).body
  expect(enrollment.status).toBe('confirmed')
  // A second request, resolved by 先进 and rated by A (a public comment the station must review).
  const rated = (
    await a.post<HelpRequest>(
      '/api/requests',
      {
        category: 'elderly_care',
        description: '权限测试二',
        requester: 'self',
        contactName: MARK.name,
        contactPhone: MARK.phone,
        urgency: 'normal',
        area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      },
      { 'idempotency-key': 'permissions-matrix-2' },
    )
  ).body
  await xianjin.post(`/api/staff/requests/${rated.id}/accept`, {})
  await xianjin.post(`/api/staff/requests/${rated.id}/resolve`, { summary: '已办结', followUpDays: 3 })
  expect((await a.post(`/api/requests/${rated.id}/rating`, { outcome: 'resolved', stars: 5, comment: '谢谢' })).status).toBe(201)
  const rating = (await xianjin.get('/api/staff/ratings')).body.items.find((i: { requestId: string }) => i.requestId === rated.id)
  // A booking of 先进街道's 心理疏导谈心 for A's mother, at its first free slot; a second free slot to move it to.
  const bookable = (
    await api(server.url).get<{ items: BookableService[] }>(`/api/stations/${request.station.id}/bookable`)
  ).body.items.find((s) => s.name === '心理疏导谈心')!
  const days = (await api(server.url).get<{ days: SlotDay[] }>(`/api/bookable/${bookable.id}/slots`)).body.days
  const [slot, otherSlot] = days.flatMap((d) => d.slots).filter((s) => s.state === 'free' && !s.startsAt.startsWith(days[0]!.date))
  const booking = (
    await a.post<Booking>(
      '/api/bookings',
      {
        serviceId: bookable.id,
        startsAt: slot!.startsAt,
        forWhom: 'proxy',
        personName: MARK.name,
        relationship: '母亲',
        contactName: MARK.name,
        contactPhone: MARK.phone,
      },
      { 'idempotency-key': 'permissions-matrix-3' },
    )
  ).body
  expect(booking.status).toBe('booked')
  // Merging A's request into (or linking it with) A's other one: valid bodies, so only permissions decide.
  BODIES['POST /api/staff/requests/{id}/merge'] = { intoId: rated.id }
  BODIES['POST /api/staff/requests/{id}/link'] = { otherId: rated.id }
  BODIES['POST /api/staff/requests/{id}/unlink'] = { otherId: rated.id }
  BODIES['POST /api/bookings/{id}/reschedule'] = { startsAt: otherSlot!.startsAt }
  BODIES['POST /api/staff/bookings/{id}/reschedule'] = { startsAt: otherSlot!.startsAt, reason: '改期' }

  // A station account of 先进 (账号管理's routes take its id).
  const worker = (await server.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'xianjin-wang'`)).rows[0]!.id
  // 先进's worker 王社工 (his cap) and one of 先进's canned replies.
  const colleague = (await api(server.url).post('/api/staff/login', { username: 'xianjin-wang', password: DEMO_STAFF_PASSWORD })).body.user
    .id as string
  const cannedReply = (await xianjin.get('/api/staff/replies')).body.items[0].id as string
  // The 回访 scheduled when 先进 resolved A's second request.
  const followUp = (await server.db.query<{ id: string }>('SELECT id FROM follow_ups WHERE request_id = $1', [rated.id])).rows[0]!.id

  const idFor = (path: string): string | null => {
    if (path.startsWith('/api/requests/') || path.startsWith('/api/staff/requests/')) return request.id
    if (path.startsWith('/api/enrollments/')) return enrollment.id
    if (path.startsWith('/api/me/family/')) return member.id
    if (path.startsWith('/api/uploads/')) return upload.id
    if (path.startsWith('/api/activities/') || path.startsWith('/api/staff/activities/')) return activity.id
    if (path.startsWith('/api/stations/') || path.startsWith('/api/admin/stations/')) return request.station.id
    if (path.startsWith('/api/staff/ratings/')) return rating.id
    if (path.startsWith('/api/admin/accounts/')) return worker
    if (path.startsWith('/api/staff/colleagues/')) return colleague
    if (path.startsWith('/api/staff/replies/')) return cannedReply
    if (path.startsWith('/api/staff/followups/')) return followUp
    if (path.startsWith('/api/bookings/') || path.startsWith('/api/staff/bookings/')) return booking.id
    if (path.startsWith('/api/bookable/') || path.startsWith('/api/staff/bookable/')) return bookable.id
    return null
  }

  const login = async (username: string, password = DEMO_STAFF_PASSWORD) =>
    (await api(server.url).post('/api/staff/login', { username, password })).body.token as string
  const principals: { who: string; token: string | null; staff: boolean }[] = [
    { who: 'nobody', token: null, staff: false },
    { who: 'expired token', token: expiredToken, staff: false },
    { who: 'another resident', token: (await api(server.url).post('/api/auth/dev', { nickname: '另一位居民' })).body.token, staff: false },
    { who: 'staff of another station (民馨)', token: await login('minxin-liu'), staff: true },
    { who: 'supervisor outside the subtree (杨浦)', token: await login('yangpu-sun', 'yangpu-pass-1'), staff: true },
    { who: 'admin of another subtree (杨浦)', token: await login('yangpu-admin', 'yangpu-pass-1'), staff: true },
  ]

  const doc = (await api(server.url).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
  const routes = Object.entries(doc.paths)
    .filter(([path]) => path.includes('{id}'))
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path })),
    )
  expect(routes.length).toBeGreaterThanOrEqual(25)

  const problems: string[] = []
  let checked = 0
  for (const { method, path } of routes) {
    const route = `${method} ${path}`
    const id = idFor(path)
    if (!id) {
      problems.push(`${route}: no test id for this path — add it to idFor()`)
      continue
    }
    const url = path.replace('{id}', id)
    for (const p of principals) {
      const open = OPEN_TO_RESIDENTS.has(route)
      if (open && p.token !== expiredToken && p.token !== null) continue // legitimately allowed
      const res = await api(server.url, p.token ?? undefined).call(
        method,
        url,
        method === 'GET' || method === 'DELETE' ? undefined : (BODIES[route] ?? {}),
      )
      checked++
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
      const publicRead = method === 'GET' && open
      if (publicRead) {
        if (res.status !== 200) problems.push(`${route} as ${p.who}: ${res.status} on a public page`)
        continue
      }
      if (![401, 403, 404].includes(res.status)) problems.push(`${route} as ${p.who}: ${res.status} ${text.slice(0, 120)}`)
      if (p.token === null || p.token === expiredToken) {
        if (res.status !== 401) problems.push(`${route} as ${p.who}: ${res.status}, expected 401`)
      }
      if (text.includes(MARK.phone) || text.includes(MARK.name)) problems.push(`${route} as ${p.who}: leaked A's data`)
      if (text.includes('王社工') || text.includes('xianjin-wang')) problems.push(`${route} as ${p.who}: leaked the 先进 worker's account`)
    }
  }
  expect(problems).toEqual([])
  expect(checked).toBeGreaterThan(100)

  // And nothing changed: A's request, enrollment and child are as they were; 先进's worker is as they were and still logs in.
  const account = (await server.db.query(`SELECT nickname, role, disabled_at, must_change_password FROM users WHERE id = $1`, [worker]))
    .rows[0]
  expect(account).toEqual({ nickname: '王社工', role: 'staff', disabled_at: null, must_change_password: false })
  expect((await api(server.url).post('/api/staff/login', { username: 'xianjin-wang', password: DEMO_STAFF_PASSWORD })).status).toBe(200)
  expect((await a.get<HelpRequest>(`/api/requests/${request.id}`)).body).toMatchObject({ status: 'submitted', contactPhone: MARK.phone })
  expect((await a.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items[0]).toMatchObject({
    id: enrollment.id,
    status: 'confirmed',
  })
  expect((await a.get<{ items: FamilyMember[] }>('/api/me/family')).body.items.map((m) => m.name)).toEqual([MARK.name])
  expect((await a.get<HelpRequest>(`/api/requests/${rated.id}`)).body).toMatchObject({
    status: 'resolved',
    rating: { stars: 5, reply: null },
  })
  // …neither merged nor linked…
  expect((await server.db.query('SELECT merged_into_id FROM help_requests WHERE id = $1', [request.id])).rows[0]).toEqual({
    merged_into_id: null,
  })
  expect((await server.db.query('SELECT count(*)::int AS n FROM request_links')).rows[0]).toEqual({ n: 0 })
  // …nor the 回访 of A's second request: not tried, not recorded.
  expect((await server.db.query('SELECT attempts, closed_at FROM follow_ups WHERE id = $1', [followUp])).rows[0]).toEqual({
    attempts: 0,
    closed_at: null,
  })
  expect((await server.db.query('SELECT count(*)::int AS n FROM follow_up_attempts')).rows[0]).toEqual({ n: 0 })
  // …and the station: neither edited nor closed.
  const station = (await api(server.url).get(`/api/stations/${request.station.id}`)).body
  expect(station.phone).not.toBe('0411-80000000')
  expect((await server.db.query('SELECT closed_at FROM stations WHERE id = $1', [request.station.id])).rows[0]).toEqual({ closed_at: null })
  expect((await server.db.query("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'station'")).rows[0]).toEqual({ n: 0 })
  expect((await a.get<Booking>(`/api/bookings/${booking.id}`)).body).toMatchObject({ status: 'booked', startsAt: slot!.startsAt })
  expect((await xianjin.get<BookableService[]>('/api/staff/bookable')).body).toMatchObject({
    items: expect.arrayContaining([expect.objectContaining({ id: bookable.id, capacity: 1 })]),
  })
})

test(`every protected route answers 401 whatever it is sent, and a resident on a staff route 403 — before any validation, on ${backend}`, async () => {
  const doc = (await api(server.url).get('/api/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> }
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m, op]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m) && Array.isArray(op.security) && op.security.length > 0)
      .map(([m]) => ({ method: m.toUpperCase(), path })),
  )
  expect(routes.length).toBeGreaterThanOrEqual(50)
  const resident = (await api(server.url).post('/api/auth/dev', { nickname: '查看输入规则的居民' })).body.token as string

  /** Input each route would refuse with a 400 if it were looked at. */
  const MALFORMED: { what: string; id: string; query: string; body?: string; headers?: Record<string, string> }[] = [
    { what: 'an empty body', id: '1', query: '', body: '{}', headers: { 'content-type': 'application/json' } },
    { what: 'a body that is not JSON', id: 'not-a-uuid', query: '', body: '{"a":', headers: { 'content-type': 'application/json' } },
    {
      what: 'an unsupported content type',
      id: '00000000-0000-4000-8000-000000000000',
      query: '',
      body: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      what: 'a bad query string and a body too large',
      id: '0',
      query: '?lat=abc&from=yesterday&unknown=1',
      body: JSON.stringify({ unknown: 'x'.repeat(70_000) }),
      headers: { 'content-type': 'application/json' },
    },
  ]
  const callers = [
    { who: 'nobody', token: null as string | null, expect: () => 401 },
    { who: 'an expired token', token: expiredToken, expect: () => 401 },
    { who: 'a malformed token', token: 'not a token', expect: () => 401 },
    { who: 'a resident', token: resident, expect: (path: string) => (/^\/api\/(staff|admin)\//.test(path) ? 403 : null) },
  ]
  const problems: string[] = []
  let checked = 0
  for (const { method, path } of routes) {
    for (const input of MALFORMED) {
      for (const c of callers) {
        const expected = c.expect(path)
        if (expected === null) continue // a resident may call it: its input rules are theirs to know
        const res = await server.fetch(`${path.replace('{id}', input.id)}${input.query}`, {
          method,
          headers: {
            ...(method === 'GET' || method === 'DELETE' ? {} : input.headers),
            ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
          },
          body: method === 'GET' || method === 'DELETE' ? undefined : input.body,
        })
        const body = (await res.json().catch(() => null)) as { code?: string } | null
        checked++
        const code = expected === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN'
        if (res.status !== expected || body?.code !== code)
          problems.push(`${method} ${path} with ${input.what} as ${c.who}: ${res.status} ${JSON.stringify(body)?.slice(0, 120)}`)
      }
    }
  }
  expect(problems).toEqual([])
  expect(checked).toBeGreaterThan(500)
  // The cases the issue named, spelled out.
  expect((await api(server.url).post('/api/requests', {})).status).toBe(401)
  expect((await api(server.url).get('/api/requests/1')).status).toBe(401)
  expect((await api(server.url).get('/api/staff/reports/stations')).status).toBe(401)
  // PUT routes are in the sweep too (新求助提醒's opt-in).
  expect(routes).toContainEqual({ method: 'PUT', path: '/api/staff/notification-settings' })
})
