/**
 * 上线 (issue 14): `npm run setup` takes a city's empty database to its first
 * login — the stations sheet imported, the first 管理员 opened with a one-time
 * password that must be changed — and never overwrites what exists.
 * In-process, on PGlite and (TEST_DATABASE_URL) PostgreSQL.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SEED_STATIONS_FILE } from '../../server/seed/stations'
import { SetupError, setupCity } from '../../server/seed/citySetup'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ seedDemo: false, env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const stationCount = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations')).rows[0]!.n

test(`an empty database: a broken sheet or an unclear top station changes nothing, on ${backend}`, async () => {
  const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-setup-')), 'stations.csv')
  fs.writeFileSync(broken, '站点编码,站点名称,层级,上级站点编码\nX1,,街道社工站,NOPE\n')
  await expect(setupCity(server.db, { stationsFile: broken, admin: { username: 'city-admin', nickname: '王管理员' } })).rejects.toThrow(
    /站点表有误，未导入任何站点/,
  )
  await expect(
    setupCity(server.db, { stationsFile: '/nonexistent.xlsx', admin: { username: 'city-admin', nickname: '王管理员' } }),
  ).rejects.toThrow(SetupError)
  await expect(setupCity(server.db, { stationsFile: SEED_STATIONS_FILE, admin: { username: 'A!', nickname: '王管理员' } })).rejects.toThrow(
    /账号由/,
  )
  expect(await stationCount()).toBe(0)
  // The demo sheet has several cities, so several top stations: the admin's station must be named.
  await expect(
    setupCity(server.db, { stationsFile: SEED_STATIONS_FILE, admin: { username: 'city-admin', nickname: '王管理员' } }),
  ).rejects.toThrow(/个最上级站点，请用 --station/)
  expect((await server.db.query('SELECT 1 FROM users WHERE username = $1', ['city-admin'])).rows).toEqual([])
})

test(`the first admin logs in with the one-time password, must change it, then runs the city; a second run overwrites nothing, on ${backend}`, async () => {
  const done = await setupCity(server.db, {
    stationsFile: SEED_STATIONS_FILE,
    admin: { username: 'city-admin', nickname: '王管理员' },
    stationCode: 'DL',
  })
  expect(done.admin).toMatchObject({ username: 'city-admin', stationName: '大连市社工站指导中心' })
  expect(await stationCount()).toBeGreaterThan(10)

  const login = await api(server.url).post('/api/staff/login', { username: 'city-admin', password: done.admin.initialPassword })
  expect(login.status).toBe(200)
  const admin = api(server.url, login.body.token as string)
  const me = (await admin.get('/api/staff/me')).body
  expect(me).toMatchObject({ username: 'city-admin', mustChangePassword: true, station: { name: '大连市社工站指导中心' } })
  expect(me.capabilities).toContain('stations.admin')
  expect((await admin.get('/api/admin/stations')).status).toBe(403)
  const changed = await admin.post('/api/staff/me/password', {
    currentPassword: done.admin.initialPassword,
    newPassword: 'Dalian-admin-2026!',
  })
  expect(changed.status).toBeLessThan(300)
  expect((await admin.get('/api/admin/stations')).status).toBe(200)

  // An edit made in the workbench survives a second run, which refuses the existing username before writing.
  await server.db.query("UPDATE stations SET phone = '0411-80000001' WHERE code = 'DL-JP'")
  await expect(
    setupCity(server.db, { stationsFile: SEED_STATIONS_FILE, admin: { username: 'city-admin', nickname: '王管理员' }, stationCode: 'DL' }),
  ).rejects.toThrow(/已存在/)
  const second = await setupCity(server.db, {
    stationsFile: SEED_STATIONS_FILE,
    admin: { username: 'jinpu-first', nickname: '金普管理员' },
    stationCode: 'DL-JP',
  })
  expect(second.stationsAdded).toBe(0)
  expect((await server.db.query("SELECT phone FROM stations WHERE code = 'DL-JP'")).rows[0]).toEqual({ phone: '0411-80000001' })
})
