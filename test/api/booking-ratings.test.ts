/**
 * 预约服务 follow-through over the API (in-process, on PGlite and PostgreSQL),
 * with an injected clock: an attended booking invites a rating (outbox, then
 * 「评价这次服务」 in 我的预约) through the ratings every other subject uses —
 * one per booking, editable for 7 days, only by the resident who booked, only
 * once attended. It joins the station's 居民评价, public figures and the
 * supervisors' report like the others (a sensitive category stays with its
 * station), the account export, and deletion erases its words.
 */
import type { AccountExport, Booking, SlotDay, StaffRatingList, StationRatings, StationReport } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { purgeExpired } from '../../server/repositories/account'
import { bookingPeople, type Client } from './helpers/booking'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; the bookings are from Thursday 10-08 on (after 国庆节).
const START = cstInstant('2026-09-28', '08:00')
const HOUR = 3600_000
const DAY = 24 * HOUR
let now = START
let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => now })
})
afterAll(() => server?.stop())
afterEach(() => {
  now = START
})

type Answer = Booking & { code?: string; field?: string; message?: string }
const { resident, staff, serviceId, stationId } = bookingPeople(() => server, '评价居民')
const one = async <T>(sql: string, params: unknown[]) => (await server.db.query<T>(sql, params)).rows[0]!
let keyN = 0
/** The free slots of a service from 2026-10-08 on, in order. */
const freeSlots = async (svc: string) => {
  const res = await api(server.url).get<{ days: SlotDay[] }>(`/api/bookable/${svc}/slots?from=2026-10-08&to=2026-10-12`)
  return res.body.days.flatMap((d) => d.slots).filter((s) => s.state === 'free')
}
/** A booking by `c` for a person of that name, in the first free slot of the service from 10-08. */
const book = async (c: Client, svc: string, personName: string): Promise<Booking> => {
  const slot = (await freeSlots(svc))[0]!
  const res = await c.post<Booking>(
    '/api/bookings',
    {
      serviceId: svc,
      startsAt: slot.startsAt,
      forWhom: 'proxy',
      personName,
      relationship: '母亲',
      contactName: '小王',
      contactPhone: '13812345678',
    },
    { 'idempotency-key': `rating-key-${Date.now()}-${keyN++}` },
  )
  expect(res.status).toBe(201)
  return res.body
}
const rate = (c: Client, id: string, body: Record<string, unknown> = { stars: 5, tags: ['准时'], comment: '刘社工很耐心' }) =>
  c.post<Answer>(`/api/bookings/${id}/rating`, body)
const ratingRows = async (bookingId: string) =>
  (
    await server.db.query<{ subject: string; stars: number; comment: string }>(
      'SELECT subject, stars, comment FROM ratings WHERE booking_id = $1',
      [bookingId],
    )
  ).rows

let psy: string // 民馨社区 心理疏导谈心 (a sensitive category)
let visit: string // 民馨社区 入户探访 (养老服务)
beforeAll(async () => {
  psy = await serviceId('BK-MX-PSY')
  visit = await serviceId('BK-MX-VISIT')
})

/** Books, then lets the day come and the worker mark it attended. */
async function attendedBooking(c: Client, svc: string, personName: string): Promise<Booking> {
  const b = await book(c, svc, personName)
  now = new Date(Date.parse(b.endsAt) + HOUR)
  const worker = await staff('minxin-liu')
  expect((await worker.post(`/api/staff/bookings/${b.id}/attended`, {})).status).toBe(200)
  return b
}

