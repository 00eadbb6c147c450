/**
 * Booking from a help request (预约服务) over the API (in-process, on PGlite
 * and PostgreSQL), with an injected clock: 民馨社区's worker proposes 1–3
 * times (slots of a service, or free times for a home visit); the daughter who
 * asked for her mother picks one on the request's page, which books it for her
 * mother; the timeline says so. A time taken meanwhile is said to be full and
 * the rest offered; expired and replaced proposals, another station's worker,
 * another resident's request; bad input.
 */
import type { Booking, BookingProposal, HelpRequest } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, choose, familyRequest, propose, type Client } from './helpers/booking'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; 国庆节 10-01 … 10-07.
const START = cstInstant('2026-09-28', '08:00')
let now = START
let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => now })
})
afterAll(() => server?.stop())
afterEach(() => {
  now = START
})

type Proposals = { items: BookingProposal[] }
const { resident, staff, serviceId } = bookingPeople(() => server, '提议居民')

let minxinId = ''
let psy = '' // 民馨 心理疏导谈心: weekdays 09:00-11:00, 14:00-17:00, 60 minutes, one person
let visit = '' // 民馨 入户探访: weekdays 13:30-17:30, 120 minutes, one visit at a time
let xjPolicy = '' // 先进街道 政策咨询 (another station's service)
let minxin: Client
beforeAll(async () => {
  minxinId = (await server.db.query<{ id: string }>(`SELECT id FROM stations WHERE code = 'DL-JP-XJ-MX'`)).rows[0]!.id
  psy = await serviceId('BK-MX-PSY')
  visit = await serviceId('BK-MX-VISIT')
  xjPolicy = await serviceId('BK-XJ-POLICY-SAT')
  minxin = await staff('minxin-liu')
})

let keyN = 0
/** A daughter's request for her mother, to 民馨社区社会工作室 (which offers 心理疏导). */
async function requestForMother(c: Client, mother = '张秀兰'): Promise<HelpRequest> {
  const r = await familyRequest(c, minxinId, mother, `proposal-key-${Date.now()}-${keyN++}`)
  expect(r.station.id).toBe(minxinId)
  return r
}

