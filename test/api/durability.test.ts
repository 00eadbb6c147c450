/**
 * Durability under kill -9, on PGlite and PostgreSQL, Jepsen-style: bursts of
 * help-request submissions and enrollments, the server killed with SIGKILL in
 * the middle of each burst and restarted on the same database. Every call is
 * recorded as ok (2xx), failed (a definite 4xx) or unknown (no answer). Then:
 * every acknowledged request and enrollment is there exactly once; an unknown
 * one is there at most once, also after the client retries it with the same
 * Idempotency-Key; no activity holds more than its capacity, and no seat is
 * free while someone waits.
 */
import type { ActivityDetail, Enrollment, HelpRequest, HelpRequestSummary, Roster } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startServer, type TestServer } from './helpers/server'

jest.setTimeout(600_000)

const ROUNDS = 3
const RESIDENTS = 30
const SEATS = 20
const HOUR = 3600_000

type Outcome = 'ok' | 'failed' | 'unknown'
interface Call {
  kind: 'request' | 'enroll'
  round: number
  resident: number
  outcome: Outcome
  id?: string
}

let server: TestServer
afterAll(() => server?.stop())

const requestBody = (round: number, resident: number) => ({
  category: 'elderly_care',
  description: `耐久测试 第${round}轮 居民${resident}：想了解助餐服务`,
  requester: 'self',
  contactName: `居民${resident}`,
  contactPhone: '13812345678',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  urgency: 'normal',
})
const key = (round: number, resident: number) => `durability-${round}-${resident}-key`

async function attempt(p: Promise<{ status: number; body: { id?: string } }>): Promise<{ outcome: Outcome; id?: string }> {
  try {
    const res = await p
    if (res.status >= 200 && res.status < 300) return { outcome: 'ok', id: res.body.id }
    return { outcome: res.status >= 500 || res.status === 409 ? 'unknown' : 'failed' }
  } catch {
    return { outcome: 'unknown' } // the connection died with the server
  }
}

test(`acknowledged writes survive kill -9 exactly once, on ${backend}`, async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  const database = { dataDir: server.dataDir, databaseUrl: server.databaseUrl }
  // Tokens are stored in the database, so they outlive the restarts.
  const tokens: string[] = []
  for (let i = 0; i < RESIDENTS; i++) tokens.push((await api(server.url).post('/api/auth/dev', { nickname: `耐久居民${i}` })).body.token)
  const staffToken = (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body
    .token as string

  const calls: Call[] = []
  const activities: string[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const created = await api(server.url, staffToken).post<ActivityDetail>('/api/staff/activities', {
      title: `耐久测试活动${round}`,
      category: 'health',
      audience: 'all',
      description: '测试',
      place: '活动室',
      capacity: SEATS,
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      cancelDeadline: new Date(Date.now() + 24 * HOUR).toISOString(),
      sessions: [{ startsAt: new Date(Date.now() + 48 * HOUR).toISOString(), endsAt: new Date(Date.now() + 49 * HOUR).toISOString() }],
    })
    expect(created.status).toBe(201)
    activities.push(created.body.id)

    const url = server.url
    let firstAck: () => void = () => {}
    const acked = new Promise<void>((resolve) => (firstAck = resolve))
    const record = (kind: Call['kind'], resident: number) => (r: { outcome: Outcome; id?: string }) => {
      if (r.outcome === 'ok') firstAck()
      return { kind, round, resident, ...r }
    }
    const burst = tokens.flatMap((token, resident) => {
      const client = api(url, token)
      return [
        attempt(client.post('/api/requests', requestBody(round, resident), { 'idempotency-key': key(round, resident) })).then(
          record('request', resident),
        ),
        attempt(
          client.post(`/api/activities/${created.body.id}/enrollments`, { name: `参加人${resident}`, contactPhone: '13812345678' }),
        ).then(record('enroll', resident)),
      ]
    })
    // Kill at some moment inside the burst, once the server has begun acknowledging.
    await Promise.race([acked, new Promise((r) => setTimeout(r, 10_000))])
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)))
    server.child.kill('SIGKILL')
    calls.push(...(await Promise.all(burst)))
    await new Promise<void>((resolve) =>
      server.child.exitCode !== null || server.child.signalCode !== null ? resolve() : server.child.once('exit', () => resolve()),
    )
    server = await startServer({ database, env: { JOB_INTERVAL_MS: '0' } })
  }

  const tally = (kind: Call['kind'], outcome: Outcome) => calls.filter((c) => c.kind === kind && c.outcome === outcome).length
  // The kills really landed mid-burst: some calls went unanswered, some were acknowledged.
  expect(tally('request', 'ok') + tally('enroll', 'ok')).toBeGreaterThan(0)
  expect(tally('request', 'unknown') + tally('enroll', 'unknown')).toBeGreaterThan(0)
  expect(tally('request', 'failed') + tally('enroll', 'failed')).toBe(0)

  // Requests: each acknowledged one exactly once; retrying an unknown one with its key never makes a second.
  for (let resident = 0; resident < RESIDENTS; resident++) {
    const client = api(server.url, tokens[resident])
    for (const c of calls.filter((x) => x.kind === 'request' && x.resident === resident && x.outcome === 'unknown')) {
      const retry = await client.post<HelpRequest>('/api/requests', requestBody(c.round, resident), {
        'idempotency-key': key(c.round, resident),
      })
      // 409: the dead process's claim on the key has not been taken over yet (after a minute it is).
      expect([201, 409]).toContain(retry.status)
    }
    const mine = (await client.get<{ items: HelpRequestSummary[] }>('/api/requests/mine')).body.items
    for (let round = 0; round < ROUNDS; round++) {
      const copies = mine.filter((r) => r.description === requestBody(round, resident).description)
      expect(copies.length).toBeLessThanOrEqual(1)
      const acked = calls.find((x) => x.kind === 'request' && x.round === round && x.resident === resident && x.outcome === 'ok')
      if (acked) expect(copies.map((r) => r.id)).toEqual([acked.id])
    }
  }

  // Enrollments: each acknowledged one there once; capacity held; no free seat while someone waits.
  const staff = api(
    server.url,
    (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token,
  )
  for (const [round, activityId] of activities.entries()) {
    for (const c of calls.filter((x) => x.kind === 'enroll' && x.round === round && x.outcome === 'unknown')) {
      const retry = await api(server.url, tokens[c.resident]).post<Enrollment>(`/api/activities/${activityId}/enrollments`, {
        name: `参加人${c.resident}`,
        contactPhone: '13812345678',
      })
      expect([200, 201]).toContain(retry.status)
    }
    const roster = (await staff.get<Roster>(`/api/staff/activities/${activityId}/roster`)).body
    const names = roster.entries.map((e) => e.participantName)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toHaveLength(RESIDENTS) // after the retries, everyone once
    for (const c of calls.filter((x) => x.kind === 'enroll' && x.round === round && x.outcome === 'ok')) {
      expect(roster.entries.filter((e) => e.enrollmentId === c.id)).toHaveLength(1)
    }
    const confirmed = roster.entries.filter((e) => e.status === 'confirmed').length
    const waiting = roster.entries.filter((e) => e.status === 'waitlisted')
    expect(confirmed).toBe(SEATS)
    expect(waiting.map((e) => e.waitlistPosition)).toEqual(waiting.map((_, i) => i + 1))
    expect(roster.activity.seatsLeft).toBe(0)
  }
})
