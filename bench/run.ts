/**
 * `npm run bench`: every benchmark, each as a ratio to a baseline measured in
 * the same run (absolute numbers depend on the machine; ratios much less), on
 * PGlite and on PostgreSQL. Writes bench/results/latest.json and prints
 * Markdown tables for the README.
 *
 *   npm run bench                   the default run; it prints how long it took and writes it to latest.json (`seconds`)
 *   npm run bench -- --quick        shorter load phases, fewer rounds
 *   npm run bench -- --soak         the 10-minute mixed soak (RSS growth, p99 drift) on PGlite; --soak=postgres on PostgreSQL
 *   npm run bench -- --report       also the supervisors' report at a city's scale (generates a year of a city: slow)
 *   npm run bench -- --import       only the stations' import: 149 stations (check, apply, apply again), then 5,000 on
 *                                   PGlite and PostgreSQL with nearby searches at a fixed rate during each stage
 *                                   (--import-rate=N per second, default 50; --import-quiet=S, the same rate without
 *                                   an import first, default 10 s, 5 with --quick; --province: the 5,000 only)
 *   npm run bench -- --booking      only 预约服务: slot listing of 20 services over 14 days at a fixed rate, and 200 residents
 *                                   booking one slot of capacity N at once, each beside /api/health/live (PGlite and PostgreSQL)
 *   npm run bench -- --lighthouse   only the h5 portal's Lighthouse performance scores
 *                                   (needs npm run build:h5; --lighthouse-runs=N, default 3;
 *                                   --lighthouse-against=<h5 folder>: another build served beside dist/h5, runs
 *                                   interleaved; --lighthouse-pages=首页,活动: only those pages)
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
import { benchDelivery, type DeliveryBench } from './delivery'
import { benchInstances, benchSoak, type InstancesRun } from './instances'
import { benchNearby, loadStations } from './nearby'
import { benchReport, loadCity, type ReportBench } from './report'
import { load, loadSubmissions, randomNearbyPath } from './load'
import { benchLighthouseSideBySide, type LighthouseResult } from './lighthouse'
import { benchImport, benchProvinceImport, type ImportBench, type ImportStage, type ProvinceImportBench } from './import'
import { benchBooking, type BookingBench } from './booking'
import { benchSingle, type SingleResult } from './single'
import { fmt, newPgDatabase } from './util'
// @ts-expect-error plain ESM helper without types
import { startPostgres } from '../scripts/postgres.mjs'

const quick = process.argv.includes('--quick')
const LOAD_SECONDS = quick ? 5 : 15
const LOAD_RATE = 200
const SUBMIT_RATE = 100
const BURST_APPLICANTS = 500
const BURST_ROUNDS = quick ? 2 : 5
/** The mixed load of the WeChat and two-instance phases (requests per second, all kinds together) and its length. */
const MIXED_RATE = 50
const MIXED_SECONDS = quick ? 8 : 15
const SOAK_RATE = 30
const withReport = process.argv.includes('--report')
const soak = process.argv.find((a) => a === '--soak' || a.startsWith('--soak='))
const lighthouseOnly = process.argv.includes('--lighthouse')
const importOnly = process.argv.includes('--import')
const numberArg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const IMPORT_RATE = numberArg('import-rate', 50)
const IMPORT_QUIET_SECONDS = numberArg('import-quiet', quick ? 5 : 10)
const bookingOnly = process.argv.includes('--booking')
/** 预约服务's slot listing: requests per second and seconds; the slot 200 residents book at once holds this many. */
const BOOKING_RATE = 50
const BOOKING_SECONDS = quick ? 5 : 15
const BOOKING_CAPACITY = 10
const LIGHTHOUSE_RUNS = Number(process.argv.find((a) => a.startsWith('--lighthouse-runs='))?.split('=')[1] ?? (quick ? 1 : 3))

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-bench-'))

