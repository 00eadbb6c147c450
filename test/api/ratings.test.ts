/**
 * Ratings over the API (in-process, helpers/server.ts), on PGlite and PostgreSQL: who may rate what and
 * when, 未解决 reopening the request in the same station's queue, anonymity,
 * the station's public figures (hidden below 5 ratings), replies, the
 * content-safety hook (a fake WeChat msgSecCheck), the report's permissions
 * and CSV, and bad input.
 */
import type {
  ActivityDetail,
  Enrollment,
  HelpRequest,
  StaffActionResult,
  StaffRating,
  StaffRatingList,
  StaffRequest,
  StationRatings,
  StationReport,
} from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { startFakeWechat, type FakeWechat } from './helpers/fakeWechat'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

let server: TestApp
let wechat: FakeWechat
beforeAll(async () => {
  wechat = await startFakeWechat()
  server = await startApp({
    env: { JOB_INTERVAL_MS: '0', WECHAT_API_BASE: wechat.url, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret' },
  })
})
afterAll(async () => {
  await server?.stop()
  await wechat?.close()
})

type Client = ReturnType<typeof api>
let n = 0
/** A resident logged in through (fake) WeChat, so that msgSecCheck has an openid. */
const resident = async (): Promise<Client> => {
  const res = await api(server.url).post('/api/auth/wechat', { code: `ok-rater-${n++}` })
  expect(res.status).toBe(200)
  return api(server.url, res.body.token)
}
const staff = async (username: string): Promise<Client> => {
  const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  expect(res.status).toBe(200)
  return api(server.url, res.body.token)
}
let xianjin: Client
let minxin: Client
let jinpu: Client
beforeAll(async () => {
  ;[xianjin, minxin, jinpu] = await Promise.all([staff('xianjin-li'), staff('minxin-liu'), staff('jinpu-zhao')])
})

let k = 0
/** A request for one's mother in 民馨社区: routed to 先进街道社工站. */
const submit = async (who: Client, name = '张秀兰') => {
  const res = await who.post<HelpRequest>(
    '/api/requests',
    {
      category: 'elderly_care',
      attributes: { livesAlone: 'yes', mobility: 'limited' },
      description: '母亲独居，想了解助餐服务。',
      requester: 'family',
      helped: { name, relationship: '母亲', consent: true },
      contactName: '评价测试李女士',
      contactPhone: '13812345678',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      urgency: 'normal',
    },
    { 'idempotency-key': `rating-test-${Date.now()}-${k++}` },
  )
  expect(res.status).toBe(201)
  expect(res.body.station.name).toBe('先进街道社工站')
  return res.body
}
const resolve = async (id: string) => {
  expect((await xianjin.post(`/api/staff/requests/${id}/accept`, {})).status).toBe(200)
  const res = await xianjin.post<StaffActionResult>(`/api/staff/requests/${id}/resolve`, { summary: '已对接社区助餐点' })
  expect(res.status).toBe(200)
  return res.body.request!
}
const resolvedRequest = async (who?: Client) => {
  const r = who ?? (await resident())
  const req = await submit(r)
  await resolve(req.id)
  return { r, req }
}
const rate = (who: Client, id: string, body: unknown) =>
  who.post<HelpRequest & { code?: string; message?: string }>(`/api/requests/${id}/rating`, body)
let xianjinId: string
beforeAll(async () => {
  xianjinId = (await xianjin.get('/api/staff/me')).body.station.id
})

describe(`the station's public figures, replies and content safety on ${backend}`, () => {
  test('the average shows only once it rests on 5 ratings; public comments that passed, never names', async () => {
    const before = await api(server.url).get<StationRatings>(`/api/stations/${xianjinId}/ratings`)
    expect(before.status).toBe(200)
    // 先进 starts with none: four ratings, then the fifth.
    let count = before.body.count
    while (count < 4) {
      const { r, req } = await resolvedRequest()
      await rate(r, req.id, { outcome: 'resolved', stars: 4 })
      count++
    }
    const four = (await api(server.url).get<StationRatings>(`/api/stations/${xianjinId}/ratings`)).body
    expect(four).toEqual({ count: 4, minimum: 5, summary: null, comments: [] })

    const { r, req } = await resolvedRequest()
    const res = await rate(r, req.id, { outcome: 'resolved', stars: 5, comment: '送餐很及时，谢谢先进街道', commentPublic: true })
    expect(res.body.rating!.commentReview).toBe('pass')
    const five = (await api(server.url).get<StationRatings>(`/api/stations/${xianjinId}/ratings`)).body
    expect(five.count).toBe(5)
    expect(five.summary!.distribution.reduce((a, b) => a + b, 0)).toBe(5)
    expect(five.summary!.average).toBeGreaterThanOrEqual(1)
    expect(five.comments.map((c) => c.comment)).toEqual(['送餐很及时，谢谢先进街道'])
    expect(JSON.stringify(five)).not.toMatch(/李女士|张秀兰|1381234/)
    expect((await api(server.url).get(`/api/stations/00000000-0000-4000-8000-000000000000/ratings`)).status).toBe(404)
  })

  test('msgSecCheck: "review" waits for the station; "risky" is never public; the station reads both', async () => {
    const one = await resolvedRequest()
    const review = await rate(one.r, one.req.id, { outcome: 'resolved', stars: 4, comment: '这条待审的留言', commentPublic: true })
    expect(review.body.rating!.commentReview).toBe('review')
    const two = await resolvedRequest()
    const risky = await rate(two.r, two.req.id, { outcome: 'resolved', stars: 4, comment: '这条违规的留言', commentPublic: true })
    expect(risky.body.rating!.commentReview).toBe('rejected')
    const check = wechat.calls.filter((c) => c.pathname === '/wxa/msg_sec_check')
    expect(check.length).toBeGreaterThanOrEqual(2)

    const publicComments = async () =>
      (await api(server.url).get<StationRatings>(`/api/stations/${xianjinId}/ratings`)).body.comments.map((c) => c.comment)
    expect(await publicComments()).not.toEqual(expect.arrayContaining(['这条待审的留言']))
    const list = (await xianjin.get<StaffRatingList>('/api/staff/ratings')).body.items
    const pending = list.find((i) => i.comment === '这条待审的留言')!
    expect(list.find((i) => i.comment === '这条违规的留言')).toMatchObject({ commentReview: 'rejected' })
    // Another station cannot approve; the rated station can, once.
    expect((await jinpu.post(`/api/staff/ratings/${pending.id}/review`, { approve: true })).status).toBe(403)
    const approved = await xianjin.post<StaffRating>(`/api/staff/ratings/${pending.id}/review`, { approve: true })
    expect(approved.body.commentReview).toBe('pass')
    expect((await xianjin.post(`/api/staff/ratings/${pending.id}/review`, { approve: false })).status).toBe(409)
    expect(await publicComments()).toContain('这条待审的留言')
    expect(await publicComments()).not.toContain('这条违规的留言')
  })

  test('a reply: once, by the rated station only; shown with the public comment', async () => {
    const list = (await xianjin.get<StaffRatingList>('/api/staff/ratings')).body.items
    const target = list.find((i) => i.comment === '送餐很及时，谢谢先进街道')!
    expect(target.canReply).toBe(true)
    // A supervisor above sees it but may not answer for the station; a station elsewhere does not see it.
    expect((await jinpu.get<StaffRatingList>('/api/staff/ratings')).body.items.map((i) => i.id)).toContain(target.id)
    const above = await jinpu.post(`/api/staff/ratings/${target.id}/reply`, { body: '感谢' })
    expect(above.status).toBe(403)
    expect((await minxin.post(`/api/staff/ratings/${target.id}/reply`, { body: '感谢' })).status).toBe(404)
    expect((await minxin.get<StaffRatingList>('/api/staff/ratings')).body.items.map((i) => i.id)).not.toContain(target.id)
    const resident_ = await resident()
    expect((await resident_.post(`/api/staff/ratings/${target.id}/reply`, { body: '感谢' })).status).toBe(403)

    const ok = await xianjin.post<StaffRating>(`/api/staff/ratings/${target.id}/reply`, { body: '谢谢您的肯定，我们会继续做好助餐服务。' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({
      reply: { body: '谢谢您的肯定，我们会继续做好助餐服务。', stationName: '先进街道社工站' },
      canReply: false,
    })
    const twice = await xianjin.post(`/api/staff/ratings/${target.id}/reply`, { body: '再谢一次' })
    expect(twice.status).toBe(409)
    expect(twice.body.message).toBe('这条评价已经回复过了')
    expect((await xianjin.post(`/api/staff/ratings/${target.id}/reply`, { body: '' })).status).toBe(400)
    const pub = (await api(server.url).get<StationRatings>(`/api/stations/${xianjinId}/ratings`)).body.comments.find(
      (c) => c.id === target.id,
    )!
    expect(pub.reply).toMatchObject({ body: '谢谢您的肯定，我们会继续做好助餐服务。' })
    const unreplied = (await xianjin.get<StaffRatingList>('/api/staff/ratings?unreplied=true')).body.items.map((i) => i.id)
    expect(unreplied).not.toContain(target.id)
  })
})

describe(`rating a help request on ${backend}`, () => {
  test("before resolution: 409 with a clear message; someone else's request: 404; after: 201 and the badge goes", async () => {
    const mother = await resident()
    const req = await submit(mother)
    const early = await rate(mother, req.id, { outcome: 'resolved', stars: 5 })
    expect(early.status).toBe(409)
    expect(early.body).toEqual({ code: 'RATING_NOT_ALLOWED', message: '社工办结这条求助后才能评价' })
    await resolve(req.id)
    const mine = await mother.get('/api/requests/mine')
    expect(mine.body.items.find((i: any) => i.id === req.id).ratingDue).toBe(true)

    const stranger = await resident()
    const theirs = await rate(stranger, req.id, { outcome: 'resolved', stars: 1 })
    expect(theirs.status).toBe(404)
    expect(theirs.body.message).toBe('没有找到这条求助')
    expect((await stranger.post(`/api/enrollments/${req.id}/rating`, { stars: 1 })).status).toBe(404)

    const ok = await rate(mother, req.id, { outcome: 'resolved', stars: 5, tags: ['响应及时', '态度好'], comment: '李社工很耐心' })
    expect(ok.status).toBe(201)
    expect(ok.body.rating).toMatchObject({
      subject: 'request',
      outcome: 'resolved',
      stars: 5,
      tags: ['响应及时', '态度好'],
      comment: '李社工很耐心',
      anonymous: false,
    })
    expect(ok.body.ratingDue).toBe(false)
    expect((await mother.get('/api/requests/mine')).body.items.find((i: any) => i.id === req.id).ratingDue).toBe(false)
  })

  test('twice, or ten times at once: one rating (the later ones change it: 200)', async () => {
    const { r, req } = await resolvedRequest()
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => rate(r, req.id, { outcome: 'partly', stars: 1 + (i % 5) })))
    expect(results.map((x) => x.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    const list = (await xianjin.get<StaffRatingList>('/api/staff/ratings')).body.items.filter((i) => i.requestId === req.id)
    expect(list).toHaveLength(1)
  })

  test("未解决 reopens the request in the same station's queue with the words; resolved again, it can be rated again (5★)", async () => {
    const { r, req } = await resolvedRequest()
    const res = await rate(r, req.id, { outcome: 'unresolved', stars: 2, tags: ['等待时间长'], comment: '助餐点太远，老人去不了' })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('submitted')
    expect(res.body.station.name).toBe('先进街道社工站')
    const reopened = res.body.events.at(-1)!
    expect(reopened).toMatchObject({ type: 'reopened', body: '居民反馈问题未解决：助餐点太远，老人去不了' })
    const queue = (await xianjin.get('/api/staff/queue')).body.items.map((i: any) => i.id)
    expect(queue).toContain(req.id)
    // Rated again now? Not until it is resolved again.
    expect((await rate(r, req.id, { outcome: 'resolved', stars: 5 })).status).toBe(409)

    await resolve(req.id)
    const again = await rate(r, req.id, { outcome: 'resolved', stars: 5 })
    expect(again.status).toBe(201)
    expect(again.body.rating).toMatchObject({ outcome: 'resolved', stars: 5 })
    const both = (await xianjin.get<StaffRatingList>('/api/staff/ratings')).body.items.filter((i) => i.requestId === req.id)
    expect(both.map((b) => [b.outcome, b.stars, b.low])).toEqual([
      ['resolved', 5, false],
      ['unresolved', 2, true],
    ])
  })

  test('anonymous to the station: the words, never the name nor the request; flagged low for the station head', async () => {
    const { r, req } = await resolvedRequest()
    await rate(r, req.id, { outcome: 'partly', stars: 2, comment: '匿名的意见：希望多来看看', anonymous: true })
    const list = await xianjin.get<StaffRatingList>('/api/staff/ratings?low=true')
    const item = list.body.items.find((i) => i.comment === '匿名的意见：希望多来看看')!
    expect(item).toMatchObject({
      anonymous: true,
      residentName: null,
      requestId: null,
      requestNumber: null,
      low: true,
      subjectLabel: '养老服务',
    })
    expect(JSON.stringify(list.body)).not.toContain(req.number)
    expect(list.body.lowUnreplied).toBeGreaterThanOrEqual(1)
    // Nor next to the name on the request itself.
    const detail = await xianjin.get<StaffRequest>(`/api/staff/requests/${req.id}`)
    expect(detail.body.rating).toBeNull()
    // The resident still sees their own rating.
    expect((await r.get<HelpRequest>(`/api/requests/${req.id}`)).body.rating).toMatchObject({ anonymous: true, stars: 2 })
    // Not anonymous: the contact's name and the request.
    const open = await resolvedRequest()
    await rate(open.r, open.req.id, { outcome: 'resolved', stars: 4 })
    const named = (await xianjin.get<StaffRatingList>('/api/staff/ratings')).body.items.find((i) => i.requestId === open.req.id)!
    expect(named).toMatchObject({ residentName: '评价测试李女士', requestNumber: open.req.number })
  })

  test('bad input: 400 with a message, nothing saved', async () => {
    const { r, req } = await resolvedRequest()
    const cases: [unknown, RegExp, string | null][] = [
      [{ stars: 5 }, /请选择问题是否已解决/, 'outcome'],
      [{ outcome: 'resolved', stars: 6 }, /./, 'stars'],
      [{ outcome: 'resolved', stars: 0 }, /./, 'stars'],
      [{ outcome: 'resolved', stars: 4.5 }, /./, 'stars'],
      [{ outcome: 'maybe', stars: 4 }, /./, 'outcome'],
      [{ outcome: 'resolved', stars: 4, tags: ['孩子喜欢'] }, /「孩子喜欢」不是这类评价的标签/, 'tags'],
      [{ outcome: 'resolved', stars: 4, tags: ['不存在的标签'] }, /./, 'tags'],
      [{ outcome: 'resolved', stars: 4, tags: ['专业', '专业'] }, /./, 'tags'],
      [{ outcome: 'resolved', stars: 4, comment: '长'.repeat(501) }, /./, 'comment'],
      [{ outcome: 'resolved', stars: 4, userId: 'x' }, /./, null],
    ]
    for (const [body, message, field] of cases) {
      const res = await rate(r, req.id, body)
      expect([JSON.stringify(body), res.status, res.body.code, (res.body as { field?: string }).field ?? null]).toEqual([
        JSON.stringify(body),
        400,
        field ? 'FIELD_INVALID' : 'BAD_REQUEST',
        field,
      ])
      expect(res.body.message).toMatch(message)
    }
    expect((await rate(r, 'not-a-uuid', { outcome: 'resolved', stars: 4 })).status).toBe(400)
    expect((await api(server.url).post(`/api/requests/${req.id}/rating`, { outcome: 'resolved', stars: 4 })).status).toBe(401)
    expect((await r.get<HelpRequest>(`/api/requests/${req.id}`)).body.rating).toBeNull()
  })
})

describe(`rating an activity on ${backend}`, () => {
  test('only after check-in; only the one who enrolled; then 201, and 200 for a change', async () => {
    const HOUR = 3600_000
    const t = (h: number) => new Date(Date.now() + h * HOUR).toISOString()
    const created = await xianjin.post<ActivityDetail>('/api/staff/activities', {
      title: '评价测试讲座',
      category: 'health',
      audience: 'elderly',
      description: '测试',
      place: '活动室',
      capacity: 5,
      opensAt: t(-1),
      closesAt: t(1),
      cancelDeadline: t(1),
      sessions: [{ startsAt: t(2), endsAt: t(3) }],
    })
    expect(created.status).toBe(201)
    const elder = await resident()
    const e = await elder.post<Enrollment>(`/api/activities/${created.body.id}/enrollments`, {
      name: '评价测试王大爷',
      contactPhone: '13812345678',
    })
    expect(e.status).toBe(201)
    expect(e.body.ratingDue).toBe(false)
    const early = await elder.post(`/api/enrollments/${e.body.id}/rating`, { stars: 5 })
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('参加活动（签到）后才能评价')
    expect((await xianjin.post('/api/staff/checkins', { enrollmentId: e.body.id, sessionId: created.body.sessions[0]!.id })).status).toBe(
      200,
    )
    const mine = (await elder.get('/api/enrollments/mine')).body.items.find((i: Enrollment) => i.id === e.body.id)
    expect(mine.ratingDue).toBe(true)

    expect((await elder.post(`/api/enrollments/${e.body.id}/rating`, { outcome: 'resolved', stars: 5 })).status).toBe(400)
    expect((await elder.post(`/api/enrollments/${e.body.id}/rating`, { stars: 5, tags: ['响应及时'] })).status).toBe(400)
    const other = await resident()
    expect((await other.post(`/api/enrollments/${e.body.id}/rating`, { stars: 1 })).status).toBe(404)
    const ok = await elder.post<Enrollment>(`/api/enrollments/${e.body.id}/rating`, { stars: 4, tags: ['内容有收获'], comment: '讲得清楚' })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ ratingDue: false, rating: { subject: 'enrollment', outcome: null, stars: 4, tags: ['内容有收获'] } })
    const change = await elder.post<Enrollment>(`/api/enrollments/${e.body.id}/rating`, { stars: 5 })
    expect(change.status).toBe(200)
    const staffView = (await xianjin.get<StaffRatingList>('/api/staff/ratings?subject=enrollment')).body.items.find(
      (i) => i.activityId === created.body.id,
    )!
    expect(staffView).toMatchObject({ subjectLabel: '评价测试讲座', stars: 5, residentName: '评价测试王大爷', requestId: null })
  })
})

describe(`the station report over HTTP on ${backend}`, () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  test('supervisors: JSON and CSV; social workers: 403; bad dates: 400', async () => {
    const res = await jinpu.get<StationReport>(`/api/staff/reports/stations?from=${today}&to=${today}`)
    expect(res.status).toBe(200)
    const xj = res.body.items.find((i) => i.station.id === xianjinId)!
    expect(xj.received).toBeGreaterThanOrEqual(5)
    expect(xj.ratings).toBeGreaterThanOrEqual(5)
    expect(xj.resolvedShare).not.toBeNull()
    const csv = await jinpu.get<string>(`/api/staff/reports/stations.csv?from=${today}&to=${today}`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = csv.body
    expect(text.replace(/^\ufeff/, '').startsWith('"站点"')).toBe(true)
    expect(text).toContain('"先进街道社工站"')
    const worker = await xianjin.get(`/api/staff/reports/stations?from=${today}&to=${today}`)
    expect(worker.status).toBe(403)
    expect(worker.body.message).toBe('站点统计报表仅限督导使用')
    expect((await jinpu.get('/api/staff/reports/stations?from=2026-13-01&to=2026-12-01')).status).toBe(400)
    expect((await jinpu.get(`/api/staff/reports/stations?from=${today}`)).status).toBe(400)
    const elder = await resident()
    expect((await elder.get(`/api/staff/reports/stations?from=${today}&to=${today}`)).status).toBe(403)
  })
})
