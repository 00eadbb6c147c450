/**
 * `npm run bench`: every benchmark, each as a ratio to a baseline measured in
 * the same run (absolute numbers depend on the machine; ratios much less).
 * Writes bench/results/latest.json and prints a Markdown table for the README.
 *
 *   npm run bench -- --quick        shorter load phases, one Lighthouse run per page
 *   npm run bench -- --import       only the stations' import (149 stations: check, apply, apply again)
 *   npm run bench -- --lighthouse   only the h5 portal's Lighthouse performance scores
 *                                   (needs npm run build:h5; --lighthouse-runs=N, default 3)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPglite } from '../server/db/pglite'
import { openPostgres } from '../server/db/postgres'
import { migrate } from '../server/db/migrate'
import type { Database } from '../server/db'
import { startServer } from '../test/api/helpers/server'
import { benchBurst } from './burst'
import { benchNearby, loadStations } from './nearby'
import { benchReport, loadCity, type ReportBench } from './report'
import { load, loadSubmissions, randomNearbyPath } from './load'
import { benchLighthouse, type LighthouseResult } from './lighthouse'
import { benchImport, type ImportBench } from './import'
import { fmt } from './util'
// @ts-expect-error plain ESM helper without types
import { startPostgres } from '../scripts/postgres.mjs'

const quick = process.argv.includes('--quick')
const LOAD_SECONDS = quick ? 5 : 15
const LOAD_RATE = 200
const SUBMIT_RATE = 50
const BURST_APPLICANTS = 500
const BURST_ROUNDS = quick ? 2 : 5
const lighthouseOnly = process.argv.includes('--lighthouse')
const importOnly = process.argv.includes('--import')
const LIGHTHOUSE_RUNS = Number(process.argv.find((a) => a.startsWith('--lighthouse-runs='))?.split('=')[1] ?? (quick ? 1 : 3))

async function onBackend(name: string, open: () => Promise<Database>, databaseUrl: string | null) {
  console.log(`\n## ${name}`)
  const db = await open()
  await migrate(db)
  const stations = await loadStations(db)
  const nearby = await benchNearby(db, stations)
  console.log(
    `nearby: ${nearby.mismatches} mismatches on ${nearby.points} points; KNN ${fmt(nearby.knnMeanMs)} ms mean, scan ${fmt(nearby.scanMeanMs)} ms mean → ×${fmt(nearby.speedup, 0)}`,
  )
  await db.close()
  return { nearby, databaseUrl }
}

async function loadPhase(name: string, database: { dataDir: string; databaseUrl: string | null }) {
  const server = await startServer({ database, env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    const baseline = await load(server.url, () => '/api/health/live', LOAD_RATE, LOAD_SECONDS)
    const nearby = await load(server.url, randomNearbyPath(), LOAD_RATE, LOAD_SECONDS)
    console.log(
      `${name} load @${LOAD_RATE}/s: baseline p50 ${baseline.p50Ms} ms p99 ${baseline.p99Ms} ms; nearby p50 ${nearby.p50Ms} ms p99 ${nearby.p99Ms} ms (errors ${nearby.errors}, non-2xx ${nearby.non2xx})`,
    )
    const submit = await loadSubmissions(server.url, SUBMIT_RATE, LOAD_SECONDS)
    console.log(
      `${name} submissions @${SUBMIT_RATE}/s: ${submit.requests} sent, p50 ${submit.p50Ms} ms p99 ${submit.p99Ms} ms (errors ${submit.errors}, non-2xx ${submit.non2xx})`,
    )
    const burst = await benchBurst(server.url, BURST_APPLICANTS, BURST_ROUNDS)
    console.log(
      `${name} enrollment burst: ${burst.applicants} at once for 30 seats, ${burst.correctRounds}/${burst.rounds} rounds correct; all answered in ${burst.completionMs} ms (baseline ${burst.baselineCompletionMs} ms, ×${fmt(burst.completionMs / Math.max(burst.baselineCompletionMs, 1), 1)}), p99 ${burst.p99Ms} ms (baseline ${burst.baselineP99Ms} ms)`,
    )
    return { baseline, nearby, submit, burst, p99Ratio: nearby.p99Ms / Math.max(baseline.p99Ms, 1) }
  } finally {
    await server.stop()
  }
}

/** The supervisors' report at a city's scale, on the same database after the load phase. */
async function reportPhase(name: string, open: () => Promise<Database>): Promise<ReportBench> {
  const db = await open()
  try {
    const started = Date.now()
    const supervisor = await loadCity(db)
    console.log(`${name} report: city generated in ${fmt((Date.now() - started) / 1000, 0)} s`)
    const r = await benchReport(db, supervisor, quick ? 3 : 7)
    console.log(
      `${name} report over ${r.stations} stations, ${r.requests} requests, ${r.events} events: month ${fmt(r.monthP50Ms, 0)} ms, year ${fmt(r.yearP50Ms, 0)} ms; month without indexes ${fmt(r.monthSeqP50Ms, 0)} ms → ×${fmt(r.speedup, 0)}; same figures: ${r.sameFigures}`,
    )
    return r
  } finally {
    await db.close()
  }
}

