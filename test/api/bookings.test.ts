/**
 * 预约服务 over the API (in-process, on PGlite and PostgreSQL) with an injected
 * clock: slots from the station's hours, China's holidays (国庆节 2026) and the
 * station's closures; booking with Idempotency-Key; 200 residents for the last
 * free slot; reschedule and cancel races; 我的预约; the station's day view,
 * outcomes, rescheduling with a reason, counter bookings, blocks and services;
 * someone else's booking; bad input.
 */
import type { BookableService, Booking, SlotDay, SlotFullError, StationReport } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, type Client } from './helpers/booking'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China: 国庆节 is 10-01 … 10-07 (chinese-days), the horizon 14 days.
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

const { resident, staff, stationId, serviceId } = bookingPeople(() => server)
let keyN = 0
const key = () => ({ 'idempotency-key': `test-key-${Date.now()}-${keyN++}` })
const body = (svc: string, startsAt: string, over: Record<string, unknown> = {}) => ({
  serviceId: svc,
  startsAt,
  forWhom: 'proxy',
  personName: '王阿姨',
  relationship: '母亲',
  contactName: '小王',
  contactPhone: '13812345678',
  ...over,
})
const book = (c: Client, svc: string, startsAt: string, over: Record<string, unknown> = {}) =>
  c.post<Booking & { code?: string; field?: string; message?: string }>('/api/bookings', body(svc, startsAt, over), key())
const slotsOf = async (svc: string, q = '') =>
  (await api(server.url).get<{ service: BookableService; days: SlotDay[] }>(`/api/bookable/${svc}/slots${q}`)).body
const day = (days: SlotDay[], date: string) => days.find((d) => d.date === date)!

let psy: string // 民馨社区 心理疏导谈心: weekdays 09:00-11:00, 14:00-17:00, 60 minutes, one person
let visit: string
let minxin: Client
beforeAll(async () => {
  psy = await serviceId('BK-MX-PSY')
  visit = await serviceId('BK-MX-VISIT')
  minxin = await staff('minxin-liu')
})