async function onBackend(name: string, open: () => Promise<Database>, databaseUrl: string | null) {
  console.log(`\n## ${name}`)
  const db = await open()
  await migrate(db)
  const stations = await loadStations(db)
  const nearby = await benchNearby(db, stations, quick ? 300 : 1000, quick ? 20 : 100)
  console.log(
    `nearby: ${nearby.mismatches} mismatches on ${nearby.points} points; KNN ${fmt(nearby.knnMeanMs)} ms mean, scan ${fmt(nearby.scanMeanMs)} ms mean → ×${fmt(nearby.speedup, 0)}; ` +
      `in memory (the API's search): ${nearby.memoryMismatches} mismatches, ${fmt(nearby.memoryMeanMs, 2)} ms mean → ×${fmt(nearby.memorySpeedup, 0)}`,
  )
  await db.close()
  return { nearby, databaseUrl }
}

async function loadPhase(name: string, database: { dataDir: string; databaseUrl: string | null }) {
  const server = await startServer({ database, env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    // Both backends' servers answer trivial routes alike; the baseline is measured before each phase on the same server.
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
    return {
      baseline,
      nearby,
      submit,
      burst,
      p50Ratio: nearby.p50Ms / Math.max(baseline.p50Ms, 1),
      p99Ratio: nearby.p99Ms / Math.max(baseline.p99Ms, 1),
      burstRatio: burst.completionMs / Math.max(burst.baselineCompletionMs, 1),
    }
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

/**
 * Lighthouse on the h5 build, served by the real server on a fresh PGlite with the demo data; with
 * --lighthouse-against=<folder>, that build too, by a second server (H5_DIR), one run of each in turn.
 */
async function lighthousePhase(): Promise<LighthouseResult[][]> {
  if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'h5', 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
  const against = process.argv.find((a) => a.startsWith('--lighthouse-against='))?.split('=')[1]
  if (against && !fs.existsSync(path.join(against, 'index.html'))) throw new Error(`${against}/index.html is missing`)
  const pages = process.argv
    .find((a) => a.startsWith('--lighthouse-pages='))
    ?.split('=')[1]
    ?.split(',')
  console.log(
    `\n## Lighthouse (performance, mobile, simulated throttling: Lighthouse's default CPU 4×, and calibrated to the machine's BenchmarkIndex; median of ${LIGHTHOUSE_RUNS})`,
  )
  const env = { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' }
  const servers = [await startServer({ env })]
  try {
    if (against) servers.push(await startServer({ env: { ...env, H5_DIR: path.resolve(against) } }))
    return await benchLighthouseSideBySide(
      servers.map((s) => s.url),
      LIGHTHOUSE_RUNS,
      log,
      pages,
    )
  } finally {
    for (const s of servers) await s.stop()
  }
}

function printLighthouse(rows: LighthouseResult[]) {
  console.log(
    '\n| page | mode | score, CPU 4× (runs) | LCP | TBT | score, calibrated CPU (runs) | LCP | TBT | CPU × | TTI (4×) | CLS | transferred | BenchmarkIndex |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    const c = r.calibrated
    console.log(
      `| ${r.page} | ${r.elder ? '长辈模式' : 'standard'} | ${r.score} (${r.runs.map((x) => x.score).join(', ')}) | ${fmt(r.lcpMs / 1000, 1)} s | ${fmt(r.tbtMs, 0)} ms | ${c.score} (${c.runs.map((x) => x.score).join(', ')}) | ${fmt(c.lcpMs / 1000, 1)} s | ${fmt(c.tbtMs, 0)} ms | ${c.cpuSlowdown} | ${fmt(r.ttiMs / 1000, 1)} s | ${fmt(r.cls, 3)} | ${fmt(r.transferKiB, 0)} KiB | ${fmt(r.benchmarkIndex, 0)} |`,
    )
  }
}

function writeResults(results: Record<string, unknown>, name: string) {
  const outDir = path.join(__dirname, 'results')
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, name), JSON.stringify(results, null, 2))
}

const log = (line: string) => console.log(line)

/** The phases after the fixed-rate loads, on a fresh database of the backend: the idle submission and WeChat slow or down. */
async function laterPhases(name: string, fresh: () => Promise<{ dataDir: string; databaseUrl: string | null }>) {
  const single: SingleResult = await benchSingle({ databaseUrl: (await fresh()).databaseUrl, runs: quick ? 20 : 40 })
  log(
    `${name} one submission at a time, idle: ${single.submitP50Ms} ms against /api/health/live ${single.liveP50Ms} ms (p50) → ×${single.ratio}`,
  )
  const delivery: DeliveryBench = await benchDelivery(await fresh(), MIXED_RATE, MIXED_SECONDS, (l) => log(`${name} ${l}`))
  return { single, delivery }
}

async function main() {
  const started = Date.now()
  const results: Record<string, unknown> = { date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, quick }
  if (importOnly) {
    // --province: only the 5,000 stations (the 149 are skipped).
    const r: ImportBench | null = process.argv.includes('--province') ? null : await benchImport(quick ? 3 : 5)
    results.import = r
    writeResults(results, 'import.json')
    if (r) {
      const ratio = (ms: number) => `×${fmt(ms / r.baselineMs, 1)}`
      console.log(`\n| stations (file) | baseline GET /api/staff/me | check (dryRun) | first apply | same file again |`)
      console.log('|---|---|---|---|---|')
      console.log(
        `| ${r.stations} (${r.fileKiB} KiB .xlsx) | ${fmt(r.baselineMs, 0)} ms | ${fmt(r.dryRunMs, 0)} ms (${ratio(r.dryRunMs)}) | ${fmt(r.applyMs, 0)} ms (${ratio(r.applyMs)}) | ${fmt(r.reapplyMs, 0)} ms (${ratio(r.reapplyMs)}) |`,
      )
    }
    const province: ProvinceImportBench[] = []
    province.push(await benchProvinceImport({ dataDir: tempDir(), databaseUrl: null }, IMPORT_RATE, IMPORT_QUIET_SECONDS))
    writeResults({ ...results, province }, 'import.json')
    const pg = await startPostgres({ log: () => {} })
    if (pg) {
      try {
        const url = await newPgDatabase(pg.url, 'bench_import')
        province.push(await benchProvinceImport({ dataDir: tempDir(), databaseUrl: url }, IMPORT_RATE, IMPORT_QUIET_SECONDS))
      } finally {
        pg.stop()
      }
    } else console.log('\nPostgreSQL not installed: skipped (apt-get install -y postgresql)')
    writeResults({ ...results, province }, 'import.json')
    printProvinceImport(province)
    process.exit(0)
  }
  if (bookingOnly) {
    const runs: Record<string, BookingBench> = {}
    const settings = { rate: BOOKING_RATE, seconds: BOOKING_SECONDS, capacity: BOOKING_CAPACITY }
    log(`\n## 预约服务 on PGlite`)
    const dir = tempDir()
    runs.pglite = await benchBooking({ dataDir: dir, databaseUrl: null }, settings, (l) => log(`PGlite ${l}`))
    fs.rmSync(dir, { recursive: true, force: true })
    const pg = await startPostgres({ log: () => {} })
    if (pg) {
      try {
        log(`\n## 预约服务 on PostgreSQL`)
        runs.postgres = await benchBooking(
          { dataDir: tempDir(), databaseUrl: await newPgDatabase(pg.url, 'bench_booking') },
          settings,
          (l) => log(`PostgreSQL ${l}`),
        )
      } finally {
        pg.stop()
      }
    } else log('\nPostgreSQL not installed: skipped (apt-get install -y postgresql)')
    results.booking = runs
    results.loadavg = os.loadavg().map((x) => Math.round(x * 10) / 10)
    writeResults(results, 'booking.json')
    printBooking(runs)
    log(`load average at the end (1, 5, 15 min): ${(results.loadavg as number[]).join(', ')}`)
    process.exit(Object.values(runs).every((r) => r.burst.correct) ? 0 : 1)
  }
  if (lighthouseOnly) {
    const [mine, other] = await lighthousePhase()
    results.lighthouse = mine
    if (other) results.lighthouseAgainst = other
    results.loadavg = os.loadavg().map((x) => Math.round(x * 10) / 10)
    writeResults(results, 'lighthouse.json')
    printLighthouse(mine!)
    if (other) {
      console.log('\nThe other build (--lighthouse-against), same runs interleaved:')
      printLighthouse(other)
    }
    log(`load average at the end (1, 5, 15 min): ${(results.loadavg as number[]).join(', ')}`)
    process.exit(0)
  }
  if (soak) {
    const onPostgres = soak === '--soak=postgres'
    const pg = onPostgres ? await startPostgres({ log: () => {} }) : null
    if (onPostgres && !pg) throw new Error('PostgreSQL not installed (apt-get install -y postgresql)')
    try {
      const database = pg
        ? { dataDir: tempDir(), databaseUrl: await newPgDatabase(pg.url, 'bench_soak') }
        : { dataDir: tempDir(), databaseUrl: null }
      const r = await benchSoak(database, SOAK_RATE, 10, log)
      results.soak = { backend: pg ? 'postgres' : 'pglite', ...r }
      writeResults(results, 'soak.json')
      log(
        `\nsoak (${pg ? 'PostgreSQL' : 'PGlite'}, ${SOAK_RATE}/s mixed, 10 min): RSS ${r.perMinute[1]?.rssMb} → ${r.perMinute.at(-1)?.rssMb} MB after warm-up (${fmt(r.rssGrowth * 100, 1)} %), p99 ${r.perMinute[1]?.p99Ms} → ${r.perMinute.at(-1)?.p99Ms} ms (×${r.p99Drift}); ` +
          `failed ${r.perMinute.reduce((a, m) => a + m.failed, 0)}; claimed twice ${r.correctness.doubleClaimed}, overbooked ${r.correctness.overbooked}, waitlist gaps ${r.correctness.waitlistGaps}, sent twice ${r.sentTwice}`,
      )
    } finally {
      pg?.stop()
    }
    process.exit(0)
  }

  const dataDir = tempDir()
  const pglite = await onBackend('PGlite', () => openPglite(dataDir), null)
  const pgliteLoad = await loadPhase('PGlite', { dataDir, databaseUrl: null })
  results.pglite = { nearby: pglite.nearby, load: pgliteLoad }
  if (withReport) (results.pglite as any).report = await reportPhase('PGlite', () => openPglite(dataDir))
  fs.rmSync(dataDir, { recursive: true, force: true })
  Object.assign(results.pglite as object, await laterPhases('PGlite', async () => ({ dataDir: tempDir(), databaseUrl: null })))

  const pg = await startPostgres({ log: () => {} })
  if (pg) {
    try {
      const pgDir = tempDir()
      const r = await onBackend('PostgreSQL', () => openPostgres(pg.url), pg.url)
      results.postgres = { nearby: r.nearby, load: await loadPhase('PostgreSQL', { dataDir: pgDir, databaseUrl: pg.url }) }
      if (withReport) (results.postgres as any).report = await reportPhase('PostgreSQL', () => openPostgres(pg.url))
      let n = 0
      Object.assign(
        results.postgres as object,
        await laterPhases('PostgreSQL', async () => ({ dataDir: tempDir(), databaseUrl: await newPgDatabase(pg.url, `bench_${++n}`) })),
      )
      ;(results.postgres as any).instances = await benchInstances(
        { dataDir: tempDir(), databaseUrl: await newPgDatabase(pg.url, 'bench_instances') },
        MIXED_RATE * 2,
        MIXED_SECONDS,
        (l) => log(`PostgreSQL ${l}`),
      )
    } finally {
      pg.stop()
    }
  } else {
    console.log('\nPostgreSQL not installed: skipped (apt-get install -y postgresql)')
  }
  results.seconds = Math.round((Date.now() - started) / 1000)
  writeResults(results, 'latest.json')
  printTables(results)
  log(`\nbench took ${results.seconds} s${quick ? ' (--quick)' : ''}`)
  const bad = ['pglite', 'postgres'].some((k) => {
    const r = results[k] as any
    return (
      r?.nearby.mismatches > 0 ||
      r?.load.burst.correctRounds !== r?.load.burst.rounds ||
      r?.report?.sameFigures === false ||
      r?.delivery?.runs.some((x: any) => x.sentTwice > 0) ||
      r?.instances?.some(
        (x: InstancesRun) => x.correctness.doubleClaimed + x.correctness.overbooked + x.correctness.waitlistGaps + x.sentTwice > 0,
      )
    )
  })
  process.exit(bad ? 1 : 0)
}

const NAMES = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const

function printProvinceImport(runs: ProvinceImportBench[]) {
  const first = runs[0]
  if (!first) return
  log(
    `\n${first.stations} stations (${first.fileKiB} KiB .xlsx), GET /api/stations/nearby @${first.rate}/s; load average ${runs.map((r) => r.loadAverage.map((x) => fmt(x, 1)).join(' ')).join(' / ')}`,
  )
  log('\n| backend | stage | wall time | peak RSS (before: MB) | peak heap | nearby p50 / p99 / max | p99 vs quiet | failed |')
  log('|---|---|---|---|---|---|---|---|')
  for (const r of runs) {
    const q = r.quiet
    log(
      `| ${NAMES[r.backend]} | no import (${q.requests} searches) | | ${fmt(r.rssBeforeMb, 0)} MB | | ${q.p50Ms} / ${q.p99Ms} / ${q.maxMs} ms | ×1 | ${q.errors + q.non2xx} |`,
    )
    const row = (name: string, s: ImportStage) =>
      log(
        `| ${NAMES[r.backend]} | ${name} (${s.nearby.requests} searches) | ${fmt(s.ms / 1000, 1)} s | ${fmt(s.peakRssMb, 0)} MB | ${fmt(s.peakHeapMb, 0)} MB | ${s.nearby.p50Ms} / ${s.nearby.p99Ms} / ${s.nearby.maxMs} ms | ×${fmt(s.nearby.p99Ms / Math.max(q.p99Ms, 1), 1)} | ${s.nearby.errors + s.nearby.non2xx} |`,
      )
    row('check', r.check)
    row('apply', r.apply)
    row('same file again', r.again)
  }
}

/** The README's tables of `--booking`. */
function printBooking(runs: Record<string, BookingBench>) {
  const x = (a: number, b: number) => `×${fmt(a / Math.max(b, 1), 1)}`
  log(`\n| backend | slot listing, ${BOOKING_RATE}/s (p50 / p99) | baseline /api/health/live (p50 / p99) | ratio p50 / p99 | failed |`)
  log('|---|---|---|---|---|')
  for (const [k, r] of Object.entries(runs)) {
    const l = r.listing
    log(
      `| ${NAMES[k as keyof typeof NAMES]} | ${l.p50Ms} / ${l.p99Ms} ms | ${r.baseline.p50Ms} / ${r.baseline.p99Ms} ms | ${x(l.p50Ms, r.baseline.p50Ms)} / ${x(l.p99Ms, r.baseline.p99Ms)} | ${l.errors + l.non2xx} of ${l.requests} |`,
    )
  }
  log(
    `\n| backend | 200 at once, one slot | booked (day view) | SLOT_FULL with alternatives | other / 5xx | all answered in | same calls to /api/health/live | ratio | p99 (burst / baseline) |`,
  )
  log('|---|---|---|---|---|---|---|---|---|')
  for (const [k, r] of Object.entries(runs)) {
    const b = r.burst
    log(
      `| ${NAMES[k as keyof typeof NAMES]} | ${b.residents} for ${b.capacity} places | ${b.booked} (${b.bookedInView}) | ${b.slotFullWithAlternatives} | ${Object.keys(b.other).length ? JSON.stringify(b.other) : 0} / ${b.serverErrors} | ${fmt(b.completionMs, 0)} ms | ${fmt(b.baselineCompletionMs, 0)} ms | ${x(b.completionMs, b.baselineCompletionMs)} | ${b.p99Ms} / ${b.baselineP99Ms} ms |`,
    )
  }
}

function printTables(results: Record<string, any>) {
  const rows = (['pglite', 'postgres'] as const).filter((k) => results[k]).map((k) => [NAMES[k], results[k]] as const)
  log(
    '\n| backend | KNN top 10 = brute force | baseline p50/p99 @200/s | nearby p50/p99 @200/s | p50 ratio | p99 ratio | submissions p50/p99 @100/s | failed |',
  )
  log('|---|---|---|---|---|---|---|---|')
  for (const [name, r] of rows) {
    const l = r.load
    log(
      `| ${name} | ${r.nearby.mismatches} mismatches of ${r.nearby.points} | ${l.baseline.p50Ms} / ${l.baseline.p99Ms} ms | ${l.nearby.p50Ms} / ${l.nearby.p99Ms} ms | ×${fmt(l.p50Ratio, 1)} | ×${fmt(l.p99Ratio, 1)} | ${l.submit.p50Ms} / ${l.submit.p99Ms} ms | ${l.submit.non2xx + l.submit.errors} of ${l.submit.requests} |`,
    )
  }
  log(
    '\n| backend | one submission, idle (p50) | /api/health/live, idle (p50) | ratio | burst 500 → 30 seats, all answered | same calls to /api/health/live | ratio | rounds exact |',
  )
  log('|---|---|---|---|---|---|---|---|')
  for (const [name, r] of rows) {
    const b = r.load.burst
    log(
      `| ${name} | ${r.single?.submitP50Ms} ms | ${r.single?.liveP50Ms} ms | ×${r.single?.ratio} | ${b.completionMs} ms | ${b.baselineCompletionMs} ms | ×${fmt(r.load.burstRatio, 1)} | ${b.correctRounds}/${b.rounds} |`,
    )
  }
  log(
    `\n| backend | mixed @${MIXED_RATE}/s, quiet p99 | WeChat slow: p99, ratio | after recovery | WeChat down: p99, ratio | after recovery | sent twice |`,
  )
  log('|---|---|---|---|---|---|---|')
  for (const [name, r] of rows) {
    const d = r.delivery as DeliveryBench | undefined
    if (!d) continue
    const [slow, down] = d.runs
    log(
      `| ${name} | ${d.quiet.p99Ms} ms | ${slow?.during.p99Ms} ms, ×${slow?.p99Ratio} | ${slow?.deliveredAfterRecovery}/1000 in ${slow?.drainSeconds} s | ${down?.during.p99Ms} ms, ×${down?.p99Ratio} | ${down?.deliveredAfterRecovery}/1000 in ${down?.drainSeconds} s | ${d.runs.reduce((a, x) => a + x.sentTwice, 0)} |`,
    )
  }
  const inst = results.postgres?.instances as InstancesRun[] | undefined
  if (inst) {
    log(
      `\n| PostgreSQL, mixed @${MIXED_RATE * 2}/s | answered/s | p50 / p99 | failed | claimed (twice) | overbooked | waitlist gaps | sent twice |`,
    )
    log('|---|---|---|---|---|---|---|---|')
    for (const x of inst) {
      log(
        `| ${x.instances} instance${x.instances > 1 ? 's' : ''} | ${x.load.throughput} | ${x.load.p50Ms} / ${x.load.p99Ms} ms | ${x.load.failed} of ${x.load.sent} | ${x.correctness.claimed} (${x.correctness.doubleClaimed}) | ${x.correctness.overbooked} | ${x.correctness.waitlistGaps} | ${x.sentTwice} |`,
      )
    }
  }
  for (const [name, r] of rows) {
    const rep = r.report as ReportBench | undefined
    if (rep)
      log(
        `\n${name} report: month ${fmt(rep.monthP50Ms, 0)} ms, year ${fmt(rep.yearP50Ms, 0)} ms, without indexes ${fmt(rep.monthSeqP50Ms, 0)} ms, same figures: ${rep.sameFigures}`,
      )
  }
}

void main()
