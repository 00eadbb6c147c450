/**
 * Activities over the API (in-process, helpers/server.ts), on PGlite and PostgreSQL: the catalogue,
 * 我的家人 with the children's privacy consent, enrollment with capacity and
 * waitlist (including a burst of 500 for 30 seats and cancellations racing
 * new enrollments), the station's roster and check-in, permissions and bad input.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { ActivityBody, ActivityDetail, ActivitySummary, Enrollment, FamilyMember, Roster } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

type Client = ReturnType<typeof api>
let n = 0
const resident = async (nickname = `家长${n++}`): Promise<Client> => {
  const { body } = await api(server.url).post('/api/auth/dev', { nickname })
  return api(server.url, body.token)
}
const staff = async (username: string): Promise<Client> => {
  const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  expect(res.status).toBe(200)
  return api(server.url, res.body.token)
}

const HOUR = 3600_000
const fromNow = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString()
/** A class of 先进街道社工站 starting in 3 days, registration open now. */
const classBody = (over: Partial<ActivityBody> = {}): ActivityBody => ({
  title: '测试课堂',
  project: '东山小学堂',
  category: 'class',
  audience: 'children',
  minAge: 6,
  maxAge: 12,
  description: '测试用的课堂',
  place: '东山小学堂教室',
  capacity: 2,
  opensAt: fromNow(-1),
  closesAt: fromNow(48),
  cancelDeadline: fromNow(24),
  sessions: [{ startsAt: fromNow(72), endsAt: fromNow(73.5) }],
  ...over,
})
const sevenYearsAgo = () => {
  const d = new Date(Date.now() + 8 * HOUR)
  return `${d.getUTCFullYear() - 7}-01-15`
}

let xianjin: Client
let xianjinToken: string
beforeAll(async () => {
  const res = await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })
  xianjinToken = res.body.token
  xianjin = api(server.url, xianjinToken)
})
const createActivity = async (over: Partial<ActivityBody> = {}) => {
  const res = await xianjin.post<ActivityDetail>('/api/staff/activities', classBody(over))
  expect(res.status).toBe(201)
  return res.body
}
const addChild = async (parent: Client, name = '小雨', birthDate = sevenYearsAgo()) => {
  const res = await parent.post<FamilyMember>('/api/me/family', {
    name,
    birthDate,
    relationship: '女儿',
    childNoticeVersion: CHILD_NOTICE_VERSION,
  })
  expect(res.status).toBe(201)
  return res.body
}
const enrollChild = (parent: Client, activityId: string, memberId: string) =>
  parent.post<Enrollment & { code?: string; field?: string; message?: string }>(`/api/activities/${activityId}/enrollments`, {
    familyMemberId: memberId,
    contactPhone: '13812345678',
  })
const parentWithChild = async (activityId: string) => {
  const parent = await resident()
  const child = await addChild(parent)
  const res = await enrollChild(parent, activityId, child.id)
  return { parent, child, res }
}

