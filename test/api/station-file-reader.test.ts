/**
 * The stations' import reads files in a worker thread (server/services/stationFileReader.ts),
 * so that exceljs over a province's workbook never holds the thread that answers residents.
 * The worker answers exactly what readStationFile answers in the API's own thread — rows,
 * row problems, refused files —; a parse past its time, a worker that dies, or too many
 * files at once answer 503 UNAVAILABLE with a clear message (never a 500), and the next
 * file gets a new worker. Over HTTP: the refusal carries the (empty) report and a
 * Retry-After, and nothing is written. On PGlite and PostgreSQL (the HTTP case).
 */
import { SHEET_COLUMNS, toRow, type StationRecord } from '../../domain/stationSheet'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { createStationFileReader, READER_MESSAGES, type StationFileReader } from '../../server/services/stationFileReader'
import { readStationFile } from '../../server/services/stationSheet'
import { api, backend, startApp } from './helpers/server'
import { roomsUnderXianjin, stationsXlsx } from './helpers/stationFiles'

jest.setTimeout(240_000)

const rooms = (n: number) => roomsUnderXianjin(n, 'W', '读取')
const xlsx = stationsXlsx

const csv = (stations: StationRecord[]) =>
  Buffer.from(
    `\ufeff${[[...SHEET_COLUMNS], ...stations.map(toRow)]
      .map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(','))
      .join('\r\n')}\r\n`,
    'utf8',
  )

const readers: StationFileReader[] = []
const reader = (options: Parameters<typeof createStationFileReader>[0] = {}) => {
  const made = createStationFileReader(options)
  readers.push(made)
  return made
}
afterAll(() => Promise.all(readers.map((r) => r.close())))

describe('the worker thread reads a file as the API thread would', () => {
  test('rows, row problems and refused files: the same answer', async () => {
    const read = reader()
    const good = rooms(30)
    const wrongRows = good.map((s, i) => (i === 3 ? { ...s, phone: '12345' } : i === 7 ? { ...s, location: { lat: 1, lng: 2 } } : s))
    const files: [Buffer, string][] = [
      [await xlsx(good), 'good.xlsx'],
      [await xlsx(wrongRows), 'rows.xlsx'],
      [csv(wrongRows), 'rows.csv'],
      [await xlsx(good.slice(0, 1), (ws) => (ws.getCell('K2').value = { formula: '1+38', result: 39 })), 'formula.xlsx'],
      [Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]), 'corrupt.xlsx'],
      [Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'photo.png'],
      [Buffer.from('站点编码,站点名称\r\n', 'utf8'), 'header.csv'],
    ]
    for (const [content, name] of files)
      expect([name, await read.read(content, name)]).toEqual([name, await readStationFile(content, name)])
    // The answers are what the import reports: rows with their problems, refusals with their code.
    const rows = await read.read(files[1]![0], 'rows.xlsx')
    expect(rows.ok && rows.rows.filter((r) => r.errors.length > 0).map((r) => r.row)).toEqual([5, 9])
    expect(await read.read(files[4]![0], 'corrupt.xlsx')).toMatchObject({ ok: false, code: 'IMPORT_INVALID' })
    expect(await read.read(files[5]![0], 'photo.png')).toMatchObject({ ok: false, code: 'UNSUPPORTED_MEDIA_TYPE' })
  })

  test('a parse past its time is stopped: 503 with a clear message; the next file gets a new worker', async () => {
    const read = reader({ timeoutMs: 100 })
    const small = csv(rooms(2))
    // The first file also waits for the worker to start (not counted in its time).
    expect(await read.read(small, 'small.csv')).toMatchObject({ ok: true })
    const big = await xlsx(rooms(5000))
    expect(await read.read(big, 'big.xlsx')).toEqual({
      ok: false,
      code: 'UNAVAILABLE',
      problems: [READER_MESSAGES.timeout(1)],
      cause: expect.stringMatching(/not read within/),
    })
    expect(await read.read(small, 'small.csv')).toEqual(await readStationFile(small, 'small.csv'))
  })

  test('a worker that dies (out of memory) answers 503 with a clear message; the next file gets a new worker', async () => {
    // 24 MB: enough to start and read a small file, not a 5,000-row workbook.
    const read = reader({ resourceLimits: { maxOldGenerationSizeMb: 24 } })
    const big = await xlsx(rooms(5000))
    expect(await read.read(big, 'big.xlsx')).toEqual({
      ok: false,
      code: 'UNAVAILABLE',
      problems: [READER_MESSAGES.failed],
      cause: expect.stringMatching(/worker (failed|exited)/),
    })
    const small = csv(rooms(2))
    expect(await read.read(small, 'small.csv')).toEqual(await readStationFile(small, 'small.csv'))
  })

  test('one file at a time, a bounded queue: beyond it, 503 at once; the waiting files are read in turn', async () => {
    const read = reader({ maxWaiting: 1 })
    const file = await xlsx(rooms(50))
    const [first, second, third] = await Promise.all([0, 1, 2].map((i) => read.read(file, `f${i}.xlsx`)))
    expect(first).toMatchObject({ ok: true })
    expect(second).toMatchObject({ ok: true })
    expect(third).toMatchObject({ ok: false, code: 'UNAVAILABLE', problems: [READER_MESSAGES.busy] })
    expect(await read.read(file, 'f3.xlsx')).toMatchObject({ ok: true })
  })
})

describe(`the import when the reader fails, on ${backend}`, () => {
  test('503 UNAVAILABLE with the report and Retry-After, nothing written; never a 500', async () => {
    // A warm worker gets 1 ms per file: no workbook is read that fast.
    const server = await startApp({ env: { JOB_INTERVAL_MS: '0', IMPORT_PARSE_TIMEOUT_MS: '1' } })
    try {
      const token = (await api(server.url).post('/api/staff/login', { username: 'jinpu-admin', password: DEMO_STAFF_PASSWORD })).body
        .token as string
      const upload = async (content: Buffer) => {
        const form = new FormData()
        form.append('file', new Blob([new Uint8Array(content)]), '试点.xlsx')
        return server.fetch('/api/admin/stations/import?dryRun=false', {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${token}` },
        })
      }
      const count = async () => Number((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations')).rows[0]!.n)
      const before = await count()
      // The first file starts the worker, and has the worker's start on top of its 1 ms.
      expect((await upload(await xlsx(rooms(2)))).status).toBe(200)
      const res = await upload(await xlsx(rooms(300)))
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      const message = READER_MESSAGES.timeout(1)
      expect(await res.json()).toEqual({
        code: 'UNAVAILABLE',
        message,
        field: 'file',
        report: {
          dryRun: false,
          applied: false,
          summary: { created: 0, changed: 0, unchanged: 0, errors: 0 },
          problems: [message],
          rows: [],
        },
      })
      expect(await count()).toBe(before + 2)
      expect(server.output()).toContain('station file not read')
    } finally {
      await server.stop()
    }
  })
})
