/**
 * Lighthouse's performance score for the h5 portal (dist/h5, served by the
 * real server): mobile, simulated throttling (Lighthouse's defaults: a slow 4G
 * network and a 4× slower CPU), a cold cache each run; each load is scored a
 * second time with the CPU slowdown calibrated to the machine's BenchmarkIndex,
 * as Lighthouse's throttling guide advises for a slower host. 首页, 找社工站 and 活动,
 * each in normal mode and in 长辈模式, as a resident in 大连金普新区 who has
 * allowed location. The scores move with the machine and with what else runs
 * on it, so they are a benchmark (median of a few runs), never a test.
 *
 * Lighthouse (npm) drives Debian's chromium through puppeteer-core, offline.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const LIGHTHOUSE_PAGES = [
  { name: '首页', hash: '#/pages/index/index' },
  { name: '找社工站', hash: '#/pages/stations/index' },
  { name: '活动', hash: '#/pages/activities/index' },
] as const

const HERE = { latitude: 39.0543, longitude: 121.7634 }

export interface LighthouseRun {
  score: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  cls: number
  speedIndexMs: number
  ttiMs: number
  transferKiB: number
  /** Lighthouse's measure of how fast this machine was during the run (its BenchmarkIndex; a quiet desktop is ~1,500–2,500). */
  benchmarkIndex: number
  /** The CPU slowdown the score was simulated with: Lighthouse's default 4×, or calibrated to the BenchmarkIndex. */
  cpuSlowdown: number
}

/** The median of some runs, field by field, and the runs. */
export interface LighthouseSummary extends LighthouseRun {
  runs: LighthouseRun[]
}

export interface LighthouseResult extends LighthouseSummary {
  page: string
  elder: boolean
  /** The same loads scored with the CPU slowdown calibrated to the machine (see calibratedCpuSlowdown). */
  calibrated: LighthouseSummary
  /** Runs Lighthouse itself gave up on (e.g. NO_NAVSTART: it lost the trace on a busy machine), each run again. */
  lostRuns: number
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

// Lighthouse and puppeteer-core are ES modules only; tsx runs this file as CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>

/**
 * Lighthouse's CPU slowdown for this machine, from its BenchmarkIndex: the calculator Lighthouse's
 * throttling guide points to (lighthouse-cpu-throttling-calculator; docs/throttling.md, "Calibrating the CPU
 * slowdown"). Its default 4× assumes a high-end desktop (index ~1,500) and makes it a mid-tier phone; a
 * low-end desktop (1,000–1,500, this machine) needs 2–3× for the same phone. 800 → 2×, 1,300 → 3×, 1,533 → 4×.
 */
export function calibratedCpuSlowdown(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) return 4
  const m =
    benchmarkIndex >= 1300
      ? 3 + (benchmarkIndex - 1300) / 233
      : benchmarkIndex >= 800
        ? 2 + (benchmarkIndex - 800) / 500
        : 1 + (benchmarkIndex - 150) / 650
  return Math.round(Math.max(1, m) * 100) / 100
}

type Lhr = import('lighthouse').RunnerResult['lhr']

function toRun(lhr: Lhr, cpuSlowdown: number): LighthouseRun {
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN
  return {
    score: Math.round((lhr.categories.performance!.score ?? 0) * 100),
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    speedIndexMs: value('speed-index'),
    ttiMs: value('interactive'),
    transferKiB: value('total-byte-weight') / 1024,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    cpuSlowdown,
  }
}

const FLAGS = { output: 'json' as const, logLevel: 'error' as const, onlyCategories: ['performance'] }

/** One cold load, recorded (Lighthouse's artifacts, kept in a folder to be scored again) and scored at 4×. */
interface Gathered {
  url: string
  artifactsDir: string
  standard: LighthouseRun
}