describe(`slots on ${backend}`, () => {
  test('民馨社区 offers 心理疏导谈心 and 入户探访; 先进街道 its Saturday-morning 政策咨询', async () => {
    const mx = await api(server.url).get<{ items: BookableService[] }>(`/api/stations/${await stationId('DL-JP-XJ-MX')}/bookable`)
    expect(mx.status).toBe(200)
    expect(mx.body.items.map((s) => s.name).sort()).toEqual(['入户探访', '心理疏导谈心'])
    expect(mx.body.items.find((s) => s.name === '心理疏导谈心')).toMatchObject({
      kind: 'talk',
      category: 'psychological',
      capacity: 1,
      durationMinutes: 60,
    })
    const xj = await api(server.url).get<{ items: BookableService[] }>(`/api/stations/${await stationId('DL-JP-XJ')}/bookable`)
    const policy = xj.body.items.find((s) => s.name.startsWith('政策咨询'))!
    const days = (await slotsOf(policy.id)).days
    // Saturday mornings only (10-03 is 国庆节, so none that day), 09:00 … 11:00 every 30 minutes.
    const open = days.filter((d) => d.slots.length > 0)
    expect(open.length).toBeGreaterThan(0)
    for (const d of open) {
      expect(new Date(`${d.date}T00:00:00Z`).getUTCDay()).toBe(6)
      expect(d.slots).toHaveLength(5)
    }
    expect(day(days, '2026-10-03').slots).toEqual([])
  })

  test('from today to the horizon; today’s slots within the 2-hour cut-off are closed; 国庆节 has none and says why', async () => {
    const { days } = await slotsOf(psy)
    expect(days[0]!.date).toBe('2026-09-28')
    expect(days[days.length - 1]!.date).toBe('2026-10-12')
    expect(day(days, '2026-09-28').slots.map((s) => [s.startsAt, s.state])).toEqual([
      [at('2026-09-28', '09:00'), 'closed'],
      [at('2026-09-28', '10:00'), 'free'],
      [at('2026-09-28', '14:00'), 'free'],
      [at('2026-09-28', '15:00'), 'free'],
      [at('2026-09-28', '16:00'), 'free'],
    ])
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) {
      expect(day(days, d).slots).toEqual([])
      expect(day(days, d).note).toContain('国庆')
    }
  })

  test('a station closure removes its days’ slots', async () => {
    const mx = await stationId('DL-JP-XJ-MX')
    await server.db.query(
      `INSERT INTO station_exceptions (station_id, from_date, to_date, hours, reason) VALUES ($1, '2026-10-09', '2026-10-09', '[]', '社工外出培训')`,
      [mx],
    )
    const { days } = await slotsOf(psy)
    expect(day(days, '2026-10-09')).toMatchObject({ slots: [], note: '社工外出培训' })
    const res = await book(await resident(), psy, at('2026-10-09', '09:00'))
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' })
    expect(res.body.message).toContain('社工外出培训')
  })

  test('an unknown station, or one that closed, has no services to book: 404', async () => {
    const unknown = await api(server.url).get('/api/stations/00000000-0000-1000-8000-000000000000/bookable')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/\S/) })
    const mx = await stationId('DL-JP-XJ-MX')
    expect((await api(server.url).get(`/api/stations/${mx}/bookable`)).status).toBe(200)
    await server.db.query(`UPDATE stations SET closed_at = now(), closed_reason = '测试' WHERE id = $1`, [mx])
    try {
      expect((await api(server.url).get(`/api/stations/${mx}/bookable`)).status).toBe(404)
    } finally {
      await server.db.query('UPDATE stations SET closed_at = NULL, closed_reason = NULL WHERE id = $1', [mx])
    }
  })

  test('bad input: 4xx with a message, never a 500', async () => {
    const c = await resident()
    const cases: [string, Record<string, unknown>, number, string][] = [
      [at('2026-09-25', '09:00'), {}, 422, 'SLOT_UNAVAILABLE'], // in the past
      [at('2026-09-28', '09:00'), {}, 422, 'SLOT_UNAVAILABLE'], // within the cut-off
      [at('2026-10-19', '09:00'), {}, 422, 'SLOT_UNAVAILABLE'], // past the horizon
      [at('2026-10-02', '09:00'), {}, 422, 'SLOT_UNAVAILABLE'], // 国庆节
      [at('2026-09-29', '09:30'), {}, 422, 'SLOT_UNAVAILABLE'], // no such slot
      [at('2026-09-29', '09:00'), { contactPhone: '12345' }, 400, 'FIELD_INVALID'],
      [at('2026-09-29', '09:00'), { relationship: undefined }, 400, 'FIELD_INVALID'],
      [at('2026-09-29', '09:00'), { personName: '' }, 400, 'FIELD_INVALID'],
      [at('2026-09-29', '09:00'), { forWhom: 'neighbour' }, 400, 'FIELD_INVALID'],
      [at('2026-09-29', '09:00'), { startsAt: 'tomorrow' }, 400, 'FIELD_INVALID'],
      [at('2026-09-29', '09:00'), { serviceId: '00000000-0000-4000-8000-000000000000' }, 404, 'NOT_FOUND'],
      [at('2026-09-29', '09:00'), { extra: 1 }, 400, 'BAD_REQUEST'],
    ]
    for (const [startsAt, over, status, code] of cases) {
      const res = await book(c, psy, startsAt, over)
      expect([startsAt, over, res.status, res.body.code]).toEqual([startsAt, over, status, code])
      expect(typeof res.body.message).toBe('string')
    }
    expect((await c.post('/api/bookings', body(psy, at('2026-09-29', '09:00')))).status).toBe(400) // no Idempotency-Key
    expect((await api(server.url).get(`/api/bookable/${psy}/slots?from=2026-10-05&to=2026-10-01`)).status).toBe(400)
    expect((await api(server.url).get(`/api/bookable/${psy}/slots?from=2026-02-30`)).status).toBe(400)
    expect((await api(server.url).get('/api/bookable/not-a-uuid/slots')).status).toBe(400)
    // Nothing was booked by any of it.
    expect((await c.get<{ items: Booking[] }>('/api/bookings/mine')).body.items).toEqual([])
  })
})

