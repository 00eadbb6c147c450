/**
 * The stations' import and the database (issue 14, 5,000 stations): a file is
 * parsed once, in the reader's worker thread, before any transaction — on
 * PGlite one session serves every resident, and a transaction open while
 * thousands of rows are parsed stops every nearby search for that long. A check opens no transaction; applying
 * opens exactly one, which plans against the stations as they are and writes
 * them all or nothing, with the audit row of each station (its fields before
 * and after) and one for the import; then the planner's statistics of the
 * stations are refreshed. On PGlite the transaction lets the event loop turn
 * between its statements. On PGlite and PostgreSQL.
 */
import { Worker } from 'node:worker_threads'
import ExcelJS from 'exceljs'
import { TEMPLATE_EXAMPLE, type StationRecord } from '../../domain/stationSheet'
import type { Database } from '../../server/db'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'
import { roomsUnderXianjin, stationsXlsx } from './helpers/stationFiles'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

/**
 * Every transaction the API opens, and every file it sends to the reader's worker thread, in order, with whether a
 * transaction was open then; a workbook parsed in the API's own thread would show as such.
 */
const events: string[] = []
let open = 0
beforeAll(() => {
  const db: Database = server.db
  const transaction = db.transaction.bind(db)
  db.transaction = (fn) =>
    transaction(async (tx) => {
      open++
      events.push('transaction')
      try {
        return await fn(tx)
      } finally {
        open--
      }
    })
  const post = Worker.prototype.postMessage
  jest.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    if ((args[0] as { bytes?: unknown }).bytes) events.push(open > 0 ? 'parse inside a transaction' : 'parse')
    return post.apply(this, args)
  })
  const reader = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as { load: (...args: unknown[]) => Promise<unknown> }
  const load = reader.load
  jest.spyOn(reader, 'load').mockImplementation(function (this: unknown, ...args: unknown[]) {
    events.push('parse in the API thread')
    return load.apply(this, args)
  })
})
afterAll(() => jest.restoreAllMocks())

const rooms = (n: number) => roomsUnderXianjin(n, 'T', '试点')
const xlsx = (stations: StationRecord[]) => stationsXlsx(stations)

async function upload(token: string, content: Buffer, dryRun: boolean) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)]), '试点.xlsx')
  const res = await server.fetch(`/api/admin/stations/import?dryRun=${dryRun}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: res.status, body: (await res.json()) as any }
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n)

describe(`the import and its transaction on ${backend}`, () => {
  test('the file is parsed once, in the worker thread, before the one transaction that writes it; the check and a wrong file open none', async () => {
    const token = (await api(server.url).post('/api/staff/login', { username: 'jinpu-admin', password: DEMO_STAFF_PASSWORD })).body
      .token as string
    const stations = rooms(300)
    const file = await xlsx(stations)
    const before = await count('stations')

    events.length = 0
    const check = await upload(token, file, true)
    expect(check.status).toBe(200)
    expect(check.body.summary).toEqual({ created: 300, changed: 0, unchanged: 0, errors: 0 })
    expect(events).toEqual(['parse'])

    const wrong = stations.map((s, i) => (i === 150 ? { ...s, phone: '12345' } : s))
    events.length = 0
    const refused = await upload(token, await xlsx(wrong), false)
    expect(refused.status).toBe(422)
    expect(refused.body.report.summary).toEqual({ created: 299, changed: 0, unchanged: 0, errors: 1 })
    expect(events).toEqual(['parse'])
    expect(await count('stations')).toBe(before)

    events.length = 0
    // Turns of the event loop while the apply's transaction is open: on PGlite (WebAssembly in this thread) the
    // import lets the loop turn between its statements, so residents' searches are answered meanwhile.
    let turns = 0
    let applying = true
    const spin = () => {
      if (open > 0) turns++
      if (applying) setImmediate(spin)
    }
    setImmediate(spin)
    const applied = await upload(token, file, false).finally(() => (applying = false))
    if (backend === 'pglite') expect(turns).toBeGreaterThanOrEqual(6)
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({ applied: true, summary: { created: 300, changed: 0, unchanged: 0, errors: 0 } })
    expect(events).toEqual(['parse', 'transaction'])
    expect(await count('stations')).toBe(before + 300)
    expect(await count("audit_log WHERE action = 'import.create'")).toBe(300)
    expect(await count("audit_log WHERE action = 'import'")).toBe(1)
    // The planner's statistics follow the import (PGlite has no autovacuum): otherwise nearby searches sort the whole table.
    const stats = await server.db.query<{ reltuples: number }>(
      "SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'stations'",
    )
    expect(stats.rows[0]!.reltuples).toBe(await count('stations'))
    // This instance read the 300 new rooms before the import answered: the very next search finds them.
    const first = stations[0]!
    const found = await api(server.url).get(`/api/stations/nearby?lat=${first.location.lat}&lng=${first.location.lng}&limit=1`)
    expect(found.body.items[0]).toMatchObject({ code: first.code })

    // One phone changed: planned inside the transaction against the stations as they are; the audit keeps before and after.
    const changed = stations.map((s, i) => (i === 42 ? { ...s, phone: '0411-87600042' } : s))
    events.length = 0
    const update = await upload(token, await xlsx(changed), false)
    expect(update.body.summary).toEqual({ created: 0, changed: 1, unchanged: 299, errors: 0 })
    expect(events).toEqual(['parse', 'transaction'])
    const audit = await server.db.query<{ changes: { field: string; before: string; after: string }[] }>(
      "SELECT changes FROM audit_log WHERE action = 'import.update'",
    )
    expect(audit.rows.map((r) => r.changes)).toEqual([[{ field: '电话', before: TEMPLATE_EXAMPLE.phone, after: '0411-87600042' }]])

    // Residents see the new rooms at once.
    const r = stations[42]!
    const near = await api(server.url).get(`/api/stations/nearby?lat=${r.location.lat}&lng=${r.location.lng}&limit=1`)
    expect(near.body.items[0]).toMatchObject({ code: r.code, phone: '0411-87600042' })
  })
})
