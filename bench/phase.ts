/**
 * One phase of the benchmark on its own, for a machine too busy for the whole run:
 *   npx tsx bench/phase.ts delivery [pglite|postgres]   WeChat slow and down (bench/delivery.ts)
 *   npx tsx bench/phase.ts instances                     1 vs 2 instances on one PostgreSQL (bench/instances.ts)
 *   npx tsx bench/phase.ts nearby [pglite|postgres]      50,000 stations; nearby against /api/health/live, twice, interleaved
 *   npx tsx bench/phase.ts submissions [pglite|postgres] help-request submissions (the demo stations) against /api/health/live,
 *                                                        twice, interleaved
 *   npx tsx bench/phase.ts burst [pglite|postgres]       500 enrollments at once for 30 seats against 500 calls to /api/health/live
 *                                                        (bench/burst.ts) on a fresh server, --rounds=N (default 5)
 * Options: --rate=N (calls/s, default 50), --seconds=N (default 8).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPostgres } from '../server/db/postgres'
import { benchBurst } from './burst'
import { benchDelivery } from './delivery'
import { benchInstances } from './instances'
import { load, loadSubmissions, randomNearbyPath } from './load'
import { loadStations } from './nearby'
import { openDatabase } from '../server/db'
import { migrate } from '../server/db/migrate'
import { startServer, type DatabaseLocation } from '../test/api/helpers/server'
// @ts-expect-error plain ESM helper without types
import { startPostgres } from '../scripts/postgres.mjs'

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)

async function main() {
  const [phase, backend = phase === 'instances' ? 'postgres' : 'pglite'] = process.argv.slice(2).filter((a) => !a.startsWith('--'))
  const rate = arg('rate', 50)
  const seconds = arg('seconds', 8)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-phase-'))
  const pg = backend === 'postgres' ? await startPostgres({ log: () => {} }) : null
  if (backend === 'postgres' && !pg) throw new Error('PostgreSQL not installed')
  try {
    let databaseUrl: string | null = null
    if (pg) {
      const admin = await openPostgres(pg.url)
      await admin.query('CREATE DATABASE bench_phase')
      await admin.close()
      databaseUrl = pg.url.replace(/\/[^/]*$/, '/bench_phase')
    }
    const log = (l: string) => console.log(`${backend} ${l}`)
    const result =
      phase === 'instances'
        ? await benchInstances({ dataDir, databaseUrl }, rate, seconds, log)
        : phase === 'nearby'
          ? await nearbyPhase({ dataDir, databaseUrl }, rate, seconds, log)
          : phase === 'submissions'
            ? await submissionsPhase({ dataDir, databaseUrl }, rate, seconds, log)
            : phase === 'burst'
              ? await burstPhase({ dataDir, databaseUrl }, arg('rounds', 5), log)
              : await benchDelivery({ dataDir, databaseUrl }, rate, seconds, log)
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true })
    fs.writeFileSync(path.join(__dirname, 'results', `${phase}-${backend}.json`), JSON.stringify(result, null, 2))
  } finally {
    pg?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  process.exit(0)
}

async function nearbyPhase(database: DatabaseLocation, rate: number, seconds: number, log: (l: string) => void) {
  const db = await openDatabase(database)
  await migrate(db)
  await loadStations(db)
  await db.close()
  const server = await startServer({ database, env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    const rounds = []
    for (let round = 0; round < 2; round++) {
      const baseline = await load(server.url, () => '/api/health/live', rate, seconds)
      const nearby = await load(server.url, randomNearbyPath(), rate, seconds)
      log(
        `nearby @${rate}/s: baseline p50/p99 ${baseline.p50Ms}/${baseline.p99Ms} ms; nearby ${nearby.p50Ms}/${nearby.p99Ms} ms (errors ${nearby.errors}, non-2xx ${nearby.non2xx})`,
      )
      rounds.push({ baseline, nearby })
    }
    return rounds
  } finally {
    await server.stop()
  }
}

/** Submissions at a fixed rate against the baseline at the same rate, on one server (the demo stations, as `npm run bench`). */
async function submissionsPhase(database: DatabaseLocation, rate: number, seconds: number, log: (l: string) => void) {
  const server = await startServer({ database, env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    const rounds = []
    for (let round = 0; round < 2; round++) {
      const baseline = await load(server.url, () => '/api/health/live', rate, seconds)
      const submissions = await loadSubmissions(server.url, rate, seconds)
      log(
        `submissions @${rate}/s: baseline p50/p99 ${baseline.p50Ms}/${baseline.p99Ms} ms; submissions ${submissions.p50Ms}/${submissions.p99Ms} ms, ` +
          `${submissions.requests} sent, failed ${submissions.errors + submissions.non2xx} (errors ${submissions.errors}, non-2xx ${submissions.non2xx})`,
      )
      rounds.push({ baseline, submissions })
    }
    return rounds
  } finally {
    await server.stop()
  }
}

/** The enrollment burst alone, on a server of its own; the load average beside the figures (the machine is shared). */
async function burstPhase(database: DatabaseLocation, rounds: number, log: (l: string) => void) {
  // BENCH_SERVER_NODE_OPTIONS reaches the server only (e.g. `--import <abs path>/bench/cpuProbe.mjs` for a CPU profile).
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
  const server = await startServer({
    database,
    env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
  })
  const loadAvg = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')
  try {
    const loadBefore = loadAvg()
    const r = await benchBurst(server.url, 500, rounds)
    const loadAfter = loadAvg()
    for (const [i, x] of r.perRound.entries()) {
      log(
        `round ${i + 1}: all answered in ${x.completionMs} ms, baseline ${x.baselineCompletionMs} ms (×${(x.completionMs / Math.max(x.baselineCompletionMs, 1)).toFixed(1)}), p99 ${x.p99Ms} / ${x.baselineP99Ms} ms, ${x.correct ? 'exact' : 'WRONG'}`,
      )
    }
    log(
      `burst ${r.applicants} → 30 seats, median of ${r.rounds}: all answered in ${r.completionMs} ms, baseline ${r.baselineCompletionMs} ms → ×${(r.completionMs / Math.max(r.baselineCompletionMs, 1)).toFixed(1)}; p99 ${r.p99Ms} / ${r.baselineP99Ms} ms; ${r.correctRounds}/${r.rounds} rounds exact; load average ${loadBefore} → ${loadAfter}`,
    )
    return { ...r, loadBefore, loadAfter }
  } catch (err) {
    console.error(`server output (last 3,000 characters):\n${server.output().slice(-3000)}`)
    throw err
  } finally {
    await server.stop()
  }
}

void main()
