/**
 * 找社工站 over the API (in-process, helpers/server.ts), on PGlite (default) or PostgreSQL (TEST_DATABASE_URL).
 */
import { SEED_STATIONS } from '../../server/seed/stations'
import { api, backend, startApp, type TestApp } from './helpers/server'
import { bulkInsertStations, prng, syntheticStations } from '../../server/seed/synthetic'
import { greatCircleMeters } from '../../domain/geo'
import type { NearbyResponse, StationDetail, StationListResponse } from '../../contract/types'

jest.setTimeout(120_000)

const SYNTHETIC = syntheticStations(5000, 7)
const ALL = [...SEED_STATIONS, ...SYNTHETIC]

let server: TestApp
let client: ReturnType<typeof api>

beforeAll(async () => {
  server = await startApp({ prepare: (db) => bulkInsertStations(db, SYNTHETIC) })
  client = api(server.url)
})
afterAll(() => server?.stop())

describe(`stations API on ${backend}`, () => {
  test('health names the database backend', async () => {
    const res = await client.get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ok', database: backend })
  })

  test('in 大连金普新区·先进街道, 民馨社区社会工作室 and 先进街道社工站 come first, nearest first', async () => {
    const res = await client.get<NearbyResponse>('/api/stations/nearby?lat=39.055&lng=121.775&limit=5')
    expect(res.status).toBe(200)
    const names = res.body.items.map((s) => s.name)
    expect(names.slice(0, 2).sort()).toEqual(['先进街道社工站', '民馨社区社会工作室'].sort())
    const d = res.body.items.map((s) => s.distanceMeters)
    expect([...d].sort((a, b) => a - b)).toEqual(d)
    expect(d[0]).toBeLessThan(3000)
  })

  test('nearby order is exact: top 20 equal brute force over 5,000 random stations plus the demo data', async () => {
    const rand = prng(99)
    for (let i = 0; i < 40; i++) {
      const point = { lat: 18.2 + rand() * 35.3, lng: 73.6 + rand() * 61.1 }
      const kind = i % 4 === 0 ? 'street' : undefined
      const service = i % 5 === 0 ? 'elderly_care' : undefined
      const qs = new URLSearchParams({ lat: String(point.lat), lng: String(point.lng), limit: '20' })
      if (kind) qs.set('kind', kind)
      if (service) qs.set('service', service)
      const res = await client.get<NearbyResponse>(`/api/stations/nearby?${qs}`)
      expect(res.status).toBe(200)
      const expected = ALL.filter((s) => (!kind || s.kind === kind) && (!service || s.services.includes(service)))
        .map((s) => ({ code: s.code, d: greatCircleMeters(point, s.location) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 20)
      const got = res.body.items.map((s) => ({ code: s.code, d: s.distanceMeters }))
      expect(got).toHaveLength(expected.length)
      got.forEach((g, k) => {
        expect(Math.abs(g.d - expected[k]!.d)).toBeLessThan(0.5)
        // Same station unless two are (practically) equidistant.
        if (
          Math.abs(expected[k]!.d - (expected[k + 1]?.d ?? Infinity)) > 0.5 &&
          Math.abs(expected[k]!.d - (expected[k - 1]?.d ?? -Infinity)) > 0.5
        ) {
          expect(g.code).toBe(expected[k]!.code)
        }
      })
    }
  })

  test('filters by kind and by service', async () => {
    const res = await client.get<NearbyResponse>('/api/stations/nearby?lat=39.055&lng=121.775&limit=10&kind=community&service=elderly_care')
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeGreaterThan(0)
    for (const s of res.body.items) {
      expect(s.kind).toBe('community')
      expect(s.services).toContain('elderly_care')
    }
  })

  test.each([
    ['lat 91', '/api/stations/nearby?lat=91&lng=121', '纬度', 'lat'],
    ['lat -90.5', '/api/stations/nearby?lat=-90.5&lng=121', '纬度', 'lat'],
    ['lng "abc"', '/api/stations/nearby?lat=39&lng=abc', '经度', 'lng'],
    ['lng 181', '/api/stations/nearby?lat=39&lng=181', '经度', 'lng'],
    ['limit 10000', '/api/stations/nearby?lat=39&lng=121&limit=10000', '数量', 'limit'],
    ['limit 0', '/api/stations/nearby?lat=39&lng=121&limit=0', '数量', 'limit'],
    ['limit 2.5', '/api/stations/nearby?lat=39&lng=121&limit=2.5', '数量', 'limit'],
    ['missing lat', '/api/stations/nearby?lng=121', '纬度', 'lat'],
    ['unknown kind', '/api/stations/nearby?lat=39&lng=121&kind=palace', '站点类型', 'kind'],
    ['unknown service', '/api/stations/nearby?lat=39&lng=121&service=haircut', '服务类别', 'service'],
    ['unknown parameter', '/api/stations/nearby?lat=39&lng=121&radius=5', 'radius', null],
    ['malformed id', '/api/stations/not-a-uuid', '编号', null],
    ['malformed parent', '/api/stations?parent=123', '上级站点', 'parent'],
    ['empty search', '/api/stations?q=', '搜索词', 'q'],
  ])(
    'bad input (%s) → 400 with { code, message, field }: one parameter at fault is FIELD_INVALID naming it',
    async (_name, path, mention, field) => {
      const res = await client.get(path)
      expect(res.status).toBe(400)
      const code = field ? { code: 'FIELD_INVALID', field } : { code: 'BAD_REQUEST' }
      expect(res.body).toEqual({ ...code, message: expect.stringContaining(mention) })
    },
  )

  test('an unknown station id → 404 with a readable message', async () => {
    const res = await client.get('/api/stations/00000000-0000-4000-8000-000000000000')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/社工站/) })
  })

  test('an unknown route → 404 in the same shape', async () => {
    const res = await client.get('/api/nope')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: '接口不存在' })
  })

  test('station detail: 民馨社区 with its breadcrumb up to 市级, and 先进街道 with its brand project and children', async () => {
    const found = await client.get<StationListResponse>(`/api/stations?q=${encodeURIComponent('民馨')}`)
    expect(found.status).toBe(200)
    const minxin = found.body.items.find((s) => s.name === '民馨社区社会工作室')!
    expect(minxin).toBeDefined()
    const detail = await client.get<StationDetail>(`/api/stations/${minxin.id}`)
    expect(detail.status).toBe(200)
    expect(detail.body.ancestors.map((a) => a.kind)).toEqual(['city', 'district', 'street'])
    expect(detail.body.ancestors.map((a) => a.name)).toEqual(['大连市社工站指导中心', '金普新区社工总站', '先进街道社工站'])

    const street = await client.get<StationDetail>(`/api/stations/${detail.body.ancestors[2]!.id}`)
    expect(street.status).toBe(200)
    const brand = street.body.brandProjects.find((b) => b.name === '东山小学堂')!
    expect(brand.items).toEqual(['节气美育', '朝有趣', '小小主播', '小小宣传员', '四季欢乐节'])
    expect(street.body.children.map((c) => c.name)).toEqual(expect.arrayContaining(['民馨社区社会工作室', '东山社区社会工作室']))
    expect(street.body.intro.length).toBeGreaterThan(10)
  })

  test('browse the hierarchy by parent, and search by area name', async () => {
    const city = await client.get<StationListResponse>(`/api/stations?q=${encodeURIComponent('大连市社工站指导中心')}`)
    const dalian = city.body.items[0]!
    const children = await client.get<StationListResponse>(`/api/stations?parent=${dalian.id}`)
    expect(children.status).toBe(200)
    expect(children.body.items.every((s) => s.parentId === dalian.id)).toBe(true)
    expect(children.body.items.map((s) => s.name)).toEqual(expect.arrayContaining(['金普新区社工总站']))

    const byArea = await client.get<StationListResponse>(`/api/stations?area=${encodeURIComponent('先进街道')}`)
    expect(byArea.body.total).toBeGreaterThanOrEqual(3)
    expect(byArea.body.items.every((s) => s.area.street === '先进街道')).toBe(true)
  })

  test('areas: the tree a resident picks from, with counts and centres', async () => {
    const res = await client.get('/api/areas')
    expect(res.status).toBe(200)
    const liaoning = res.body.items.find((p: any) => p.name === '辽宁省')
    const dalian = liaoning.children.find((c: any) => c.name === '大连市')
    const jinpu = dalian.children.find((d: any) => d.name === '金普新区')
    const xianjin = jinpu.children.find((s: any) => s.name === '先进街道')
    expect(xianjin.level).toBe('street')
    expect(xianjin.stationCount).toBeGreaterThanOrEqual(3)
    expect(Math.abs(xianjin.center.lat - 39.05)).toBeLessThan(0.1)
    expect(jinpu.stationCount).toBeGreaterThanOrEqual(xianjin.stationCount)
  })

  test('the OpenAPI document lists the routes', async () => {
    const res = await client.get('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toMatch(/^3\./)
    for (const p of ['/api/stations/nearby', '/api/stations/{id}', '/api/stations', '/api/areas', '/api/auth/wechat', '/api/health']) {
      expect(res.body.paths).toHaveProperty([p])
    }
  })

  test("the server does not log the resident's location (query strings are not logged)", async () => {
    await client.get('/api/stations/nearby?lat=39.0551234&lng=121.7751234')
    expect(server.output()).toContain('"path":"/api/stations/nearby"') // the request was logged…
    expect(server.output()).not.toContain('39.0551234') // …without its query string
  })
})
