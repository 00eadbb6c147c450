/**
 * 预约服务, the counter and the station's cancel (in-process, on PGlite and
 * PostgreSQL, injected clock). A walk-in may take a slot within the residents'
 * cut-off (not one in the past, not beyond capacity), and the station's own
 * view of the slots shows those slots open. The station cancels a booking of
 * its own with a reason the resident reads in 我的预约 and is told through the
 * outbox (the export carries it, account deletion erases it); another
 * station's booking is 404, a cancelled, marked or past one 409.
 */
import type { Booking, SlotDay } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, selfBooking, type Answer, type Client } from './helpers/booking'
import { api, backend } from './helpers/server'

jest.setTimeout(300_000)

// Tuesday 2026-09-29, 09:30 in China: 民馨's 心理疏导谈心 (09:00-11:00, 14:00-17:00, 60 minutes, one person, 2-hour cut-off).
const START = cstInstant('2026-09-29', '09:30')
let now = START
const server = bookingServer(() => now)
afterEach(() => {
  now = START
})
const people = bookingPeople(server, '窗口居民')
const book = selfBooking('counter-cancel')

let psy: string
let minxin: Client
let xianjin: Client
beforeAll(async () => {
  psy = await people.serviceId('BK-MX-PSY')
  minxin = await people.staff('minxin-liu')
  xianjin = await people.staff('xianjin-li')
})

const walkIn = (startsAt: string, personName = '张大爷') =>
  minxin.post<Answer<Booking>>('/api/staff/bookings', {
    serviceId: psy,
    startsAt,
    channel: 'counter',
    forWhom: 'self',
    personName,
    contactName: personName,
    contactPhone: '13812345601',
  })
const stateAt = (days: SlotDay[], startsAt: string) => days.flatMap((d) => d.slots).find((s) => s.startsAt === startsAt)?.state

