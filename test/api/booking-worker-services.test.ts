/**
 * 预约服务: one worker who receives in two services of the station (in-process,
 * on PGlite and PostgreSQL, injected clock) is one person. A booking in one
 * service takes that worker's overlapping slots in the other: they show as
 * full, booking one is 409 SLOT_FULL with the next free times, and cancelling
 * gives them back. Residents booking both services at the same
 * hour at once get one booking, never two for the same worker.
 */
import type { BookableService } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, selfBooking, slotLines, talkService, utcTime, type Answer } from './helpers/booking'
import { backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; Tuesday 09-29 and Wednesday 09-30 are working days.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)

const { resident, staff, userId } = bookingPeople(server, '两项服务')
const book = selfBooking('two-services')
const slotsOn = (serviceId: string, date: string) => slotLines(server().url, serviceId, date)

let talk: BookableService
let consult: BookableService

beforeAll(async () => {
  const head = await staff('xianjin-head')
  const li = await userId('xianjin-li')
  // 李社工 receives 心理疏导 on the hour and 政策咨询 on the half hour, Tuesdays and Wednesdays.
  const created = await Promise.all([
    head.post<Answer<BookableService>>(
      '/api/staff/bookable',
      talkService([{ weekdays: [2, 3], open: '09:00', close: '12:00', workerId: li }]),
    ),
    head.post<Answer<BookableService>>(
      '/api/staff/bookable',
      talkService([{ weekdays: [2, 3], open: '09:30', close: '12:30', workerId: li }], { name: '政策咨询', category: 'policy' }),
    ),
  ])
  for (const res of created) expect(res.status).toBe(201)
  talk = created[0]!.body
  consult = created[1]!.body
})

describe(`one worker in two services on ${backend}`, () => {
  test('a booking in one service fills the worker’s overlapping slots in the other; cancelling frees them', async () => {
    const day = '2026-09-29'
    expect(await slotsOn(consult.id, day)).toEqual([
      `${utcTime(day, '09:30')} 李社工 free`,
      `${utcTime(day, '10:30')} 李社工 free`,
      `${utcTime(day, '11:30')} 李社工 free`,
    ])
    const me = await resident()
    const first = await book(me, talk.id, at(day, '10:00'))
    expect(first.status).toBe(201)

    // 10:00–11:00 in 心理疏导 overlaps 09:30–10:30 and 10:30–11:30 in 政策咨询.
    expect(await slotsOn(consult.id, day)).toEqual([
      `${utcTime(day, '09:30')} 李社工 full`,
      `${utcTime(day, '10:30')} 李社工 full`,
      `${utcTime(day, '11:30')} 李社工 free`,
    ])
    const other = await resident()
    const refused = await book(other, consult.id, at(day, '10:30'))
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('SLOT_FULL')
    expect(refused.body.alternatives![0]).toMatchObject({ startsAt: at(day, '11:30'), state: 'free' })
    // The service's own slots are untouched by it.
    expect(await slotsOn(talk.id, day)).toEqual([
      `${utcTime(day, '09:00')} 李社工 free`,
      `${utcTime(day, '10:00')} 李社工 full`,
      `${utcTime(day, '11:00')} 李社工 free`,
    ])

    expect((await me.post(`/api/bookings/${first.body.id}/cancel`)).status).toBe(200)
    expect((await slotsOn(consult.id, day)).every((x) => x.endsWith('free'))).toBe(true)
    expect((await book(other, consult.id, at(day, '10:30'))).status).toBe(201)
  })

  test('residents booking both services at the same hour at once: one booking for the worker, the rest 409', async () => {
    const day = '2026-09-30'
    const people = await Promise.all(Array.from({ length: 16 }, () => resident()))
    // 09:00–10:00 in 心理疏导 and 09:30–10:30 in 政策咨询 overlap: only one of them can have 李社工.
    const answers = await Promise.all(
      people.map((c, i) => (i % 2 === 0 ? book(c, talk.id, at(day, '09:00')) : book(c, consult.id, at(day, '09:30')))),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'SLOT_FULL')).toBe(true)
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([])
    const { rows } = await server().db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE service_id = ANY ($1::uuid[]) AND status = 'booked' AND starts_at < $3 AND ends_at > $2`,
      [[talk.id, consult.id], at(day, '09:00'), at(day, '10:30')],
    )
    expect(rows[0]!.n).toBe(1)
  })
})
