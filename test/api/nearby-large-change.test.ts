/**
 * A large change of the stations (an import of hundreds or thousands, by
 * another instance or by SQL beside the API) is read in pages in the
 * background: searches meanwhile are answered from the stations as they were,
 * without waiting for it; once read, the new stations are found. A small change
 * is still read by the next search (live at once). In process, on PGlite
 * (default) or PostgreSQL (TEST_DATABASE_URL).
 */
import type { NearbyResponse } from '../../contract/types'
import { refreshStationIndex } from '../../server/services/stationIndex'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(120_000)

/** Each read of changed stations (one page), and a gate that holds every page after the first until opened. */
const pages: number[] = []
let gate: Promise<void> | null = null
let open = () => {}
/** Resolved when the second page is asked for. */
let secondPage: Promise<void> = Promise.resolve()
let askedSecond = () => {}

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
// A failed test must not leave the gate shut for the next one.
afterEach(() => open())
afterAll(() => server?.stop())

/** A point far from the demo stations, in 长春. */
const FAR = { lat: 43.9, lng: 125.3 }
const BULK = 600

const nearby = async (at: { lat: number; lng: number }, limit = 20) => {
  const res = await api(server.url).get<NearbyResponse>(`/api/stations/nearby?lat=${at.lat}&lng=${at.lng}&limit=${limit}`)
  expect(res.status).toBe(200)
  return res.body.items
}

beforeAll(() => {
  const query = server.db.query.bind(server.db)
  server.db.query = (async (sql: string, params?: unknown[]) => {
    if (/WHERE change_seq > \$1/.test(sql)) {
      pages.push(Number(params?.[0]))
      if (pages.length === 2) askedSecond()
      if (pages.length > 1 && gate) await gate
    }
    return query(sql, params)
  }) as typeof server.db.query
})

/** Fails the test if `work` has not settled within `ms`: the search waited for something it should not. */
const within = <T>(ms: number, work: Promise<T>, what: string) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(what)), ms).unref())])

describe(`a large change of the stations on ${backend}`, () => {
  test('searches during its read are answered from the previous stations without waiting; then the new ones are found', async () => {
    const before = await nearby(FAR, 5)
    expect(before.some((s) => s.name.startsWith('批量站点'))).toBe(false)

    await server.db.query(
      `INSERT INTO stations (code, name, kind, province, city, district, street, address, lat, lng, phone, services)
       SELECT 'BULK-' || n, '批量站点' || n, 'community', '吉林省', '长春市', '朝阳区', '测试街道', '测试地址', $1 + (n / 25) * 0.001, $2 + (n % 25) * 0.001,
              '0431-80000000', '{elderly_care}'
         FROM generate_series(0, ${BULK - 1}) n`,
      [FAR.lat, FAR.lng],
    )
    pages.length = 0
    gate = new Promise<void>((resolve) => (open = resolve))
    secondPage = new Promise<void>((resolve) => (askedSecond = resolve))

    // The first search reads the first page (250 stations) and is answered from the stations held before the change.
    const during = await within(20_000, nearby(FAR, 5), 'a search waited for the large change to be read')
    expect(during).toEqual(before)
    // The rest is read in the background; its second page is held: searches meanwhile are answered at once, as before.
    await within(20_000, secondPage, 'the rest of the change was not read in the background')
    const again = await within(20_000, Promise.all([nearby(FAR, 5), nearby(FAR, 5)]), 'a search waited for the large change to be read')
    expect(again).toEqual([before, before])
    // One read in flight, started by the first search: its first page, and the second one, held.
    expect(pages.length).toBe(2)

    open()
    gate = null
    await refreshStationIndex(server.db)
    const after = await nearby(FAR, 20)
    expect(after[0]).toMatchObject({ name: '批量站点0', distanceMeters: 0 })
    expect(after.every((s) => s.name.startsWith('批量站点'))).toBe(true)
    // Read in pages: 600 stations, 250 a statement.
    expect(pages.length).toBe(3)
  })

  test('a small change after it is live at once: a closed station leaves the very next search', async () => {
    expect((await nearby(FAR, 1))[0]?.name).toBe('批量站点0')
    pages.length = 0
    await server.db.query(`UPDATE stations SET closed_at = now(), closed_reason = '测试' WHERE code = 'BULK-0'`)
    const next = await nearby(FAR, 1)
    expect(next[0]?.name).toBe('批量站点1')
    expect(pages.length).toBe(1)
    await server.db.query(`UPDATE stations SET closed_at = NULL, closed_reason = NULL WHERE code = 'BULK-0'`)
    expect((await nearby(FAR, 1))[0]?.name).toBe('批量站点0')
  })
})