async function gatherOnce(url: string): Promise<Gathered> {
  const { default: lighthouse } = await importEsm<typeof import('lighthouse')>('lighthouse')
  const puppeteer = await importEsm<typeof import('puppeteer-core')>('puppeteer-core')
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-lh-'))
  const artifactsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-lh-artifacts-'))
  try {
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      userDataDir,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    try {
      await browser.defaultBrowserContext().overridePermissions(new URL(url).origin, ['geolocation'])
      const page = await browser.newPage()
      await page.setGeolocation(HERE)
      await lighthouse(url, { ...FLAGS, gatherMode: artifactsDir }, undefined, page)
    } finally {
      await browser.close()
    }
    const standard = (await lighthouse(url, { ...FLAGS, auditMode: artifactsDir }))!.lhr
    // LIGHTHOUSE_REPORTS=<folder> keeps every run's full report (the default 4×), to see where the time goes.
    if (process.env.LIGHTHOUSE_REPORTS) {
      fs.mkdirSync(process.env.LIGHTHOUSE_REPORTS, { recursive: true })
      fs.writeFileSync(
        path.join(process.env.LIGHTHOUSE_REPORTS, `${new URL(url).hash.replace(/\W+/g, '_')}-${Date.now()}.json`),
        JSON.stringify(standard, null, 1),
      )
    }
    return { url, artifactsDir, standard: toRun(standard, standard.configSettings.throttling.cpuSlowdownMultiplier) }
  } catch (err) {
    fs.rmSync(artifactsDir, { recursive: true, force: true })
    throw err
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true })
  }
}

/**
 * The same recorded load scored again with another CPU slowdown (simulated throttling is applied when
 * scoring, so the load need not be repeated); the recording is deleted after. Lighthouse checks that the
 * recording's settings match the scoring's, so both say the new multiplier.
 */
async function scoreAgain(g: Gathered, cpuSlowdown: number): Promise<LighthouseRun> {
  const { default: lighthouse } = await importEsm<typeof import('lighthouse')>('lighthouse')
  try {
    const artifactsFile = path.join(g.artifactsDir, 'artifacts.json')
    const artifacts = JSON.parse(fs.readFileSync(artifactsFile, 'utf8'))
    const throttling = { ...artifacts.settings.throttling, cpuSlowdownMultiplier: cpuSlowdown }
    artifacts.settings.throttling = throttling
    fs.writeFileSync(artifactsFile, JSON.stringify(artifacts))
    const lhr = (await lighthouse(
      g.url,
      { ...FLAGS, auditMode: g.artifactsDir },
      { extends: 'lighthouse:default', settings: { throttling } },
    ))!.lhr
    return toRun(lhr, cpuSlowdown)
  } finally {
    fs.rmSync(g.artifactsDir, { recursive: true, force: true })
  }
}

/** One run, and again when Lighthouse itself lost it (not forever): `lost` counts those. */
async function runCounting(url: string, label: string, lost: { n: number }, limit: number, log: (line: string) => void) {
  for (;;) {
    try {
      return await gatherOnce(url)
    } catch (err) {
      // Only Lighthouse's own failure to record is run again.
      if (!String(err).includes('Lighthouse: ') || ++lost.n > limit) throw err
      log(`lighthouse ${label}: ${(err as Error).message} — running it again`)
    }
  }
}

function summarise(all: LighthouseRun[]): LighthouseSummary {
  const pick = (k: keyof LighthouseRun) => median(all.map((r) => r[k]))
  return {
    runs: all,
    score: pick('score'),
    fcpMs: pick('fcpMs'),
    lcpMs: pick('lcpMs'),
    tbtMs: pick('tbtMs'),
    cls: pick('cls'),
    speedIndexMs: pick('speedIndexMs'),
    ttiMs: pick('ttiMs'),
    transferKiB: pick('transferKiB'),
    benchmarkIndex: pick('benchmarkIndex'),
    cpuSlowdown: pick('cpuSlowdown'),
  }
}

