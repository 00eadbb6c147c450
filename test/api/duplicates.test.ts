/**
 * Duplicates over the API (in-process, helpers/server.ts), on PGlite and
 * PostgreSQL: 「可能重复」 in the queue, on the request page and at counter
 * entry, matched through the blind indexes (HMAC under a key derived from
 * DATA_KEYS; never a plain phone in the table, recomputed when the key
 * rotates); merging a duplicate into its original (timelines on both, the
 * outbox tells both submitters, every refusal with its code, nothing changed
 * by a refused call); linking and unlinking related requests; permissions.
 */
import { randomBytes } from 'node:crypto'
import type {
  CreateRequestBody,
  DuplicateRef,
  HelpRequest,
  StaffActionResult,
  StaffRequest,
  StaffQueue,
  StaffRequestSummary,
} from '../../contract/types'
import { LIMITS } from '../../contract/limits'
import { DUPLICATES_LISTED } from '../../domain/duplicates'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { useDataKeys } from '../../server/services/fieldCrypto'
import { reindexBlind } from '../../server/repositories/reseal'
import { createSession, upsertUserByOpenid } from '../../server/repositories/sessions'
import { upsertStaffAccount } from '../../server/repositories/staff'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

const K1 = `k1:${randomBytes(32).toString('base64')}`
const K2 = `k2:${randomBytes(32).toString('base64')}`
const MINXIN = { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' }
const DAUGHTER_PHONE = '13812340001'
const SON_PHONE = '13812340002'
const MOTHER = { name: '赵桂芝', relationship: '母亲' as const, phone: '13900002222', consent: true as const }
const forMother = (description: string, contactPhone: string): CreateRequestBody => ({
  category: 'elderly_care',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  description,
  requester: 'family',
  helped: { ...MOTHER, address: '民馨社区 5 号楼' },
  contactName: '查重家属',
  contactPhone,
  area: MINXIN,
  address: '民馨社区 5 号楼',
  urgency: 'normal',
})

let server: TestApp
type Client = ReturnType<typeof api>
let keyCounter = 0
let expiredToken = ''
const resident = async (nickname: string) => api(server.url, (await api(server.url).post('/api/auth/dev', { nickname })).body.token)
const submit = async (c: Client, body: CreateRequestBody) => {
  const res = await c.post<HelpRequest>('/api/requests', body, { 'idempotency-key': `dup-${Date.now()}-${keyCounter++}` })
  expect(res.status).toBe(201)
  return res.body
}
const staff = async (username: string, password = DEMO_STAFF_PASSWORD) =>
  api(server.url, (await api(server.url).post('/api/staff/login', { username, password })).body.token)
const flagged = (refs: DuplicateRef[] | undefined) => (refs ?? []).map((d) => [d.number, [...d.reasons].sort()])

let daughter: Client
let son: Client
let li: Client
let first: HelpRequest
let second: HelpRequest
let bySon: HelpRequest
let other: HelpRequest

beforeAll(async () => {
  server = await startApp({
    env: { JOB_INTERVAL_MS: '0', DATA_KEYS: K1 },
    prepare: async (db) => {
      await upsertStaffAccount(db, {
        username: 'yangpu-admin',
        password: 'yangpu-pass-1',
        nickname: '钱管理员',
        role: 'admin',
        stationCode: 'YP',
      })
      const user = await upsertUserByOpenid(db, 'dev:过期的查重人', '过期的查重人')
      expiredToken = (await createSession(db, user, 1, new Date(Date.now() - 48 * 3600_000))).token
    },
  })
  daughter = await resident('查重女儿')
  son = await resident('查重儿子')
  li = await staff('xianjin-li')
  first = await submit(daughter, forMother('母亲独居，想申请助餐。', DAUGHTER_PHONE))
  second = await submit(daughter, forMother('又来问一次：母亲的助餐申请怎么样了？', `+86 138 1234 0001`))
  bySon = await submit(son, forMother('我母亲想申请助餐，我是她儿子。', SON_PHONE))
  other = await submit(await resident('无关居民'), {
    ...forMother('无关的求助', '13812349999'),
    helped: { ...MOTHER, name: '别人家老人', phone: '13900003333' },
  })
})
afterAll(async () => {
  await server?.stop()
  useDataKeys([])
})

test(`phones are matched through blind indexes: HMAC values under the current key, never the phone, on ${backend}`, async () => {
  const { rows } = await server.db.query<{ id: string; contact_phone: string; contact_phone_bidx: string; helped_bidx: string }>(
    'SELECT id, contact_phone, contact_phone_bidx, helped_bidx FROM help_requests WHERE id = ANY ($1::uuid[])',
    [[first.id, second.id, bySon.id, other.id]],
  )
  const row = (id: string) => rows.find((r) => r.id === id)!
  for (const r of rows) {
    expect(r.contact_phone_bidx).toMatch(/^k1:[A-Za-z0-9_-]{43}$/)
    expect(r.helped_bidx).toMatch(/^k1:[A-Za-z0-9_-]{43}$/)
    expect(`${r.contact_phone_bidx}${r.helped_bidx}`).not.toMatch(/1381234|1390000/)
  }
  // The same phone however it was typed; the same mother whoever asked; others differ.
  expect(row(second.id).contact_phone_bidx).toBe(row(first.id).contact_phone_bidx)
  expect(row(bySon.id).contact_phone_bidx).not.toBe(row(first.id).contact_phone_bidx)
  expect(row(bySon.id).helped_bidx).toBe(row(first.id).helped_bidx)
  expect(row(other.id).helped_bidx).not.toBe(row(first.id).helped_bidx)
  // The index is not a bare hash of the phone (it is keyed).
  const { createHash } = await import('node:crypto')
  expect(row(first.id).contact_phone_bidx.slice(3)).not.toBe(createHash('sha256').update(DAUGHTER_PHONE).digest('base64url'))
})

test(`「可能重复」 in the queue and on the request page: same phone, same helped person, within 30 days, on ${backend}`, async () => {
  const queue = (await li.get<{ items: StaffRequestSummary[] }>('/api/staff/queue')).body.items
  const card = (id: string) => queue.find((r) => r.id === id)!
  expect(flagged(card(first.id).duplicates)).toEqual([
    [bySon.number, ['helped']],
    [second.number, ['helped', 'phone']],
  ])
  expect(flagged(card(bySon.id).duplicates)).toEqual([
    [second.number, ['helped']],
    [first.number, ['helped']],
  ])
  expect(card(other.id).duplicates).toEqual([])

  const page = (await li.get<StaffRequest>(`/api/staff/requests/${second.id}`)).body
  expect(flagged(page.duplicates)).toEqual([
    [bySon.number, ['helped']],
    [first.number, ['helped', 'phone']],
  ])
  expect(page.duplicates![0]).toMatchObject({ id: bySon.id, stationName: '先进街道社工站', status: 'submitted' })
  expect(page.related).toEqual([])

  // More than 30 days apart: not flagged.
  await server.db.query(`UPDATE help_requests SET created_at = created_at - interval '31 days' WHERE id = $1`, [other.id])
  const old = await submit(await resident('无关居民二'), {
    ...forMother('一个月后又来', '13812349999'),
    helped: undefined,
    requester: 'self',
  })
  expect((await li.get<StaffRequest>(`/api/staff/requests/${old.id}`)).body.duplicates).toEqual([])
  await server.db.query(`UPDATE help_requests SET created_at = created_at + interval '31 days' WHERE id = $1`, [other.id])
  expect(flagged((await li.get<StaffRequest>(`/api/staff/requests/${old.id}`)).body.duplicates)).toEqual([[other.number, ['phone']]])

  // Another station's worker sees none of 先进's requests among the duplicates.
  const liu = await staff('minxin-liu')
  const minxinOwn = (
    await liu.post<HelpRequest>('/api/staff/requests', {
      channel: 'phone',
      category: 'elderly_care',
      description: '电话登记：同一位老人',
      requester: 'family',
      helped: MOTHER,
      contactName: '来电家属',
      contactPhone: DAUGHTER_PHONE,
      urgency: 'normal',
    })
  ).body
  expect((await liu.get<StaffRequest>(`/api/staff/requests/${minxinOwn.id}`)).body.duplicates).toEqual([])
  // …while the 金普新区 supervisor, who sees both stations, sees it flagged with 先进's.
  const zhao = await staff('jinpu-zhao')
  const seen = (await zhao.get<StaffRequest>(`/api/staff/requests/${minxinOwn.id}`)).body.duplicates!.map((d) => d.number)
  expect(seen).toEqual(expect.arrayContaining([first.number, second.number, bySon.number]))
})

test(`counter entry: the phone being typed in finds the requests of the last 30 days, on ${backend}`, async () => {
  const check = async (body: unknown) => li.post<{ items: DuplicateRef[] }>('/api/staff/duplicates/check', body)
  const byPhone = await check({ contactPhone: '138-1234-0001' })
  expect(byPhone.status).toBe(200)
  expect(byPhone.body.items.map((d) => d.number).sort()).toEqual([first.number, second.number].sort())
  expect(byPhone.body.items.every((d) => d.reasons.includes('phone'))).toBe(true)
  const byHelped = await check({ contactPhone: '13700000000', helped: { name: ' 赵桂芝 ', phone: MOTHER.phone } })
  expect(byHelped.body.items.map((d) => d.number).sort()).toEqual([first.number, second.number, bySon.number].sort())
  expect((await check({ contactPhone: '13700000000' })).body.items).toEqual([])
  // Bad input: 400, never a 500.
  for (const bad of [{}, { contactPhone: '' }, { contactPhone: 'x'.repeat(200) }, { contactPhone: '138', extra: 1 }]) {
    const res = await li.post<{ code: string }>('/api/staff/duplicates/check', bad)
    expect(res.status).toBe(400)
    expect(res.body.code).toMatch(/^(FIELD_INVALID|BAD_REQUEST)$/)
  }
  // A phone never goes into the server's log.
  expect(server.output()).not.toContain('13812340001')
})

test(`a 本人 request is for its submitter: the mother's own request and her daughter's request for her flag each other, on ${backend}`, async () => {
  const WANG = { name: '王秀英', relationship: '母亲' as const, phone: '13900005555', consent: true as const }
  const byDaughter = await submit(await resident('王家女儿'), {
    ...forMother('母亲腿脚不便，想申请上门助浴。', '13812347777'),
    helped: { ...WANG, address: '民馨社区 7 号楼' },
  })
  const own = await submit(await resident('王秀英本人'), {
    ...forMother('我想申请上门助浴。', '139 0000 5555'),
    requester: 'self',
    helped: undefined,
    contactName: ' 王秀英',
  })
  const page = async (id: string) => flagged((await li.get<StaffRequest>(`/api/staff/requests/${id}`)).body.duplicates)
  expect(await page(own.id)).toEqual([[byDaughter.number, ['helped']]])
  expect(await page(byDaughter.id)).toEqual([[own.number, ['helped']]])
  // And in the other order: the daughter asks again after her mother did.
  const again = await submit(await resident('王家女儿二'), {
    ...forMother('再问一次母亲的助浴。', '13812347778'),
    helped: { ...WANG, address: '民馨社区 7 号楼' },
  })
  expect(await page(again.id)).toEqual([
    [own.number, ['helped']],
    [byDaughter.number, ['helped']],
  ])
  // At counter entry, the mother on the phone (本人: her name and phone as the helped person) finds all three.
  const check = await li.post<{ items: DuplicateRef[] }>('/api/staff/duplicates/check', {
    contactPhone: '13900005555',
    helped: { name: '王秀英', phone: '13900005555' },
  })
  expect(flagged(check.body.items).sort()).toEqual([
    [byDaughter.number, ['helped']],
    [own.number, ['helped', 'phone']],
    [again.number, ['helped']],
  ])
  // A 本人 row indexed before this rule (no helped-person index) gets one from the re-indexing job.
  await server.db.query('UPDATE help_requests SET helped_bidx = NULL WHERE id = $1', [own.id])
  expect(await page(own.id)).toEqual([])
  expect(await server.db.transaction((tx) => reindexBlind(tx))).toBeGreaterThanOrEqual(1)
  expect(await page(own.id)).toEqual([
    [again.number, ['helped']],
    [byDaughter.number, ['helped']],
  ])
})

test(`a worker merges a duplicate into the original: timelines, the resident's view, the outbox, on ${backend}`, async () => {
  const outboxBefore = (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n
  const res = await li.post<StaffActionResult>(`/api/staff/requests/${second.id}/merge`, { intoId: first.id, note: '同一件事' })
  expect(res.status).toBe(200)
  expect(res.body.request).toMatchObject({ id: second.id, status: 'cancelled', mergedInto: { id: first.id, number: first.number } })
  expect(res.body.request!.events.at(-1)).toMatchObject({ type: 'merged', internal: false, actorName: '李社工' })
  expect(res.body.request!.events.at(-1)!.body).toContain(first.number)

  // The original's timeline gains the duplicate's words (same submitter: she sees them too).
  const original = (await li.get<StaffRequest>(`/api/staff/requests/${first.id}`)).body
  const entry = original.events.at(-1)!
  expect(entry).toMatchObject({ type: 'merged', internal: false })
  expect(entry.body).toContain(second.number)
  expect(entry.body).toContain('又来问一次：母亲的助餐申请怎么样了？')
  // The merged one no longer flags the original.
  expect(original.duplicates!.map((d) => d.id)).not.toContain(second.id)

  // The resident sees the merge with the original's number, and may open it (hers).
  const mine = (await daughter.get<HelpRequest>(`/api/requests/${second.id}`)).body
  expect(mine).toMatchObject({ status: 'cancelled', mergedInto: { id: first.id, number: first.number, own: true } })
  expect(mine.events.at(-1)).toMatchObject({ type: 'merged' })

  // The son's request merged in too: his words are for staff only on the original; he sees the number, not a link.
  expect((await li.post(`/api/staff/requests/${bySon.id}/merge`, { intoId: first.id })).status).toBe(200)
  const after = (await li.get<StaffRequest>(`/api/staff/requests/${first.id}`)).body.events.at(-1)!
  expect(after).toMatchObject({ type: 'merged', internal: true })
  expect((await daughter.get<HelpRequest>(`/api/requests/${first.id}`)).body.events.map((e) => e.body).join()).not.toContain('我是她儿子')
  expect((await son.get<HelpRequest>(`/api/requests/${bySon.id}`)).body.mergedInto).toEqual({
    id: first.id,
    number: first.number,
    own: false,
  })
  expect((await son.get(`/api/requests/${first.id}`)).status).toBe(404)

  // Both submitters told through the outbox, each time.
  const { rows } = await server.db.query<{ user_id: string; payload: { requestId: string; status: string } }>(
    `SELECT user_id, payload FROM outbox ORDER BY id OFFSET $1`,
    [outboxBefore],
  )
  expect(rows.map((r) => [r.payload.requestId, r.payload.status])).toEqual([
    [second.id, '已合并'],
    [first.id, '已合并'],
    [bySon.id, '已合并'],
    [first.id, '已合并'],
  ])
})

test(`merging is refused into itself, into a closed or merged request, in a cycle, out of sight, with bad input — and nothing changes, on ${backend}`, async () => {
  const a = await submit(daughter, forMother('第三次问', DAUGHTER_PHONE))
  const b = await submit(daughter, forMother('第四次问', DAUGHTER_PHONE))
  const snapshot = async () =>
    (
      await server.db.query(
        `SELECT id, status, merged_into_id, (SELECT count(*)::int FROM request_events e WHERE e.request_id = r.id) AS events
           FROM help_requests r WHERE id = ANY ($1::uuid[]) ORDER BY id`,
        [[a.id, first.id, second.id]],
      )
    ).rows
  const before = await snapshot()
  const merge = (id: string, body: unknown, c: Client = li) => c.post(`/api/staff/requests/${id}/merge`, body)

  const cases: [string, () => Promise<{ status: number; body: { code?: string; field?: string } }>, number, string][] = [
    ['into itself', () => merge(a.id, { intoId: a.id }), 400, 'SAME_REQUEST'],
    ['into a merged request', () => merge(a.id, { intoId: second.id }), 409, 'MERGE_TARGET_CLOSED'],
    ['a merged request again', () => merge(second.id, { intoId: a.id }), 409, 'REQUEST_STATE'],
    ['back into its duplicate (a cycle)', () => merge(first.id, { intoId: second.id }), 409, 'MERGE_CYCLE'],
    ['an unknown id', () => merge(a.id, { intoId: '00000000-0000-4000-8000-000000000000' }), 404, 'NOT_FOUND'],
    ['no intoId', () => merge(a.id, {}), 400, 'FIELD_INVALID'],
    ['a malformed intoId', () => merge(a.id, { intoId: 'abc' }), 400, 'FIELD_INVALID'],
    ['an unknown field', () => merge(a.id, { intoId: b.id, extra: 1 }), 400, 'BAD_REQUEST'],
    ['a note too long', () => merge(a.id, { intoId: b.id, note: '长'.repeat(501) }), 400, 'FIELD_INVALID'],
  ]
  for (const [what, call, status, code] of cases) {
    const res = await call()
    expect([what, res.status, res.body.code]).toEqual([what, status, code])
  }
  // Into a resolved request.
  await li.post(`/api/staff/requests/${b.id}/accept`, {})
  await li.post(`/api/staff/requests/${b.id}/resolve`, { summary: '已办结' })
  const resolved = await merge(a.id, { intoId: b.id })
  expect([resolved.status, resolved.body.code, resolved.body.field]).toEqual([409, 'MERGE_TARGET_CLOSED', 'intoId'])

  // Who may not: nobody, an expired token, a resident, another station's worker, another subtree's admin.
  const yangpuAdmin = await staff('yangpu-admin', 'yangpu-pass-1')
  const liu = await staff('minxin-liu')
  for (const [who, c, expected] of [
    ['nobody', api(server.url), 401],
    ['an expired token', api(server.url, expiredToken), 401],
    ['the resident herself', daughter, 403],
    ['民馨 worker', liu, 404],
    ['杨浦 admin', yangpuAdmin, 403],
  ] as const) {
    for (const route of ['merge', 'link', 'unlink']) {
      const res = await c.post(`/api/staff/requests/${a.id}/${route}`, route === 'merge' ? { intoId: first.id } : { otherId: first.id })
      expect([who, route, res.status]).toEqual([who, route, expected])
    }
  }
  // 民馨's worker merging her own request into 先进's (out of her sight): 404 as well.
  const minxin = (
    await liu.post<HelpRequest>('/api/staff/requests', {
      channel: 'counter',
      category: 'elderly_care',
      description: '窗口登记',
      requester: 'self',
      contactName: '来访居民',
      contactPhone: DAUGHTER_PHONE,
      urgency: 'normal',
    })
  ).body
  expect((await merge(minxin.id, { intoId: a.id }, liu)).status).toBe(404)
  expect((await liu.post(`/api/staff/requests/${minxin.id}/link`, { otherId: a.id })).status).toBe(404)

  expect(await snapshot()).toEqual(before)
  expect((await server.db.query('SELECT count(*)::int AS n FROM request_links')).rows[0]).toEqual({ n: 0 })
})

test(`linking related requests shows 「相关求助」 on both; unlinking removes it; bad input refused, on ${backend}`, async () => {
  const x = await submit(daughter, forMother('楼道灯坏了', '13812345555'))
  const y = await submit(son, forMother('想报名老年大学', '13812346666'))
  const link = (id: string, otherId: string, c: Client = li) => c.post<StaffActionResult>(`/api/staff/requests/${id}/link`, { otherId })
  const res = await link(x.id, y.id)
  expect(res.status).toBe(200)
  expect(res.body.request!.related).toEqual([{ id: y.id, number: y.number, status: 'submitted' }])
  expect(res.body.request!.events.at(-1)).toMatchObject({ type: 'linked', internal: true })
  expect((await li.get<StaffRequest>(`/api/staff/requests/${y.id}`)).body.related).toEqual([
    { id: x.id, number: x.number, status: 'submitted' },
  ])
  // Linked pairs are no longer suggested as duplicates (same helped person here).
  expect((await li.get<StaffRequest>(`/api/staff/requests/${y.id}`)).body.duplicates!.map((d) => d.id)).not.toContain(x.id)
  // Twice: nothing more.
  expect((await link(y.id, x.id)).status).toBe(200)
  expect((await server.db.query('SELECT count(*)::int AS n FROM request_links')).rows[0]).toEqual({ n: 1 })
  // The residents never see internal link entries.
  expect((await daughter.get<HelpRequest>(`/api/requests/${x.id}`)).body.events.map((e) => e.type)).not.toContain('linked')

  const self = await li.post<{ code: string }>(`/api/staff/requests/${x.id}/link`, { otherId: x.id })
  expect([self.status, self.body.code]).toEqual([400, 'SAME_REQUEST'])
  expect((await li.post(`/api/staff/requests/${x.id}/link`, { otherId: 'nope' })).status).toBe(400)
  expect((await li.post(`/api/staff/requests/${x.id}/link`, {})).status).toBe(400)

  const unlink = await li.post<StaffActionResult>(`/api/staff/requests/${x.id}/unlink`, { otherId: y.id })
  expect(unlink.status).toBe(200)
  expect(unlink.body.request!.related).toEqual([])
  expect((await li.get<StaffRequest>(`/api/staff/requests/${y.id}`)).body.related).toEqual([])
  expect((await li.post(`/api/staff/requests/${x.id}/unlink`, { otherId: y.id })).status).toBe(404)

  // Unlinked, they are suggested again (the same mother); once the daughter corrects her phone to her brother's, by phone too.
  const reasonsOnY = async () =>
    (await li.get<StaffRequest>(`/api/staff/requests/${y.id}`)).body.duplicates!.find((d) => d.id === x.id)?.reasons.sort()
  expect(await reasonsOnY()).toEqual(['helped'])
  expect((await daughter.patch(`/api/requests/${x.id}`, { contactPhone: '138 1234 6666' })).status).toBe(200)
  expect(await reasonsOnY()).toEqual(['helped', 'phone'])
})

test(`a request typed in by number is found only in sight, on ${backend}`, async () => {
  const found = await li.get(`/api/staff/requests/lookup?number=${encodeURIComponent(first.number.toLowerCase())}`)
  expect(found.status).toBe(200)
  expect(found.body).toEqual({ id: first.id, number: first.number, status: 'submitted', stationName: '先进街道社工站' })
  const liu = await staff('minxin-liu')
  expect((await liu.get(`/api/staff/requests/lookup?number=${first.number}`)).status).toBe(404)
  expect((await li.get('/api/staff/requests/lookup?number=')).status).toBe(400)
  expect((await daughter.get(`/api/staff/requests/lookup?number=${first.number}`)).status).toBe(403)
})

test(`when the data key rotates, the blind indexes move to the new key and matching goes on, on ${backend}`, async () => {
  const c = await submit(daughter, forMother('轮换前', DAUGHTER_PHONE))
  const location = { dataDir: server.dataDir, databaseUrl: server.databaseUrl }
  await server.stop()
  server = await startApp({ env: { JOB_INTERVAL_MS: '0', DATA_KEYS: `${K2},${K1}` }, database: location })
  const { rows } = await server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM help_requests WHERE contact_phone_bidx IS NOT NULL AND contact_phone_bidx NOT LIKE 'k2:%'`,
  )
  expect(rows[0]!.n).toBe(0)
  li = await staff('xianjin-li')
  // The same phone, from a new account on the restarted server.
  const d = await submit(await resident('轮换后的女儿'), forMother('轮换后', DAUGHTER_PHONE))
  expect((await li.get<StaffRequest>(`/api/staff/requests/${d.id}`)).body.duplicates!.map((x) => x.id)).toContain(c.id)
  expect(
    (await li.post<{ items: DuplicateRef[] }>('/api/staff/duplicates/check', { contactPhone: DAUGHTER_PHONE })).body.items.map((x) => x.id),
  ).toEqual(expect.arrayContaining([c.id, d.id]))
})

test(`a phone that called 60 times: each queue card reads its 10 newest duplicates, the request page its 50 newest, on ${backend}`, async () => {
  const calls: HelpRequest[] = []
  for (let i = 0; i < 60; i++) {
    const res = await li.post<HelpRequest>('/api/staff/requests', {
      channel: 'phone',
      category: 'elderly_care',
      description: `电话登记：第 ${i + 1} 次来电`,
      requester: 'self',
      contactName: '常来电的居民',
      contactPhone: '13812347777',
      urgency: 'normal',
    })
    expect(res.status).toBe(201)
    calls.push(res.body)
  }
  const numbers = (list: HelpRequest[]) => list.map((r) => r.number).reverse()
  // The queue lists LIMITS.queuePage at first and says there are more; up to LIMITS.queueMax on request.
  const first50 = (await li.get<StaffQueue>('/api/staff/queue')).body
  expect(first50.items).toHaveLength(LIMITS.queuePage)
  expect(first50.more).toBe(true)
  const all = (await li.get<StaffQueue>(`/api/staff/queue?limit=${LIMITS.queueMax}`)).body
  expect(all.more).toBe(false)
  expect(all.items.length).toBeGreaterThan(60)
  expect(all.items.slice(0, LIMITS.queuePage)).toEqual(first50.items)
  for (const limit of ['0', '201', '-1', '1.5', 'abc']) {
    const refused = await li.get(`/api/staff/queue?limit=${limit}`)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: expect.stringMatching(/^(BAD_REQUEST|FIELD_INVALID)$/), message: expect.any(String) })
  }
  const last = all.items.find((r) => r.id === calls[59]!.id)!
  expect(last.duplicates!.map((d) => d.number)).toEqual(numbers(calls.slice(49, 59)))
  expect(last.duplicates).toHaveLength(DUPLICATES_LISTED.queue)
  const page = (await li.get<StaffRequest>(`/api/staff/requests/${calls[0]!.id}`)).body
  expect(page.duplicates!.map((d) => d.number)).toEqual(numbers(calls.slice(10)))
  expect(page.duplicates).toHaveLength(DUPLICATES_LISTED.request)
})