/** Lighthouse on the h5 build, served by the real server on a fresh PGlite with the demo data. */
async function lighthousePhase(): Promise<LighthouseResult[]> {
  if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'h5', 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
  console.log(`\n## Lighthouse (performance, mobile, simulated throttling; median of ${LIGHTHOUSE_RUNS})`)
  const server = await startServer({ env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    return await benchLighthouse(server.url, LIGHTHOUSE_RUNS)
  } finally {
    await server.stop()
  }
}

function printLighthouse(rows: LighthouseResult[]) {
  console.log('\n| page | mode | score (runs) | LCP | TBT | TTI | CLS | transferred | BenchmarkIndex |')
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    console.log(
      `| ${r.page} | ${r.elder ? '长辈模式' : 'standard'} | ${r.score} (${r.runs.map((x) => x.score).join(', ')}) | ${fmt(r.lcpMs / 1000, 1)} s | ${fmt(r.tbtMs, 0)} ms | ${fmt(r.ttiMs / 1000, 1)} s | ${fmt(r.cls, 3)} | ${fmt(r.transferKiB, 0)} KiB | ${fmt(r.benchmarkIndex, 0)} |`,
    )
  }
}

function writeResults(results: Record<string, unknown>, name: string) {
  const outDir = path.join(__dirname, 'results')
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, name), JSON.stringify(results, null, 2))
}

