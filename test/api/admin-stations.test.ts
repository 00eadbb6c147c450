/**
 * 站点管理 over HTTP (issue 14): the tree, one station, create, edit, move,
 * close and reopen, each in the audit log and live for residents at once; the
 * template, the import (dry run, then all-or-nothing, idempotent by code) and
 * the export (export → import changes nothing); every bad file a 4xx with its
 * report and nothing written; who may do what. On PGlite and PostgreSQL.
 */
import ExcelJS from 'exceljs'
import { SHEET_COLUMNS, TEMPLATE_EXAMPLE, toRow, type StationRecord } from '../../domain/stationSheet'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const login = async (username: string) =>
  (await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })).body.token as string
const count = async (sql: string, params: unknown[] = []) =>
  Number((await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n)

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
const csv = (rows: string[][], bom = true) => `${bom ? '\ufeff' : ''}${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`

async function upload(token: string, content: Buffer | string, filename: string, dryRun: boolean) {
  const form = new FormData()
  form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content, 'utf8') : new Uint8Array(content)]), filename)
  const res = await server.fetch(`/api/admin/stations/import?dryRun=${dryRun}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: res.status, body: (await res.json()) as any }
}

async function download(token: string, path: string): Promise<Buffer> {
  const res = await server.fetch(path, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('spreadsheetml')
  return Buffer.from(await res.arrayBuffer())
}

async function workbookRows(content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(content as unknown as ArrayBuffer)
  const rows: string[][] = []
  wb.worksheets[0]!.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  )
  return rows
}

/** Twenty community rooms under 先进街道 (DL-JP-XJ), east of the street station. */
const rooms = (): StationRecord[] =>
  Array.from({ length: 20 }, (_, i) => ({
    ...TEMPLATE_EXAMPLE,
    code: `DL-JP-XJ-R${String(i + 1).padStart(2, '0')}`,
    name: `新建第${i + 1}社区社会工作室`,
    parentCode: 'DL-JP-XJ',
    area: { ...TEMPLATE_EXAMPLE.area, community: `新建第${i + 1}社区` },
    location: { lat: 39.2 + i * 0.01, lng: 122.3 + i * 0.01 },
    brandProjects: [],
  }))

describe(`站点管理 on ${backend}`, () => {
  test('the template is an .xlsx with the Chinese columns in order and one example row', async () => {
    const admin = await login('jinpu-admin')
    const rows = await workbookRows(await download(admin, '/api/admin/stations/template.xlsx'))
    expect(rows[0]).toEqual([...SHEET_COLUMNS])
    expect(rows).toHaveLength(2)
    expect(rows[1]![0]).toBe(TEMPLATE_EXAMPLE.code)
  })

  test('export → import changes nothing, twice; the export holds the subtree only', async () => {
    const admin = await login('jinpu-admin')
    const exported = await download(admin, '/api/admin/stations/export.xlsx')
    const rows = await workbookRows(exported)
    const codes = rows.slice(1).map((r) => r[0])
    expect(codes[0]).toBe('DL-JP')
    expect(codes).toContain('DL-JP-XJ-MX')
    expect(codes.every((c) => c!.startsWith('DL-JP'))).toBe(true)
    const audit = await count('audit_log')
    const before = await server.db.query('SELECT code, updated_at FROM stations ORDER BY code')
    for (const dryRun of [true, false, false]) {
      const r = await upload(admin, exported, '导出.xlsx', dryRun)
      expect(r.status).toBe(200)
      expect(r.body.summary).toEqual({ created: 0, changed: 0, unchanged: codes.length, errors: 0 })
    }
    expect((await server.db.query('SELECT code, updated_at FROM stations ORDER BY code')).rows).toEqual(before.rows)
    expect(await count('audit_log')).toBe(audit)
  })

  test('a CSV of 20 new rooms: the dry run flags two bad rows and writes nothing; fixed, it applies all at once; the second time changes nothing', async () => {
    const admin = await login('jinpu-admin')
    const good = rooms()
    const header = [...SHEET_COLUMNS.slice(0, 15)]
    const asRows = (list: StationRecord[]) => list.map((s) => toRow(s).slice(0, 15))
    const bad = asRows(good)
    bad[4]![12] = '12345' // 电话 on file row 6
    bad[11]![11] = '139.76' // 经度: Tokyo, on file row 13
    bad[11]![10] = '35.68'
    const stations = await count('stations')

    const dry = await upload(admin, csv([header, ...bad]), 'rooms.csv', true)
    expect(dry.status).toBe(422)
    expect(dry.body.code).toBe('IMPORT_INVALID')
    expect(dry.body.report.summary).toEqual({ created: 18, changed: 0, unchanged: 0, errors: 2 })
    expect(
      dry.body.report.rows.filter((r: { action: string }) => r.action === 'error').map((r: { errors: string[] }) => r.errors[0]),
    ).toEqual([expect.stringMatching(/^第 6 行「电话」格式不正确/), expect.stringMatching(/^第 13 行「经度」.*不在中国境内/)])
    expect((await upload(admin, csv([header, ...bad]), 'rooms.csv', false)).status).toBe(422)
    expect(await count('stations')).toBe(stations)

    const fixed = csv([header, ...asRows(good)], false) // without a BOM this time
    const check = await upload(admin, fixed, 'rooms.csv', true)
    expect(check.status).toBe(200)
    expect(check.body).toMatchObject({ dryRun: true, applied: false, summary: { created: 20, changed: 0, unchanged: 0, errors: 0 } })
    expect(await count('stations')).toBe(stations)
    const applied = await upload(admin, fixed, 'rooms.csv', false)
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({ applied: true, summary: { created: 20 } })
    expect(await count('stations')).toBe(stations + 20)
    expect(await count("audit_log WHERE action = 'import.create'")).toBe(20)

    // Residents see the new rooms at once: standing next to room 7, it is the nearest station.
    const r7 = good[6]!
    const near = await api(server.url).get(`/api/stations/nearby?lat=${r7.location.lat + 0.0003}&lng=${r7.location.lng}&limit=3`)
    expect(near.body.items[0]).toMatchObject({ code: r7.code, name: r7.name })
    const page = await api(server.url).get(`/api/stations/${near.body.items[0].id}`)
    expect(page.body.ancestors.map((a: { name: string }) => a.name)).toEqual(['大连市社工站指导中心', '金普新区社工总站', '先进街道社工站'])

    const again = await upload(admin, fixed, 'rooms.csv', false)
    expect(again.body.summary).toEqual({ created: 0, changed: 0, unchanged: 20, errors: 0 })
    expect(await count("audit_log WHERE action LIKE 'import%'")).toBe(21)
  })

  test('bad files: a 4xx with the report, and nothing written', async () => {
    const admin = await login('jinpu-admin')
    const header = [...SHEET_COLUMNS]
    const row = (s: StationRecord) => toRow(s)
    const xlsx = async (build: (ws: ExcelJS.Worksheet) => void) => {
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('站点')
      ws.addRow(header)
      build(ws)
      return Buffer.from(await wb.xlsx.writeBuffer())
    }
    const one = { ...TEMPLATE_EXAMPLE, code: 'DL-JP-XJ-BAD', parentCode: 'DL-JP-XJ' }
    const cases: { what: string; file: Buffer | string; name: string; status: number; says: RegExp }[] = [
      {
        what: 'not a spreadsheet',
        file: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
        name: 'photo.png',
        status: 415,
        says: /只能导入/,
      },
      {
        what: 'a corrupt workbook',
        file: Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]),
        name: 'x.xlsx',
        status: 422,
        says: /已损坏/,
      },
      {
        what: 'a password-protected workbook',
        file: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
        name: 'x.xlsx',
        status: 422,
        says: /密码/,
      },
      { what: 'over the size limit', file: Buffer.alloc(11 * 1024 * 1024, 0x41), name: 'big.csv', status: 413, says: /不能超过/ },
      {
        what: '100,000 rows',
        file: csv([header, ...Array.from({ length: 100_000 }, (_, i) => [`X${i}`])]),
        name: 'many.csv',
        status: 422,
        says: /最多导入/,
      },
      {
        what: 'a formula',
        file: await xlsx((ws) => {
          ws.addRow(row(one))
          ws.getCell('K2').value = { formula: '1+38', result: 39 }
        }),
        name: 'f.xlsx',
        status: 422,
        says: /公式/,
      },
      {
        what: 'merged cells',
        file: await xlsx((ws) => {
          ws.addRow(row(one))
          ws.addRow(row({ ...one, code: 'DL-JP-XJ-BAD2' }))
          ws.mergeCells('E2:E3')
        }),
        name: 'm.xlsx',
        status: 422,
        says: /合并单元格/,
      },
      {
        what: 'wrong headers',
        file: csv([
          ['编码', '名称'],
          ['A', 'B'],
        ]),
        name: 'h.csv',
        status: 422,
        says: /表头/,
      },
      { what: 'a code twice', file: csv([header, row(one), row(one)]), name: 'd.csv', status: 422, says: /行有错误/ },
      {
        what: 'an unknown parent',
        file: csv([header, row({ ...one, parentCode: 'NOWHERE' })]),
        name: 'p.csv',
        status: 422,
        says: /行有错误/,
      },
      {
        what: 'a cycle',
        file: csv([header, row({ ...one, code: 'CY-A', parentCode: 'CY-B' }), row({ ...one, code: 'CY-B', parentCode: 'CY-A' })]),
        name: 'c.csv',
        status: 422,
        says: /行有错误/,
      },
      {
        what: 'coordinates outside China',
        file: csv([header, row({ ...one, location: { lat: 48.85, lng: 2.35 } })]),
        name: 'paris.csv',
        status: 422,
        says: /行有错误/,
      },
      {
        what: 'not UTF-8',
        file: Buffer.concat([Buffer.from(header.join(','), 'utf8'), Buffer.from([0x0d, 0x0a, 0xd5, 0xbe, 0xb5, 0xe3])]),
        name: 'gbk.csv',
        status: 422,
        says: /UTF-8/,
      },
    ]
    const stations = await count('stations')
    const audit = await count('audit_log')
    for (const c of cases) {
      for (const dryRun of [true, false]) {
        const r = await upload(admin, c.file, c.name, dryRun)
        expect({ what: c.what, status: r.status }).toEqual({ what: c.what, status: c.status })
        expect({ what: c.what, message: r.body.message }).toEqual({ what: c.what, message: expect.stringMatching(c.says) })
        expect(r.body.report).toMatchObject({ applied: false })
        expect(r.body.report.problems.length + r.body.report.summary.errors).toBeGreaterThan(0)
      }
    }
    expect(await count('stations')).toBe(stations)
    expect(await count('audit_log')).toBe(audit)
    // Not multipart, or no file part.
    expect((await api(server.url, admin).post('/api/admin/stations/import?dryRun=true', { file: 'x' })).status).toBe(415)
  })

  test('edit, move, close and reopen: audited field by field, live for residents at once', async () => {
    const admin = await login('jinpu-admin')
    const a = api(server.url, admin)
    const xianjin = (await a.get('/api/admin/stations')).body.items.find((n: { code: string }) => n.code === 'DL-JP-XJ')
    const created = await a.post('/api/admin/stations', {
      code: 'DL-JP-XJ-NEW',
      parentId: xianjin.id,
      name: '新港社区社会工作室',
      kind: 'community',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '新港社区' },
      address: '新港社区服务中心',
      location: { lat: 39.071, lng: 121.781 },
      phone: '0411-87600001',
      services: ['elderly_care'],
      intro: '',
      openingHours: [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }],
      hoursNote: '',
      brandProjects: [],
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    expect((await api(server.url).get(`/api/stations/${id}`)).body).toMatchObject({ name: '新港社区社会工作室', phone: '0411-87600001' })

    const edited = await a.patch(`/api/admin/stations/${id}`, {
      phone: '0411-87600002',
      exceptions: [{ from: '2027-02-05', to: '2027-02-12', hours: [], reason: '春节闭站' }],
    })
    expect(edited.status).toBe(200)
    expect((await api(server.url).get(`/api/stations/${id}`)).body.phone).toBe('0411-87600002')
    const log = await server.db.query<{
      action: string
      changes: { field: string; before: unknown; after: unknown }[]
      actor_name: string
    }>("SELECT action, changes, actor_name FROM audit_log WHERE entity_id = $1 AND action = 'update'", [id])
    expect(log.rows[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: '电话', before: '0411-87600001', after: '0411-87600002' },
        expect.objectContaining({ field: '特殊日期' }),
      ]),
    )
    expect(log.rows[0]!.actor_name).toBe('吴管理员')

    // Bad input: a 4xx with the field, nothing changed.
    expect((await a.patch(`/api/admin/stations/${id}`, { location: { lat: 48.85, lng: 2.35 } })).body).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'location',
    })
    expect((await a.patch(`/api/admin/stations/${id}`, { phone: '123' })).body).toMatchObject({ code: 'FIELD_INVALID', field: 'phone' })
    expect((await a.patch(`/api/admin/stations/${xianjin.id}`, { parentId: id })).body).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'parentId',
    })
    expect((await a.post('/api/admin/stations', { ...created.body, id: undefined })).status).toBe(400)

    // A resident's request waits at the new room; closing moves it to 先进街道社工站 with a reason the resident reads.
    const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '新港居民' })).body.token)
    const req = await resident.post(
      '/api/requests',
      {
        category: 'elderly_care',
        description: '老人需要探访',
        requester: 'self',
        contactName: '新港居民',
        contactPhone: '13800001111',
        urgency: 'normal',
        stationId: id,
      },
      { 'idempotency-key': 'admin-stations-close-1' },
    )
    expect(req.body.station.id).toBe(id)
    const closed = await a.post(`/api/admin/stations/${id}/close`, { reason: '撤并至先进街道社工站' })
    expect(closed.status).toBe(200)
    expect(closed.body.closed.reason).toBe('撤并至先进街道社工站')
    const moved = (await resident.get(`/api/requests/${req.body.id}`)).body
    expect(moved.station.id).toBe(xianjin.id)
    expect(moved.events.at(-1).body).toContain('暂停服务')
    expect((await api(server.url).get(`/api/stations/${id}`)).status).toBe(404)
    const nearby = await api(server.url).get('/api/stations/nearby?lat=39.071&lng=121.781&limit=5')
    expect(nearby.body.items.map((s: { id: string }) => s.id)).not.toContain(id)
    expect((await a.post(`/api/admin/stations/${id}/close`, { reason: '再关一次' })).status).toBe(409)

    expect((await a.post(`/api/admin/stations/${id}/reopen`, {})).status).toBe(200)
    expect((await api(server.url).get(`/api/stations/${id}`)).status).toBe(200)
    expect(await count("audit_log WHERE entity_id = $1 AND action IN ('close', 'reopen')", [id])).toBe(2)
  })

  test('who may: a 站长 edits only their own station; admins act in their subtree only; staff and supervisors not at all', async () => {
    const head = api(server.url, await login('xianjin-head'))
    const tree = (await api(server.url, await login('dalian-admin')).get('/api/admin/stations')).body.items as {
      id: string
      code: string
    }[]
    const byCode = (c: string) => tree.find((n) => n.code === c)!.id
    expect((await head.get(`/api/admin/stations/${byCode('DL-JP-XJ')}`)).status).toBe(200)
    expect((await head.patch(`/api/admin/stations/${byCode('DL-JP-XJ')}`, { hoursNote: '周六上午预约开放' })).status).toBe(200)
    expect((await head.patch(`/api/admin/stations/${byCode('DL-JP-XJ-MX')}`, { hoursNote: 'x' })).status).toBe(404)
    expect((await head.patch(`/api/admin/stations/${byCode('DL-JP-XJ')}`, { parentId: byCode('DL') })).status).toBe(403)
    expect((await head.get('/api/admin/stations')).status).toBe(403)
    const jinpu = api(server.url, await login('jinpu-admin'))
    expect((await jinpu.get(`/api/admin/stations/${byCode('DL-GX')}`)).status).toBe(404)
    expect((await jinpu.post(`/api/admin/stations/${byCode('DL-JP')}/close`, { reason: '测试' })).status).toBe(409)
    const worker = api(server.url, await login('xianjin-li'))
    expect((await worker.get(`/api/admin/stations/${byCode('DL-JP-XJ')}`)).status).toBe(403)
    expect((await api(server.url, await login('jinpu-zhao')).get('/api/admin/stations')).status).toBe(403)
  })

  test("节假日安排: the city's admin enters next year's days (live at once, audited); a district admin reads them only", async () => {
    const city = api(server.url, await login('dalian-admin'))
    const district = api(server.url, await login('jinpu-admin'))
    const before = (await city.get('/api/admin/calendar?year=2027')).body
    expect(before).toMatchObject({ year: 2027, shippedThroughYear: 2026, canEdit: true })
    expect(before.days.filter((d: { source: string }) => d.source === 'admin')).toEqual([])
    expect(server.app.ctx.calendar.isWorkingDay('2027-02-08')).toBe(true) // a Monday, before the notice
    expect((await city.call('PUT', '/api/admin/calendar/2027-02-08', { kind: 'holiday', name: '春节' })).status).toBe(200)
    const after = await city.call('PUT', '/api/admin/calendar/2027-02-14', { kind: 'workday', name: '春节' })
    expect(after.body.days).toEqual(
      expect.arrayContaining([
        { date: '2027-02-08', kind: 'holiday', name: '春节', source: 'admin' },
        { date: '2027-02-14', kind: 'workday', name: '春节', source: 'admin' },
      ]),
    )
    expect(server.app.ctx.calendar.isWorkingDay('2027-02-08')).toBe(false)
    expect(server.app.ctx.calendar.isWorkingDay('2027-02-14')).toBe(true) // a 调休 Sunday
    expect(await count("audit_log WHERE entity = 'calendar'")).toBe(2)

    expect((await district.get('/api/admin/calendar?year=2027')).body).toMatchObject({ canEdit: false })
    expect((await district.call('PUT', '/api/admin/calendar/2027-02-09', { kind: 'holiday', name: '春节' })).status).toBe(403)
    expect((await district.call('DELETE', '/api/admin/calendar/2027-02-08')).status).toBe(403)
    expect((await city.call('PUT', '/api/admin/calendar/2027-02-09', { kind: 'rest', name: '春节' })).status).toBe(400)
    expect((await city.call('PUT', '/api/admin/calendar/2027-13-01', { kind: 'holiday', name: '春节' })).status).toBe(400)
    expect((await city.call('PUT', '/api/admin/calendar/2027-02-09', { kind: 'holiday', name: '' })).status).toBe(400)
    expect((await api(server.url, await login('xianjin-head')).get('/api/admin/calendar?year=2027')).status).toBe(403)

    expect((await city.call('DELETE', '/api/admin/calendar/2027-02-08')).status).toBe(200)
    expect(server.app.ctx.calendar.isWorkingDay('2027-02-08')).toBe(true)
    expect((await city.call('DELETE', '/api/admin/calendar/2027-02-08')).status).toBe(404)
  })
})