describe(`rating an attended booking on ${backend}`, () => {
  test('the daughter is invited once the worker marks it attended, rates it once, and may change it for 7 days', async () => {
    const daughter = await resident('女儿')
    const b = await book(daughter, psy, '王阿姨')
    // Booked: not yet.
    const early = await rate(daughter, b.id)
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ code: 'RATING_NOT_ALLOWED', message: '到场接受服务后才能评价' })
    expect((await daughter.get<Booking>(`/api/bookings/${b.id}`)).body).toMatchObject({ ratingDue: false, rating: null })

    now = new Date(Date.parse(b.endsAt) + HOUR)
    const worker = await staff('minxin-liu')
    expect((await worker.post(`/api/staff/bookings/${b.id}/attended`, { note: '谈了一小时' })).status).toBe(200)
    // The invitation goes through the outbox, as a resolved request's does; marking it again does not send another.
    expect((await worker.post(`/api/staff/bookings/${b.id}/attended`, { note: '谈了一小时' })).status).toBe(200)
    const invites = await server.db.query<{ page: string }>(
      `SELECT payload->>'activity' AS page FROM outbox WHERE topic = 'booking_rating_invite' AND payload->>'bookingId' = $1`,
      [b.id],
    )
    expect(invites.rows).toEqual([{ page: '心理疏导谈心' }])
    const mine = (await daughter.get<{ items: Booking[] }>('/api/bookings/mine')).body.items.find((x) => x.id === b.id)!
    expect(mine).toMatchObject({ status: 'attended', ratingDue: true, rating: null })
    // The station's view carries no rating (staff read ratings in 居民评价).
    const dayView = await worker.get<{ items: Booking[] }>('/api/staff/bookings?from=2026-10-08&to=2026-10-08')
    expect(dayView.body.items.find((x) => x.id === b.id)).not.toHaveProperty('rating')

    // Bad input: an outcome (asked of help requests only), another subject's tag, 0 stars.
    expect((await rate(daughter, b.id, { stars: 4, outcome: 'resolved' })).body).toMatchObject({ code: 'FIELD_INVALID', field: 'outcome' })
    expect((await rate(daughter, b.id, { stars: 4, tags: ['孩子喜欢'] })).body).toMatchObject({ code: 'FIELD_INVALID', field: 'tags' })
    expect((await rate(daughter, b.id, { stars: 0 })).status).toBe(400)
    // Someone else's booking: 404, as if it did not exist; nobody: 401.
    const other = await rate(await resident(), b.id)
    expect(other.status).toBe(404)
    expect(other.body).toMatchObject({ code: 'NOT_FOUND', message: '没有找到这条预约' })
    expect((await rate(api(server.url), b.id)).status).toBe(401)
    expect(await ratingRows(b.id)).toEqual([])

    const first = await rate(daughter, b.id)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      id: b.id,
      ratingDue: false,
      rating: { subject: 'booking', outcome: null, stars: 5, tags: ['准时'], comment: '刘社工很耐心' },
    })
    // The same subject again within the edit window changes that one rating (as requests and activities do).
    const edited = await rate(daughter, b.id, { stars: 4, comment: '改一下：很耐心' })
    expect(edited.status).toBe(200)
    expect(edited.body.rating).toMatchObject({ id: first.body.rating!.id, stars: 4 })
    expect(await ratingRows(b.id)).toEqual([{ subject: 'booking', stars: 4, comment: '改一下：很耐心' }])
    // A second rating after the 7 days: 409, and the one rating stays as it was.
    now = new Date(now.getTime() + 8 * DAY)
    const late = await rate(daughter, b.id, { stars: 1 })
    expect(late.status).toBe(409)
    expect(late.body).toMatchObject({ code: 'RATING_NOT_ALLOWED' })
    expect(await ratingRows(b.id)).toEqual([{ subject: 'booking', stars: 4, comment: '改一下：很耐心' }])
  })

  test('a booked, no-show or cancelled booking is refused with the reason; ten taps at once give one rating', async () => {
    const c = await resident()
    const noShow = await book(c, visit, '未到场的人')
    const cancelled = await book(c, psy, '取消的人')
    expect((await c.post(`/api/bookings/${cancelled.id}/cancel`)).status).toBe(200)
    now = new Date(Date.parse(noShow.endsAt) + HOUR)
    const worker = await staff('minxin-liu')
    expect((await worker.post(`/api/staff/bookings/${noShow.id}/no-show`, {})).status).toBe(200)
    expect((await rate(c, noShow.id)).body).toMatchObject({ code: 'RATING_NOT_ALLOWED', message: '这次预约没有到场，无需评价' })
    expect((await rate(c, cancelled.id)).body).toMatchObject({ code: 'RATING_NOT_ALLOWED', message: '这条预约已取消，无需评价' })
    expect(await ratingRows(noShow.id)).toEqual([])
    expect(await ratingRows(cancelled.id)).toEqual([])

    now = START
    const taps = await resident()
    const b = await attendedBooking(taps, psy, '连点的人')
    const answers = await Promise.all(Array.from({ length: 10 }, () => rate(taps, b.id)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    expect(await ratingRows(b.id)).toHaveLength(1)
  })
})

