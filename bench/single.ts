/**
 * One help-request submission at a time on an idle server, against one call at
 * a time to GET /api/health/live on the same server: the cost of a submission
 * before any queueing. With `statements`, every SQL statement the server runs
 * is timed (the server runs in this process, its database wrapped), so a run
 * says where a submission's time goes.
 *
 *   npx tsx bench/single.ts                 PGlite, the ratio and the statements of one submission
 *   npx tsx bench/single.ts postgres        the same on a throw-away PostgreSQL (scripts/postgres.mjs; or DATABASE_URL's)
 *   npx tsx bench/single.ts --enroll        the same for one enrollment (each by a resident of its own, all waitlisted,
 *                                           as 470 of the burst's 500 are; bench/burst.ts)
 *   npx tsx bench/single.ts --cpu-prof=FILE the same, with a CPU profile of the measured calls only
 *                                           (node:inspector, as node --cpu-prof writes; open it in Chrome DevTools)
 * DATABASE_URL=… runs it on that PostgreSQL database instead.
 * It also prints the floor: one transaction with one INSERT, timed at the database, against /api/health/live —
 * what any durable write per call costs before the call's own work.
 */
import { Session } from 'node:inspector/promises'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'
import { openDatabase, type Database, type Queryable } from '../server/db'
import { DEMO_STAFF_PASSWORD, seedDemoData } from '../server/seed'
import { burstActivity } from './burst'
import { newPgDatabase, percentile } from './util'
// @ts-expect-error plain ESM helper without types
import { startPostgres } from '../scripts/postgres.mjs'

export const SUBMISSION = {
  category: 'elderly_care',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  description: '想了解社区助餐服务',
  requester: 'self',
  contactName: '王大娘',
  contactPhone: '13812345678',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  location: { lat: 39.0555, lng: 121.7735 },
  urgency: 'normal',
}

export interface StatementTiming {
  sql: string
  ms: number
}

export interface SingleResult {
  runs: number
  liveP50Ms: number
  /** The measured call's p50: a submission, or an enrollment with `enroll`. */
  submitP50Ms: number
  ratio: number
  /** The statements of one submission, in order, each with its median time over the runs. */
  statements: StatementTiming[]
  /** One transaction with one INSERT (BEGIN, INSERT, COMMIT), p50 at the database; the ratio a route doing only that would have. */
  floorTxMs: number
  floorRatio: number
}

/** Wraps a database so that every statement (in or out of a transaction) is timed into `sink` while it is set. */
function timedDatabase(db: Database, sink: () => StatementTiming[] | null): Database {
  const wrap = (q: Queryable): Queryable => ({
    exec: (sql) => q.exec(sql),
    async query(sql, params) {
      const t = performance.now()
      try {
        return await q.query(sql, params)
      } finally {
        sink()?.push({ sql: sql.replace(/\s+/g, ' ').trim().slice(0, 110), ms: performance.now() - t })
      }
    },
  })
  const outer = wrap(db)
  return Object.assign(Object.create(db) as Database, {
    query: outer.query,
    exec: outer.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      const t = performance.now()
      return db
        .transaction((tx) => fn(wrap(tx)))
        .finally(() => sink()?.push({ sql: '(transaction, BEGIN … COMMIT)', ms: performance.now() - t }))
    },
    close: () => db.close(),
    kind: db.kind,
  })
}

