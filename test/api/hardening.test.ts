/**
 * What an outside tester broke (issue 13), on PGlite and PostgreSQL, in-process:
 * non-finite and oddly written numbers, photos over the size limit, the
 * Idempotency-Key fingerprint and field order, the access log of a sensitive
 * request, a key orphaned in flight.
 */
import { LIMITS } from '../../contract/limits'
import type { HelpRequest } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const resident = async (nickname: string) => {
  const { body } = await api(server.url).post('/api/auth/dev', { nickname })
  return { client: api(server.url, body.token), token: body.token as string }
}
const staff = async (username: string) =>
  api(server.url, (await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })).body.token)
const MINXIN = { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' }
const forMother = {
  category: 'elderly_care',
  description: '母亲独居，需要助餐',
  requester: 'family',
  helped: { name: '王奶奶', relationship: '母亲', phone: '13912345678', consent: true },
  contactName: '小王',
  contactPhone: '13812345678',
  urgency: 'normal',
  area: MINXIN,
}
let keys = 0
const newKey = () => `hardening-${Date.now()}-${++keys}`

describe(`numbers in queries, paths and bodies on ${backend}`, () => {
  const notANumber = (res: { status: number; body: unknown }, field: string) => {
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ code: 'FIELD_INVALID', field, message: expect.stringMatching(/\S/) })
  }

  test.each(['Infinity', '-Infinity', '%2BInfinity', 'NaN', '1e400', '-1e309'])(
    '%s in any numeric query parameter is 400 naming it, never 500',
    async (v) => {
      const me = (await resident('无穷大')).client
      const supervisor = await staff('jinpu-zhao')
      notANumber(await me.get(`/api/stations/nearby?lat=${v}&lng=121.6`), 'lat')
      notANumber(await me.get(`/api/stations/nearby?lat=39&lng=${v}`), 'lng')
      notANumber(await me.get(`/api/stations/nearby?lat=39&lng=121.6&limit=${v}`), 'limit')
      notANumber(await me.get(`/api/stations?limit=${v}`), 'limit')
      notANumber(await me.get(`/api/activities?limit=${v}`), 'limit')
      notANumber(await me.get(`/api/activities?lat=${v}&lng=121.6`), 'lat')
      notANumber(await supervisor.get(`/api/staff/ratings?stars=${v}`), 'stars')
    },
  )

  test('hex, binary, octal, a plus sign, spaces and an empty value are not numbers; decimal and exponent forms are', async () => {
    const c = api(server.url)
    for (const v of ['0x27', '0X27', '0b100111', '0o47', '%2B39', '%2039', '39%20', '', '39.', '.5', '1_000', '039']) {
      notANumber(await c.get(`/api/stations/nearby?lat=${v}&lng=121.6`), 'lat')
    }
    const plain = await c.get('/api/stations/nearby?lat=39.05&lng=121.78&limit=3')
    expect(plain.status).toBe(200)
    const exponent = await c.get('/api/stations/nearby?lat=3.905e1&lng=1.2178E2&limit=3e0')
    expect(exponent.status).toBe(200)
    expect(exponent.body).toEqual(plain.body)
    expect((await c.get('/api/stations/nearby?lat=-0&lng=121.78')).status).toBe(200)
  })

  test('a number too large for a double in a JSON body (1e400 is Infinity once parsed) is 400 naming the field', async () => {
    const me = (await resident('无穷大的星星')).client
    const res = await me.call(
      'POST',
      '/api/me/family',
      '{"name":"小明","birthDate":"2019-04-04","relationship":"女儿","childNoticeVersion":1e400}',
    )
    notANumber(res, 'childNoticeVersion')
    const worker = await staff('xianjin-li')
    const activity = await worker.call(
      'POST',
      '/api/staff/activities',
      JSON.stringify({
        title: '无穷',
        category: 'class',
        audience: 'all',
        description: '测试',
        place: '教室',
        capacity: 5,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 40 * 3600_000).toISOString(),
        cancelDeadline: new Date(Date.now() + 30 * 3600_000).toISOString(),
        sessions: [
          { startsAt: new Date(Date.now() + 60 * 3600_000).toISOString(), endsAt: new Date(Date.now() + 61 * 3600_000).toISOString() },
        ],
      }).replace('"capacity":5', '"capacity":-1e400'),
    )
    notANumber(activity, 'capacity')
  })

  test('a path that is not an id is 400, whatever number it spells', async () => {
    const me = (await resident('路径')).client
    for (const v of ['Infinity', '1e400', '0x27']) {
      const res = await me.get(`/api/requests/${v}`)
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/\S/) })
    }
  })
})

