/**
 * Routing reads the stations from the residents' station index
 * (server/services/stationIndex.ts via services/routingStations.ts), which is
 * live: a station created, closed or reopened beside the API (SQL by hand, or
 * another instance) counts for the very next request — no time-to-live — and a
 * closed station never gets a request. In process, on PGlite (default) or
 * PostgreSQL (TEST_DATABASE_URL).
 */
import type { HelpRequest } from '../../contract/types'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(120_000)

let server: TestApp
let resident: ReturnType<typeof api>
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
  resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '新港居民' })).body.token)
})
afterAll(() => server?.stop())

const XINGANG = { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '新港社区' }
let keys = 0
const submit = (extra: Record<string, unknown> = {}) =>
  resident.post<HelpRequest>(
    '/api/requests',
    {
      category: 'elderly_care',
      description: '老人独居，需要上门探访',
      requester: 'self',
      contactName: '新港居民',
      contactPhone: '13800001111',
      urgency: 'normal',
      area: XINGANG,
      ...extra,
    },
    { 'idempotency-key': `routing-live-${++keys}` },
  )

/** A community room for 新港社区 offering 养老服务, written by SQL beside the API (as another instance would). */
async function insertRoom(code: string): Promise<string> {
  const { rows } = await server.db.query<{ id: string }>(
    `INSERT INTO stations (code, name, kind, parent_id, province, city, district, street, community, address, lat, lng, phone, services)
     SELECT $1, '新港社区社会工作室', 'community', id, '辽宁省', '大连市', '金普新区', '先进街道', '新港社区', '新港社区服务中心',
            39.071, 121.781, '0411-87600001', '{elderly_care}'
       FROM stations WHERE code = 'DL-JP-XJ'
     RETURNING id`,
    [code],
  )
  return rows[0]!.id
}

describe(`routing reads live stations on ${backend}`, () => {
  test('a room created, closed and reopened beside the API counts for the next request at once', async () => {
    // No room for 新港社区 yet: its street station takes it (and routing now holds the city's stations).
    const before = await submit()
    expect(before.status).toBe(201)
    expect(before.body.station.name).toBe('先进街道社工站')

    const room = await insertRoom('TEST-XINGANG')
    const after = await submit()
    expect(after.status).toBe(201)
    expect(after.body.station).toMatchObject({ id: room, name: '新港社区社会工作室', phone: '0411-87600001' })

    await server.db.query(`UPDATE stations SET closed_at = now(), closed_reason = '测试' WHERE id = $1`, [room])
    const closed = await submit()
    expect(closed.status).toBe(201)
    expect(closed.body.station.name).toBe('先进街道社工站')
    // Chosen by a resident whose app still shows it: 404 next to the station, nothing written.
    const chosenClosed = await submit({ stationId: room })
    expect(chosenClosed.status).toBe(404)
    expect(chosenClosed.body).toMatchObject({ code: 'NOT_FOUND', field: 'stationId' })
    const { rows } = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM help_requests WHERE station_id = $1', [room])
    expect(Number(rows[0]!.n)).toBe(1)

    await server.db.query('UPDATE stations SET closed_at = NULL, closed_reason = NULL WHERE id = $1', [room])
    expect((await submit({ stationId: room })).body.station.id).toBe(room)
  })

  test('a station created a moment ago elsewhere can be chosen at once', async () => {
    await submit() // routing holds the stations
    const room = await insertRoom('TEST-XINGANG-2')
    const chosen = await submit({ stationId: room, area: undefined })
    expect(chosen.status).toBe(201)
    expect(chosen.body.station.id).toBe(room)
  })

  test('an edited phone reaches the next request', async () => {
    const { rows } = await server.db.query<{ id: string }>(`SELECT id FROM stations WHERE code = 'DL-JP-XJ'`)
    await submit({ category: 'social_assistance' })
    await server.db.query(`UPDATE stations SET phone = '0411-87500000' WHERE id = $1`, [rows[0]!.id])
    const next = await submit({ category: 'social_assistance', area: { ...XINGANG, community: '无名社区' } })
    expect(next.body.station).toMatchObject({ id: rows[0]!.id, phone: '0411-87500000' })
  })
})