describe(`activity catalogue on ${backend}`, () => {
  test('near 先进街道: 东山小学堂’s five courses come first, with seats and registration open; 节气美育 is an 8-week course', async () => {
    const res = await api(server.url).get<{ items: ActivitySummary[] }>('/api/activities?lat=39.0535&lng=121.779&limit=50')
    expect(res.status).toBe(200)
    const first = res.body.items.slice(0, 5)
    expect(new Set(first.map((a) => a.station.name))).toEqual(new Set(['先进街道社工站']))
    expect(first.map((a) => a.title).sort()).toEqual(['四季欢乐节·冬日游园会', '小小主播', '小小宣传员', '朝有趣', '节气美育'].sort())
    const jqmy = first.find((a) => a.title === '节气美育')!
    expect(jqmy).toMatchObject({
      project: '东山小学堂',
      audience: 'children',
      minAge: 6,
      maxAge: 12,
      sessionCount: 8,
      registration: 'open',
    })
    expect(jqmy.seatsLeft).toBeLessThanOrEqual(jqmy.capacity)
    expect(jqmy.distanceMeters).toBeLessThan(100)
    // Distances never decrease down the list.
    const d = res.body.items.map((a) => a.distanceMeters!)
    expect(d).toEqual([...d].sort((x, y) => x - y))

    const detail = await api(server.url).get<ActivityDetail>(`/api/activities/${jqmy.id}`)
    expect(detail.status).toBe(200)
    expect(detail.body.sessions).toHaveLength(8)
    expect(new Date(detail.body.sessions[1]!.startsAt).getTime() - new Date(detail.body.sessions[0]!.startsAt).getTime()).toBe(
      7 * 24 * HOUR,
    )
    expect(new Date(detail.body.closesAt) <= new Date(detail.body.sessions[0]!.startsAt)).toBe(true)
  })

  test('filters: audience 老年人 gives the lectures and 守好养老钱; category and dates narrow it', async () => {
    const elderly = (await api(server.url).get<{ items: ActivitySummary[] }>('/api/activities?audience=elderly&limit=100')).body.items
    const titles = elderly.map((a) => a.title)
    expect(titles).toEqual(
      expect.arrayContaining(['预防高血压健康讲座', '防治糖尿病健康讲座', '中医养生健康讲座', '守好养老钱·防诈骗讲座', '新春挂饰手工制作']),
    )
    expect(elderly.every((a) => a.audience === 'elderly' || a.audience === 'all')).toBe(true)
    const fraud = (await api(server.url).get<{ items: ActivitySummary[] }>('/api/activities?category=anti_fraud')).body.items
    expect(fraud.map((a) => a.title)).toEqual(['守好养老钱·防诈骗讲座'])
    const past = (await api(server.url).get<{ items: ActivitySummary[] }>('/api/activities?from=2020-01-01&to=2020-12-31')).body.items
    expect(past).toEqual([])
  })

  test('bad input: 4xx with a message, never a 500', async () => {
    const anon = api(server.url)
    for (const [path, status] of [
      ['/api/activities?lat=39', 400],
      ['/api/activities?audience=martians', 400],
      ['/api/activities?from=2026-13-01', 400],
      ['/api/activities?from=2026-12-01&to=2026-11-01', 400],
      ['/api/activities?limit=1000', 400],
      ['/api/activities/not-a-uuid', 400],
      ['/api/activities/00000000-0000-4000-8000-000000000000', 404],
    ] as const) {
      const res = await anon.get(path)
      expect({ path, status: res.status }).toEqual({ path, status })
      expect(typeof res.body.message).toBe('string')
    }
  })
})