describe(`keep-alive on ${backend}`, () => {
  test('an idle connection is kept 72 s, as Fastify keeps it on a server it makes itself (Node alone closes it after 5 s)', () => {
    expect(server.app.server.keepAliveTimeout).toBe(72_000)
  })
})

describe(`photos over the size limit on ${backend}`, () => {
  const png = (size: number) => {
    const b = Buffer.alloc(size, 0x41)
    Buffer.from('89504e470d0a1a0a', 'hex').copy(b)
    return b
  }
  const upload = async (token: string, bytes: Buffer) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'big.png')
    const res = await server.fetch('/api/uploads', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, body: await res.json() }
  }
  const stored = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM uploads')).rows[0]!.n

  test('5 MB + 1 byte, 6 MB and 10 MB are 413 every time, and nothing is stored', async () => {
    const { token } = await resident('大照片')
    const before = await stored()
    for (let round = 0; round < 4; round++) {
      for (const size of [LIMITS.photoBytes + 1, 6 * 1024 * 1024, 10 * 1024 * 1024]) {
        const res = await upload(token, png(size))
        expect({ size, status: res.status, body: res.body }).toEqual({
          size,
          status: 413,
          body: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('5 MB') },
        })
      }
    }
    expect(await stored()).toBe(before)
    // Exactly at the limit is a photo.
    const atLimit = await upload(token, png(LIMITS.photoBytes))
    expect(atLimit.status).toBe(201)
    expect(atLimit.body.size).toBe(LIMITS.photoBytes)
    expect(await stored()).toBe(before + 1)
  })
})

describe(`Idempotency-Key on ${backend}`, () => {
  test('the same fields in another key order are the same submission: replayed, not 422', async () => {
    const { client } = await resident('字段顺序')
    const key = newKey()
    const first = await client.post<HelpRequest>('/api/requests', forMother, { 'idempotency-key': key })
    expect(first.status).toBe(201)
    const reordered = Object.fromEntries(
      Object.entries(forMother)
        .reverse()
        .map(([k, v]) => [k, v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse()) : v]),
    )
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(forMother))
    const again = await client.post<HelpRequest>('/api/requests', reordered, { 'idempotency-key': key })
    expect(again.status).toBe(201)
    expect(again.body.id).toBe(first.body.id)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    // A default written out is the same submission too; another value is not.
    const other = await client.post('/api/requests', { ...forMother, description: '另一件事' }, { 'idempotency-key': key })
    expect(other.status).toBe(422)
    expect((await client.get('/api/requests/mine')).body.items).toHaveLength(1)
  })

  test('a key left in flight by an instance that died is taken over at once: 201, one request', async () => {
    const { client } = await resident('孤儿键')
    const me = (await client.get('/api/me')).body.user
    const key = newKey()
    // What the former two-phase claim left behind when its process was killed between the phases.
    const { createHash } = await import('node:crypto')
    await server.db.query(
      `INSERT INTO idempotency_keys (user_id, key, body_hash, status, created_at) VALUES ($1, $2, $3, 'in_flight', now())`,
      [me.id, key, createHash('sha256').update('whatever').digest('hex')],
    )
    const res = await client.post<HelpRequest>('/api/requests', forMother, { 'idempotency-key': key })
    expect(res.status).toBe(201)
    expect((await client.get('/api/requests/mine')).body.items.map((r: HelpRequest) => r.id)).toEqual([res.body.id])
  })
})

describe(`the access log of a sensitive request on ${backend}`, () => {
  test('a supervisor above gets 404, as for a request they cannot see', async () => {
    const { client } = await resident('敏感')
    const sensitive = (
      await client.post<HelpRequest>(
        '/api/requests',
        {
          ...forMother,
          category: 'psychological',
          attributes: { selfHarm: 'no' },
          area: { ...MINXIN, community: '没有工作室的社区' },
        },
        { 'idempotency-key': newKey() },
      )
    ).body
    expect(sensitive.station.name).toBe('先进街道社工站')
    const unknown = await (await staff('jinpu-zhao')).get('/api/staff/requests/00000000-0000-4000-8000-000000000000/access-log')
    for (const supervisor of ['jinpu-zhao', 'dalian-chen']) {
      const res = await (await staff(supervisor)).get(`/api/staff/requests/${sensitive.id}/access-log`)
      expect(res.status).toBe(404)
      expect(res.body).toEqual(unknown.body)
    }
    const ordinary = (await client.post<HelpRequest>('/api/requests', forMother, { 'idempotency-key': newKey() })).body
    expect((await (await staff('jinpu-zhao')).get(`/api/staff/requests/${ordinary.id}/access-log`)).status).toBe(200)
  })
})
