/**
 * The retention job with an injected clock, on PGlite and PostgreSQL: a
 * closed request, the enrollments of a past activity and a past booking keep
 * their personal fields for the retention period, then lose them; open requests and upcoming
 * activities are never touched, and the rows stay as anonymous statistics. What staff wrote about
 * the person (回访 notes, a proposed booking time's note) goes with the request's words.
 */
import type { CreateRequestBody } from '../../contract/types'
import { openDatabase, type Database } from '../../server/db'
import { purgeExpired } from '../../server/repositories/account'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { seedDemoData } from '../../server/seed'
import { createActivity } from '../../server/usecases/activities'
import { enroll } from '../../server/usecases/enrollments'
import { bookAsResident } from '../../server/usecases/bookings'
import { cancelRequest, getRequest } from '../../server/usecases/requests'
import { at as when, submitAt, testContext, type AppContext } from './helpers/context'
import { backend, freshDatabase } from './helpers/server'

jest.setTimeout(120_000)

let db: Database
let ctx: AppContext
const T0 = new Date('2026-11-23T10:00:00+08:00')
const days = (d: number) => new Date(T0.getTime() + d * 86_400_000)
const RETENTION = 30

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await seedDemoData(db, T0)
  ctx = await testContext(db)
})
afterAll(() => db?.close())

const body: CreateRequestBody = {
  category: 'elderly_care',
  description: '保存期限测试：母亲需要助餐',
  requester: 'family',
  helped: { name: '保存期限王奶奶', relationship: '母亲', phone: '13900002222', address: '保存期限路1号', consent: true },
  contactName: '保存期限李女士',
  contactPhone: '13900003333',
  urgency: 'normal',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
}

describe(`retention on ${backend}`, () => {
  test('a cancelled request is purged after the retention period; an open one never; enrollments after the activity ended', async () => {
    const user = await upsertUserByOpenid(db, 'o-retention', '居民')
    const closed = await submitAt(ctx, user.id, body, T0)
    await cancelRequest(when(ctx, days(1)), closed.id, user.id)
    const open = await submitAt(ctx, user.id, body, T0)

    const station = (await db.query<{ id: string }>(`SELECT id FROM stations WHERE code = 'DL-PLD-TP'`)).rows[0]!.id
    const at = (d: number, h = 9) => new Date(days(d).getTime() + (h - 10) * 3600_000).toISOString()
    const lecture = await db.transaction((tx) =>
      createActivity(when(ctx, T0), tx, {
        stationId: station,
        createdBy: null,
        body: {
          title: '保存期限讲座',
          category: 'health',
          audience: 'elderly',
          description: '测试',
          place: '活动室',
          capacity: 10,
          opensAt: at(0, 9),
          closesAt: at(2),
          cancelDeadline: at(2),
          sessions: [{ startsAt: at(3), endsAt: at(3, 11) }],
        },
      }),
    )
    const e = await db.transaction((tx) =>
      enroll(when(ctx, T0), tx, lecture, user.id, { name: '保存期限赵爷爷', contactPhone: '13900004444' }),
    )
    expect(e.enrollment.status).toBe('confirmed')
    // A booking of 民馨's 心理疏导谈心 the next afternoon, for the resident's mother.
    const psy = (await db.query<{ id: string }>(`SELECT id FROM bookable_services WHERE code = 'BK-MX-PSY'`)).rows[0]!.id
    const bookingId = await db.transaction((tx) =>
      bookAsResident(when(ctx, T0), tx, user.id, {
        serviceId: psy,
        startsAt: new Date('2026-11-24T14:00:00+08:00').toISOString(),
        forWhom: 'proxy',
        personName: '保存期限王奶奶',
        relationship: '母亲',
        contactName: '保存期限李女士',
        contactPhone: '13900003333',
        note: '保存期限：老人听力不好',
      }),
    )
    // The station moved it once, with a reason that names the person (written straight in: only its erasure is tested here).
    await db.query(`UPDATE bookings SET reschedule_reason = '保存期限王奶奶住院，改到下周' WHERE id = $1`, [bookingId])

    // What staff wrote about the closed request's family: a 回访 call's note and a proposed booking time's note.
    // (Written straight into the tables: only their erasure is tested here.)
    const followUp = (
      await db.query<{ id: string }>(
        `INSERT INTO follow_ups (request_id, station_id, resolution, resolved_at, due_at) SELECT id, station_id, 1, $2, $2 FROM help_requests WHERE id = $1 RETURNING id`,
        [closed.id, days(1)],
      )
    ).rows[0]!.id
    await db.query(`INSERT INTO follow_up_attempts (follow_up_id, reached, note, at) VALUES ($1, false, '保存期限王奶奶说腿疼', $2)`, [
      followUp,
      days(2),
    ])
    await db.query(
      `INSERT INTO booking_proposals (request_id, service_id, station_id, times, note, created_at, expires_at)
       SELECT id, $2, station_id, ARRAY[$3::timestamptz], '保存期限：请李女士陪同', $4, $3 FROM help_requests WHERE id = $1`,
      [closed.id, psy, days(3), days(1)],
    )

    // Within the period nothing changes.
    expect(await db.transaction((tx) => purgeExpired(tx, days(RETENTION), RETENTION))).toEqual({ requests: 0, enrollments: 0, bookings: 0 })
    // After it: the closed request and the past enrollment; once.
    expect(await db.transaction((tx) => purgeExpired(tx, days(RETENTION + 4), RETENTION))).toEqual({
      requests: 1,
      enrollments: 1,
      bookings: 1,
    })
    expect(await db.transaction((tx) => purgeExpired(tx, days(RETENTION + 5), RETENTION))).toEqual({
      requests: 0,
      enrollments: 0,
      bookings: 0,
    })

    const purged = (await getRequest(ctx, db, closed.id, { internal: true }))!
    expect(purged).toMatchObject({
      status: 'cancelled',
      category: 'elderly_care',
      contactPhone: '',
      address: '',
      location: null,
      description: '（已超过保存期限，内容已删除）',
    })
    expect(purged.area).toEqual({ province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道' })
    expect(JSON.stringify(purged)).not.toMatch(/保存期限(王奶奶|李女士|路)|1390000/)
    expect(purged.events.map((ev) => ev.type)).toEqual(['submitted', 'cancelled'])

    const notes = await db.query<{ note: string }>(
      `SELECT a.note FROM follow_up_attempts a JOIN follow_ups f ON f.id = a.follow_up_id WHERE f.request_id = $1
       UNION ALL SELECT note FROM booking_proposals WHERE request_id = $1`,
      [closed.id],
    )
    expect(notes.rows).toEqual([{ note: '' }, { note: '' }])

    const stillOpen = (await getRequest(ctx, db, open.id, { internal: true }))!
    expect(stillOpen.contactName).toBe('保存期限李女士')
    const { rows } = await db.query<{ participant_name: string; contact_phone: string; status: string }>(
      'SELECT participant_name, contact_phone, status FROM enrollments WHERE id = $1',
      [e.enrollment.id],
    )
    expect(rows[0]).toEqual({ participant_name: '', contact_phone: '', status: 'confirmed' })
    // The booking stays as a statistic (service, time, status), with nothing that points to a person.
    const booking = await db.query('SELECT * FROM bookings WHERE id = $1', [bookingId])
    expect(booking.rows[0]).toMatchObject({ service_id: psy, status: 'booked', user_id: null, contact_phone: null, note: '' })
    expect(JSON.stringify(booking.rows[0])).not.toMatch(/保存期限|1390000/)
  })
})