async function main() {
  const results: Record<string, unknown> = { date: new Date().toISOString(), cpus: os.cpus().length, node: process.version }
  if (importOnly) {
    const r: ImportBench = await benchImport(quick ? 3 : 5)
    results.import = r
    writeResults(results, 'import.json')
    const ratio = (ms: number) => `×${fmt(ms / r.baselineMs, 1)}`
    console.log(`\n| stations (file) | baseline GET /api/staff/me | check (dryRun) | first apply | same file again |`)
    console.log('|---|---|---|---|---|')
    console.log(
      `| ${r.stations} (${r.fileKiB} KiB .xlsx) | ${fmt(r.baselineMs, 0)} ms | ${fmt(r.dryRunMs, 0)} ms (${ratio(r.dryRunMs)}) | ${fmt(r.applyMs, 0)} ms (${ratio(r.applyMs)}) | ${fmt(r.reapplyMs, 0)} ms (${ratio(r.reapplyMs)}) |`,
    )
    process.exit(0)
  }
  if (lighthouseOnly) {
    results.lighthouse = await lighthousePhase()
    writeResults(results, 'lighthouse.json')
    printLighthouse(results.lighthouse as LighthouseResult[])
    process.exit(0)
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-bench-'))
  const pglite = await onBackend('PGlite', () => openPglite(dataDir), null)
  results.pglite = { nearby: pglite.nearby, load: await loadPhase('PGlite', { dataDir, databaseUrl: null }) }
  ;(results.pglite as any).report = await reportPhase('PGlite', () => openPglite(dataDir))
  fs.rmSync(dataDir, { recursive: true, force: true })

  const pg = await startPostgres({ log: () => {} })
  if (pg) {
    try {
      const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-bench-'))
      const r = await onBackend('PostgreSQL', () => openPostgres(pg.url), pg.url)
      results.postgres = { nearby: r.nearby, load: await loadPhase('PostgreSQL', { dataDir: pgDir, databaseUrl: pg.url }) }
      ;(results.postgres as any).report = await reportPhase('PostgreSQL', () => openPostgres(pg.url))
    } finally {
      pg.stop()
    }
  } else {
    console.log('\nPostgreSQL not installed: skipped (apt-get install -y postgresql)')
  }

  results.lighthouse = await lighthousePhase()
  writeResults(results, 'latest.json')

  console.log(
    `\n| backend | KNN top-10 vs brute force (1,000 points) | KNN mean | scan mean | speed-up | baseline p50/p99 @${LOAD_RATE}/s | nearby p50/p99 @${LOAD_RATE}/s | submissions p50/p99 @${SUBMIT_RATE}/s |`,
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const key of ['pglite', 'postgres'] as const) {
    const r = results[key] as any
    if (!r) continue
    console.log(
      `| ${key === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${r.nearby.mismatches} mismatches | ${fmt(r.nearby.knnMeanMs)} ms | ${fmt(r.nearby.scanMeanMs)} ms | ×${fmt(r.nearby.speedup, 0)} | ${r.load.baseline.p50Ms}/${r.load.baseline.p99Ms} ms | ${r.load.nearby.p50Ms}/${r.load.nearby.p99Ms} ms | ${r.load.submit.p50Ms}/${r.load.submit.p99Ms} ms (${r.load.submit.non2xx + r.load.submit.errors} failed of ${r.load.submit.requests}) |`,
    )
  }
  console.log(
    `\n| backend | enrollment burst (${BURST_APPLICANTS} at once, 30 seats) | rounds correct | all answered | baseline (same calls to /api/health/live) | ratio | p99 | baseline p99 |`,
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const key of ['pglite', 'postgres'] as const) {
    const b = (results[key] as any)?.load.burst
    if (!b) continue
    console.log(
      `| ${key === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${b.applicants} → 30 confirmed + ${b.applicants - 30} waitlisted | ${b.correctRounds}/${b.rounds} | ${b.completionMs} ms | ${b.baselineCompletionMs} ms | ×${fmt(b.completionMs / Math.max(b.baselineCompletionMs, 1), 1)} | ${b.p99Ms} ms | ${b.baselineP99Ms} ms |`,
    )
  }
  console.log(
    `\n| backend | city | report, one month (p50) | report, one year (p50) | one month without indexes | speed-up | same figures |`,
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const key of ['pglite', 'postgres'] as const) {
    const r = (results[key] as any)?.report as ReportBench | undefined
    if (!r) continue
    console.log(
      `| ${key === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${r.stations} stations, ${r.requests.toLocaleString('en')} requests, ${r.events.toLocaleString('en')} events | ${fmt(r.monthP50Ms, 0)} ms | ${fmt(r.yearP50Ms, 0)} ms | ${fmt(r.monthSeqP50Ms, 0)} ms | ×${fmt(r.speedup, 0)} | ${r.sameFigures ? 'yes' : 'NO'} |`,
    )
  }
  printLighthouse(results.lighthouse as LighthouseResult[])
  const bad = ['pglite', 'postgres'].some(
    (k) =>
      (results[k] as any)?.nearby.mismatches > 0 ||
      (results[k] as any)?.load.burst.correctRounds !== (results[k] as any)?.load.burst.rounds ||
      (results[k] as any)?.report?.sameFigures === false,
  )
  process.exit(bad ? 1 : 0)
}

void main()
