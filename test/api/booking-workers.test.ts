/**
 * 预约服务 per worker (in-process, on PGlite and PostgreSQL, injected clock):
 * a service's weekly windows each name a colleague; slots carry the worker and
 * are counted per worker; a booking without a worker takes any worker's free
 * place and one for a full worker is offered the other's at the same hour; a
 * worker's leave removes only their slots; the staff's day view names the
 * worker of each booking; a worker of another station, or a resident, is refused.
 */
import type { BookableService, Booking, BookingBlock } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, selfBooking, slotLines, talkService, utcTime, type Answer, type Client } from './helpers/booking'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; Tuesday 09-29 is an ordinary working day.
const START = cstInstant('2026-09-28', '08:00')
let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => START })
})
afterAll(() => server?.stop())

const { resident, staff, userId } = bookingPeople(() => server)
const book = selfBooking('worker-key')
const slotsOn = (serviceId: string, date: string) => slotLines(server.url, serviceId, date)

let head: Client
let li: string
let wang: string
let service: BookableService
const windows = () => [
  { weekdays: [2], open: '09:00', close: '11:00', workerId: li },
  { weekdays: [2], open: '10:00', close: '12:00', workerId: wang },
]

beforeAll(async () => {
  head = await staff('xianjin-head')
  li = await userId('xianjin-li')
  wang = await userId('xianjin-wang')
})

