/**
 * A move re-checks who can book the service (in-process, on PGlite and
 * PostgreSQL, injected clock), as a new booking does: the person's age on the
 * new day (a child's age limit crossing a birthday) and the service's rules as
 * they are now (the station narrowed its age range since). Refused with 422
 * NOT_ELIGIBLE next to `startsAt`, for the resident's move and the station's
 * alike, and nothing moves. The birth date given when booking is sealed at
 * rest and erased with the booking's other personal fields.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { BookableService, Booking, FamilyMember } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, type Answer, type Client } from './helpers/booking'
import { backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; 国庆节 10-01 … 10-07, 10-08 a working day.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const people = bookingPeople(server, '改期居民')
const service = (over: Record<string, unknown>) => ({
  kind: 'talk',
  category: 'child_protection',
  durationMinutes: 60,
  capacity: 5,
  cutoffMinutes: 0,
  availability: [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00' }],
  ...over,
})

let head: Client
let children: BookableService // 儿童, 6–12 岁
let adults: BookableService // 所有人, no age range yet
beforeAll(async () => {
  head = await people.staff('xianjin-head')
  const a = await head.post<BookableService>(
    '/api/staff/bookable',
    service({ name: '儿童成长面谈', audience: 'children', minAge: 6, maxAge: 12 }),
  )
  expect(a.status).toBe(201)
  children = a.body
  const b = await head.post<BookableService>('/api/staff/bookable', service({ name: '家庭教育咨询', category: 'marriage_family' }))
  expect(b.status).toBe(201)
  adults = b.body
})

let keyN = 0
const book = (c: Client, serviceId: string, startsAt: string, over: Record<string, unknown>) =>
  c.post<Answer<Booking>>(
    '/api/bookings',
    { serviceId, startsAt, forWhom: 'self', personName: '王芳', contactName: '王芳', contactPhone: '13812345678', ...over },
    { 'idempotency-key': `move-age-key-${keyN++}` },
  )
const startsAtOf = async (id: string) =>
  new Date(
    (await server().db.query<{ starts_at: Date }>('SELECT starts_at FROM bookings WHERE id = $1', [id])).rows[0]!.starts_at,
  ).toISOString()

describe(`moving a booking re-checks who can book it on ${backend}`, () => {
  test('a child turning 13 on 10-05: moved within the week, not past the birthday — by the parent or by the station', async () => {
    const parent = await people.resident()
    const child = await parent.post<FamilyMember>('/api/me/family', {
      name: '小宇',
      birthDate: '2013-10-05',
      relationship: '儿子',
      childNoticeVersion: CHILD_NOTICE_VERSION,
    })
    expect(child.status).toBe(201)
    const made = await book(parent, children.id, at('2026-09-29', '09:00'), {
      forWhom: 'family',
      familyMemberId: child.body.id,
      personName: '小宇',
      relationship: '儿子',
    })
    expect(made.status).toBe(201)
    const within = await parent.post<Answer<Booking>>(`/api/bookings/${made.body.id}/reschedule`, { startsAt: at('2026-09-30', '10:00') })
    expect(within.status).toBe(200)
    const past = await parent.post<Answer<Booking>>(`/api/bookings/${made.body.id}/reschedule`, { startsAt: at('2026-10-08', '09:00') })
    expect(past.status).toBe(422)
    expect(past.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'startsAt' })
    expect(past.body.message).toContain('小宇预约当天 13 岁')
    const byStation = await head.post<Answer<Booking>>(`/api/staff/bookings/${made.body.id}/reschedule`, {
      startsAt: at('2026-10-09', '09:00'),
      reason: '社工外出培训',
    })
    expect(byStation.status).toBe(422)
    expect(byStation.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'startsAt' })
    expect(await startsAtOf(made.body.id)).toBe(at('2026-09-30', '10:00'))
  })

  test('the station narrowed the age range since: a move checks the rule as it is now; the birth date is sealed at rest', async () => {
    const c = await people.resident()
    const typed = { forWhom: 'proxy', personName: '李大爷', relationship: '父亲', birthDate: '1950-07-01' }
    const made = await book(c, adults.id, at('2026-09-29', '10:00'), typed)
    expect(made.status).toBe(201)
    const { rows } = await server().db.query<{ row: string; sealed: string | null }>(
      'SELECT row_to_json(b)::text AS row, person_birth_date AS sealed FROM bookings b WHERE id = $1',
      [made.body.id],
    )
    expect(rows[0]!.sealed).toBeTruthy()
    expect(rows[0]!.row).not.toContain('1950-07-01')
    // From now on 家庭教育咨询 is for 18–60.
    expect((await head.patch(`/api/staff/bookable/${adults.id}`, { minAge: 18, maxAge: 60 })).status).toBe(200)
    const moved = await c.post<Answer<Booking>>(`/api/bookings/${made.body.id}/reschedule`, { startsAt: at('2026-09-30', '10:00') })
    expect(moved.status).toBe(422)
    expect(moved.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'startsAt' })
    expect(moved.body.message).toContain('李大爷预约当天 76 岁')
    expect(await startsAtOf(made.body.id)).toBe(at('2026-09-29', '10:00'))
    // A booking that holds no birth date (made before one was kept) cannot be checked: the move says what to do.
    await server().db.query('UPDATE bookings SET person_birth_date = NULL WHERE id = $1', [made.body.id])
    const unknown = await c.post<Answer<Booking>>(`/api/bookings/${made.body.id}/reschedule`, { startsAt: at('2026-09-30', '10:00') })
    expect(unknown.status).toBe(422)
    expect(unknown.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'birthDate', message: expect.stringContaining('请取消后重新预约') })
  })

  test('deleting the account erases the birth date with the other personal fields', async () => {
    const c = await people.resident()
    const made = await book(c, children.id, at('2026-09-29', '10:00'), {
      forWhom: 'proxy',
      personName: '小雨',
      relationship: '孙女',
      birthDate: '2018-03-01',
    })
    expect(made.status).toBe(201)
    expect((await c.delete('/api/me')).status).toBe(200)
    const { rows } = await server().db.query<{ sealed: string | null }>('SELECT person_birth_date AS sealed FROM bookings WHERE id = $1', [
      made.body.id,
    ])
    expect(rows[0]!.sealed).toBeNull()
  })
})
