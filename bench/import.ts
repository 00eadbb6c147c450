/**
 * The stations' import (issue 14), through the real API on a real socket.
 *
 * - A city's size: the 149 stations of a district — 21 street stations and
 *   128 community rooms under 金普新区 — as the admin's .xlsx: the check
 *   (dryRun=true), the first apply (149 created, one transaction), and the
 *   same file applied again (149 unchanged, nothing written). Each is a median
 *   and a ratio to the same admin's `GET /api/staff/me` on the same server in
 *   the same run (absolute times depend on the machine and its load; ratios
 *   much less).
 * - A province's size: 5,000 generated stations (districts → streets →
 *   community rooms) imported by the city's admin: the wall time, the server's
 *   peak RSS and heap of each stage (check, apply, the same file again), and
 *   the p50/p99 of `GET /api/stations/nearby` at a fixed rate while each stage
 *   runs, against the same rate on the same server without an import.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import ExcelJS from 'exceljs'
import { SHEET_COLUMNS, TEMPLATE_EXAMPLE, toRow, type StationRecord } from '../domain/stationSheet'
import { DEMO_STAFF_PASSWORD } from '../server/seed'
import { startServer, type TestServer } from '../test/api/helpers/server'
import { load, loadResult, randomNearbyPath, type LoadResult } from './load'
import { PROVINCE_STATIONS, provinceStations } from './province'
import { percentile } from './util'

export const IMPORT_STATIONS = 149

/** 21 street stations under DL-JP, and 128 rooms spread over them, east of the demo stations. */
export function districtStations(): StationRecord[] {
  const streets = Array.from({ length: 21 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0')
    return {
      ...TEMPLATE_EXAMPLE,
      code: `DL-JP-S${n}`,
      name: `第${i + 1}街道社工站`,
      kind: 'street' as const,
      parentCode: 'DL-JP',
      area: { ...TEMPLATE_EXAMPLE.area, street: `第${i + 1}街道`, community: null },
      location: { lat: 39.3 + i * 0.01, lng: 122.0 + i * 0.01 },
      coverage: [],
    }
  })
  const rooms = Array.from({ length: IMPORT_STATIONS - streets.length }, (_, j) => {
    const street = streets[j % streets.length]!
    return {
      ...TEMPLATE_EXAMPLE,
      code: `${street.code}-R${String(j + 1).padStart(3, '0')}`,
      name: `第${j + 1}社区社会工作室`,
      parentCode: street.code,
      area: { ...street.area, community: `第${j + 1}社区` },
      location: { lat: street.location.lat + 0.002 * (1 + (j % 5)), lng: street.location.lng + 0.002 },
      coverage: [`第${j + 1}社区东区`],
    }
  })
  return [...streets, ...rooms]
}

async function workbook(stations: StationRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('站点')
  ws.addRow([...SHEET_COLUMNS])
  for (const s of stations) ws.addRow(toRow(s))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export interface ImportBench {
  stations: number
  fileKiB: number
  baselineMs: number
  dryRunMs: number
  applyMs: number
  reapplyMs: number
}

async function adminAuth(server: TestServer, username: string): Promise<Record<string, string>> {
  const login = await server.fetch('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_STAFF_PASSWORD }),
  })
  return { authorization: `Bearer ${((await login.json()) as { token: string }).token}` }
}