describe(`a booking's rating among the station's ratings on ${backend}`, () => {
  test('居民评价 in the workbench, the station page and the supervisors’ report count it; a sensitive one stays with its station', async () => {
    const mx = await stationId('DL-JP-XJ-MX')
    const figures = async () => (await api(server.url).get<StationRatings>(`/api/stations/${mx}/ratings`)).body.count
    const reportRatings = async () => {
      const res = await (await staff('jinpu-zhao')).get<StationReport>('/api/staff/reports/stations?from=2026-09-01&to=2026-10-31')
      expect(res.status).toBe(200)
      return res.body.items.find((r) => r.station.id === mx)!.ratings
    }
    const countBefore = await figures()
    const reportBefore = await reportRatings()

    const c = await resident()
    const home = await attendedBooking(c, visit, '李奶奶')
    now = START
    const talk = await attendedBooking(c, psy, '李奶奶')
    expect((await rate(c, home.id, { stars: 5, tags: ['态度好'], comment: '上门很准时', anonymous: false })).status).toBe(201)
    expect((await rate(c, talk.id, { stars: 2, comment: '谈话时间太短' })).status).toBe(201)

    expect(await figures()).toBe(countBefore + 2)
    expect(await reportRatings()).toBe(reportBefore + 2)

    // The station reads both, named by the service; the filter 预约 shows bookings only.
    const worker = await staff('minxin-liu')
    const own = (await worker.get<StaffRatingList>('/api/staff/ratings?subject=booking')).body.items
    expect(own.every((r) => r.subject === 'booking')).toBe(true)
    expect(own.find((r) => r.comment === '上门很准时')).toMatchObject({ subjectLabel: '入户探访', residentName: '小王', canReply: true })
    expect(own.find((r) => r.comment === '谈话时间太短')).toMatchObject({ subjectLabel: '心理疏导谈心', low: true })
    // The supervisor above sees the 养老服务 one, never the 心理疏导 one.
    const supervisor = (await (await staff('jinpu-zhao')).get<StaffRatingList>('/api/staff/ratings?subject=booking')).body.items
    expect(supervisor.some((r) => r.comment === '上门很准时')).toBe(true)
    expect(supervisor.some((r) => r.comment === '谈话时间太短')).toBe(false)
  })

  test('the export holds the rating; deleting the account erases its words and keeps its stars', async () => {
    const c = await resident()
    const b = await attendedBooking(c, visit, '张爷爷')
    expect((await rate(c, b.id, { stars: 3, comment: '张爷爷的隐私标记词' })).status).toBe(201)
    const exported = (await c.get<AccountExport>('/api/me/export')).body
    expect(exported.bookings.find((x) => x.id === b.id)?.rating).toMatchObject({ stars: 3, comment: '张爷爷的隐私标记词' })
    expect((await c.call('DELETE', '/api/me')).status).toBe(200)
    expect(await ratingRows(b.id)).toEqual([{ subject: 'booking', stars: 3, comment: '' }])
    expect((await one<{ user_id: string | null }>('SELECT user_id FROM ratings WHERE booking_id = $1', [b.id])).user_id).toBeNull()
  })

  test('the retention job erases the words of an ended booking’s rating with the booking’s personal fields', async () => {
    const c = await resident()
    const b = await attendedBooking(c, visit, '周阿姨')
    expect((await rate(c, b.id, { stars: 4, comment: '周阿姨的标记词', commentPublic: false })).status).toBe(201)
    await server.db.transaction((tx) => purgeExpired(tx, new Date(Date.parse(b.endsAt) + 2 * DAY), 1))
    expect(await ratingRows(b.id)).toEqual([{ subject: 'booking', stars: 4, comment: '' }])
  })
})