const describeSummary = (r: LighthouseSummary) =>
  `${r.score} (runs ${r.runs.map((x) => x.score).join(', ')}); LCP ${(r.lcpMs / 1000).toFixed(1)} s, TBT ${Math.round(r.tbtMs)} ms, TTI ${(r.ttiMs / 1000).toFixed(1)} s, CLS ${r.cls.toFixed(3)}`

export const describeLighthouse = (r: LighthouseResult) =>
  `CPU 4× ${describeSummary(r)}; calibrated CPU ${r.calibrated.cpuSlowdown}× ${describeSummary(r.calibrated)}; ${Math.round(r.transferKiB)} KiB; machine's BenchmarkIndex ${Math.round(r.benchmarkIndex)}`

/** Every page in both modes, `runs` times each; the median run (by score) and all runs. */
export async function benchLighthouse(
  baseUrl: string,
  runs: number,
  log: (line: string) => void = console.log,
): Promise<LighthouseResult[]> {
  const [results] = await benchLighthouseSideBySide([baseUrl], runs, log)
  return results!
}

/**
 * The same for several builds served side by side (one base URL each; `pages`: some of the pages by name): for
 * every page and mode, one run of each build in turn, `runs` times, so that the machine's ups and downs fall on
 * all of them alike. Then every run is scored again with one CPU slowdown calibrated to the median BenchmarkIndex
 * of all the runs (one figure for the machine: a single run's index moves by ×2 on this one). One list of results
 * per build, in the order of `baseUrls`.
 */
export async function benchLighthouseSideBySide(
  baseUrls: string[],
  runs: number,
  log: (line: string) => void = console.log,
  pages: readonly string[] = LIGHTHOUSE_PAGES.map((p) => p.name),
): Promise<LighthouseResult[][]> {
  const rows: { page: string; elder: boolean; label: string; gathered: Gathered[][]; lost: { n: number }[] }[] = []
  try {
    for (const p of LIGHTHOUSE_PAGES.filter((x) => pages.includes(x.name))) {
      for (const elder of [false, true]) {
        const row = {
          page: p.name,
          elder,
          label: `${p.name}${elder ? ' (长辈模式)' : ''}`,
          gathered: baseUrls.map((): Gathered[] => []),
          lost: baseUrls.map(() => ({ n: 0 })),
        }
        rows.push(row)
        for (let i = 0; i < runs; i++) {
          for (const [b, baseUrl] of baseUrls.entries()) {
            row.gathered[b]!.push(await runCounting(`${baseUrl}/${p.hash}${elder ? '?elder=1' : ''}`, row.label, row.lost[b]!, runs, log))
          }
        }
      }
    }
    const machineIndex = median(rows.flatMap((r) => r.gathered.flat().map((g) => g.standard.benchmarkIndex)))
    const cpuSlowdown = calibratedCpuSlowdown(machineIndex)
    log(
      `lighthouse: the machine's BenchmarkIndex, median of every run: ${Math.round(machineIndex)} → calibrated CPU slowdown ${cpuSlowdown}×`,
    )
    const results: LighthouseResult[][] = baseUrls.map(() => [])
    for (const row of rows) {
      for (const b of baseUrls.keys()) {
        const gathered = row.gathered[b]!
        const calibrated: LighthouseRun[] = []
        for (const g of gathered) calibrated.push(await scoreAgain(g, cpuSlowdown))
        const r: LighthouseResult = {
          page: row.page,
          elder: row.elder,
          ...summarise(gathered.map((g) => g.standard)),
          calibrated: summarise(calibrated),
          lostRuns: row.lost[b]!.n,
        }
        log(
          `lighthouse ${row.label}${baseUrls.length > 1 ? ` [${b === 0 ? 'this build' : `build ${b + 1}`}]` : ''}: ${describeLighthouse(r)}`,
        )
        results[b]!.push(r)
      }
    }
    return results
  } finally {
    for (const g of rows.flatMap((r) => r.gathered.flat())) fs.rmSync(g.artifactsDir, { recursive: true, force: true })
  }
}