type Inject = (
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<{ statusCode: number; body: string; json: () => any }>

const WARM_UP = 10

/** One help-request submission per call, all by one resident, each with its own Idempotency-Key. */
async function submissions(inject: Inject) {
  const login = await inject('POST', '/api/auth/dev', { nickname: '单次提交' })
  const token = (login.json() as { token: string }).token
  return {
    status: 201,
    call: (i: number) =>
      inject('POST', '/api/requests', SUBMISSION, { authorization: `Bearer ${token}`, 'idempotency-key': `single-${Date.now()}-${i}` }),
  }
}

/**
 * One enrollment per call in one activity, each by a resident of its own; the warm-up takes its seats, so every
 * measured enrollment is waitlisted, as 470 of the burst's 500 are.
 */
async function enrollments(inject: Inject, runs: number) {
  const staff = (await inject('POST', '/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).json() as {
    token: string
  }
  const created = await inject('POST', '/api/staff/activities', burstActivity('单次报名', WARM_UP), {
    authorization: `Bearer ${staff.token}`,
  })
  const { id } = created.json() as { id: string }
  const tokens: string[] = []
  for (let i = 0; i < runs + WARM_UP; i++)
    tokens.push((await inject('POST', '/api/auth/dev', { nickname: `单次报名${i}` })).json().token as string)
  let next = 0
  return {
    status: 201,
    call: (i: number) =>
      inject(
        'POST',
        `/api/activities/${id}/enrollments`,
        { name: `参加人${i}`, contactPhone: '13812345678' },
        {
          authorization: `Bearer ${tokens[next++]!}`,
        },
      ),
  }
}

/**
 * Starts the API in this process on `databaseUrl` (or a fresh PGlite), sends `runs` submissions (or, with `enroll`,
 * enrollments) one at a time.
 */
export async function benchSingle(
  opts: { databaseUrl?: string | null; runs?: number; cpuProfile?: string; enroll?: boolean } = {},
): Promise<SingleResult> {
  const runs = opts.runs ?? 40
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-single-'))
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JOB_INTERVAL_MS: '0',
    NODE_ENV: 'test',
    RATE_LIMIT_SUBMIT: '100000',
    RATE_LIMIT_ENROLL: '100000',
    RATE_LIMIT_LOGIN: '100000',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { DATABASE_URL: '' }),
  })
  const raw = await openDatabase(config)
  let current: StatementTiming[] | null = null
  const db = timedDatabase(raw, () => current)
  await seedDemoData(raw)
  const app = await buildApp({ config, db, logger: false })
  try {
    const inject: Inject = (method, url, payload, headers = {}) => app.inject({ method, url, payload: payload as object, headers })
    const measured = opts.enroll ? await enrollments(inject, runs) : await submissions(inject)
    const submit = measured.call

    for (let i = 0; i < WARM_UP; i++) {
      await inject('GET', '/api/health/live')
      await submit(-i - 1) // warm-up: JIT, plans, caches
    }
    const profiler = opts.cpuProfile ? new Session() : null
    if (profiler) {
      profiler.connect()
      await profiler.post('Profiler.enable')
      await profiler.post('Profiler.start')
    }
    const live: number[] = []
    const submitted: { ms: number; statements: StatementTiming[] }[] = []
    for (let i = 0; i < runs; i++) {
      let t = performance.now()
      await inject('GET', '/api/health/live')
      live.push(performance.now() - t)
      current = []
      t = performance.now()
      const res = await submit(i)
      submitted.push({ ms: performance.now() - t, statements: current })
      current = null
      if (res.statusCode !== measured.status)
        throw new Error(`${opts.enroll ? 'enrollment' : 'submission'} answered ${res.statusCode}: ${res.body}`)
    }
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop')
      fs.writeFileSync(opts.cpuProfile!, JSON.stringify(profile))
      profiler.disconnect()
    }
    // The floor: the same durable commit with one small INSERT and nothing else, between the same calls.
    await raw.exec('CREATE TABLE IF NOT EXISTS bench_floor (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL)')
    const floor: number[] = []
    for (let i = 0; i < runs + 10; i++) {
      const t = performance.now()
      await raw.transaction((tx) => tx.query('INSERT INTO bench_floor (at) VALUES ($1)', [new Date()]))
      if (i >= 10) floor.push(performance.now() - t)
    }
    const floorP50 = percentile(floor, 50)
    const liveP50 = percentile(live, 50)
    const submitP50 = percentile(
      submitted.map((s) => s.ms),
      50,
    )
    // Each statement's median over the runs (every run runs the same statements in the same order).
    const statements = submitted[0]!.statements.map((first, i) => ({
      sql: first.sql,
      ms: percentile(
        submitted.map((r) => r.statements[i]?.ms ?? NaN).filter((ms) => !Number.isNaN(ms)),
        50,
      ),
    }))
    return {
      runs,
      liveP50Ms: round(liveP50),
      submitP50Ms: round(submitP50),
      ratio: round(submitP50 / liveP50),
      statements: statements.map((st) => ({ ...st, ms: round(st.ms) })),
      floorTxMs: round(floorP50),
      floorRatio: round((liveP50 + floorP50) / liveP50),
    }
  } finally {
    await app.close()
    await raw.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const round = (n: number) => Math.round(n * 100) / 100

async function cli() {
  const cpuProfile = process.argv.find((a) => a.startsWith('--cpu-prof='))?.split('=')[1]
  const enroll = process.argv.includes('--enroll')
  const what = enroll ? 'enrollment' : 'submission'
  const pg = process.argv.includes('postgres') && !process.env.DATABASE_URL ? await startPostgres({ log: () => {} }) : null
  try {
    const databaseUrl = pg ? await newPgDatabase(pg.url, 'bench_single') : process.env.DATABASE_URL || null
    const r = await benchSingle({ databaseUrl, cpuProfile, enroll })
    console.log(
      `${databaseUrl ? 'PostgreSQL' : 'PGlite'}, one at a time, idle (${r.runs} runs, p50): /api/health/live ${r.liveP50Ms} ms, ${what} ${r.submitP50Ms} ms → ×${r.ratio}`,
    )
    console.log(`statements of one ${what} (median of each):`)
    for (const s of r.statements) console.log(`  ${s.ms.toFixed(2).padStart(7)} ms  ${s.sql}`)
    console.log(
      `floor: one transaction with one INSERT ${r.floorTxMs} ms at the database → a route doing only that ≈ ×${r.floorRatio} /api/health/live`,
    )
  } finally {
    pg?.stop()
  }
  process.exit(0)
}

if (require.main === module) void cli()
