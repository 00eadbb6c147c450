/**
 * PIPL right to correction over the API (in-process, helpers/server.ts), on PGlite and PostgreSQL: a
 * resident corrects the contact details of a request they submitted
 * (PATCH /api/requests/:id). The station sees the new values and a timeline
 * line naming the corrected fields (never the values); phones and addresses
 * stay sealed at rest; someone else's request is not found; a cancelled or
 * purged one cannot be corrected; bad input is refused with a message.
 */
import { randomBytes } from 'node:crypto'
import type { CreateRequestBody, HelpRequest, StaffRequest } from '../../contract/types'
import { openDatabase, type Database } from '../../server/db'
import { Refused } from '../../server/errors'
import { correctRequest, getRequest } from '../../server/usecases/requests'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { parseDataKeys, unseal, useDataKeys } from '../../server/services/fieldCrypto'
import { submitAt, testContext, type AppContext } from './helpers/context'
import { api, backend, freshDatabase, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

const DATA_KEYS = `k1:${randomBytes(32).toString('base64')}`
const MINXIN = { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' }
const forMother: CreateRequestBody = {
  category: 'elderly_care',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  description: '母亲一个人住，想了解助餐服务。',
  requester: 'family',
  helped: { name: '张秀兰', relationship: '母亲', phone: '13900001111', address: '民馨社区 3 号楼 2 单元 501', consent: true },
  contactName: '李女士',
  contactPhone: '13812345678',
  preferredTime: '工作日晚上',
  area: MINXIN,
  address: '民馨社区 3 号楼',
  urgency: 'normal',
}
const forSelf: CreateRequestBody = { ...forMother, requester: 'self', helped: undefined }

/** The corrected values: none of them may appear in plain text in the database. */
const NEW_PHONE = '13766661234'
const NEW_ADDRESS = '更正测试路九号院'
const NEW_HELPED_PHONE = '13655559876'
const NEW_HELPED_ADDRESS = '更正测试路十号楼'

let server: TestApp
let keyCounter = 0

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0', DATA_KEYS } })
})
afterAll(async () => {
  await server?.stop()
  useDataKeys([])
})