describe(`我的家人 on ${backend}`, () => {
  test('a child under 14 needs the guardian’s consent to the current children’s notice; an adult does not', async () => {
    const parent = await resident()
    const without = await parent.post('/api/me/family', { name: '小雨', birthDate: sevenYearsAgo(), relationship: '女儿' })
    expect(without.status).toBe(400)
    expect(without.body).toMatchObject({ code: 'FIELD_INVALID', field: 'childNoticeVersion' })
    expect(without.body.message).toContain('儿童个人信息保护规则')
    const old = await parent.post('/api/me/family', {
      name: '小雨',
      birthDate: sevenYearsAgo(),
      relationship: '女儿',
      childNoticeVersion: '2020-01-01',
    })
    expect(old.status).toBe(409)
    expect(old.body).toMatchObject({ code: 'CONSENT_OUTDATED', field: 'childNoticeVersion' })
    expect(old.body.message).toContain('已更新')

    const child = await addChild(parent)
    expect(child).toMatchObject({ name: '小雨', relationship: '女儿', age: 7, isChild: true, childNoticeVersion: CHILD_NOTICE_VERSION })
    const grandma = await parent.post<FamilyMember>('/api/me/family', {
      name: '王秀英',
      birthDate: '1948-03-02',
      relationship: '母亲',
      notes: '腿脚不便',
    })
    expect(grandma.status).toBe(201)
    expect(grandma.body).toMatchObject({ isChild: false, childNoticeVersion: null, notes: '腿脚不便' })

    const list = await parent.get<{ items: FamilyMember[] }>('/api/me/family')
    expect(list.body.items.map((m) => m.name)).toEqual(['小雨', '王秀英'])

    const edited = await parent.patch<FamilyMember>(`/api/me/family/${child.id}`, { notes: '对花生过敏' })
    expect(edited.status).toBe(200)
    expect(edited.body.notes).toBe('对花生过敏')
  })

  test('bad input and someone else’s member: 400 / 404, and nothing changes', async () => {
    const parent = await resident()
    const child = await addChild(parent)
    for (const body of [
      { name: '', birthDate: '2019-01-01', relationship: '女儿', childNoticeVersion: CHILD_NOTICE_VERSION },
      { name: '小雨', birthDate: '2019-02-30', relationship: '女儿', childNoticeVersion: CHILD_NOTICE_VERSION },
      { name: '小雨', birthDate: '2999-01-01', relationship: '女儿' },
      { name: '小雨', birthDate: '2019-01-01', relationship: '宠物' },
      {
        name: '小雨',
        birthDate: '2019-01-01',
        relationship: '女儿',
        childNoticeVersion: CHILD_NOTICE_VERSION,
        idCard: '210211201901010000',
      },
    ]) {
      const res = await parent.post('/api/me/family', body)
      expect(res.status).toBe(400)
      expect(res.body.message).toBeTruthy()
    }
    expect((await parent.patch(`/api/me/family/${child.id}`, {})).status).toBe(400)

    const stranger = await resident('陌生人')
    expect((await stranger.patch(`/api/me/family/${child.id}`, { name: '改名' })).status).toBe(404)
    expect((await stranger.delete(`/api/me/family/${child.id}`)).status).toBe(404)
    const a = await createActivity({ capacity: 5 })
    const stolen = await enrollChild(stranger, a.id, child.id)
    expect(stolen.status).toBe(404)
    expect((await parent.get<{ items: FamilyMember[] }>('/api/me/family')).body.items[0]!.name).toBe('小雨')
    expect((await api(server.url).get('/api/me/family')).status).toBe(401)
  })

  test('deleting a member cancels their upcoming enrollment and the seat passes to the waitlist', async () => {
    const a = await createActivity({ capacity: 1 })
    const first = await parentWithChild(a.id)
    const second = await parentWithChild(a.id)
    expect(second.res.body.status).toBe('waitlisted')
    expect((await first.parent.delete(`/api/me/family/${first.child.id}`)).status).toBe(200)
    expect((await first.parent.get<{ items: FamilyMember[] }>('/api/me/family')).body.items).toEqual([])
    const mine = await second.parent.get<{ items: Enrollment[] }>('/api/enrollments/mine')
    expect(mine.body.items[0]!.status).toBe('confirmed')
  })
})