describe(`a walk-in within the cut-off on ${backend}`, () => {
  test('the counter books a talk starting in 30 minutes; a resident cannot; the station’s slots show it open, then full', async () => {
    const soon = at('2026-09-29', '10:00')
    const residentView = await api(server().url).get<{ days: SlotDay[] }>(`/api/bookable/${psy}/slots?from=2026-09-29&to=2026-09-29`)
    expect(stateAt(residentView.body.days, soon)).toBe('closed')
    const staffView = await minxin.get<{ days: SlotDay[] }>(`/api/staff/bookable/${psy}/slots?from=2026-09-29&to=2026-09-29`)
    expect(staffView.status).toBe(200)
    expect(stateAt(staffView.body.days, soon)).toBe('free')

    const refused = await book(await people.resident(), psy, soon)
    expect(refused.status).toBe(422)
    expect(refused.body.message).toContain('已过预约截止时间')

    const booked = await walkIn(soon)
    expect(booked.status).toBe(201)
    expect(booked.body).toMatchObject({ status: 'booked', channel: 'counter', startsAt: soon })
    const after = await minxin.get<{ days: SlotDay[] }>(`/api/staff/bookable/${psy}/slots?from=2026-09-29&to=2026-09-29`)
    expect(stateAt(after.body.days, soon)).toBe('full')
    // Capacity holds at the counter too, with the next free slots offered.
    const full = await walkIn(soon, '李大妈')
    expect(full.status).toBe(409)
    expect(full.body.code).toBe('SLOT_FULL')
    // Not in the past.
    const past = await walkIn(at('2026-09-29', '09:00'), '王大爷')
    expect(past.status).toBe(422)
    expect(past.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', message: expect.stringContaining('已经过去') })
  })

  test('the station’s slots: another station’s service is 404; a resident is 403', async () => {
    expect((await xianjin.get(`/api/staff/bookable/${psy}/slots`)).status).toBe(404)
    expect((await (await people.resident()).get(`/api/staff/bookable/${psy}/slots`)).status).toBe(403)
    const bad = await minxin.get(`/api/staff/bookable/${psy}/slots?from=2026-10-02&to=2026-10-01`)
    expect(bad.status).toBe(400)
  })
})

describe(`the station cancels a booking on ${backend}`, () => {
  test('with a reason the resident reads and is told; twice 409; another station 404; the slot is free again', async () => {
    const daughter = await people.resident('取消女儿')
    const slot = at('2026-09-30', '14:00')
    const b = await book(daughter, psy, slot)
    expect(b.status).toBe(201)

    expect((await xianjin.post(`/api/staff/bookings/${b.body.id}/cancel`, { reason: '别的站' })).status).toBe(404)
    const noReason = await minxin.post(`/api/staff/bookings/${b.body.id}/cancel`, { reason: '   ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body).toMatchObject({ field: 'reason', message: expect.stringMatching(/\S/) })
    expect((await minxin.post(`/api/staff/bookings/${b.body.id}/cancel`, {})).status).toBe(400)

    const cancelled = await minxin.post<Booking>(`/api/staff/bookings/${b.body.id}/cancel`, { reason: '刘社工临时外出，请改约其他时间' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '刘社工临时外出，请改约其他时间' })
    const mine = (await daughter.get<{ items: Booking[] }>('/api/bookings/mine')).body.items.find((x) => x.id === b.body.id)
    expect(mine).toMatchObject({ status: 'cancelled', cancelReason: '刘社工临时外出，请改约其他时间', canChange: false })
    const { rows } = await server().db.query<{ status: string; note: string }>(
      `SELECT payload->>'status' AS status, payload->>'note' AS note FROM outbox WHERE payload->>'bookingId' = $1 ORDER BY id`,
      [b.body.id],
    )
    expect(rows.map((r) => r.status)).toEqual(['预约成功', '社工站已取消'])
    expect(rows[1]!.note).toBe('刘社工临时外出，请改约其他时间'.slice(0, 20))

    const twice = await minxin.post<Answer<Booking>>(`/api/staff/bookings/${b.body.id}/cancel`, { reason: '再取消' })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ code: 'BOOKING_STATE', message: '这条预约已取消，不能再取消' })
    expect((await book(await people.resident(), psy, slot)).status).toBe(201)

    // The export carries the reason; deleting the account erases it with the booking's other words.
    const exported = await daughter.get<{ bookings: Booking[] }>('/api/me/export')
    expect(exported.body.bookings.find((x) => x.id === b.body.id)).toMatchObject({ cancelReason: '刘社工临时外出，请改约其他时间' })
    expect((await daughter.call('DELETE', '/api/me')).status).toBe(200)
    const kept = await server().db.query<{ cancel_reason: string | null }>('SELECT cancel_reason FROM bookings WHERE id = $1', [b.body.id])
    expect(kept.rows).toEqual([{ cancel_reason: null }])
  })

  test('a booking marked attended, or one already over, is 409', async () => {
    const b = await book(await people.resident(), psy, at('2026-09-29', '14:00'))
    expect(b.status).toBe(201)
    now = cstInstant('2026-09-29', '15:30')
    // A new sign-in at the new time (a staff session lasts hours).
    let desk = await people.staff('minxin-liu')
    const attended = await desk.post(`/api/staff/bookings/${b.body.id}/attended`, {})
    expect(attended.status).toBe(200)
    const marked = await desk.post<Answer<Booking>>(`/api/staff/bookings/${b.body.id}/cancel`, { reason: '取消' })
    expect(marked.status).toBe(409)
    expect(marked.body.message).toBe('这条预约已到场，不能取消')
    const over = await book(await people.resident(), psy, at('2026-09-30', '09:00'))
    expect(over.status).toBe(201)
    now = cstInstant('2026-09-30', '10:30')
    desk = await people.staff('minxin-liu')
    const late = await desk.post<Answer<Booking>>(`/api/staff/bookings/${over.body.id}/cancel`, { reason: '取消' })
    expect(late.status).toBe(409)
    expect(late.body).toMatchObject({ code: 'BOOKING_STATE', message: expect.stringContaining('已经过了') })
  })
})