const resident = async (nickname: string) => api(server.url, (await api(server.url).post('/api/auth/dev', { nickname })).body.token)
const submit = async (client: ReturnType<typeof api>, body: CreateRequestBody) => {
  const res = await client.post<HelpRequest>('/api/requests', body, { 'idempotency-key': `correction-${Date.now()}-${keyCounter++}` })
  expect(res.status).toBe(201)
  return res.body
}
const staff = async () =>
  api(server.url, (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token)

describe(`correcting a help request on ${backend}`, () => {
  let corrected: HelpRequest

  test("the daughter corrects her phone and address and her mother's: the answer, her view and the station's show the new values, and the timeline names the fields", async () => {
    const daughter = await resident('更正女儿')
    const created = await submit(daughter, forMother)
    expect(created.station.name).toBe('先进街道社工站')

    const res = await daughter.patch<HelpRequest>(`/api/requests/${created.id}`, {
      contactPhone: '+86 137 6666 1234',
      address: `  ${NEW_ADDRESS} `,
      helped: { phone: NEW_HELPED_PHONE, address: NEW_HELPED_ADDRESS },
    })
    expect(res.status).toBe(200)
    corrected = res.body
    expect(corrected).toMatchObject({
      id: created.id,
      contactName: '李女士',
      contactPhone: NEW_PHONE, // normalized as on submission
      preferredTime: '工作日晚上',
      address: NEW_ADDRESS,
      helped: { name: '张秀兰', relationship: '母亲', phone: NEW_HELPED_PHONE, address: NEW_HELPED_ADDRESS },
      status: 'submitted',
    })
    expect(new Date(corrected.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime())
    expect(corrected.events.map((e) => e.type)).toEqual(['submitted', 'message'])
    const line = corrected.events.at(-1)!
    expect(line.body).toBe('居民更正了：联系电话、地址、被帮助人电话、被帮助人地址')
    expect((await daughter.get<HelpRequest>(`/api/requests/${created.id}`)).body).toEqual(corrected)

    const li = await staff()
    const seen = await li.get<StaffRequest>(`/api/staff/requests/${created.id}`)
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({
      contactPhone: NEW_PHONE,
      address: NEW_ADDRESS,
      helped: { phone: NEW_HELPED_PHONE, address: NEW_HELPED_ADDRESS },
    })
    expect(seen.body.events.at(-1)).toMatchObject({
      type: 'message',
      body: '居民更正了：联系电话、地址、被帮助人电话、被帮助人地址',
      internal: false,
    })

    // Name and time only; then the same values again, which changes nothing and adds no line.
    const again = await daughter.patch<HelpRequest>(`/api/requests/${created.id}`, { contactName: '李秀梅', preferredTime: '周末上午' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ contactName: '李秀梅', preferredTime: '周末上午', contactPhone: NEW_PHONE })
    expect(again.body.events.at(-1)!.body).toBe('居民更正了：联系人、方便联系的时间')
    const same = await daughter.patch<HelpRequest>(`/api/requests/${created.id}`, { contactName: '李秀梅', contactPhone: NEW_PHONE })
    expect(same.status).toBe(200)
    expect(same.body.events).toHaveLength(again.body.events.length)
    expect(same.body.updatedAt).toBe(again.body.updatedAt)

    // An empty phone of the helped person clears it.
    const cleared = await daughter.patch<HelpRequest>(`/api/requests/${created.id}`, { helped: { phone: '' } })
    expect(cleared.status).toBe(200)
    expect(cleared.body.helped).toMatchObject({ phone: null, address: NEW_HELPED_ADDRESS })
    expect(cleared.body.events.at(-1)!.body).toBe('居民更正了：被帮助人电话')
    corrected = (await daughter.patch<HelpRequest>(`/api/requests/${created.id}`, { helped: { phone: NEW_HELPED_PHONE } })).body
    expect(corrected.helped!.phone).toBe(NEW_HELPED_PHONE)
  })

  test("someone else's request → 404; no token → 401; nothing changes", async () => {
    const owner = await resident('更正主人')
    const created = await submit(owner, forSelf)
    const other = await resident('更正别人')
    const res = await other.patch(`/api/requests/${created.id}`, { contactName: '别人' })
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: '没有找到这条求助' })
    expect((await other.patch('/api/requests/00000000-0000-4000-8000-000000000000', { contactName: '别人' })).status).toBe(404)
    const anonymous = await api(server.url).patch(`/api/requests/${created.id}`, { contactName: '别人' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.code).toBe('UNAUTHORIZED')
    expect((await owner.get<HelpRequest>(`/api/requests/${created.id}`)).body).toEqual(created)
  })

  test('a cancelled request → 409 with a message, unchanged', async () => {
    const r = await resident('更正取消')
    const created = await submit(r, forSelf)
    const cancelled = (await r.post<HelpRequest>(`/api/requests/${created.id}/cancel`)).body
    expect(cancelled.status).toBe('cancelled')
    const res = await r.patch(`/api/requests/${created.id}`, { contactPhone: NEW_PHONE })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ code: 'REQUEST_STATE', message: '这条求助已取消，不能再更正联系方式' })
    expect((await r.get<HelpRequest>(`/api/requests/${created.id}`)).body).toEqual(cancelled)
  })

  test.each([
    ['a bad phone', forSelf, { contactPhone: '12345' }, '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话', 'contactPhone'],
    ['a bad phone of the helped person', forMother, { helped: { phone: '999' } }, '被帮助人的电话格式不正确', 'helped.phone'],
    ['an unknown field', forSelf, { contactName: '王', description: '换个问题' }, '不支持的参数“description”', null],
    ['a field that cannot be corrected', forSelf, { status: 'resolved' }, '不支持的参数“status”', null],
    ['an unknown field of the helped person', forMother, { helped: { name: '别人' } }, '不支持的参数“name”', null],
    ['an empty body', forSelf, {}, '请求内容不能为空，请至少填写一项', null],
    ['an empty helped person', forMother, { helped: {} }, '被帮助人（helped）不能为空，请至少填写一项', 'helped'],
    ['an empty name', forSelf, { contactName: '' }, '联系人（contactName）不能为空', 'contactName'],
    ['a blank name', forSelf, { contactName: '   ' }, '请填写联系人，社工会这样称呼您', 'contactName'],
    ['a phone that is not text', forSelf, { contactPhone: 13812345678 }, '联系电话（contactPhone）格式不正确，应为文字', 'contactPhone'],
    ['a 101-character address', forSelf, { address: '很'.repeat(101) }, '地址（address）不能超过 100 个字', 'address'],
    [
      'the helped person of a request for oneself',
      forSelf,
      { helped: { phone: '13900001111' } },
      '本人求助没有被帮助人，不能更正被帮助人的信息',
      'helped',
    ],
  ])(
    '%s → 400 with the message (FIELD_INVALID naming the field, when one is at fault), and nothing changes',
    async (_name, submitted, patch, message, field) => {
      const r = await resident(`更正坏输入-${keyCounter++}`) // a nickname has at most 20 characters
      const created = await submit(r, submitted)
      const res = await r.patch(`/api/requests/${created.id}`, patch)
      expect(res.status).toBe(400)
      expect(res.body).toEqual(field ? { code: 'FIELD_INVALID', field, message } : { code: 'BAD_REQUEST', message })
      expect((await r.get<HelpRequest>(`/api/requests/${created.id}`)).body).toEqual(created)
    },
  )

  // Last: stops the server to read its database (PGlite takes one process at a time).
  test('wx.request has no PATCH: POST with X-HTTP-Method-Override: PATCH is read as PATCH; no other method can be asked for', async () => {
    const daughter = await resident('改方法的女儿')
    const created = await submit(daughter, forMother)
    const viaPost = await daughter.post(
      `/api/requests/${created.id}`,
      { contactName: '改名的李女士' },
      { 'x-http-method-override': 'PATCH' },
    )
    expect(viaPost.status).toBe(200)
    expect(viaPost.body.contactName).toBe('改名的李女士')
    const asDelete = await daughter.post(`/api/requests/${created.id}`, { contactName: '不应生效' }, { 'x-http-method-override': 'DELETE' })
    expect(asDelete.status).toBe(404)
    expect((await daughter.get(`/api/requests/${created.id}`)).body.contactName).toBe('改名的李女士')
  })
  test('the corrected phones and addresses are sealed at rest, and no table holds them in plain text', async () => {
    expect(corrected).toBeDefined()
    await server.stop()
    useDataKeys(parseDataKeys(DATA_KEYS))
    const db = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl })
    try {
      const { rows } = await db.query<Record<'contact_phone' | 'address' | 'helped_phone' | 'helped_address', string>>(
        'SELECT contact_phone, address, helped_phone, helped_address FROM help_requests WHERE id = $1',
        [corrected.id],
      )
      const row = rows[0]!
      for (const v of Object.values(row)) expect(v).toMatch(/^enc:v1:k1:/)
      expect(unseal(row.contact_phone)).toBe(NEW_PHONE)
      expect(unseal(row.address)).toBe(NEW_ADDRESS)
      expect(unseal(row.helped_phone)).toBe(NEW_HELPED_PHONE)
      expect(unseal(row.helped_address)).toBe(NEW_HELPED_ADDRESS)
      expect(await plainIn(db, [NEW_PHONE, NEW_ADDRESS, NEW_HELPED_PHONE, NEW_HELPED_ADDRESS])).toEqual([])
    } finally {
      await db.close()
    }
  })
})