describe(`booking from a help request on ${backend}`, () => {
  test('the worker proposes three times; the daughter picks one for her mother; the timeline says proposed and chosen', async () => {
    const daughter = await resident('女儿')
    const r = await requestForMother(daughter)
    const times = [at('2026-10-08', '09:00'), at('2026-10-08', '14:00'), at('2026-10-08', '10:00')]
    const proposed = await propose(minxin, r.id, { serviceId: psy, times, note: '刘社工接待，请带上最近的就诊记录' })
    expect(proposed.status).toBe(201)
    const p = proposed.body.items[0]!
    expect(p).toMatchObject({
      requestId: r.id,
      service: { id: psy, name: '心理疏导谈心', kind: 'talk' },
      status: 'open',
      note: '刘社工接待，请带上最近的就诊记录',
      bookingId: null,
      // Open 72 hours.
      expiresAt: new Date(START.getTime() + 72 * 3600_000).toISOString(),
    })
    // In order, each with its end and state.
    expect(p.times).toEqual([
      { startsAt: at('2026-10-08', '09:00'), endsAt: at('2026-10-08', '10:00'), state: 'free' },
      { startsAt: at('2026-10-08', '10:00'), endsAt: at('2026-10-08', '11:00'), state: 'free' },
      { startsAt: at('2026-10-08', '14:00'), endsAt: at('2026-10-08', '15:00'), state: 'free' },
    ])
    // The daughter sees them, and was told through the outbox.
    const seen = await daughter.get<Proposals>(`/api/requests/${r.id}/booking-proposals`)
    expect(seen.status).toBe(200)
    expect(seen.body.items.map((x) => x.id)).toEqual([p.id])
    const told = await server.db.query<{ status: string }>(
      `SELECT payload->>'status' AS status FROM outbox WHERE topic = 'request_status' AND payload->>'requestId' = $1`,
      [r.id],
    )
    expect(told.rows.map((x) => x.status)).toContain('请选择预约时间')

    const picked = await choose(daughter, r.id, p.id, at('2026-10-08', '10:00'))
    expect(picked.status).toBe(201)
    expect(picked.body).toMatchObject({
      status: 'booked',
      startsAt: at('2026-10-08', '10:00'),
      forWhom: 'family',
      personName: '张秀兰',
      relationship: '母亲',
      contactName: '李女士',
      contactPhone: '13812345678',
      service: { id: psy },
    })
    // The same pick again (a retry): the same booking; another time of a chosen proposal: 409.
    const again = await choose(daughter, r.id, p.id, at('2026-10-08', '10:00'))
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(picked.body.id)
    const other = await choose(daughter, r.id, p.id, at('2026-10-08', '14:00'))
    expect(other.status).toBe(409)
    expect(other.body).toMatchObject({ code: 'BOOKING_STATE', message: expect.stringContaining('已经选定') })
    expect((await server.db.query('SELECT 1 FROM bookings WHERE person_name = $1', ['张秀兰'])).rows).toHaveLength(1)

    // In 我的预约, in the station's day view, and in the request's timeline (both sides).
    expect((await daughter.get<{ items: Booking[] }>('/api/bookings/mine')).body.items.map((b) => b.id)).toContain(picked.body.id)
    const day = await minxin.get<{ items: Booking[] }>('/api/staff/bookings?from=2026-10-08&to=2026-10-08')
    expect(day.body.items.find((b) => b.id === picked.body.id)).toMatchObject({ personName: '张秀兰' })
    const timeline = (await daughter.get<HelpRequest>(`/api/requests/${r.id}`)).body.events
    expect(timeline.map((e) => e.type)).toEqual(['submitted', 'booking_proposed', 'booking_chosen'])
    expect(timeline[1]!.body).toContain('心理疏导谈心：10月8日 09:00、10月8日 10:00、10月8日 14:00')
    expect(timeline[2]!.body).toBe('心理疏导谈心：10月8日 10:00')
    const staffSide = await minxin.get<Proposals>(`/api/staff/requests/${r.id}/booking-proposals`)
    expect(staffSide.body.items[0]).toMatchObject({
      status: 'chosen',
      bookingId: picked.body.id,
      chosenStartsAt: at('2026-10-08', '10:00'),
    })
  })

  test('a proposed time taken meanwhile shows as full; picking it says so and offers the rest', async () => {
    const daughter = await resident()
    const r = await requestForMother(daughter, '王桂芳')
    const p = (await propose(minxin, r.id, { serviceId: psy, times: [at('2026-10-09', '09:00'), at('2026-10-09', '10:00')] })).body
      .items[0]!
    // Someone else books 09:00 in the mini-program.
    const stranger = await resident()
    const taken = await stranger.post<Booking>(
      '/api/bookings',
      {
        serviceId: psy,
        startsAt: at('2026-10-09', '09:00'),
        forWhom: 'self',
        personName: '别人',
        contactName: '别人',
        contactPhone: '13812340000',
      },
      { 'idempotency-key': `proposal-stranger-${keyN++}-abcdef` },
    )
    expect(taken.status).toBe(201)
    const seen = (await daughter.get<Proposals>(`/api/requests/${r.id}/booking-proposals`)).body.items[0]!
    expect(seen.times.map((t) => t.state)).toEqual(['full', 'free'])
    const full = await choose(daughter, r.id, p.id, at('2026-10-09', '09:00'))
    expect(full.status).toBe(409)
    expect(full.body).toMatchObject({ code: 'SLOT_FULL', field: 'startsAt' })
    expect(full.body.message).toContain('还可以选 10月9日 10:00')
    expect(full.body.alternatives!.map((a) => a.startsAt)).toEqual([at('2026-10-09', '10:00')])
    expect((await choose(daughter, r.id, p.id, at('2026-10-09', '10:00'))).status).toBe(201)
  })

  test('a home visit at a free time; other services only in their slots; overlapping visits are refused', async () => {
    const daughter = await resident()
    const r = await requestForMother(daughter, '赵玉兰')
    // 入户探访 is bookable 13:30–17:30; the worker can go at 10:00 that morning.
    const p = await propose(minxin, r.id, { serviceId: visit, times: [at('2026-10-12', '10:00')] })
    expect(p.status).toBe(201)
    expect(p.body.items[0]!.times).toEqual([{ startsAt: at('2026-10-12', '10:00'), endsAt: at('2026-10-12', '12:00'), state: 'free' }])
    const booked = await choose(daughter, r.id, p.body.items[0]!.id, at('2026-10-12', '10:00'))
    expect(booked.status).toBe(201)
    expect(booked.body).toMatchObject({ startsAt: at('2026-10-12', '10:00'), endsAt: at('2026-10-12', '12:00') })
    // A talk is proposed only in its slots.
    const r2 = await requestForMother(await resident(), '钱淑珍')
    const offGrid = await propose(minxin, r2.id, { serviceId: psy, times: [at('2026-10-12', '09:30')] })
    expect(offGrid.status).toBe(422)
    expect(offGrid.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'times' })
    // The worker is out 10:00–12:00: a visit at 11:00 would run into it.
    const overlap = await propose(minxin, r2.id, { serviceId: visit, times: [at('2026-10-12', '11:00')] })
    expect(overlap.status).toBe(400)
    expect(overlap.body).toMatchObject({ code: 'FIELD_INVALID', field: 'times', message: '10月12日 11:00 已经约满了' })
    // Past the service's horizon (14 days).
    expect((await propose(minxin, r2.id, { serviceId: visit, times: [at('2026-10-30', '10:00')] })).body).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'times',
    })
  })
})

