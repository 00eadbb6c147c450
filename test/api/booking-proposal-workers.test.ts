/**
 * Booking from a help request when a service's availability is per worker
 * (in-process, on PGlite and PostgreSQL, injected clock). A proposal is one
 * worker's — the proposing worker's when the service's windows name them, or
 * the one named — and offers only times that worker is free (not booked, not
 * on leave); the pick books that worker's place under the service's lock, so
 * no worker is booked twice for one hour; a time the worker lost meanwhile
 * shows as full and is refused. Without a worker (the head), any worker's free
 * place, as a booking without one.
 */
import type { BookableService, Booking, BookingBlock, BookingProposal, HelpRequest, SlotDay, SlotFullError } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, choose, familyRequest, propose, talkService, type Answer, type Client } from './helpers/booking'
import { api, backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; Tuesday 09-29 and Wednesday 09-30 are working days.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const people = bookingPeople(server, '提议居民')
type Proposals = { items: BookingProposal[] }

let head: Client
let liDesk: Client
let li: string
let wang: string
let xianjin: string
let talk: BookableService
let visit: BookableService
beforeAll(async () => {
  head = await people.staff('xianjin-head')
  liDesk = await people.staff('xianjin-li')
  li = await people.userId('xianjin-li')
  wang = await people.userId('xianjin-wang')
  xianjin = await people.stationId('DL-JP-XJ')
  // 李社工 receives Tuesday and Wednesday 09:00–12:00, 王社工 10:00–12:00: at 10:00 and 11:00 two slots, one place each.
  const created = await head.post<Answer<BookableService>>(
    '/api/staff/bookable',
    talkService([
      { weekdays: [2, 3], open: '09:00', close: '12:00', workerId: li },
      { weekdays: [2, 3], open: '10:00', close: '12:00', workerId: wang },
    ]),
  )
  expect(created.status).toBe(201)
  talk = created.body
  const home = await head.post<Answer<BookableService>>(
    '/api/staff/bookable',
    talkService([{ weekdays: [2, 3], open: '14:00', close: '16:00', workerId: li }], { name: '上门探访', kind: 'home_visit' }),
  )
  expect(home.status).toBe(201)
  visit = home.body
})

let keyN = 0
/** A daughter's request for her mother, to 先进街道社工站. */
const requestForMother = (c: Client, mother: string): Promise<HelpRequest> =>
  familyRequest(c, xianjin, mother, `proposal-worker-key-${keyN++}-abcdef`)
const book = async (serviceId: string, startsAt: string, workerId: string) =>
  (await people.resident()).post<Answer<Booking> & Partial<SlotFullError>>(
    '/api/bookings',
    { serviceId, startsAt, workerId, forWhom: 'self', personName: `别人${keyN}`, contactName: '别人', contactPhone: '13812340000' },
    { 'idempotency-key': `proposal-worker-booking-${keyN++}-abcdef` },
  )
const leave = (workerId: string, date: string, from: string, to: string) =>
  head.post<Answer<BookingBlock>>('/api/staff/blocks', {
    kind: 'block',
    workerId,
    startsAt: at(date, from),
    endsAt: at(date, to),
    reason: '外出培训',
  })
/** 「10:00 李社工 full」 for each slot of the talk on a date. */
const slotsOn = async (date: string) => {
  const res = await api(server().url).get<{ days: SlotDay[] }>(`/api/bookable/${talk.id}/slots?from=${date}&to=${date}`)
  return res.body.days[0]!.slots.map(
    (s) => `${new Date(Date.parse(s.startsAt) + 8 * 3600_000).toISOString().slice(11, 16)} ${s.worker?.name} ${s.state}`,
  )
}

describe(`proposals of a per-worker service on ${backend}`, () => {
  test('the proposing worker’s times: one 王社工 holds is still 李社工’s to offer; the pick books 李社工, who is then full', async () => {
    // 王社工 is booked at Tuesday 10:00; 李社工 is free then.
    expect((await book(talk.id, at('2026-09-29', '10:00'), wang)).status).toBe(201)
    const daughter = await people.resident('女儿一')
    const r = await requestForMother(daughter, '张秀兰')
    const proposed = await propose(liDesk, r.id, { serviceId: talk.id, times: [at('2026-09-29', '10:00')] })
    expect(proposed.status).toBe(201)
    const p = proposed.body.items[0]!
    expect(p.worker).toEqual({ id: li, name: '李社工' })
    expect(p.times.map((t) => t.state)).toEqual(['free'])
    const picked = await choose(daughter, r.id, p.id, at('2026-09-29', '10:00'))
    expect(picked.status).toBe(201)
    expect(picked.body.worker).toEqual({ id: li, name: '李社工' })
    // 李社工's place at 10:00 is taken: no one books him again for that hour.
    const twice = await book(talk.id, at('2026-09-29', '10:00'), li)
    expect(twice.status).toBe(409)
    expect(twice.body.code).toBe('SLOT_FULL')
    expect((await slotsOn('2026-09-29')).filter((s) => s.startsWith('10:00'))).toEqual(['10:00 李社工 full', '10:00 王社工 full'])
    const { rows } = await server().db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE service_id = $1 AND starts_at = $2 AND worker_id = $3 AND status = 'booked'`,
      [talk.id, at('2026-09-29', '10:00'), li],
    )
    expect(rows[0]!.n).toBe(1)
  })

  test('a time the worker is booked or on leave is not offered, though another worker is free then', async () => {
    const r = await requestForMother(await people.resident(), '王桂芳')
    // 李社工 is booked at Tuesday 10:00 (above); 王社工 is free at 11:00, 李社工 on leave 11:00–12:00.
    expect((await leave(li, '2026-09-29', '11:00', '12:00')).status).toBe(201)
    const booked = await propose(liDesk, r.id, { serviceId: talk.id, times: [at('2026-09-29', '10:00')] })
    expect(booked.status).toBe(400)
    expect(booked.body).toMatchObject({ code: 'FIELD_INVALID', field: 'times', message: expect.stringContaining('李社工已经约满了') })
    const away = await propose(liDesk, r.id, { serviceId: talk.id, times: [at('2026-09-29', '11:00')] })
    expect(away.status).toBe(422)
    expect(away.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'times' })
    // A home visit at a time off the grid (16:00), while he is on leave: refused too.
    expect((await leave(li, '2026-09-29', '16:00', '18:00')).status).toBe(201)
    const visitAway = await propose(liDesk, r.id, { serviceId: visit.id, times: [at('2026-09-29', '16:30')] })
    expect(visitAway.status).toBe(400)
    expect(visitAway.body).toMatchObject({ code: 'FIELD_INVALID', field: 'times', message: expect.stringContaining('外出培训') })
    const { rows } = await server().db.query('SELECT 1 FROM booking_proposals WHERE request_id = $1', [r.id])
    expect(rows).toEqual([])
  })

  test('a time the worker loses after the proposal shows as full, and the pick is refused with the rest offered', async () => {
    const daughter = await people.resident('女儿三')
    const r = await requestForMother(daughter, '赵玉兰')
    const times = [at('2026-09-30', '09:00'), at('2026-09-30', '10:00'), at('2026-09-30', '11:00')]
    const p = (await propose(liDesk, r.id, { serviceId: talk.id, times })).body.items[0]!
    expect(p.times.map((t) => t.state)).toEqual(['free', 'free', 'free'])
    // Meanwhile 李社工 is booked at 10:00 and goes out 11:00–12:00 (王社工 stays free at both hours).
    expect((await book(talk.id, at('2026-09-30', '10:00'), li)).status).toBe(201)
    expect((await leave(li, '2026-09-30', '11:00', '12:00')).status).toBe(201)
    const seen = (await daughter.get<Proposals>(`/api/requests/${r.id}/booking-proposals`)).body.items[0]!
    expect(seen.times.map((t) => t.state)).toEqual(['free', 'full', 'full'])
    const full = await choose(daughter, r.id, p.id, at('2026-09-30', '10:00'))
    expect(full.status).toBe(409)
    expect(full.body).toMatchObject({ code: 'SLOT_FULL', field: 'startsAt' })
    expect(full.body.alternatives!.map((a) => [a.startsAt, a.worker?.id])).toEqual([[at('2026-09-30', '09:00'), li]])
    const away = await choose(daughter, r.id, p.id, at('2026-09-30', '11:00'))
    expect(away.status).toBe(422)
    expect(away.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' })
    const { rows } = await server().db.query('SELECT 1 FROM bookings WHERE person_name = $1', ['赵玉兰'])
    expect(rows).toEqual([])
    const ok = await choose(daughter, r.id, p.id, at('2026-09-30', '09:00'))
    expect(ok.status).toBe(201)
    expect(ok.body.worker).toEqual({ id: li, name: '李社工' })
  })

  test('the head names the worker, or proposes for any worker with a place; a stranger as worker is refused', async () => {
    const daughter = await people.resident('女儿四')
    const r = await requestForMother(daughter, '钱淑珍')
    // 王社工 does not receive at 09:00.
    const notHis = await propose(head, r.id, { serviceId: talk.id, workerId: wang, times: [at('2026-09-30', '09:00')] })
    expect(notHis.status).toBe(422)
    expect(notHis.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'times' })
    const stranger = await propose(head, r.id, {
      serviceId: talk.id,
      workerId: await people.userId('minxin-liu'),
      times: [at('2026-09-30', '11:00')],
    })
    expect(stranger.status).toBe(400)
    expect(stranger.body).toMatchObject({ code: 'FIELD_INVALID', field: 'workerId' })
    const named = await propose(head, r.id, { serviceId: talk.id, workerId: wang, times: [at('2026-09-30', '11:00')] })
    expect(named.status).toBe(201)
    expect(named.body.items[0]!.worker).toEqual({ id: wang, name: '王社工' })
    const picked = await choose(daughter, r.id, named.body.items[0]!.id, at('2026-09-30', '11:00'))
    expect(picked.status).toBe(201)
    expect(picked.body.worker).toEqual({ id: wang, name: '王社工' })

    // Without a worker: any worker's free place — at Tuesday 11:00 only 王社工's (李社工 is on leave).
    const other = await people.resident('女儿五')
    const r2 = await requestForMother(other, '孙秀英')
    const anyone = await propose(head, r2.id, { serviceId: talk.id, times: [at('2026-09-29', '11:00')] })
    expect(anyone.status).toBe(201)
    expect(anyone.body.items[0]!.worker).toBeNull()
    const taken = await choose(other, r2.id, anyone.body.items[0]!.id, at('2026-09-29', '11:00'))
    expect(taken.status).toBe(201)
    expect(taken.body.worker).toEqual({ id: wang, name: '王社工' })
  })
})