/** Every table and value in which one of the values appears as plain text. */
async function plainIn(db: Database, values: string[]): Promise<string[]> {
  const tables = (
    await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )
  ).rows
  const found: string[] = []
  for (const { table_name } of tables) {
    const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`)
    for (const { row } of rows) for (const v of values) if (row.includes(v)) found.push(`${table_name}: ${v}`)
  }
  return found
}

describe(`correcting in the use case on ${backend}`, () => {
  let db: Database
  let ctx: AppContext
  beforeAll(async () => {
    useDataKeys(parseDataKeys(DATA_KEYS))
    db = await openDatabase(await freshDatabase())
    const { seedDemoData } = await import('../../server/seed')
    await seedDemoData(db)
    ctx = await testContext(db)
  })
  afterAll(() => db?.close())

  const create = async (openid: string) => {
    const user = await upsertUserByOpenid(db, openid, '居民')
    const request = await submitAt(ctx, user.id, forMother)
    return { user, request }
  }

  test('a purged request (retention) → 409, and nothing is written', async () => {
    const { user, request } = await create('o-correction-purged')
    await db.query(`UPDATE help_requests SET status = 'resolved', purged_at = now() WHERE id = $1`, [request.id])
    const attempt = correctRequest(ctx, request.id, user.id, { contactPhone: NEW_PHONE })
    await expect(attempt).rejects.toMatchObject({
      statusCode: 409,
      refusal: { code: 'REQUEST_STATE', message: '这条求助的个人信息已按保存期限清除，不能再更正' },
    })
    await expect(attempt).rejects.toBeInstanceOf(Refused)
    const after = await getRequest(ctx, db, request.id, { internal: true })
    expect(after!.contactPhone).toBe(forMother.contactPhone)
    expect(after!.events.map((e) => e.type)).toEqual(['submitted'])
  })

  test("another user's request → 404 from the use case too", async () => {
    const { request } = await create('o-correction-owner')
    const other = await upsertUserByOpenid(db, 'o-correction-other', '别人')
    await expect(correctRequest(ctx, request.id, other.id, { contactName: '别人' })).rejects.toMatchObject({
      statusCode: 404,
      refusal: { code: 'NOT_FOUND' },
    })
  })
})
