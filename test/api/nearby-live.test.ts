/**
 * 附近的社工站 answers from memory (server/services/stationIndex.ts), and every
 * change is seen by the next search, however it was made — through the
 * workbench, or by SQL beside the API (another instance, an operator): a closed
 * station leaves at once and comes back when reopened, an edited phone shows,
 * a new station appears, a 闭站 day shows in the station's special days.
 * In process, on PGlite (default) or PostgreSQL (TEST_DATABASE_URL).
 */
import type { NearbyResponse } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(120_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const XIANJIN = { lat: 39.055, lng: 121.775 }
const nearby = async (extra = '') => {
  const res = await api(server.url).get<NearbyResponse>(`/api/stations/nearby?lat=${XIANJIN.lat}&lng=${XIANJIN.lng}&limit=10${extra}`)
  expect(res.status).toBe(200)
  return res.body.items
}
const named = async (name: string) => (await nearby()).find((s) => s.name === name)

describe(`nearby stations stay live on ${backend}`, () => {
  test('a station closed by SQL beside the API leaves the next search, and comes back when reopened', async () => {
    const before = await named('民馨社区社会工作室')
    expect(before).toBeDefined()
    await server.db.query(`UPDATE stations SET closed_at = now(), closed_reason = '测试' WHERE id = $1`, [before!.id])
    expect(await named('民馨社区社会工作室')).toBeUndefined()
    await server.db.query('UPDATE stations SET closed_at = NULL, closed_reason = NULL WHERE id = $1', [before!.id])
    expect((await named('民馨社区社会工作室'))?.distanceMeters).toBe(before!.distanceMeters)
  })

  test('an edited phone and a new station show in the next search, at their distance', async () => {
    const xianjin = (await named('先进街道社工站'))!
    await server.db.query(`UPDATE stations SET phone = '0411-87654321' WHERE id = $1`, [xianjin.id])
    expect((await named('先进街道社工站'))?.phone).toBe('0411-87654321')

    await server.db.query(
      `INSERT INTO stations (code, name, kind, province, city, district, street, address, lat, lng, phone, services)
       VALUES ('TEST-NEAR', '测试新站', 'community', '辽宁省', '大连市', '金普新区', '先进街道', '测试地址', $1, $2, '0411-80000000', '{elderly_care}')`,
      [XIANJIN.lat, XIANJIN.lng],
    )
    const items = await nearby()
    expect(items[0]).toMatchObject({ name: '测试新站', distanceMeters: 0 })
    expect((await nearby('&service=elderly_care'))[0]?.name).toBe('测试新站')
    expect((await nearby('&kind=street')).some((s) => s.name === '测试新站')).toBe(false)
  })

  test('a 闭站 day entered for a station shows in its special days, and goes when deleted', async () => {
    const room = (await named('民馨社区社会工作室'))!
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    await server.db.query(
      `INSERT INTO station_exceptions (station_id, from_date, to_date, hours, reason) VALUES ($1, $2, $2, '[]', '社工外出培训')`,
      [room.id, day],
    )
    expect((await named('民馨社区社会工作室'))?.specialDays).toContainEqual(expect.objectContaining({ date: day, note: '社工外出培训' }))
    await server.db.query('DELETE FROM station_exceptions WHERE station_id = $1', [room.id])
    expect((await named('民馨社区社会工作室'))?.specialDays?.some((d) => d.date === day)).toBe(false)
  })

  test('a station closed in 站点管理 leaves the search at once', async () => {
    const login = await api(server.url).post('/api/staff/login', { username: 'jinpu-admin', password: DEMO_STAFF_PASSWORD })
    const admin = api(server.url, login.body.token)
    const room = (await named('民馨社区社会工作室'))!
    const res = await admin.post(`/api/admin/stations/${room.id}/close`, { reason: '撤并到先进街道社工站' })
    expect(res.status).toBe(200)
    expect(await named('民馨社区社会工作室')).toBeUndefined()
  })

  test('searches arriving together on a fresh server share one read and agree', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => nearby()))
    for (const r of results) expect(r).toEqual(results[0])
  })
})
