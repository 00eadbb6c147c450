/**
 * "有问题找社工" over the API (in-process, helpers/server.ts), on PGlite and PostgreSQL: routing,
 * idempotent submission, the resident's view, the workbench, permissions and
 * bad input.
 */
import { api, backend, startApp, type TestApp } from './helpers/server'
import { upsertStaffAccount } from '../../server/repositories/staff'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import type { HelpRequest, StaffActionResult, StaffRequest } from '../../contract/types'

jest.setTimeout(180_000)

let server: TestApp
const WORKERS = Array.from({ length: 20 }, (_, i) => `claim-worker-${i}`)

beforeAll(async () => {
  server = await startApp({
    env: { JOB_INTERVAL_MS: '0' },
    prepare: async (db) => {
      // Stations come from the demo seed the server loads; accounts need the stations, so seed them here first.
      const { seedDemoData } = await import('../../server/seed')
      await seedDemoData(db)
      for (const u of WORKERS)
        await upsertStaffAccount(db, { username: u, password: 'claim-pass-1', nickname: u, role: 'staff', stationCode: 'YP-DQ' })
      await upsertStaffAccount(db, {
        username: 'lockout-test',
        password: 'right-password',
        nickname: '锁定测试',
        role: 'staff',
        stationCode: 'DL-JP-XJ',
      })
    },
  })
})
afterAll(() => server?.stop())

const resident = async (nickname: string) => {
  const { body } = await api(server.url).post('/api/auth/dev', { nickname })
  return api(server.url, body.token)
}
const staffLogin = async (username: string, password = DEMO_STAFF_PASSWORD) => {
  const res = await api(server.url).post('/api/staff/login', { username, password })
  expect(res.status).toBe(200)
  return api(server.url, res.body.token)
}
let keyCounter = 0
const newKey = () => `key-${Date.now()}-${keyCounter++}-abcdef`