/** One call's wall time; throws when the answer is not the one expected. */
async function timeOf(call: () => Promise<Response>, expect: (body: any) => boolean): Promise<number> {
  const started = performance.now()
  const res = await call()
  const body = await res.json()
  const ms = performance.now() - started
  if (!res.ok || !expect(body)) throw new Error(`import bench: unexpected answer ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
  return ms
}

const uploader = (server: TestServer, auth: Record<string, string>, file: Buffer, filename: string) => (dryRun: boolean) => () => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)]), filename)
  return server.fetch(`/api/admin/stations/import?dryRun=${dryRun}`, { method: 'POST', body: form, headers: auth })
}

export async function benchImport(rounds = 5): Promise<ImportBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-bench-import-'))
  const server = await startServer({ database: { dataDir, databaseUrl: null }, env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    const auth = await adminAuth(server, 'jinpu-admin')
    const file = await workbook(districtStations())
    const upload = uploader(server, auth, file, '金普新区站点.xlsx')
    const me = () => server.fetch('/api/staff/me', { headers: auth })
    const median = (xs: number[]) => percentile(xs, 50)
    const baseline: number[] = []
    const dry: number[] = []
    for (let i = 0; i < rounds; i++) {
      baseline.push(await timeOf(me, (b) => b.user?.nickname === '吴管理员'))
      dry.push(await timeOf(upload(true), (b) => b.summary.created === IMPORT_STATIONS))
    }
    const applyMs = await timeOf(upload(false), (b) => b.applied && b.summary.created === IMPORT_STATIONS)
    const reapply: number[] = []
    for (let i = 0; i < rounds; i++) {
      baseline.push(await timeOf(me, () => true))
      reapply.push(await timeOf(upload(false), (b) => b.summary.unchanged === IMPORT_STATIONS && b.summary.created === 0))
    }
    return {
      stations: IMPORT_STATIONS,
      fileKiB: Math.round(file.length / 1024),
      baselineMs: median(baseline),
      dryRunMs: median(dry),
      applyMs,
      reapplyMs: median(reapply),
    }
  } finally {
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

// ───────────────────────── a province: 5,000 stations ─────────────────────────

export interface ImportStage {
  /** The import call's wall time (upload, parse, plan, write, answer). */
  ms: number
  /** The server's peak resident set during the stage (VmHWM, reset before it), and its peak V8 heap in use (sampled every 20 ms). */
  peakRssMb: number
  peakHeapMb: number
  /** GET /api/stations/nearby at the fixed rate while the stage ran. */
  nearby: LoadResult
}

export interface ProvinceImportBench {
  backend: 'pglite' | 'postgres'
  stations: number
  fileKiB: number
  rate: number
  /** The server's resident set before the import. */
  rssBeforeMb: number
  /** The same rate on the same server, without an import. */
  quiet: LoadResult
  check: ImportStage
  apply: ImportStage
  again: ImportStage
  loadAverage: number[]
}

const MB = 1024 * 1024
const PROBE = pathToFileURL(path.join(__dirname, 'memoryProbe.mjs')).href

/** The server process's memory: the exact peak RSS from /proc (reset with clear_refs), the peak heap from the probe. */
function memoryOf(server: TestServer) {
  const pid = server.child.pid!
  const status = () => fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status())?.[1] ?? NaN) / 1024
  const probePeak = async (): Promise<{ heapUsed: number }> => {
    const seen = server.output().split('memory-peak ').length
    process.kill(pid, 'SIGUSR2')
    for (let waited = 0; waited < 10_000; waited += 20) {
      const parts = server.output().split('memory-peak ')
      if (parts.length > seen) return JSON.parse(parts.at(-1)!.split('\n')[0]!)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error('import bench: the memory probe did not answer')
  }
  return {
    rssMb: () => kB('VmRSS'),
    /** Starts a stage: both peaks from now on. */
    async reset() {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
      await probePeak()
    },
    async peaks() {
      const heap = await probePeak()
      return { peakRssMb: kB('VmHWM'), peakHeapMb: heap.heapUsed / MB }
    },
  }
}

/** Nearby searches at a fixed rate for exactly as long as `work` runs. */
async function nearbyWhile(url: string, rate: number, work: () => Promise<number>): Promise<{ ms: number; nearby: LoadResult }> {
  const next = randomNearbyPath(7)
  const tracker = autocannon({
    url,
    connections: 20,
    overallRate: rate,
    duration: 3600,
    requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: next() }) }],
  })
  let ms: number
  try {
    ms = await work()
  } finally {
    tracker.stop()
  }
  return { ms, nearby: loadResult('/api/stations/nearby', rate, await tracker) }
}

/**
 * 5,000 stations as one .xlsx, imported by dalian-admin (the city): the
 * check, the apply (5,000 created) and the same file again (5,000
 * unchanged), each under nearby searches at `rate`; before them, the same
 * rate for `quietSeconds` without an import. One server, one run.
 */
export async function benchProvinceImport(
  database: { dataDir: string; databaseUrl: string | null },
  rate: number,
  quietSeconds: number,
  total = PROVINCE_STATIONS,
): Promise<ProvinceImportBench> {
  const stations = provinceStations(total)
  const file = await workbook(stations)
  const server = await startServer({
    database,
    env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0', NODE_OPTIONS: `--import ${PROBE}` },
  })
  try {
    const auth = await adminAuth(server, 'dalian-admin')
    const upload = uploader(server, auth, file, '全省站点.xlsx')
    const memory = memoryOf(server)
    const rssBeforeMb = memory.rssMb()
    const quiet = await load(server.url, randomNearbyPath(7), rate, quietSeconds)
    const stage = async (call: () => Promise<Response>, expect: (body: any) => boolean): Promise<ImportStage> => {
      await memory.reset()
      const { ms, nearby } = await nearbyWhile(server.url, rate, () => timeOf(call, expect))
      return { ms, ...(await memory.peaks()), nearby }
    }
    const check = await stage(upload(true), (b) => b.summary.created === total && !b.applied)
    const apply = await stage(upload(false), (b) => b.applied && b.summary.created === total)
    const again = await stage(upload(false), (b) => b.summary.unchanged === total && b.summary.created + b.summary.changed === 0)
    return {
      backend: database.databaseUrl ? 'postgres' : 'pglite',
      stations: total,
      fileKiB: Math.round(file.length / 1024),
      rate,
      rssBeforeMb,
      quiet,
      check,
      apply,
      again,
      loadAverage: os.loadavg(),
    }
  } finally {
    await server.stop()
  }
}