describe(`weekly availability per worker on ${backend}`, () => {
  test('a service’s windows name colleagues of the station; the service says who they are', async () => {
    const res = await head.post<Answer<BookableService>>('/api/staff/bookable', talkService(windows()))
    expect(res.status).toBe(201)
    service = res.body
    expect(service.availability).toEqual(windows())
    expect(service.workers).toEqual([
      { id: li, name: '李社工' },
      { id: wang, name: '王社工' },
    ])
    // Residents see the same workers on the station's list.
    const listed = await api(server.url).get<{ items: BookableService[] }>(`/api/stations/${service.station.id}/bookable`)
    expect(listed.body.items.find((s) => s.id === service.id)!.workers).toHaveLength(2)
  })

  test('a worker of another station, a resident or an unknown account is refused next to the windows; nothing is saved', async () => {
    const residentId = (await server.db.query<{ id: string }>("SELECT id FROM users WHERE role = 'resident' LIMIT 1")).rows[0]?.id
    const strangers = [await userId('minxin-liu'), '00000000-0000-4000-8000-000000000000', ...(residentId ? [residentId] : [])]
    for (const stranger of strangers) {
      const res = await head.post<Answer<BookableService>>(
        '/api/staff/bookable',
        talkService([{ weekdays: [3], open: '09:00', close: '10:00', workerId: stranger }]),
      )
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ code: 'FIELD_INVALID', field: 'availability' })
      const patch = await head.patch<Answer<BookableService>>(`/api/staff/bookable/${service.id}`, {
        availability: [...windows(), { weekdays: [3], open: '09:00', close: '10:00', workerId: stranger }],
      })
      expect(patch.status).toBe(400)
      expect(patch.body.field).toBe('availability')
    }
    const { rows } = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM bookable_services WHERE name = '个案面谈'")
    expect(rows[0]!.n).toBe(1)
  })

  test('slots carry their worker; two workers at 10:00 are two slots', async () => {
    expect(await slotsOn(service.id, '2026-09-29')).toEqual([
      `${utcTime('2026-09-29', '09:00')} 李社工 free`,
      `${utcTime('2026-09-29', '10:00')} 李社工 free`,
      `${utcTime('2026-09-29', '10:00')} 王社工 free`,
      `${utcTime('2026-09-29', '11:00')} 王社工 free`,
    ])
  })

  test('places are counted per worker: one for 李社工 at 10:00, then any, then the hour is full with other times offered', async () => {
    const ten = at('2026-09-29', '10:00')
    const first = await book(await resident(), service.id, ten, { workerId: li })
    expect(first.status).toBe(201)
    expect(first.body.worker).toEqual({ id: li, name: '李社工' })
    // 李社工 is taken at 10:00: the 409 offers 王社工 at the same hour first.
    const again = await book(await resident(), service.id, ten, { workerId: li })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('SLOT_FULL')
    expect(again.body.alternatives![0]).toMatchObject({ startsAt: ten, worker: { id: wang, name: '王社工' }, state: 'free' })
    // Without a worker asked for, the free place at 10:00 is 王社工's.
    const any = await book(await resident(), service.id, ten)
    expect(any.status).toBe(201)
    expect(any.body.worker).toEqual({ id: wang, name: '王社工' })
    const none = await book(await resident(), service.id, ten)
    expect(none.status).toBe(409)
    expect(none.body.alternatives!.every((a) => a.startsAt !== ten)).toBe(true)
    // A worker who has no window at that hour: the slot does not exist for them.
    const nine = await book(await resident(), service.id, at('2026-09-29', '09:00'), { workerId: wang })
    expect(nine.status).toBe(422)
    expect(nine.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' })
    expect(await slotsOn(service.id, '2026-09-29')).toEqual([
      `${utcTime('2026-09-29', '09:00')} 李社工 free`,
      `${utcTime('2026-09-29', '10:00')} 李社工 full`,
      `${utcTime('2026-09-29', '10:00')} 王社工 full`,
      `${utcTime('2026-09-29', '11:00')} 王社工 free`,
    ])
  })

  test('a resident moving a booking keeps its worker where the new hour has them, and shows who receives', async () => {
    const c = await resident()
    const made = await book(c, service.id, at('2026-10-13', '09:00'), { workerId: li })
    // 10-13 is past the horizon (14 days from 09-28): refused, nothing booked.
    expect(made.status).toBe(422)
    const ok = await book(c, service.id, at('2026-09-29', '09:00'))
    expect(ok.body.worker!.id).toBe(li)
    const moved = await c.post<Answer<Booking>>(`/api/bookings/${ok.body.id}/reschedule`, { startsAt: at('2026-09-29', '11:00') })
    expect(moved.status).toBe(200)
    // Only 王社工 receives at 11:00.
    expect(moved.body.worker).toEqual({ id: wang, name: '王社工' })
    const mine = await c.get<{ items: Booking[] }>('/api/bookings/mine')
    expect(mine.body.items[0]!.worker).toEqual({ id: wang, name: '王社工' })
  })

  test('王社工’s leave removes only his slots; a block naming another station’s worker is refused', async () => {
    const leave = await head.post<Answer<BookingBlock>>('/api/staff/blocks', {
      kind: 'block',
      workerId: wang,
      startsAt: at('2026-09-29', '11:00'),
      endsAt: at('2026-09-29', '12:00'),
      reason: '王社工外出',
    })
    expect(leave.status).toBe(201)
    expect(leave.body).toMatchObject({ workerId: wang, serviceId: null })
    const slots = await slotsOn(service.id, '2026-09-29')
    expect(slots.some((s) => s.includes('王社工') && s.startsWith(utcTime('2026-09-29', '11:00')))).toBe(false)
    expect(slots.some((s) => s.includes('李社工'))).toBe(true)
    const stranger = await head.post<Answer<BookingBlock>>('/api/staff/blocks', {
      kind: 'block',
      workerId: await userId('minxin-liu'),
      startsAt: at('2026-09-30', '09:00'),
      endsAt: at('2026-09-30', '10:00'),
      reason: '请假',
    })
    expect(stranger.status).toBe(400)
    expect(stranger.body).toMatchObject({ code: 'FIELD_INVALID', field: 'workerId' })
  })

  test('the staff’s day view names each booking’s worker; another station sees none of them', async () => {
    const day = await (await staff('xianjin-li')).get<{ items: Booking[] }>('/api/staff/bookings?from=2026-09-29&to=2026-09-29')
    expect(day.status).toBe(200)
    const ours = day.body.items.filter((b) => b.service.id === service.id && b.status === 'booked')
    expect(ours.map((b) => b.worker?.name).sort()).toEqual(['李社工', '王社工', '王社工'])
    const other = await (await staff('minxin-liu')).get<{ items: Booking[] }>('/api/staff/bookings?from=2026-09-29&to=2026-09-29')
    expect(other.body.items.some((b) => b.service.id === service.id)).toBe(false)
  })

  test('the station moves a booking to the other worker at the same hour by naming them', async () => {
    const c = await resident()
    // 李社工's 09:00 is free again: the booking there moved to 11:00.
    const made = await book(c, service.id, at('2026-09-29', '09:00'))
    expect(made.status).toBe(201)
    expect(made.body.worker!.id).toBe(li)
    const desk = await staff('xianjin-head')
    const toWang = await desk.post<Answer<Booking>>(`/api/staff/bookings/${made.body.id}/reschedule`, {
      startsAt: at('2026-09-29', '09:00'),
      workerId: wang,
      reason: '李社工临时外出',
    })
    // 王社工 has no window at 09:00.
    expect(toWang.status).toBe(422)
    const toTen = await desk.post<Answer<Booking>>(`/api/staff/bookings/${made.body.id}/reschedule`, {
      startsAt: at('2026-09-29', '10:00'),
      workerId: wang,
      reason: '改由王社工接待',
    })
    // 王社工 is full at 10:00.
    expect(toTen.status).toBe(409)
    expect(toTen.body.code).toBe('SLOT_FULL')
  })
})
