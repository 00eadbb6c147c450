/**
 * The stations' import at a city's size (issue 14): the 149 stations of a
 * district — 21 street stations and 128 community rooms under 金普新区 — as
 * the admin's .xlsx, through the real API on a real socket: the check
 * (dryRun=true), the first apply (149 created, one transaction), and the same
 * file applied again (149 unchanged, nothing written). Each is a median and a
 * ratio to the same admin's `GET /api/staff/me` on the same server in the same
 * run (absolute times depend on the machine and its load; ratios much less).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { SHEET_COLUMNS, TEMPLATE_EXAMPLE, toRow, type StationRecord } from '../domain/stationSheet'
import { DEMO_STAFF_PASSWORD } from '../server/seed'
import { startServer } from '../test/api/helpers/server'
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

export async function benchImport(rounds = 5): Promise<ImportBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-bench-import-'))
  const server = await startServer({ database: { dataDir, databaseUrl: null }, env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0' } })
  try {
    const login = await server.fetch('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jinpu-admin', password: DEMO_STAFF_PASSWORD }),
    })
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` }
    const file = await workbook(districtStations())
    const timeOf = async (call: () => Promise<Response>, expect: (body: any) => boolean) => {
      const started = performance.now()
      const res = await call()
      const body = await res.json()
      const ms = performance.now() - started
      if (!res.ok || !expect(body)) throw new Error(`import bench: unexpected answer ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
      return ms
    }
    const upload = (dryRun: boolean) => () => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(file)]), '金普新区站点.xlsx')
      return server.fetch(`/api/admin/stations/import?dryRun=${dryRun}`, { method: 'POST', body: form, headers: auth })
    }
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
