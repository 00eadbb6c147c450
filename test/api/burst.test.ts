/**
 * Registration opens and 1,000 families tap at once for 30 seats: every call
 * is answered with something that means something — served (201), or 503
 * with Retry-After when no database connection became free in time, which the
 * app retries (an enrollment is keyed by its participant: a retry gives back
 * the same one) — never 500; and the seats stay exact. On one instance, with
 * a starved pool (PostgreSQL), and on two instances sharing one PostgreSQL.
 */
import { burstActivity } from '../../bench/burst'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { createSession, upsertUserByOpenid } from '../../server/repositories/sessions'
import { api, backend, freshDatabase, startApp, type TestApp } from './helpers/server'

jest.setTimeout(600_000)

const SEATS = 30
const FAMILIES = 1000
const LIMITS = { RATE_LIMIT_ENROLL: '100000', RATE_LIMIT_LOGIN: '100000', JOB_INTERVAL_MS: '0' }

async function openActivity(server: TestApp, title: string): Promise<string> {
  const staff = (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body
    .token as string
  const created = await api(server.url, staff).post('/api/staff/activities', burstActivity(title, SEATS))
  expect(created.status).toBe(201)
  return created.body.id as string
}

async function families(server: TestApp, tag: string, count = FAMILIES): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const user = await upsertUserByOpenid(server.db, `dev:${tag}-${i}`, `家长${i}`)
    tokens.push((await createSession(server.db, user, 24)).token)
  }
  return tokens
}

/**
 * Every family taps at once (family i on instance i mod n); each one answered 503 waits its Retry-After
 * (shortened here) and taps again. Returns every status seen.
 */
async function burst(
  servers: TestApp[],
  activityId: string,
  tokens: string[],
): Promise<{ statuses: Map<number, number>; retried: number }> {
  const statuses = new Map<number, number>()
  let retried = 0
  await Promise.all(
    tokens.map(async (token, i) => {
      const server = servers[i % servers.length]!
      for (let attempt = 0; ; attempt++) {
        const res = await api(server.url, token).post(`/api/activities/${activityId}/enrollments`, {
          name: `孩子${i}`,
          contactPhone: '13812345678',
        })
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status !== 503) return
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
        expect(res.body).toMatchObject({ code: 'UNAVAILABLE' })
        retried++
        if (attempt > 200) throw new Error('still 503 after 200 retries')
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200))
      }
    }),
  )
  return { statuses, retried }
}

async function expectExactSeats(server: TestApp, activityId: string, count = FAMILIES) {
  const { rows } = await server.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM enrollments WHERE activity_id = $1 GROUP BY status',
    [activityId],
  )
  expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual({ confirmed: SEATS, waitlisted: count - SEATS })
  const positions = await server.db.query<{ taken: number }>('SELECT taken FROM activities WHERE id = $1', [activityId])
  expect(positions.rows[0]!.taken).toBe(SEATS)
  const distinct = await server.db.query<{ n: number }>(
    'SELECT count(DISTINCT user_id)::int AS n FROM enrollments WHERE activity_id = $1',
    [activityId],
  )
  expect(Number(distinct.rows[0]!.n)).toBe(count)
}

function expectEveryAnswerMeant(statuses: Map<number, number>, count = FAMILIES) {
  // 201 once per family; 503 (Retry-After) in between when the pool is starved; nothing else, never 500.
  expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([])
  expect(statuses.get(201)).toBe(count)
}

describe(`${FAMILIES} enrollments at once for ${SEATS} seats on ${backend}`, () => {
  test('one instance: every family answered, none with 500, the seats exact', async () => {
    const server = await startApp({ env: LIMITS })
    try {
      const id = await openActivity(server, '报名高峰·一个实例')
      const { statuses } = await burst([server], id, await families(server, 'one'))
      expectEveryAnswerMeant(statuses)
      await expectExactSeats(server, id)
    } finally {
      await server.stop()
    }
  })

  const onPostgres = backend === 'postgres' ? test : test.skip
  onPostgres(
    'a starved pool (100 families, 2 connections, 200 ms wait): the calls that time out get 503 with Retry-After, never 500; retried, the seats are exact',
    async () => {
      const server = await startApp({ env: { ...LIMITS, DB_POOL_MAX: '2', DB_POOL_WAIT_MS: '200' } })
      try {
        const id = await openActivity(server, '报名高峰·连接不足')
        const { statuses, retried } = await burst([server], id, await families(server, 'starved', 100))
        expect(retried).toBeGreaterThan(0)
        expectEveryAnswerMeant(statuses, 100)
        await expectExactSeats(server, id, 100)
        const metrics = await server.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '127.0.0.1' })
        expect(metrics.body).toMatch(/db_pool_timeouts_total [1-9]/)
      } finally {
        await server.stop()
      }
    },
  )

  onPostgres('two instances sharing one PostgreSQL: every family answered, none with 500, the seats exact', async () => {
    const database = await freshDatabase('seeded')
    const first = await startApp({ database, env: LIMITS })
    const second = await startApp({ database, env: LIMITS })
    try {
      const id = await openActivity(first, '报名高峰·两个实例')
      const { statuses } = await burst([first, second], id, await families(first, 'two'))
      expectEveryAnswerMeant(statuses)
      await expectExactSeats(second, id)
    } finally {
      await Promise.all([first.stop(), second.stop()])
    }
  })
})