describe(`enrollment on ${backend}`, () => {
  test('a parent enrolls a 7-year-old in 节气美育: 报名成功 with a signed check-in code; tapping twice gives the same enrollment', async () => {
    const all = (await api(server.url).get<{ items: ActivitySummary[] }>('/api/activities?lat=39.0535&lng=121.779')).body.items
    const jqmy = all.find((a) => a.title === '节气美育')!
    const parent = await resident('李妈妈')
    const child = await addChild(parent, '小雨')
    const res = await enrollChild(parent, jqmy.id, child.id)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'confirmed',
      waitlistPosition: null,
      participant: { name: '小雨', familyMemberId: child.id, relationship: '女儿' },
      canCancel: true,
    })
    expect(res.body.checkinCode).toMatch(/^SGZ1\.[0-9a-f]{32}\.[A-Za-z0-9_-]{22}$/)
    expect(res.body.checkinCode).not.toContain(res.body.id)
    expect(res.body.activity.seatsLeft).toBe(jqmy.seatsLeft - 1)

    const again = await enrollChild(parent, jqmy.id, child.id)
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(res.body.id)
    const mine = await parent.get<{ items: Enrollment[] }>('/api/enrollments/mine')
    expect(mine.body.items.map((e) => e.id)).toEqual([res.body.id])
  })

  test('age and audience rules, and 本人 needs a name (and a birth date where ages matter)', async () => {
    const a = await createActivity({ capacity: 10 })
    const parent = await resident()
    const toddler = await addChild(parent, '小宝', `${new Date().getUTCFullYear() - 3}-06-01`)
    const tooYoung = await enrollChild(parent, a.id, toddler.id)
    expect(tooYoung.status).toBe(422)
    expect(tooYoung.body.code).toBe('NOT_ELIGIBLE')
    expect(tooYoung.body.message).toMatch(/6–12 岁.*小宝.*不符合年龄要求/)

    const self = await parent.post(`/api/activities/${a.id}/enrollments`, { name: '李女士', contactPhone: '13812345678' })
    expect(self.status).toBe(422)
    expect(self.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'birthDate' })
    expect(self.body.message).toContain('请填写出生日期')
    const adult = await parent.post(`/api/activities/${a.id}/enrollments`, {
      name: '李女士',
      birthDate: '1985-05-05',
      contactPhone: '13812345678',
    })
    expect(adult.status).toBe(422)
    expect((await parent.post(`/api/activities/${a.id}/enrollments`, { contactPhone: '13812345678' })).status).toBe(400)

    const open = await createActivity({ minAge: null, maxAge: null, audience: 'all' })
    const ok = await parent.post<Enrollment>(`/api/activities/${open.id}/enrollments`, { name: '李女士', contactPhone: '0411-87589120' })
    expect(ok.status).toBe(201)
    expect(ok.body.participant).toEqual({ name: '李女士', familyMemberId: null, relationship: null })
  })

  test('bad input: phone, unknown fields, wrong types, missing token', async () => {
    const a = await createActivity({ capacity: 10 })
    const parent = await resident()
    const child = await addChild(parent)
    const url = `/api/activities/${a.id}/enrollments`
    expect((await parent.post(url, { familyMemberId: child.id, contactPhone: '123' })).status).toBe(400)
    expect((await parent.post(url, { familyMemberId: child.id, contactPhone: '13812345678', status: 'confirmed' })).status).toBe(400)
    expect((await parent.post(url, { familyMemberId: child.id, contactPhone: '13812345678', photoConsent: 'yes' })).status).toBe(400)
    expect((await parent.post(url, 'not json', { 'content-type': 'application/json' })).status).toBe(400)
    expect((await api(server.url).post(url, { familyMemberId: child.id, contactPhone: '13812345678' })).status).toBe(401)
    expect(
      (
        await parent.post('/api/activities/00000000-0000-4000-8000-000000000000/enrollments', {
          familyMemberId: child.id,
          contactPhone: '13812345678',
        })
      ).status,
    ).toBe(404)
    expect((await parent.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items).toEqual([])
  })

  test('the registration window: before it opens the time is given; after it closes, or closed by the station, it is refused', async () => {
    const later = await createActivity({ opensAt: fromNow(20), closesAt: fromNow(40) })
    const parent = await resident()
    const child = await addChild(parent)
    const early = await enrollChild(parent, later.id, child.id)
    expect(early.status).toBe(409)
    expect(early.body.code).toBe('REGISTRATION_CLOSED')
    expect(early.body.message).toMatch(/报名尚未开始，将于 \d+月\d+日 \d\d:\d\d 开放报名/)
    expect(later.registration).toBe('upcoming')

    const over = await createActivity({ opensAt: fromNow(-5), closesAt: fromNow(-1) })
    expect((await enrollChild(parent, over.id, child.id)).body.message).toBe('报名已截止')

    const a = await createActivity()
    const closed = await xianjin.post<ActivityDetail>(`/api/staff/activities/${a.id}/close`)
    expect(closed.body.registration).toBe('closed')
    expect((await enrollChild(parent, a.id, child.id)).status).toBe(409)
    expect((await xianjin.post(`/api/staff/activities/${a.id}/reopen`)).status).toBe(200)
    expect((await enrollChild(parent, a.id, child.id)).status).toBe(201)
  })

  test('two seats: the third family is 候补第 1 位; the first cancels and the third is 报名成功 at once', async () => {
    const a = await createActivity({ capacity: 2 })
    const one = await parentWithChild(a.id)
    const two = await parentWithChild(a.id)
    const three = await parentWithChild(a.id)
    expect([one.res.body.status, two.res.body.status, three.res.body.status]).toEqual(['confirmed', 'confirmed', 'waitlisted'])
    expect(three.res.body.waitlistPosition).toBe(1)
    expect(three.res.body.checkinCode).toBeNull()
    expect(three.res.body.activity).toMatchObject({ seatsLeft: 0, waitlistCount: 1 })

    const stranger = await resident()
    expect((await stranger.post(`/api/enrollments/${one.res.body.id}/cancel`)).status).toBe(404)

    const cancelled = await one.parent.post<Enrollment>(`/api/enrollments/${one.res.body.id}/cancel`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(cancelled.body.checkinCode).toBeNull()
    const again = await one.parent.post(`/api/enrollments/${one.res.body.id}/cancel`)
    expect([again.status, again.body.code]).toEqual([409, 'ENROLLMENT_STATE'])

    const promoted = (await three.parent.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items[0]!
    expect(promoted.status).toBe('confirmed')
    expect(promoted.checkinCode).toMatch(/^SGZ1\./)
    const detail = (await api(server.url).get<ActivityDetail>(`/api/activities/${a.id}`)).body
    expect(detail).toMatchObject({ seatsLeft: 0, waitlistCount: 0 })
  })

  test('where the activity asks for it, a promoted family must confirm: 待确认 until then', async () => {
    const a = await createActivity({ capacity: 1, confirmWithinHours: 24 })
    const one = await parentWithChild(a.id)
    const two = await parentWithChild(a.id)
    await one.parent.post(`/api/enrollments/${one.res.body.id}/cancel`)
    const offered = (await two.parent.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items[0]!
    expect(offered.status).toBe('offered')
    expect(new Date(offered.offerExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 23 * HOUR)
    expect((await one.parent.post(`/api/enrollments/${offered.id}/confirm`)).status).toBe(404)
    const confirmed = await two.parent.post<Enrollment>(`/api/enrollments/${offered.id}/confirm`)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.status).toBe('confirmed')
  })

  test('after the cancellation deadline a confirmed seat cannot be cancelled online; the station’s phone is given', async () => {
    const a = await createActivity({ cancelDeadline: fromNow(-0.5), opensAt: fromNow(-2) })
    const one = await parentWithChild(a.id)
    expect(one.res.body.canCancel).toBe(false)
    const res = await one.parent.post(`/api/enrollments/${one.res.body.id}/cancel`)
    expect(res.status).toBe(409)
    expect(res.body.message).toContain('0411-87589120')
  })

  test('photo consent is separate: enrolling without it works, and the roster says who agreed', async () => {
    const a = await createActivity({ capacity: 5, photoConsentRequired: true })
    const p1 = await resident()
    const c1 = await addChild(p1, '同意拍照')
    await p1.post(`/api/activities/${a.id}/enrollments`, { familyMemberId: c1.id, contactPhone: '13812345678', photoConsent: true })
    const p2 = await parentWithChild(a.id)
    expect(p2.res.status).toBe(201)
    const roster = (await xianjin.get<Roster>(`/api/staff/activities/${a.id}/roster`)).body
    expect(roster.entries.map((e) => [e.participantName, e.photoConsent])).toEqual([
      ['同意拍照', true],
      ['小雨', false],
    ])
  })
})

describe(`correctness under a burst on ${backend}`, () => {
  test('500 concurrent enrollments for 30 seats: exactly 30 confirmed and 470 waitlisted in order; double taps give one enrollment', async () => {
    const a = await createActivity({ capacity: 30, minAge: null, maxAge: null, audience: 'all' })
    const parents = await Promise.all(Array.from({ length: 500 }, (_, i) => resident(`抢名额${i}`)))
    const results = await Promise.all(
      parents.flatMap((p, i) => {
        const call = () => p.post<Enrollment>(`/api/activities/${a.id}/enrollments`, { name: `参加人${i}`, contactPhone: '13812345678' })
        // Every tenth parent taps twice at once.
        return i % 10 === 0 ? [call(), call()] : [call()]
      }),
    )
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true)
    expect(results.filter((r) => r.status === 201)).toHaveLength(500)
    const ids = new Set(results.map((r) => r.body.id))
    expect(ids.size).toBe(500)

    const roster = (await xianjin.get<Roster>(`/api/staff/activities/${a.id}/roster`)).body
    const confirmed = roster.entries.filter((e) => e.status === 'confirmed')
    const waiting = roster.entries.filter((e) => e.status === 'waitlisted')
    expect(confirmed).toHaveLength(30)
    expect(waiting).toHaveLength(470)
    expect(waiting.map((e) => e.waitlistPosition)).toEqual(Array.from({ length: 470 }, (_, i) => i + 1))
    expect(roster.activity).toMatchObject({ seatsLeft: 0, waitlistCount: 470 })
    // Each response told the truth: 30 said 报名成功, the others their place in the queue.
    const firstAnswers = new Map(results.map((r) => [r.body.id, r.body]))
    expect([...firstAnswers.values()].filter((e) => e.status === 'confirmed')).toHaveLength(30)
    const positions = [...firstAnswers.values()]
      .filter((e) => e.status === 'waitlisted')
      .map((e) => e.waitlistPosition!)
      .sort((x, y) => x - y)
    expect(positions).toEqual(Array.from({ length: 470 }, (_, i) => i + 1))
  })

  test('cancellations racing new enrollments: never more than capacity, never a free seat while someone waits, promotions in arrival order', async () => {
    const a = await createActivity({ capacity: 5, minAge: null, maxAge: null, audience: 'all' })
    const enrollAs = async (p: Client, name: string) =>
      (await p.post<Enrollment>(`/api/activities/${a.id}/enrollments`, { name, contactPhone: '13812345678' })).body
    const holders = await Promise.all(Array.from({ length: 5 }, () => resident()))
    const held: Enrollment[] = []
    for (const [i, p] of holders.entries()) held.push(await enrollAs(p, `座位${i}`))
    const waiters = await Promise.all(Array.from({ length: 10 }, () => resident()))
    const waiting: Enrollment[] = []
    for (const [i, p] of waiters.entries()) waiting.push(await enrollAs(p, `候补${i}`))
    expect(waiting.map((e) => e.waitlistPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])

    const newcomers = await Promise.all(Array.from({ length: 10 }, () => resident()))
    await Promise.all([
      ...held.map((e, i) => holders[i]!.post(`/api/enrollments/${e.id}/cancel`)),
      ...newcomers.map((p, i) => enrollAs(p, `新来${i}`)),
    ])
    const roster = (await xianjin.get<Roster>(`/api/staff/activities/${a.id}/roster`)).body
    const confirmed = roster.entries.filter((e) => e.status === 'confirmed').map((e) => e.participantName)
    expect(confirmed).toHaveLength(5)
    // The first five of the waitlist got the freed seats; the newcomers queue behind the rest.
    expect(confirmed.sort()).toEqual(['候补0', '候补1', '候补2', '候补3', '候补4'])
    const queue = roster.entries.filter((e) => e.status === 'waitlisted')
    expect(queue.slice(0, 5).map((e) => e.participantName)).toEqual(['候补5', '候补6', '候补7', '候补8', '候补9'])
    expect(queue).toHaveLength(15)
    expect(roster.activity.seatsLeft).toBe(0)
  })
})

describe(`the station’s side on ${backend}`, () => {
  test('check-in by QR code and by name, once per session; forged codes and other stations are refused', async () => {
    const a = await createActivity({
      capacity: 2,
      sessions: [
        { startsAt: fromNow(72), endsAt: fromNow(73) },
        { startsAt: fromNow(72 + 168), endsAt: fromNow(73 + 168) },
      ],
    })
    const one = await parentWithChild(a.id)
    const two = await parentWithChild(a.id)
    const three = await parentWithChild(a.id)
    const code = one.res.body.checkinCode!
    const [s1, s2] = a.sessions

    const scan = await xianjin.post('/api/staff/checkins', { code, sessionId: s1!.id })
    expect(scan.status).toBe(200)
    expect(scan.body).toMatchObject({
      enrollmentId: one.res.body.id,
      participantName: '小雨',
      alreadyCheckedIn: false,
      session: { seq: 1 },
    })
    expect((await xianjin.post('/api/staff/checkins', { code, sessionId: s1!.id })).body.alreadyCheckedIn).toBe(true)
    expect((await xianjin.post('/api/staff/checkins', { enrollmentId: two.res.body.id, sessionId: s2!.id })).status).toBe(200)

    const forged = code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA')
    const bad = await xianjin.post('/api/staff/checkins', { code: forged })
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual({ code: 'FIELD_INVALID', field: 'code', message: '这不是本平台的签到码' })
    const waitlisted = await xianjin.post('/api/staff/checkins', { enrollmentId: three.res.body.id })
    expect(waitlisted.status).toBe(409)
    expect(waitlisted.body.code).toBe('ENROLLMENT_STATE')
    expect(waitlisted.body.message).toContain('候补中')

    const other = await staff('minxin-liu')
    expect((await other.post('/api/staff/checkins', { code })).status).toBe(404)
    expect((await other.get(`/api/staff/activities/${a.id}/roster`)).status).toBe(404)
    expect((await other.get(`/api/staff/activities/${a.id}/roster.csv`)).status).toBe(404)
    expect((await other.patch(`/api/staff/activities/${a.id}`, { capacity: 50 })).status).toBe(404)
    expect((await other.post(`/api/staff/activities/${a.id}/close`)).status).toBe(404)
    const residentToken = one.parent
    expect((await residentToken.post('/api/staff/checkins', { code })).status).toBe(403)
    expect((await residentToken.get(`/api/staff/activities/${a.id}/roster`)).status).toBe(403)
    expect((await api(server.url).get(`/api/staff/activities/${a.id}/roster`)).status).toBe(401)

    const roster = (await xianjin.get<Roster>(`/api/staff/activities/${a.id}/roster`)).body
    expect(roster.entries.map((e) => [e.status, e.attendedSessionIds])).toEqual([
      ['confirmed', [s1!.id]],
      ['confirmed', [s2!.id]],
      ['waitlisted', []],
    ])
  })

  test('roster CSV: UTF-8 with BOM, one line per participant, spreadsheet formulas neutralised', async () => {
    const a = await createActivity({ capacity: 3, title: '导出测试' })
    const parent = await resident('张爸爸')
    const child = await addChild(parent, '=HYPERLINK("x")')
    await enrollChild(parent, a.id, child.id)
    const res = await xianjin.get(`/api/staff/activities/${a.id}/roster.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const text = res.body as string
    expect(text.startsWith('"序号","状态"')).toBe(true)
    // The BOM (fetch's text() drops it) is there for Excel.
    const raw = await server.fetch(`/api/staff/activities/${a.id}/roster.csv`, { headers: { authorization: `Bearer ${xianjinToken}` } })
    expect([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text).toContain(`"'=HYPERLINK(""x"")"`)
    expect(text).toContain('"张爸爸"')
    expect(text.trim().split('\r\n')).toHaveLength(2)
  })

  test('create and edit: times are checked; capacity cannot drop below seats taken, and raising it seats the waitlist', async () => {
    const bad = await xianjin.post('/api/staff/activities', classBody({ closesAt: fromNow(100) }))
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual({ code: 'FIELD_INVALID', field: 'closesAt', message: '报名截止时间不能晚于活动开始时间' })
    const overlap = await xianjin.post(
      '/api/staff/activities',
      classBody({
        sessions: [
          { startsAt: fromNow(72), endsAt: fromNow(74) },
          { startsAt: fromNow(73), endsAt: fromNow(75) },
        ],
      }),
    )
    expect(overlap.body).toEqual({ code: 'FIELD_INVALID', field: 'sessions', message: '各次活动的时间不能重叠' })
    const ages = await xianjin.post('/api/staff/activities', classBody({ minAge: 12, maxAge: 6 }))
    expect(ages.body).toEqual({ code: 'FIELD_INVALID', field: 'minAge', message: '最小年龄不能大于最大年龄' })
    expect((await xianjin.post('/api/staff/activities', { ...classBody(), capacity: 0 })).status).toBe(400)
    expect(
      (await xianjin.post('/api/staff/activities', { ...classBody(), stationId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(400)

    const a = await createActivity({ capacity: 1 })
    await parentWithChild(a.id)
    const waiting = await parentWithChild(a.id)
    expect(waiting.res.body.status).toBe('waitlisted')
    expect((await xianjin.patch(`/api/staff/activities/${a.id}`, { capacity: 0 })).status).toBe(400)
    const raised = await xianjin.patch<ActivityDetail>(`/api/staff/activities/${a.id}`, { capacity: 3 })
    expect(raised.status).toBe(200)
    expect(raised.body).toMatchObject({ capacity: 3, seatsLeft: 1, waitlistCount: 0 })
    expect((await waiting.parent.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items[0]!.status).toBe('confirmed')
    const lowered = await xianjin.patch(`/api/staff/activities/${a.id}`, { capacity: 1 })
    expect(lowered.status).toBe(409)
    expect(lowered.body).toMatchObject({ code: 'ACTIVITY_FULL', field: 'capacity' })
    expect(lowered.body.message).toContain('已有 2 人报名成功')

    const list = await xianjin.get<{ items: ActivitySummary[] }>('/api/staff/activities')
    expect(list.body.items.some((x) => x.id === a.id)).toBe(true)
    const other = await staff('minxin-liu')
    expect((await other.get<{ items: ActivitySummary[] }>('/api/staff/activities')).body.items.some((x) => x.id === a.id)).toBe(false)
  })
})