describe(`booking on ${backend}`, () => {
  test('a daughter books a 心理疏导 talk for her mother; a retry with the same key gives the same booking; the slot shows as full', async () => {
    const daughter = await resident('女儿')
    const headers = key()
    const first = await daughter.post<Booking>('/api/bookings', body(psy, at('2026-09-29', '10:00')), headers)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      status: 'booked',
      forWhom: 'proxy',
      personName: '王阿姨',
      relationship: '母亲',
      contactPhone: '13812345678',
      canChange: true,
    })
    expect(first.body.station.name).toBe('民馨社区社会工作室')
    expect(first.body.changeDeadline).toBe(at('2026-09-29', '08:00'))
    const again = await daughter.post<Booking>('/api/bookings', body(psy, at('2026-09-29', '10:00')), headers)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    const reused = await daughter.post('/api/bookings', body(psy, at('2026-09-29', '14:00')), headers)
    expect(reused.status).toBe(422)
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED')

    const slot = day((await slotsOf(psy)).days, '2026-09-29').slots.find((s) => s.startsAt === at('2026-09-29', '10:00'))!
    expect(slot).toMatchObject({ state: 'full', taken: 1, capacity: 1 })
    const mine = await daughter.get<{ items: Booking[] }>('/api/bookings/mine')
    expect(mine.body.items.map((b) => b.id)).toEqual([first.body.id])
    // The confirmation waits in the outbox.
    const { rows } = await server.db.query<{ topic: string }>(`SELECT topic FROM outbox WHERE payload->>'bookingId' = $1`, [first.body.id])
    expect(rows.map((r) => r.topic)).toEqual(['booking_status'])
    // The phone is sealed at rest.
    const stored = await server.db.query<{ contact_phone: string }>('SELECT contact_phone FROM bookings WHERE id = $1', [first.body.id])
    expect(stored.rows[0]!.contact_phone).not.toContain('13812345678')
  })

  test('a full slot answers 409 with the next free slots; one person holds one booking per service per day', async () => {
    const a = await resident()
    expect((await book(a, psy, at('2026-09-30', '09:00'))).status).toBe(201)
    const b = await resident()
    const full = await book(b, psy, at('2026-09-30', '09:00'))
    expect(full.status).toBe(409)
    expect(full.body).toMatchObject({ code: 'SLOT_FULL', field: 'startsAt' })
    // The nearest free slots after the one wanted, named in the answer.
    expect(full.body.message).toBe('这个时段刚刚约满了，可以改约 9月30日 10:00、9月30日 14:00、9月30日 15:00')
    // … and as data, which the page offers as buttons.
    expect((full.body as unknown as SlotFullError).alternatives!.map((s) => [s.startsAt, s.state])).toEqual([
      [at('2026-09-30', '10:00'), 'free'],
      [at('2026-09-30', '14:00'), 'free'],
      [at('2026-09-30', '15:00'), 'free'],
    ])
    // The same mother, the same day, another time: refused; another person: fine.
    const twice = await book(a, psy, at('2026-09-30', '14:00'))
    expect(twice.status).toBe(409)
    expect(twice.body.code).toBe('ALREADY_BOOKED')
    expect((await book(a, psy, at('2026-09-30', '14:00'), { forWhom: 'self', personName: '小王', relationship: undefined })).status).toBe(
      201,
    )
  })

  test('200 residents book the last free slot at once: exactly one booking, the others 409 with alternatives', async () => {
    const residents = await Promise.all(Array.from({ length: 200 }, () => resident()))
    const target = at('2026-10-08', '16:00')
    const results = await Promise.all(
      residents.map((c, i) => book(c, psy, target, { personName: `居民${i}`, forWhom: 'self', relationship: undefined })),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(199)
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('SLOT_FULL')
      expect(r.body.message).toMatch(/^这个时段刚刚约满了，可以改约 10月\d+日 \d\d:\d\d/)
      const alternatives = (r.body as unknown as SlotFullError).alternatives!
      expect(alternatives).toHaveLength(3)
      expect(alternatives.every((s) => s.state === 'free' && s.startsAt !== target)).toBe(true)
    }
    const { rows } = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE service_id = $1 AND starts_at = $2 AND status <> 'cancelled'`,
      [psy, target],
    )
    expect(rows[0]!.n).toBe(1)
  })

  test('reschedule and cancel up to the cut-off; the freed slot can be booked again', async () => {
    const c = await resident()
    const made = (await book(c, psy, at('2026-10-12', '09:00'))).body
    const moved = await c.post<Booking>(`/api/bookings/${made.id}/reschedule`, { startsAt: at('2026-10-12', '10:00') })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ startsAt: at('2026-10-12', '10:00'), rescheduleReason: null })
    expect((await book(await resident(), psy, at('2026-10-12', '09:00'))).status).toBe(201)
    // After the cut-off (08:00 for a 10:00 talk): no more changes.
    now = cstInstant('2026-10-12', '08:01')
    const late = await c.post(`/api/bookings/${made.id}/reschedule`, { startsAt: at('2026-10-12', '14:00') })
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('BOOKING_STATE')
    expect((await c.post(`/api/bookings/${made.id}/cancel`)).status).toBe(409)
    now = START
    const cancelled = await c.post<Booking>(`/api/bookings/${made.id}/cancel`)
    expect(cancelled.body.status).toBe('cancelled')
    expect((await c.post(`/api/bookings/${made.id}/cancel`)).body.code).toBe('BOOKING_STATE')
  })

  test('races: a reschedule and a new booking for the same slot, a cancellation and bookings of the freed slot — never more than capacity', async () => {
    const targets = [at('2026-09-29', '14:00'), at('2026-09-29', '15:00'), at('2026-09-29', '16:00'), at('2026-09-30', '15:00')]
    for (const [i, target] of targets.entries()) {
      const x = await resident()
      const y = await resident()
      const held = (await book(x, psy, at('2026-10-12', '16:00'), { personName: `改期${i}` })).body
      const [moved, booked] = await Promise.all([
        x.post(`/api/bookings/${held.id}/reschedule`, { startsAt: target }),
        book(y, psy, target, { personName: `新约${i}` }),
      ])
      // Exactly one of them got the slot; the other was told it is full.
      expect([moved.status, booked.status].sort()).toEqual(moved.status === 200 ? [200, 409] : [201, 409])
      expect((moved.status === 200 ? booked : moved).body.code).toBe('SLOT_FULL')
      await x.post(`/api/bookings/${held.id}/cancel`)
      if (booked.status === 201) await y.post(`/api/bookings/${booked.body.id}/cancel`)
    }
    const owner = await resident()
    const slot = at('2026-10-12', '16:00')
    const held = (await book(owner, psy, slot, { personName: '先约' })).body
    const others = await Promise.all(Array.from({ length: 10 }, () => resident()))
    const [cancel, ...tries] = await Promise.all([
      owner.post(`/api/bookings/${held.id}/cancel`),
      ...others.map((c, i) => book(c, psy, slot, { personName: `抢${i}` })),
    ])
    expect(cancel.status).toBe(200)
    expect(tries.filter((r) => r.status === 201).length).toBeLessThanOrEqual(1)
    const { rows } = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE service_id = $1 AND starts_at = $2 AND status <> 'cancelled'`,
      [psy, slot],
    )
    expect(rows[0]!.n).toBeLessThanOrEqual(1)
    expect(rows[0]!.n).toBe(tries.filter((r) => r.status === 201).length)
  })

  test('for a member of 我的家人: the name and relationship come from the family list; another resident’s member is 404', async () => {
    const daughter = await resident('女儿')
    const member = await daughter.post<{ id: string }>('/api/me/family', { name: '王秀兰', birthDate: '1950-03-02', relationship: '母亲' })
    expect(member.status).toBe(201)
    // The name typed is not what counts: the member's is.
    const booked = await book(daughter, psy, at('2026-09-30', '16:00'), {
      forWhom: 'family',
      familyMemberId: member.body.id,
      personName: '随便',
      relationship: '随便',
    })
    expect(booked.status).toBe(201)
    expect(booked.body).toMatchObject({ forWhom: 'family', personName: '王秀兰', relationship: '母亲' })
    const stranger = await resident()
    const theirs = await book(stranger, psy, at('2026-09-30', '16:00'), { forWhom: 'family', familyMemberId: member.body.id })
    expect(theirs.status).toBe(404)
    expect(theirs.body.code).toBe('NOT_FOUND')
    const self = await book(daughter, psy, at('2026-09-30', '16:00'), { forWhom: 'self', familyMemberId: member.body.id })
    expect(self.status).toBe(400)
    expect(self.body.field).toBe('familyMemberId')
  })

  test('someone else’s booking: 404 for another resident and another station; 401 without a token', async () => {
    const owner = await resident()
    const b = (await book(owner, visit, at('2026-10-08', '13:30'))).body
    const other = await resident()
    expect((await other.get(`/api/bookings/${b.id}`)).status).toBe(404)
    expect((await other.post(`/api/bookings/${b.id}/cancel`)).status).toBe(404)
    expect((await other.post(`/api/bookings/${b.id}/reschedule`, { startsAt: at('2026-10-09', '13:30') })).status).toBe(404)
    // The day has come (a station login lasts 12 hours: log in on it).
    now = cstInstant('2026-10-08', '14:00')
    const xianjin = await staff('xianjin-li')
    expect((await xianjin.post(`/api/staff/bookings/${b.id}/attended`, {})).status).toBe(404)
    expect(
      (await xianjin.post(`/api/staff/bookings/${b.id}/reschedule`, { startsAt: at('2026-10-09', '13:30'), reason: '测试' })).status,
    ).toBe(404)
    expect((await other.post(`/api/staff/bookings/${b.id}/attended`, {})).status).toBe(403)
    expect((await api(server.url).post(`/api/bookings/${b.id}/cancel`)).status).toBe(401)
    expect((await owner.get<Booking>(`/api/bookings/${b.id}`)).body.status).toBe('booked')
  })
})

