/**
 * 预约服务: a pick from a help request's proposal takes the station's booking
 * lock as every booking does (in-process, on PGlite and PostgreSQL, injected
 * clock). One worker receives in two services of the station; residents pick
 * the proposed times of one service while others book the overlapping hours
 * of the other, all at once: the worker is never booked twice for one hour.
 */
import type { BookableService, HelpRequest } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import {
  at,
  bookingPeople,
  bookingServer,
  choose,
  familyRequest,
  propose,
  selfBooking,
  talkService,
  type Answer,
  type Client,
} from './helpers/booking'
import { backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; Wednesday 09-30 is a working day.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const people = bookingPeople(server, '锁居民')
const book = selfBooking('proposal-station-lock')

let liDesk: Client
let li: string
let talk: BookableService
let consult: BookableService
beforeAll(async () => {
  const head = await people.staff('xianjin-head')
  liDesk = await people.staff('xianjin-li')
  li = await people.userId('xianjin-li')
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

describe(`a proposal's pick and the station's lock on ${backend}`, () => {
  test('picks of 心理疏导 times and bookings of 政策咨询 at overlapping hours at once: 李社工 is never booked twice for one hour', async () => {
    const day = '2026-09-30'
    const xianjin = await people.stationId('DL-JP-XJ')
    const hours = ['09:00', '10:00', '11:00']
    // A daughter's request for each hour, 李社工 proposing that hour of 心理疏导.
    const picks: { c: Client; r: HelpRequest; proposalId: string; startsAt: string }[] = []
    for (const [i, hour] of hours.entries()) {
      const c = await people.resident(`锁女儿${i}`)
      const r = await familyRequest(c, xianjin, `锁母亲${i}`, `proposal-station-lock-request-${i}`)
      const proposed = await propose(liDesk, r.id, { serviceId: talk.id, times: [at(day, hour)] })
      expect(proposed.status).toBe(201)
      expect(proposed.body.items[0]!.worker).toEqual({ id: li, name: '李社工' })
      picks.push({ c, r, proposalId: proposed.body.items[0]!.id, startsAt: at(day, hour) })
    }
    // Each 政策咨询 half hour overlaps two of the proposed hours.
    const bookers = await Promise.all(Array.from({ length: 9 }, () => people.resident()))
    const answers = await Promise.all([
      ...picks.map((p) => choose(p.c, p.r.id, p.proposalId, p.startsAt)),
      ...bookers.map((c, i) => book(c, consult.id, at(day, ['09:30', '10:30', '11:30'][i % 3]!))),
    ])
    expect(answers.filter((a) => ![201, 409].includes(a.status))).toEqual([])
    const { rows } = await server().db.query<{ starts_at: Date; ends_at: Date }>(
      `SELECT starts_at, ends_at FROM bookings
        WHERE service_id = ANY ($1::uuid[]) AND worker_id = $2 AND status = 'booked' ORDER BY starts_at`,
      [[talk.id, consult.id], li],
    )
    expect(rows.length).toBeGreaterThan(0)
    for (let i = 1; i < rows.length; i++)
      expect(new Date(rows[i]!.starts_at).getTime()).toBeGreaterThanOrEqual(new Date(rows[i - 1]!.ends_at).getTime())
  })
})
