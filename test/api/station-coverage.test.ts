/**
 * 服务范围 (issue 14): the communities and streets a station covers, edited
 * in 站点管理 and in the import, live for routing at once: a request from a
 * covered community goes to the covering station before its street station
 * and before distance. Bad input is a 400 with the field; the audit log says
 * before and after. On PGlite and PostgreSQL.
 */
import ExcelJS from 'exceljs'
import { SHEET_COLUMNS } from '../../domain/stationSheet'
import { LIMITS } from '../../contract/limits'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const staff = async (username: string) => {
  const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  expect(res.status).toBe(200)
  return api(server.url, res.body.token)
}
const resident = async (nickname: string) => {
  const { body } = await api(server.url).post('/api/auth/dev', { nickname })
  return api(server.url, body.token)
}
const stationId = async (code: string) =>
  (await server.db.query<{ id: string }>('SELECT id FROM stations WHERE code = $1', [code])).rows[0]!.id

let keys = 0
/** A daughter asks for psychological support for her mother in 和兴社区 (先进街道, which has no room of its own). */
const askForMother = async (nickname: string) => {
  const daughter = await resident(nickname)
  return daughter.post(
    '/api/requests',
    {
      category: 'psychological',
      attributes: {},
      description: '母亲最近情绪低落，想请社工上门聊一聊。',
      requester: 'family',
      helped: { name: '王秀英', relationship: '母亲', phone: '13900002222', address: '和兴社区 5 号楼', consent: true },
      contactName: '王女士',
      contactPhone: '13812340000',
      preferredTime: '工作日白天',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '和兴社区' },
      address: '大连市金普新区先进街道和兴社区 5 号楼',
      urgency: 'normal',
    },
    { 'idempotency-key': `coverage-${Date.now()}-${keys++}-abcdef` },
  )
}

describe(`服务范围 on ${backend}`, () => {
  test('an admin sets 民馨社区社会工作室 to cover 和兴社区: the next request from 和兴社区 goes there, not to the street station', async () => {
    const before = await askForMother('女儿甲')
    expect(before.status).toBe(201)
    expect(before.body.station.name).toBe('先进街道社工站')

    const admin = await staff('jinpu-admin')
    const minxin = await stationId('DL-JP-XJ-MX')
    expect((await admin.get(`/api/admin/stations/${minxin}`)).body.coverage).toEqual([])
    const saved = await admin.patch(`/api/admin/stations/${minxin}`, { coverage: ['和兴社区', '和平社区'] })
    expect(saved.status).toBe(200)
    expect(saved.body.coverage).toEqual(['和兴社区', '和平社区'])
    // Residents read it on the station's page.
    expect((await api(server.url).get(`/api/stations/${minxin}`)).body.coverage).toEqual(['和兴社区', '和平社区'])

    const after = await askForMother('女儿乙')
    expect(after.status).toBe(201)
    expect(after.body.station.name).toBe('民馨社区社会工作室')
    expect(after.body.routingReason).toBe('按被帮助人所在的和兴社区，已交给服务和兴社区的「民馨社区社会工作室」')

    const audit = await server.db.query<{ changes: { field: string; before: string; after: string }[] }>(
      `SELECT changes FROM audit_log WHERE entity = 'station' AND entity_id = $1 AND action = 'update' ORDER BY at DESC LIMIT 1`,
      [minxin],
    )
    expect(audit.rows[0]!.changes).toEqual([{ field: '服务范围', before: '', after: '和兴社区、和平社区' }])

    // Closed, it covers nothing: the request goes up to the street again.
    expect((await admin.post(`/api/admin/stations/${minxin}/close`, { reason: '装修' })).status).toBe(200)
    expect((await askForMother('女儿丙')).body.station.name).toBe('先进街道社工站')
    expect((await admin.post(`/api/admin/stations/${minxin}/reopen`, {})).status).toBe(200)
    expect((await askForMother('女儿丁')).body.station.name).toBe('民馨社区社会工作室')
  })

  test('bad coverage is a 400 naming the field, and nothing changes', async () => {
    const admin = await staff('jinpu-admin')
    const dongshan = await stationId('DL-JP-XJ-DS')
    const cases = [
      ['x'.repeat(LIMITS.streetName + 1)],
      Array.from({ length: LIMITS.coverageAreas + 1 }, (_, i) => `第${i}社区`),
      ['和兴社区', '和兴社区'],
      [''],
      'a string',
    ]
    for (const coverage of cases) {
      const res = await admin.patch(`/api/admin/stations/${dongshan}`, { coverage })
      expect(res.status).toBe(400)
      expect(res.body.field).toMatch(/^coverage/)
    }
    expect((await admin.get(`/api/admin/stations/${dongshan}`)).body.coverage).toEqual([])
    // Another subtree's admin cannot set it (404: not there for them).
    const otherAdmin = await staff('dalian-admin')
    const jiande = await stationId('JD-XAJ')
    expect((await admin.patch(`/api/admin/stations/${jiande}`, { coverage: ['新安江'] })).status).toBe(404)
    expect((await otherAdmin.get(`/api/admin/stations/${dongshan}`)).status).toBe(200)
  })

  test('the 服务范围 column: exported, imported (a change is reported, then applied), and routing follows', async () => {
    const login = await api(server.url).post('/api/staff/login', { username: 'jinpu-admin', password: DEMO_STAFF_PASSWORD })
    const auth = { authorization: `Bearer ${login.body.token}` }
    const res = await server.fetch('/api/admin/stations/export.xlsx', { headers: auth })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const rows: string[][] = []
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))))
    expect(rows[0]).toEqual([...SHEET_COLUMNS])
    const col = SHEET_COLUMNS.indexOf('服务范围')
    const street = rows.find((r) => r[0] === 'DL-JP-XJ')!
    expect(street[col] ?? '').toBe('')

    // 先进街道社工站 takes 和兴社区 over in the sheet (the room's coverage is cleared in the same file).
    const edited = rows.map((r) => SHEET_COLUMNS.map((_, i) => r[i] ?? ''))
    edited.find((r) => r[0] === 'DL-JP-XJ')![col] = '和兴社区'
    edited.find((r) => r[0] === 'DL-JP-XJ-MX')![col] = ''
    const out = new ExcelJS.Workbook()
    const ws = out.addWorksheet('站点')
    for (const r of edited) ws.addRow(r)
    const file = Buffer.from(await out.xlsx.writeBuffer())
    const upload = async (dryRun: boolean) => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(file)]), '服务范围.xlsx')
      const r = await server.fetch(`/api/admin/stations/import?dryRun=${dryRun}`, { method: 'POST', body: form, headers: auth })
      return (await r.json()) as { summary: { changed: number }; rows: { code: string; changes: string[] }[] }
    }
    const dry = await upload(true)
    expect(dry.summary.changed).toBe(2)
    expect(dry.rows.find((r) => r.code === 'DL-JP-XJ')!.changes).toEqual(['服务范围'])
    expect((await askForMother('女儿戊')).body.station.name).toBe('民馨社区社会工作室')
    expect((await upload(false)).summary.changed).toBe(2)
    const routed = await askForMother('女儿己')
    expect(routed.body.station.name).toBe('先进街道社工站')
    expect(routed.body.routingReason).toContain('服务和兴社区')
    expect((await upload(false)).summary.changed).toBe(0)
  })
})
