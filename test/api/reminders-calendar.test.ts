/**
 * The day-before reminders follow the calendar (issue 14): a booking on a day
 * the station is now closed — a holiday the admin entered after it was made,
 * or the station's own closure — is reminded with the reason, asking the
 * resident to contact the station; an activity's session is reminded as usual
 * on a holiday (it was planned on that date) and with the reason when the
 * station closes that day. Injected clock; PGlite and PostgreSQL.
 */
import type { ActivityBody } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at as when } from '../../server/context'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { createActivity } from '../../server/usecases/activities'
import { enroll } from '../../server/usecases/enrollments'
import { remindBookings, remindSessions } from '../../server/usecases/reminders'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; 国庆节 is 10-01 … 10-07.
const START = cstInstant('2026-09-28', '08:00')
let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => START })
})
afterAll(() => server?.stop())

const staff = async (username: string) => {
  const res = await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  expect(res.status).toBe(200)
  return api(server.url, res.body.token)
}
const idOf = async (table: string, code: string) =>
  (await server.db.query<{ id: string }>(`SELECT id FROM ${table} WHERE code = $1`, [code])).rows[0]!.id
const outbox = async (userId: string, topic: string) =>
  (
    await server.db.query<{ payload: Record<string, string> }>('SELECT payload FROM outbox WHERE user_id = $1 AND topic = $2 ORDER BY id', [
      userId,
      topic,
    ])
  ).rows.map((r) => r.payload)
let keys = 0
const book = async (nickname: string, startsAt: Date) => {
  const login = await api(server.url).post('/api/auth/dev', { nickname })
  const resident = api(server.url, login.body.token)
  const res = await resident.post(
    '/api/bookings',
    {
      serviceId: await idOf('bookable_services', 'BK-MX-PSY'),
      startsAt: startsAt.toISOString(),
      forWhom: 'self',
      personName: nickname,
      contactName: nickname,
      contactPhone: '13812345678',
    },
    { 'idempotency-key': `reminder-${Date.now()}-${keys++}-abcdef` },
  )
  expect(res.status).toBe(201)
  return login.body.user.id as string
}
const runBookings = (t: Date) => server.db.transaction((tx) => remindBookings(when(server.app.ctx, t), tx))
const runSessions = (t: Date) => server.db.transaction((tx) => remindSessions(when(server.app.ctx, t), tx))

describe(`day-before reminders and the calendar on ${backend}`, () => {
  test('bookings: a holiday entered later and the station’s own closure are said in the reminder; an open day is reminded as usual', async () => {
    // 民馨社区's 心理疏导谈心 (weekdays): Tuesday, Wednesday and the Thursday after 国庆.
    const tuesday = await book('周一约', cstInstant('2026-09-29', '10:00'))
    const wednesday = await book('周三约', cstInstant('2026-09-30', '10:00'))
    const thursday = await book('节后约', cstInstant('2026-10-08', '10:00'))

    // Then the city adds 09-29 to the holiday, and 民馨 closes on 09-30 for training.
    const city = await staff('dalian-admin')
    expect((await city.call('PUT', '/api/admin/calendar/2026-09-29', { kind: 'holiday', name: '国庆节' })).status).toBe(200)
    const admin = await staff('jinpu-admin')
    const minxin = await idOf('stations', 'DL-JP-XJ-MX')
    const closing = await admin.patch(`/api/admin/stations/${minxin}`, {
      exceptions: [{ from: '2026-09-30', to: '2026-09-30', hours: [], reason: '社工外出培训' }],
    })
    expect(closing.status).toBe(200)

    expect(await runBookings(cstInstant('2026-09-28', '11:00'))).toBe(1)
    expect(await outbox(tuesday, 'booking_reminder')).toEqual([
      expect.objectContaining({ closed: '国庆节休息', note: '当天国庆节休息，请联系站点' }),
    ])
    expect(await runBookings(cstInstant('2026-09-29', '11:00'))).toBe(1)
    expect(await outbox(wednesday, 'booking_reminder')).toEqual([
      expect.objectContaining({ closed: '社工外出培训', note: '当天社工外出培训，请联系站点' }),
    ])
    expect(await runBookings(cstInstant('2026-10-07', '11:00'))).toBe(1)
    const usual = await outbox(thursday, 'booking_reminder')
    expect(usual).toEqual([expect.objectContaining({ note: '节后约' })])
    expect(usual[0]).not.toHaveProperty('closed')
    // Once only.
    expect(await runBookings(cstInstant('2026-10-07', '11:30'))).toBe(0)
  })

  test('activities: a session on a holiday is reminded as usual; on a day the station closes, with the reason', async () => {
    const ctx = when(server.app.ctx, START)
    const station = await idOf('stations', 'DL-JP-XJ')
    const h = (date: string, time: string) => cstInstant(date, time).toISOString()
    const body: ActivityBody = {
      title: '中秋手工课',
      category: 'handicraft',
      audience: 'elderly',
      description: '做灯笼',
      place: '活动室',
      capacity: 5,
      opensAt: h('2026-09-28', '07:00'),
      closesAt: h('2026-09-28', '20:00'),
      cancelDeadline: h('2026-09-28', '20:00'),
      sessions: [
        { startsAt: h('2026-10-02', '10:00'), endsAt: h('2026-10-02', '11:00') },
        { startsAt: h('2026-10-09', '15:00'), endsAt: h('2026-10-09', '16:00') },
      ],
    }
    const id = await server.db.transaction((tx) => createActivity(ctx, tx, { stationId: station, createdBy: null, body }))
    const grandma = await upsertUserByOpenid(server.db, `o-reminder-${Math.random()}`, '赵奶奶')
    await server.db.transaction((tx) => enroll(ctx, tx, id, grandma.id, { name: '赵奶奶', contactPhone: '13812345678' }))
    const admin = await staff('jinpu-admin')
    const closing = await admin.patch(`/api/admin/stations/${station}`, {
      exceptions: [{ from: '2026-10-09', to: '2026-10-09', hours: [], reason: '街道停电检修' }],
    })
    expect(closing.status).toBe(200)

    expect(await runSessions(cstInstant('2026-10-01', '11:00'))).toBe(1)
    expect(await runSessions(cstInstant('2026-10-08', '16:00'))).toBe(1)
    const sent = await outbox(grandma.id, 'activity_reminder')
    expect(sent).toEqual([
      expect.objectContaining({ activity: '中秋手工课', note: '赵奶奶 · 活动室' }),
      expect.objectContaining({ closed: '街道停电检修', note: '当天街道停电检修，请联系站点' }),
    ])
    expect(sent[0]).not.toHaveProperty('closed')
  })
})