const MINXIN = { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' }
const forMother = {
  category: 'elderly_care',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  description: '母亲一个人住，腿脚不方便，想了解助餐和上门探访服务。',
  requester: 'family',
  helped: { name: '张秀兰', relationship: '母亲', phone: '13900001111', address: '民馨社区 3 号楼 2 单元 501', consent: true },
  contactName: '李女士',
  contactPhone: '13812345678',
  preferredTime: '工作日晚上 7 点后',
  area: MINXIN,
  location: { lat: 39.0555, lng: 121.7735 },
  address: '大连市金普新区先进街道民馨社区 3 号楼',
  urgency: 'normal',
}

const submit = (client: ReturnType<typeof api>, body: unknown, key = newKey()) =>
  client.post<HelpRequest>('/api/requests', body, { 'idempotency-key': key })

describe(`help requests on ${backend}`, () => {
  test('a daughter asks for her mother in 民馨社区: routed to 先进街道社工站 (民馨 offers no 养老服务), with the reason and the response target', async () => {
    const daughter = await resident('女儿')
    const res = await submit(daughter, forMother)
    expect(res.status).toBe(201)
    expect(res.body.number).toMatch(/^QZ-\d{8}-\d{6}$/)
    expect(res.body.station.name).toBe('先进街道社工站')
    expect(res.body.routingReason).toContain('先进街道')
    expect(res.body.expectedResponse).toBe('1 个工作日内')
    expect(res.body.status).toBe('submitted')
    expect(res.body.helped).toMatchObject({ name: '张秀兰', relationship: '母亲' })
    expect(res.body.events.map((e) => e.type)).toEqual(['submitted'])
    expect(res.body.canCancel).toBe(true)
    const mine = await daughter.get('/api/requests/mine')
    expect(mine.body.items.map((r: any) => r.id)).toContain(res.body.id)
  })

  test('routing: a chosen station that offers the category keeps it; a community without a station goes to its street station', async () => {
    const r = await resident('路由测试')
    const minxin = (await r.get(`/api/stations?q=${encodeURIComponent('民馨社区社会工作室')}`)).body.items[0]
    const chosen = await submit(r, { ...forMother, category: 'psychological', attributes: { selfHarm: 'no' }, stationId: minxin.id })
    expect(chosen.body.station.name).toBe('民馨社区社会工作室')
    expect(chosen.body.routingReason).toContain('您选择了')

    const chosenWithout = await submit(r, { ...forMother, stationId: minxin.id })
    expect(chosenWithout.body.station.name).toBe('先进街道社工站')
    expect(chosenWithout.body.routingReason).toContain('「民馨社区社会工作室」暂不提供养老服务')

    const noRoom = await submit(r, {
      ...forMother,
      category: 'child_protection',
      attributes: { childSafe: 'safe' },
      area: { ...MINXIN, community: '新华社区' },
    })
    expect(noRoom.body.station.name).toBe('先进街道社工站')
  })

  test('为家人代办 from Shanghai for a mother in 民馨社区: the mother’s place decides (a Dalian station), never the daughter’s GPS nor the station nearest to her', async () => {
    const r = await resident('上海的女儿')
    const WUJIAOCHANG = { lat: 31.2989, lng: 121.5146 } // 上海 五角场
    const nearHer = (await r.get(`/api/stations/nearby?lat=${WUJIAOCHANG.lat}&lng=${WUJIAOCHANG.lng}&limit=1`)).body.items[0]
    expect(nearHer.area.city).toBe('上海市')
    const body = { ...forMother, location: WUJIAOCHANG, address: '民馨社区 3 号楼 2 单元 501' }
    const res = await submit(r, { ...body, stationId: nearHer.id, stationSource: 'nearest' })
    expect(res.status).toBe(201)
    expect(res.body.station.name).toBe('先进街道社工站')
    expect(res.body.routingReason).toBe('按被帮助人所在的民馨社区，已交给服务先进街道的「先进街道社工站」')
    expect(res.body.routingReason).not.toContain('您选择了')

    // A service nobody offers in 大连: the nearest to the mother's place, not to the daughter.
    const faraway = await submit(r, { ...body, category: 'employee', attributes: {}, stationSource: undefined })
    expect(faraway.status).toBe(201)
    const station = (await r.get(`/api/stations/${faraway.body.station.id}`)).body
    expect(station.area.city).not.toBe('上海市')
    expect(faraway.body.routingReason).toContain('被帮助人')
  })

  test('a station pre-filled as the nearest one is said as such, never as 「您选择了」', async () => {
    const r = await resident('首页默认站点')
    const minxin = (await r.get(`/api/stations?q=${encodeURIComponent('民馨社区社会工作室')}`)).body.items[0]
    const self = { ...forMother, requester: 'self', helped: undefined, area: undefined }
    const res = await submit(r, {
      ...self,
      category: 'psychological',
      attributes: { selfHarm: 'no' },
      stationId: minxin.id,
      stationSource: 'nearest',
    })
    expect(res.status).toBe(201)
    expect(res.body.station.name).toBe('民馨社区社会工作室')
    expect(res.body.routingReason).toBe('离您最近的「民馨社区社会工作室」提供心理疏导，已交给该站')
  })

  test('an answer that means danger now makes the request urgent, with a 2-hour target', async () => {
    const r = await resident('紧急')
    const res = await submit(r, { ...forMother, attributes: { livesAlone: 'yes', mobility: 'fallen' } })
    expect(res.status).toBe(201)
    expect(res.body.urgency).toBe('urgent')
    expect(res.body.emergency).toEqual(['medical'])
    expect(res.body.expectedResponse).toBe('2 小时内')
  })

  test('idempotency: the same key 20× at once creates one request; a later retry replays it; another body with that key → 422', async () => {
    const r = await resident('重试')
    const key = newKey()
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(r, forMother, key)))
    const ok = results.filter((x) => x.status === 201)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(results.every((x) => x.status === 201 || x.status === 409)).toBe(true)
    expect(new Set(ok.map((x) => x.body.id)).size).toBe(1)
    const mine = await r.get('/api/requests/mine')
    expect(mine.body.items).toHaveLength(1)

    const replay = await submit(r, forMother, key)
    expect(replay.status).toBe(201)
    expect(replay.body.id).toBe(ok[0]!.body.id)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')

    expect(
      results.filter((x) => x.status === 409).every((x) => (x.body as unknown as { code: string }).code === 'IDEMPOTENCY_IN_FLIGHT'),
    ).toBe(true)
    const other = await submit(r, { ...forMother, description: '另一件事' }, key)
    expect(other.status).toBe(422)
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    expect((await r.get('/api/requests/mine')).body.items).toHaveLength(1)
  })

  test.each([
    ['missing category', { ...forMother, category: undefined }, 400, { code: 'FIELD_INVALID', field: 'category' }, '服务类别'],
    [
      '5,000-character text',
      { ...forMother, description: '很'.repeat(5000) },
      400,
      { code: 'FIELD_INVALID', field: 'description' },
      '1000',
    ],
    ['bad phone', { ...forMother, contactPhone: '12345' }, 400, { code: 'FIELD_INVALID', field: 'contactPhone' }, '联系电话'],
    [
      'bad helped phone',
      { ...forMother, helped: { ...forMother.helped, phone: '999' } },
      400,
      { code: 'FIELD_INVALID', field: 'helped.phone' },
      '被帮助人',
    ],
    ['代办 without the helped person', { ...forMother, helped: undefined }, 400, { code: 'FIELD_INVALID', field: 'helped' }, '被帮助人'],
    [
      '代办 without consent',
      { ...forMother, helped: { ...forMother.helped, consent: false } },
      400,
      { code: 'FIELD_INVALID', field: 'helped.consent' },
      '同意',
    ],
    ['a blank description', { ...forMother, description: '   ' }, 400, { code: 'FIELD_INVALID', field: 'description' }, '问题'],
    [
      'unknown station',
      { ...forMother, stationId: '00000000-0000-4000-8000-000000000000' },
      404,
      { code: 'NOT_FOUND', field: 'stationId' },
      '社工站',
    ],
    ['unknown field', { ...forMother, status: 'resolved' }, 400, { code: 'BAD_REQUEST' }, 'status'],
    [
      '4 photos',
      { ...forMother, photoIds: Array(4).fill('00000000-0000-4000-8000-000000000000') },
      400,
      { code: 'FIELD_INVALID', field: 'photoIds' },
      '照片',
    ],
  ])('bad submission (%s) → 4xx with { code, message, field }, and nothing is created', async (_name, body, status, refusal, mention) => {
    const r = await resident(`坏输入-${_name}`)
    const res = await submit(r, body)
    expect(res.status).toBe(status)
    expect(res.body).toEqual({ ...refusal, message: expect.stringContaining(mention) })
    expect((await r.get('/api/requests/mine')).body.items).toHaveLength(0)
  })

  test('no Idempotency-Key → 400; no token → 401', async () => {
    const r = await resident('无键')
    const res = await r.post('/api/requests', forMother)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('BAD_REQUEST')
    expect((await api(server.url).post('/api/requests', forMother, { 'idempotency-key': newKey() })).status).toBe(401)
  })

  test('photos: type checked by content, size limited, attached, served only to those allowed', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'.padEnd(140, '0'), 'hex')
    const upload = (bytes: Buffer, name: string, token: string) => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(bytes)]), name)
      return server.fetch(`/api/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    }
    const token = (await api(server.url).post('/api/auth/dev', { nickname: '拍照' })).body.token
    const ok = await upload(png, 'a.png', token)
    expect(ok.status).toBe(201)
    const photo = await ok.json()
    expect(photo.mime).toBe('image/png')

    const fake = await upload(Buffer.from('<script>alert(1)</script>'), 'evil.png', token)
    expect(fake.status).toBe(415)
    expect((await fake.json()).message).toContain('JPG')
    const huge = await upload(Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), 'big.png', token)
    expect(huge.status).toBe(413)

    const me = api(server.url, token)
    const created = await submit(me, { ...forMother, photoIds: [photo.id] })
    expect(created.status).toBe(201)
    expect(created.body.photoIds).toEqual([photo.id])
    expect((await server.fetch(`/api/uploads/${photo.id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    const stranger = (await api(server.url).post('/api/auth/dev', { nickname: '陌生人' })).body.token
    expect((await server.fetch(`/api/uploads/${photo.id}`, { headers: { authorization: `Bearer ${stranger}` } })).status).toBe(404)
    const workerToken = (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body
      .token
    expect((await server.fetch(`/api/uploads/${photo.id}`, { headers: { authorization: `Bearer ${workerToken}` } })).status).toBe(200)
    // A photo already attached cannot be attached again by someone else.
    const reused = await submit(api(server.url, stranger), { ...forMother, photoIds: [photo.id] })
    expect([reused.status, reused.body]).toEqual([
      400,
      { code: 'PHOTO_EXPIRED', field: 'photoIds', message: expect.stringContaining('照片') },
    ])
  })

  test('the whole path: claim, reply, internal note, resolve — the resident follows every step, never the note', async () => {
    const daughter = await resident('全流程女儿')
    const created = (await submit(daughter, forMother)).body
    const li = await staffLogin('xianjin-li')

    const queue = await li.get('/api/staff/queue')
    expect(queue.body.items.map((r: any) => r.id)).toContain(created.id)

    // Claim until ours comes up (the queue is oldest first).
    let claimed: StaffRequest | null = null
    for (let i = 0; i < 50 && claimed?.id !== created.id; i++) {
      const res = await li.post<StaffRequest>('/api/staff/queue/claim')
      expect(res.status).toBe(200)
      claimed = res.body
    }
    expect(claimed!.status).toBe('accepted')
    expect(claimed!.assigneeName).toBe('李社工')

    expect((await daughter.post(`/api/requests/${created.id}/cancel`)).status).toBe(409)
    expect((await li.post(`/api/staff/requests/${created.id}/note`, { body: '内部：需联系社区网格员核实' })).status).toBe(200)
    const reply = await li.post<StaffActionResult>(`/api/staff/requests/${created.id}/reply`, {
      body: '您好，明天上午我们上门探访张阿姨。',
    })
    expect(reply.body.movedTo).toBeNull()
    expect(reply.body.request!.status).toBe('in_progress')
    expect((await daughter.post(`/api/requests/${created.id}/messages`, { body: '好的，谢谢！上午 9 点后家里有人。' })).status).toBe(200)
    const resolved = await li.post<StaffActionResult>(`/api/staff/requests/${created.id}/resolve`, {
      summary: '已上门探访，已为张阿姨申请社区助餐服务。',
    })
    expect(resolved.body.request!.status).toBe('resolved')

    const seen = (await daughter.get<HelpRequest>(`/api/requests/${created.id}`)).body
    expect(seen.status).toBe('resolved')
    expect(seen.events.map((e) => e.type)).toEqual(['submitted', 'accepted', 'replied', 'message', 'resolved'])
    expect(seen.events[1]!.actorName).toBe('李社工')
    expect(seen.events[2]!.body).toContain('上门探访')
    expect(JSON.stringify(seen)).not.toContain('网格员')
    const staffView = (await li.get<StaffRequest>(`/api/staff/requests/${created.id}`)).body
    expect(staffView.events.some((e) => e.type === 'note' && e.internal)).toBe(true)

    const reopened = await li.post<StaffActionResult>(`/api/staff/requests/${created.id}/reopen`, { reason: '家属反馈助餐未落实' })
    expect(reopened.body.request!.status).toBe('in_progress')
    // Not from 处理中: a state conflict, with its code.
    expect((await li.post(`/api/staff/requests/${created.id}/reopen`, { reason: '再来一次' })).body).toMatchObject({
      code: 'REQUEST_STATE',
    })
  })

  test('transfer to another station with a reason the resident sees; the old station loses sight of it, and is told where it went', async () => {
    const r = await resident('转介')
    const created = (await submit(r, forMother)).body
    const li = await staffLogin('xianjin-li')
    const minxin = (await r.get(`/api/stations?q=${encodeURIComponent('民馨社区社会工作室')}`)).body.items[0]
    const res = await li.post<StaffActionResult>(`/api/staff/requests/${created.id}/transfer`, {
      stationId: minxin.id,
      reason: '该家庭由民馨社区社工长期跟进',
    })
    // A successful action is never an error: 200, out of the worker's sight, and where it went.
    expect([res.status, res.body]).toEqual([200, { request: null, movedTo: { id: minxin.id, name: '民馨社区社会工作室' } }])
    const seen = (await r.get<HelpRequest>(`/api/requests/${created.id}`)).body
    const t = seen.events.at(-1)!
    expect(t).toMatchObject({ type: 'transferred', toStationName: '民馨社区社会工作室', body: '该家庭由民馨社区社工长期跟进' })
    expect(seen.station.name).toBe('民馨社区社会工作室')
    const liu = await staffLogin('minxin-liu')
    expect((await liu.get('/api/staff/queue')).body.items.map((x: any) => x.id)).toContain(created.id)
    const gone = await li.get(`/api/staff/requests/${created.id}`)
    expect([gone.status, gone.body]).toEqual([
      404,
      { code: 'REQUEST_MOVED', message: '这条求助已转至「民馨社区社会工作室」，不再在您的队列中' },
    ])
    // Another action on it now: the same answer, nothing written.
    expect((await li.post(`/api/staff/requests/${created.id}/note`, { body: '还在吗' })).body).toMatchObject({ code: 'REQUEST_MOVED' })
  })

  test('permissions: another resident, another station, a supervisor and sensitive categories, a resident on staff routes', async () => {
    const owner = await resident('权限-本人')
    const other = await resident('权限-他人')
    const plain = (await submit(owner, forMother)).body
    const sensitive = (
      await submit(owner, {
        ...forMother,
        category: 'psychological',
        attributes: { selfHarm: 'no' },
        stationId: undefined,
        area: { ...MINXIN, community: '没有工作室的社区' },
      })
    ).body
    expect(sensitive.station.name).toBe('先进街道社工站')

    for (const path of [`/api/requests/${plain.id}`]) expect((await other.get(path)).status).toBe(404)
    expect((await other.post(`/api/requests/${plain.id}/cancel`)).status).toBe(404)
    expect((await other.post(`/api/requests/${plain.id}/messages`, { body: '偷看' })).status).toBe(404)

    const liu = await staffLogin('minxin-liu') // another station
    expect((await liu.get(`/api/staff/requests/${plain.id}`)).status).toBe(404)
    expect((await liu.post(`/api/staff/requests/${plain.id}/accept`)).status).toBe(404)
    expect((await liu.get('/api/staff/queue')).body.items.map((x: any) => x.id)).not.toContain(plain.id)

    const zhao = await staffLogin('jinpu-zhao') // supervisor of 金普新区: sees the subtree, but not sensitive requests below
    expect((await zhao.get(`/api/staff/requests/${plain.id}`)).status).toBe(200)
    expect((await zhao.get(`/api/staff/requests/${sensitive.id}`)).status).toBe(404)
    const zq = (await zhao.get('/api/staff/queue')).body.items.map((x: any) => x.id)
    expect(zq).toContain(plain.id)
    expect(zq).not.toContain(sensitive.id)
    const li = await staffLogin('xianjin-li')
    expect((await li.get(`/api/staff/requests/${sensitive.id}`)).status).toBe(200)

    expect((await owner.get('/api/staff/queue')).status).toBe(403)
    expect((await owner.post(`/api/staff/requests/${plain.id}/resolve`, { summary: 'x' })).status).toBe(403)
    expect((await api(server.url).get('/api/staff/queue')).status).toBe(401)
    expect((await li.get('/api/staff/requests/not-a-uuid')).status).toBe(400)
  })

  test('the resident may cancel while the request is not yet accepted', async () => {
    const r = await resident('取消')
    const created = (await submit(r, forMother)).body
    const res = await r.post<HelpRequest>(`/api/requests/${created.id}/cancel`)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect(res.body.events.at(-1)!.type).toBe('cancelled')
    expect((await r.post(`/api/requests/${created.id}/cancel`)).status).toBe(409)
  })

  test('a request taken by phone joins the same queue and timeline', async () => {
    const li = await staffLogin('xianjin-li')
    const res = await li.post<HelpRequest>('/api/staff/requests', {
      channel: 'phone',
      category: 'social_assistance',
      description: '王大爷来电咨询临时救助。',
      requester: 'self',
      contactName: '王大爷',
      contactPhone: '0411-87001234',
      urgency: 'normal',
    })
    expect(res.status).toBe(201)
    expect(res.body.channel).toBe('phone')
    expect(res.body.station.name).toBe('先进街道社工站')
    expect((await li.get('/api/staff/queue')).body.items.map((x: any) => x.id)).toContain(res.body.id)
  })

  test('staff login: wrong password → 401; five failures lock the account even for the right password', async () => {
    const c = api(server.url)
    expect((await c.post('/api/staff/login', { username: 'nobody', password: 'x' })).status).toBe(401)
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/staff/login', { username: 'lockout-test', password: 'wrong' })
      expect(res.status).toBe(401)
    }
    const locked = await c.post('/api/staff/login', { username: 'lockout-test', password: 'right-password' })
    expect(locked.status).toBe(429)
    expect(locked.body.message).toContain('锁定')
  })

  test('20 workers claiming 500 requests at once: each request claimed exactly once, none lost', async () => {
    const workers = await Promise.all(WORKERS.map((u) => staffLogin(u, 'claim-pass-1')))
    // 500 requests entered at the counter of 大桥街道 (a station no other test uses).
    for (let i = 0; i < 500; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          workers[0]!
            .post('/api/staff/requests', {
              channel: 'counter',
              category: 'community_governance',
              description: `窗口登记 ${i + k}`,
              requester: 'self',
              contactName: '居民',
              contactPhone: '13800000000',
              urgency: 'normal',
            })
            .then((r) => expect(r.status).toBe(201)),
        ),
      )
    }
    const claimedBy = new Map<string, string[]>()
    await Promise.all(
      workers.map(async (w, i) => {
        for (;;) {
          const res = await w.post<StaffRequest>('/api/staff/queue/claim')
          if (res.status === 404) {
            expect((res.body as unknown as { code: string }).code).toBe('QUEUE_EMPTY')
            return
          }
          expect(res.status).toBe(200)
          claimedBy.set(res.body.id, [...(claimedBy.get(res.body.id) ?? []), WORKERS[i]!])
        }
      }),
    )
    expect(claimedBy.size).toBe(500)
    expect([...claimedBy.values()].every((who) => who.length === 1)).toBe(true)
    expect((await workers[0]!.get('/api/staff/queue?status=submitted')).body.items).toHaveLength(0)
  })
})
