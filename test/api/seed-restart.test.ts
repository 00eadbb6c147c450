/**
 * The demo data is created when missing, never written again (issue 14): an
 * admin's edits to a demo station, a demo account and a station's bookable
 * service survive a restart on the same data, and a fresh database still gets
 * the whole demo. In-process restarts on one database, PGlite and PostgreSQL.
 */
import { SEED_STATIONS } from '../../server/seed/stations'
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const staff = async (app: TestApp, username: string) => {
  const res = await api(app.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  expect(res.status).toBe(200)
  return api(app.url, res.body.token)
}
const idOf = async (app: TestApp, sql: string, param: string) => (await app.db.query<{ id: string }>(sql, [param])).rows[0]!.id

describe(`demo data on restart (${backend})`, () => {
  test('edits to a demo station, account and bookable service are kept across a restart; nothing is doubled', async () => {
    const count = async (app: TestApp, table: string) =>
      (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n
    expect(await count(server, 'stations')).toBe(SEED_STATIONS.length)

    const admin = await staff(server, 'jinpu-admin')
    const xianjin = await idOf(server, 'SELECT id FROM stations WHERE code = $1', 'DL-JP-XJ')
    const edited = await admin.patch(`/api/admin/stations/${xianjin}`, {
      phone: '0411-87000000',
      hoursNote: '春节期间另行通知',
      coverage: ['和兴社区'],
    })
    expect(edited.status).toBe(200)
    const dongshan = await idOf(server, 'SELECT id FROM stations WHERE code = $1', 'DL-JP-XJ-DS')
    expect((await admin.post(`/api/admin/stations/${dongshan}/close`, { reason: '合并到先进街道' })).status).toBe(200)
    const wang = await idOf(server, 'SELECT id FROM users WHERE username = $1', 'xianjin-wang')
    expect((await admin.patch(`/api/admin/accounts/${wang}`, { nickname: '王晓社工', role: 'head' })).status).toBe(200)
    const li = await idOf(server, 'SELECT id FROM users WHERE username = $1', 'xianjin-li')
    expect((await admin.post(`/api/admin/accounts/${li}/disable`, {})).status).toBe(200)
    const head = await staff(server, 'xianjin-head')
    const service = (await head.get('/api/staff/bookable')).body.items.find((s: { name: string }) => s.name.startsWith('政策咨询'))
    expect((await head.patch(`/api/staff/bookable/${service.id}`, { capacity: 3, name: '政策咨询（周六上午·当面）' })).status).toBe(200)
    const before = {
      stations: await count(server, 'stations'),
      users: await count(server, 'users'),
      bookable: await count(server, 'bookable_services'),
    }

    // Restart: the same database, a new app (startApp loads the demo data as main.ts does on every start).
    const location = { dataDir: server.dataDir, databaseUrl: server.databaseUrl }
    await server.stop()
    server = await startApp({ database: location, env: { JOB_INTERVAL_MS: '0' } })

    const again = await staff(server, 'jinpu-admin')
    const station = (await again.get(`/api/admin/stations/${xianjin}`)).body
    expect(station).toMatchObject({ phone: '0411-87000000', hoursNote: '春节期间另行通知', coverage: ['和兴社区'] })
    expect((await again.get(`/api/admin/stations/${dongshan}`)).body.closed).toMatchObject({ reason: '合并到先进街道' })
    expect((await api(server.url).get(`/api/stations/${xianjin}`)).body.phone).toBe('0411-87000000')
    expect((await again.get(`/api/admin/accounts/${wang}`)).body).toMatchObject({ nickname: '王晓社工', role: 'head' })
    expect((await again.get(`/api/admin/accounts/${li}`)).body.status).toBe('disabled')
    expect((await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).status).not.toBe(200)
    const kept = (await (await staff(server, 'xianjin-head')).get('/api/staff/bookable')).body.items.find(
      (s: { id: string }) => s.id === service.id,
    )
    expect(kept).toMatchObject({ capacity: 3, name: '政策咨询（周六上午·当面）' })
    expect({
      stations: await count(server, 'stations'),
      users: await count(server, 'users'),
      bookable: await count(server, 'bookable_services'),
    }).toEqual(before)
  })

  test('a demo account that is missing is created on the next start', async () => {
    await server.db.query("DELETE FROM users WHERE username = 'dalian-chen'")
    const location = { dataDir: server.dataDir, databaseUrl: server.databaseUrl }
    await server.stop()
    server = await startApp({ database: location, env: { JOB_INTERVAL_MS: '0' } })
    const { rows } = await server.db.query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [
      DEMO_STAFF.map((a) => a.username),
    ])
    expect(rows.map((r) => r.username).sort()).toEqual(DEMO_STAFF.map((a) => a.username).sort())
    expect((await api(server.url).post('/api/staff/login', { username: 'dalian-chen', password: DEMO_STAFF_PASSWORD })).status).toBe(200)
  })
})
