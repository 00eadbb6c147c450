/**
 * Phone numbers and addresses at rest, on PGlite and PostgreSQL: sealed in the
 * database (AES-256-GCM with DATA_KEYS), plain in the API; a restart with a
 * new current key still reads the old rows, and the resealing job moves every
 * row — including rows written before encryption — to the current key.
 */
import { randomBytes } from 'node:crypto'
import type { CreateRequestBody, HelpRequest } from '../../contract/types'
import { openDatabase } from '../../server/db'
import { resealFields } from '../../server/repositories/reseal'
import { getRequest } from '../../server/usecases/requests'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { parseDataKeys, unseal, useDataKeys } from '../../server/services/fieldCrypto'
import { submitAt, testContext } from './helpers/context'
import { api, backend, freshDatabase, startServer, type TestServer } from './helpers/server'

jest.setTimeout(240_000)

const k1 = `k1:${randomBytes(32).toString('base64')}`
const k2 = `k2:${randomBytes(32).toString('base64')}`
const PHONE = '13987651234'
const ADDRESS = '密封测试路七号'

const body = (over: Partial<CreateRequestBody> = {}): CreateRequestBody => ({
  category: 'elderly_care',
  description: '想了解助餐服务',
  requester: 'family',
  helped: { name: '张奶奶', relationship: '母亲', phone: PHONE, address: ADDRESS, consent: true },
  contactName: '李女士',
  contactPhone: PHONE,
  address: ADDRESS,
  urgency: 'normal',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  ...over,
})

afterAll(() => useDataKeys([]))

describe(`encryption at rest on ${backend}`, () => {
  let server: TestServer | undefined
  afterAll(() => server?.stop())

  test('sealed in every table, plain in the API, readable after a key rotation', async () => {
    server = await startServer({ env: { JOB_INTERVAL_MS: '0', DATA_KEYS: k1 } })
    const database = { dataDir: server.dataDir, databaseUrl: server.databaseUrl }
    const { body: session } = await api(server.url).post('/api/auth/dev', { nickname: '密封测试' })
    const me = api(server.url, session.token)
    const created = await me.post<HelpRequest>('/api/requests', body(), { 'idempotency-key': 'sealed-key-0001' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ contactPhone: PHONE, address: ADDRESS, helped: { phone: PHONE, address: ADDRESS } })
    // A retry replays the same request, in plain words.
    const replay = await me.post<HelpRequest>('/api/requests', body(), { 'idempotency-key': 'sealed-key-0001' })
    expect(replay.body).toMatchObject({ id: created.body.id, contactPhone: PHONE })
    await server.stop()

    const db = await openDatabase(database)
    try {
      const tables = (
        await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )
      ).rows
      const found: string[] = []
      for (const { table_name } of tables) {
        const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`)
        for (const { row } of rows) for (const v of [PHONE, ADDRESS]) if (row.includes(v)) found.push(`${table_name}: ${v}`)
      }
      expect(found).toEqual([])
      const { rows } = await db.query<{ contact_phone: string; helped_address: string }>(
        'SELECT contact_phone, helped_address FROM help_requests WHERE id = $1',
        [created.body.id],
      )
      expect(rows[0]!.contact_phone).toMatch(/^enc:v1:k1:/)
      expect(rows[0]!.helped_address).toMatch(/^enc:v1:k1:/)
    } finally {
      await db.close()
    }

    // Rotation: k2 becomes current, k1 stays to read older rows.
    server = await startServer({ database, env: { JOB_INTERVAL_MS: '0', DATA_KEYS: `${k2},${k1}` } })
    const again = await api(server.url, session.token).get<HelpRequest>(`/api/requests/${created.body.id}`)
    expect(again.body).toMatchObject({ contactPhone: PHONE, address: ADDRESS })
  })

  test('the resealing job moves rows to the current key, plain old rows included', async () => {
    const db = await openDatabase(await freshDatabase())
    try {
      const { seedDemoData } = await import('../../server/seed')
      await seedDemoData(db)
      const user = await upsertUserByOpenid(db, 'o-reseal', '居民')
      const ctx = await testContext(db)
      const make = () => submitAt(ctx, user.id, body())
      useDataKeys([])
      const plain = await make()
      useDataKeys(parseDataKeys(k1))
      const old = await make()
      const raw = async (id: string) =>
        (await db.query<{ contact_phone: string }>('SELECT contact_phone FROM help_requests WHERE id = $1', [id])).rows[0]!.contact_phone
      expect(await raw(plain.id)).toBe(PHONE)
      expect(await raw(old.id)).toMatch(/^enc:v1:k1:/)

      useDataKeys(parseDataKeys(`${k2},${k1}`))
      expect(await db.transaction((tx) => resealFields(tx))).toBe(2)
      expect(await db.transaction((tx) => resealFields(tx))).toBe(0)
      for (const id of [plain.id, old.id]) {
        expect(await raw(id)).toMatch(/^enc:v1:k2:/)
        expect(unseal(await raw(id))).toBe(PHONE)
        expect((await getRequest(ctx, db, id, { internal: false }))!.helped).toMatchObject({ phone: PHONE, address: ADDRESS })
      }
    } finally {
      await db.close()
    }
  })
})