describe(`who may propose and pick, and when, on ${backend}`, () => {
  test('another station’s worker: 404; a resident on the station’s route: 403; another resident: 404; nobody: 401', async () => {
    const daughter = await resident()
    const r = await requestForMother(daughter, '孙秀英')
    const body = { serviceId: psy, times: [at('2026-10-12', '09:00')] }
    const xianjin = await staff('xianjin-li')
    expect((await propose(xianjin, r.id, body)).status).toBe(404)
    expect((await xianjin.get(`/api/staff/requests/${r.id}/booking-proposals`)).status).toBe(404)
    // 先进's own service for 民馨's request: the worker of 民馨 cannot use another station's service.
    expect((await propose(minxin, r.id, { ...body, serviceId: xjPolicy })).status).toBe(404)
    expect((await propose(daughter, r.id, body)).status).toBe(403)
    expect((await propose(api(server.url), r.id, body)).status).toBe(401)
    const p = (await propose(minxin, r.id, body)).body.items[0]!
    const stranger = await resident()
    expect((await stranger.get(`/api/requests/${r.id}/booking-proposals`)).status).toBe(404)
    const stolen = await choose(stranger, r.id, p.id, body.times[0]!)
    expect(stolen.status).toBe(404)
    expect(stolen.body).toMatchObject({ code: 'NOT_FOUND' })
    expect((await api(server.url).get(`/api/requests/${r.id}/booking-proposals`)).status).toBe(401)
    // Another request's proposal through one's own request: not found.
    const own = await requestForMother(stranger, '周兰英')
    expect((await choose(stranger, own.id, p.id, body.times[0]!)).status).toBe(404)
    expect((await server.db.query('SELECT 1 FROM bookings WHERE person_name = ANY($1)', [['孙秀英', '周兰英']])).rows).toEqual([])
  })

  test('an expired proposal, a replaced one, a time not proposed, a cancelled request: refused with the reason', async () => {
    const daughter = await resident()
    const r = await requestForMother(daughter, '吴桂英')
    const first = (await propose(minxin, r.id, { serviceId: psy, times: [at('2026-10-12', '14:00')] })).body.items[0]!
    const second = (await propose(minxin, r.id, { serviceId: psy, times: [at('2026-10-12', '15:00'), at('2026-10-12', '16:00')] })).body
      .items
    // The newer replaces the open one.
    expect(second.map((x) => x.status)).toEqual(['open', 'withdrawn'])
    expect((await choose(daughter, r.id, first.id, at('2026-10-12', '14:00'))).body).toMatchObject({
      code: 'BOOKING_STATE',
      message: expect.stringContaining('重新提议'),
    })
    const latest = second[0]!
    expect((await choose(daughter, r.id, latest.id, at('2026-10-12', '11:00'))).body).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'startsAt',
    })
    // Three days on, the proposal has expired.
    now = new Date(START.getTime() + 73 * 3600_000)
    expect((await daughter.get<Proposals>(`/api/requests/${r.id}/booking-proposals`)).body.items[0]!.status).toBe('expired')
    const expired = await choose(daughter, r.id, latest.id, at('2026-10-12', '15:00'))
    expect(expired.status).toBe(409)
    expect(expired.body).toMatchObject({ code: 'BOOKING_STATE', message: expect.stringContaining('过期') })
    // A cancelled request takes no proposal.
    now = START
    const gone = await requestForMother(daughter, '郑秀珍')
    expect((await daughter.post(`/api/requests/${gone.id}/cancel`)).status).toBe(200)
    expect((await propose(minxin, gone.id, { serviceId: psy, times: [at('2026-10-12', '16:00')] })).body).toMatchObject({
      code: 'BOOKING_STATE',
    })
    expect((await server.db.query('SELECT 1 FROM bookings WHERE person_name = ANY($1)', [['吴桂英', '郑秀珍']])).rows).toEqual([])
  })

  test('bad input: no time, four times, the same time twice, a time gone by, not a date — 4xx with a message', async () => {
    const r = await requestForMother(await resident(), '冯秀梅')
    const cases: [unknown, number][] = [
      [[], 400],
      [[at('2026-10-13', '09:00'), at('2026-10-13', '10:00'), at('2026-10-13', '14:00'), at('2026-10-13', '15:00')], 400],
      [[at('2026-10-13', '09:00'), at('2026-10-13', '09:00')], 400],
      [[at('2026-09-27', '09:00')], 400],
      [['明天上午'], 400],
    ]
    for (const [times, status] of cases) {
      const res = await propose(minxin, r.id, { serviceId: psy, times })
      expect([times, res.status]).toEqual([times, status])
      expect(res.body).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/\S/) })
    }
    expect((await propose(minxin, r.id, { serviceId: psy, times: [at('2026-10-13', '09:00')], extra: 1 })).status).toBe(400)
    expect((await server.db.query('SELECT 1 FROM booking_proposals WHERE request_id = $1', [r.id])).rows).toEqual([])
  })
})