describe(`the station's side on ${backend}`, () => {
  test('day view, reschedule with a reason the resident sees, attended with a note, no-show', async () => {
    const daughter = await resident('女儿')
    const b = (await book(daughter, psy, at('2026-10-08', '09:00'))).body
    const dayView = await minxin.get<{ items: Booking[] }>('/api/staff/bookings?from=2026-10-08&to=2026-10-08')
    expect(dayView.status).toBe(200)
    expect(dayView.body.items.find((x) => x.id === b.id)).toMatchObject({
      personName: '王阿姨',
      contactPhone: '13812345678',
      staffNote: '',
    })
    const moved = await minxin.post<Booking>(`/api/staff/bookings/${b.id}/reschedule`, {
      startsAt: at('2026-10-08', '10:00'),
      reason: '刘社工上午要入户探访，改到十点',
    })
    expect(moved.status).toBe(200)
    const seen = (await daughter.get<Booking>(`/api/bookings/${b.id}`)).body
    expect(seen).toMatchObject({ startsAt: at('2026-10-08', '10:00'), rescheduleReason: '刘社工上午要入户探访，改到十点' })
    const topics = (
      await server.db.query<{ topic: string; status: string }>(
        `SELECT topic, payload->>'status' AS status FROM outbox WHERE payload->>'bookingId' = $1 ORDER BY id`,
        [b.id],
      )
    ).rows
    expect(topics.map((t) => t.status)).toEqual(['预约成功', '社工站已改期'])

    expect((await minxin.post(`/api/staff/bookings/${b.id}/attended`, { note: '谈了一小时' })).body.code).toBe('BOOKING_STATE') // not yet the day
    now = cstInstant('2026-10-08', '11:00')
    const sameDay = await staff('minxin-liu')
    const attended = await sameDay.post<Booking>(`/api/staff/bookings/${b.id}/attended`, { note: '谈了一小时，约下次' })
    expect(attended.body).toMatchObject({ status: 'attended', staffNote: '谈了一小时，约下次' })
    expect((await daughter.get<Booking>(`/api/bookings/${b.id}`)).body).toMatchObject({ status: 'attended', canChange: false })
    expect((await daughter.get<Booking>(`/api/bookings/${b.id}`)).body).not.toHaveProperty('staffNote')
    const missed = (await book(await resident(), psy, at('2026-10-08', '14:00'), { personName: '没来的人' })).body
    const noShow = await sameDay.post<Booking>(`/api/staff/bookings/${missed.id}/no-show`, { note: '电话未接通' })
    expect(noShow.body).toMatchObject({ status: 'no_show', staffNote: '电话未接通' })
    // A cancelled booking has no outcome.
    const gone = (await book(await resident(), psy, at('2026-10-08', '15:00'), { personName: '取消的人' })).body
    await server.db.query(`UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [gone.id])
    expect((await sameDay.post(`/api/staff/bookings/${gone.id}/attended`, {})).body.code).toBe('BOOKING_STATE')
  })

  test('a counter booking, a block and an extra opening', async () => {
    const counter = await minxin.post<Booking>('/api/staff/bookings', { ...body(visit, at('2026-10-12', '13:30')), channel: 'phone' })
    expect(counter.status).toBe(201)
    expect(counter.body).toMatchObject({ channel: 'phone', status: 'booked' })
    const block = await minxin.post('/api/staff/blocks', {
      kind: 'block',
      startsAt: at('2026-10-12', '14:00'),
      endsAt: at('2026-10-12', '16:00'),
      reason: '刘社工外出开会',
    })
    expect(block.status).toBe(201)
    // The block cancels nothing: the home visit booked 13:30–15:30 is still booked, and the station is shown it to move.
    expect(block.body.affectedBookings.map((b: Booking) => [b.id, b.status, b.personName])).toEqual([
      [counter.body.id, 'booked', counter.body.personName],
    ])
    expect(block.body.affectedBookings[0]).toHaveProperty('contactPhone', counter.body.contactPhone)
    expect((await server.db.query('SELECT status FROM bookings WHERE id = $1', [counter.body.id])).rows).toEqual([{ status: 'booked' }])
    // A block of another service leaves the visit out.
    const psyOnly = await minxin.post('/api/staff/blocks', {
      kind: 'block',
      serviceId: psy,
      startsAt: at('2026-10-12', '13:00'),
      endsAt: at('2026-10-12', '14:00'),
      reason: '心理疏导室维修',
    })
    expect(psyOnly.body.affectedBookings).toEqual([])
    const open = await minxin.post('/api/staff/blocks', {
      kind: 'open',
      serviceId: psy,
      startsAt: at('2026-10-12', '18:00'),
      endsAt: at('2026-10-12', '19:00'),
      reason: '下班后加开',
    })
    expect(open.status).toBe(201)
    expect(open.body.affectedBookings).toEqual([])
    const times = day((await slotsOf(psy)).days, '2026-10-12').slots.map((s) => s.startsAt)
    expect(times).not.toContain(at('2026-10-12', '14:00'))
    expect(times).not.toContain(at('2026-10-12', '15:00'))
    expect(times).toContain(at('2026-10-12', '18:00'))
    expect(
      (
        await minxin.post('/api/staff/blocks', {
          kind: 'open',
          startsAt: at('2026-10-12', '18:00'),
          endsAt: at('2026-10-12', '19:00'),
          reason: '缺服务',
        })
      ).body.field,
    ).toBe('serviceId')
    expect(
      (
        await minxin.post('/api/staff/blocks', {
          kind: 'block',
          startsAt: at('2026-10-12', '18:00'),
          endsAt: at('2026-10-12', '17:00'),
          reason: '反了',
        })
      ).body.field,
    ).toBe('endsAt')
  })

  test('services: a capacity of 0 and a length that does not divide the hours are refused; another station’s service is not found', async () => {
    const svc = { name: '政策咨询', kind: 'talk', category: 'policy', durationMinutes: 60, capacity: 1 }
    const zero = await minxin.post('/api/staff/bookable', { ...svc, capacity: 0 })
    expect(zero.status).toBe(400)
    expect(zero.body).toMatchObject({ code: 'FIELD_INVALID', field: 'capacity' })
    const odd = await minxin.post('/api/staff/bookable', { ...svc, durationMinutes: 45 })
    expect(odd.status).toBe(400)
    expect(odd.body).toMatchObject({ code: 'FIELD_INVALID', field: 'durationMinutes' })
    expect(odd.body.message).toContain('13:30-17:30')
    const created = await minxin.post<BookableService>('/api/staff/bookable', {
      ...svc,
      availability: [{ weekdays: [2, 4], open: '09:00', close: '11:00' }],
    })
    expect(created.status).toBe(201)
    const patched = await minxin.patch<BookableService>(`/api/staff/bookable/${created.body.id}`, { capacity: 2 })
    expect(patched.body.capacity).toBe(2)
    expect((await minxin.patch(`/api/staff/bookable/${created.body.id}`, { durationMinutes: 45 })).body.field).toBe('durationMinutes')
    const xianjin = await staff('xianjin-li')
    expect((await xianjin.patch(`/api/staff/bookable/${created.body.id}`, { capacity: 3 })).status).toBe(404)
    expect((await (await resident()).get('/api/staff/bookable')).status).toBe(403)
    const list = await minxin.get<{ items: BookableService[] }>('/api/staff/bookable')
    expect(list.body.items.map((s) => s.name)).toContain('政策咨询')
    const off = await minxin.patch<BookableService>(`/api/staff/bookable/${created.body.id}`, { active: false })
    expect(off.body.active).toBe(false)
    expect((await api(server.url).get(`/api/bookable/${created.body.id}/slots`)).status).toBe(404)
  })

  test('the day-before reminder goes through the outbox once', async () => {
    const c = await resident()
    expect((await book(c, psy, at('2026-10-12', '10:00'), { personName: '提醒' })).status).toBe(201)
    const { remindBookingsTomorrow } = await import('../../server/repositories/bookings')
    const sent = await server.db.transaction((tx) => remindBookingsTomorrow(tx, cstInstant('2026-10-11', '12:00')))
    expect(sent).toBeGreaterThanOrEqual(1)
    expect(await server.db.transaction((tx) => remindBookingsTomorrow(tx, cstInstant('2026-10-11', '12:00')))).toBe(0)
  })
})

describe(`the supervisors' report on ${backend}`, () => {
  test('bookings made, attended, no-show rate and cancellations per station, and in total', async () => {
    const mxId = await stationId('DL-JP-XJ-MX')
    const report = async () => {
      const jinpu = await staff('jinpu-zhao')
      const res = await jinpu.get<StationReport>('/api/staff/reports/stations?from=2026-09-01&to=2026-10-31')
      expect(res.status).toBe(200)
      return { row: res.body.items.find((r) => r.station.id === mxId)!, total: res.body.total }
    }
    const before = await report()
    const free = (await slotsOf(visit)).days.flatMap((d) => d.slots).filter((s) => s.state === 'free')
    const c = await resident()
    const kept = (await book(c, visit, free[0]!.startsAt, { personName: '报表甲' })).body
    const dropped = (await book(c, visit, free[1]!.startsAt, { personName: '报表乙' })).body
    expect((await c.post(`/api/bookings/${dropped.id}/cancel`)).status).toBe(200)
    // The kept one's day: the worker marks it attended.
    now = new Date(Date.parse(kept.endsAt) + 3600_000)
    const worker = await staff('minxin-liu')
    expect((await worker.post(`/api/staff/bookings/${kept.id}/attended`, {})).status).toBe(200)
    const after = await report()
    const delta = (k: 'bookingsMade' | 'bookingsAttended' | 'bookingsNoShow' | 'bookingsCancelled') => after.row[k] - before.row[k]
    expect([delta('bookingsMade'), delta('bookingsAttended'), delta('bookingsNoShow'), delta('bookingsCancelled')]).toEqual([2, 1, 0, 1])
    expect(after.total.bookingsMade - before.total.bookingsMade).toBe(2)
    expect(after.row.noShowRate).toBe(after.row.bookingsNoShow / (after.row.bookingsAttended + after.row.bookingsNoShow))
    // No names, nothing sensitive: only counts reach the supervisor.
    expect(JSON.stringify(after.row)).not.toContain('报表')
  })
})
