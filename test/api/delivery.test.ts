/**
 * The notification sender and the jobs loop, on PGlite and PostgreSQL: WeChat
 * slow or down never holds the database, delivery resumes when WeChat is back,
 * no message is sent twice (also with two senders at once), and a job that
 * always throws does not stop the others.
 */
import net from 'node:net'
import pino from 'pino'
import { loadConfig } from '../../server/config'
import { openDatabase, type Database } from '../../server/db'
import { jobRunner, type Job } from '../../server/jobs'
import { enqueue } from '../../server/repositories/outbox'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { deliverPending } from '../../server/services/notifier'
import { backend, freshDatabase } from './helpers/server'
import { testContext } from './helpers/context'
import { startFakeWechat, type FakeWechat } from './helpers/fakeWechat'

jest.setTimeout(120_000)

let db: Database
let wechat: FakeWechat
const log = pino({ level: 'silent' })
const T0 = new Date('2026-11-23T10:00:00+08:00')
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000)
const configFor = (apiBase: string) =>
  loadConfig({
    WECHAT_API_BASE: apiBase,
    WECHAT_APPID: 'wx-test-app',
    WECHAT_SECRET: 'test-secret',
    WECHAT_TEMPLATE_REQUEST_STATUS: 'tmpl-status',
  } as unknown as NodeJS.ProcessEnv)

/** A loopback port where nothing listens: connections are refused. */
async function refusingBase(): Promise<string> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** `n` messages waiting in the outbox for users with real openids; their ids. */
async function waiting(n: number, tag: string): Promise<string[]> {
  await db.query('UPDATE outbox SET delivered_at = now() WHERE delivered_at IS NULL') // earlier tests' messages
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const user = await upsertUserByOpenid(db, `o-${tag}-${i}`, '居民')
    await enqueue(db, user.id, 'request_status', { requestId: `r-${i}`, number: `${tag}-${i}`, status: '已受理', note: '' }, T0)
    ids.push(user.id)
  }
  return ids
}

const sentNumbers = () => wechat.messages.map((m) => m.data.character_string1.value as string)

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  wechat = await startFakeWechat()
})
afterAll(async () => {
  await db?.close()
  await wechat?.close()
})

describe(`notification delivery on ${backend}`, () => {
  test('while WeChat keeps a send waiting, no database session or transaction is held: the API queries still run', async () => {
    await waiting(3, 'slow')
    const release = wechat.hold()
    const run = deliverPending(db, configFor(wechat.url), log, T0)
    while (wechat.held() === 0) await new Promise((r) => setTimeout(r, 20))
    // On PGlite the only session would be taken by a transaction around the send; here a write goes through.
    const during = await db.transaction(
      async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL')).rows[0]!.n,
    )
    expect(wechat.held()).toBeGreaterThan(0)
    expect(during).toBe(3)
    release()
    expect(await run).toBe(3)
    expect(
      sentNumbers()
        .filter((n) => n.startsWith('slow-'))
        .sort(),
    ).toEqual(['slow-0', 'slow-1', 'slow-2'])
  })

  test('WeChat refusing connections: nothing delivered, the run stops after one batch; once WeChat is back every message goes exactly once', async () => {
    await waiting(50, 'down')
    const down = configFor(await refusingBase())
    expect(await deliverPending(db, down, log, minutes(10))).toBe(0)
    const tried = await db.query<{ attempts: number }>(`SELECT attempts FROM outbox WHERE payload->>'number' LIKE 'down-%' ORDER BY id`)
    expect(tried.rows.filter((r) => r.attempts === 1)).toHaveLength(20)
    expect(tried.rows.filter((r) => r.attempts === 0)).toHaveLength(30)

    // Still down at the next tick, then back: the backoff passes and every message is delivered once.
    expect(await deliverPending(db, down, log, minutes(11))).toBe(0)
    const up = configFor(wechat.url)
    let delivered = 0
    for (const m of [20, 40, 80]) delivered += await deliverPending(db, up, log, minutes(m))
    expect(delivered).toBe(50)
    const numbers = sentNumbers().filter((n) => n.startsWith('down-'))
    expect(new Set(numbers).size).toBe(50)
    expect(numbers).toHaveLength(50)
    const left = await db.query(`SELECT 1 FROM outbox WHERE delivered_at IS NULL`)
    expect(left.rows).toHaveLength(0)
  })

  test('two senders at once (two instances) send each message once', async () => {
    await waiting(45, 'twice')
    const config = configFor(wechat.url)
    const [a, b] = await Promise.all([deliverPending(db, config, log, minutes(200)), deliverPending(db, config, log, minutes(200))])
    expect(a + b).toBe(45)
    const numbers = sentNumbers().filter((n) => n.startsWith('twice-'))
    expect(numbers).toHaveLength(45)
    expect(new Set(numbers).size).toBe(45)
  })
})

describe(`jobs on ${backend}`, () => {
  test('a job that throws every time does not stop the others; it backs off, is logged by name and counted', async () => {
    const ctx = await testContext(db)
    let ran = 0
    let broken = 0
    const jobs: Job[] = [
      { name: 'always-broken', run: async () => (broken++, Promise.reject(new Error('boom'))) },
      { name: 'counter', run: async () => (ran++, { counted: 1 }) },
    ]
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) })
    const tick = jobRunner(ctx, logger, jobs, 1000)
    await tick(0)
    await tick(500) // the broken job waits 2 s after its first failure
    await tick(2500)
    expect(ran).toBe(3)
    expect(broken).toBe(2)
    const failed = lines.map((l) => JSON.parse(l)).filter((l) => l.job === 'always-broken')
    expect(failed).toHaveLength(2)
    expect(failed[1]).toMatchObject({ level: 50, failures: 2, retryInMs: 4000 })
    const metrics = await ctx.metrics.registry.metrics()
    expect(metrics).toContain('job_runs_total{job="always-broken",outcome="failed"} 2')
    expect(metrics).toContain('job_runs_total{job="counter",outcome="ok"} 3')
  })
})
