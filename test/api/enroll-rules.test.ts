/**
 * An enrollment checks the activity's rules before the seat decision, and the
 * seat decision takes the activity's row lock for its one statement only
 * (usecases/enrollments enroll). What the station changes in between —
 * registration closed, the age range, photo consent now asked, the station
 * closed — is seen by that statement: nothing is written against the old
 * rules, and the enrollment is decided again on the new ones. On PGlite and
 * PostgreSQL.
 */
import type { ActivityBody } from '../../contract/types'
import { openDatabase, type Database, type Queryable } from '../../server/db'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { seedDemoData } from '../../server/seed'
import { createActivity, switchRegistration } from '../../server/usecases/activities'
import { enroll } from '../../server/usecases/enrollments'
import { testContext, type AppContext } from './helpers/context'
import { backend, freshDatabase } from './helpers/server'

jest.setTimeout(120_000)

let db: Database
let ctx: AppContext
let stationId: string
const hour = 3600_000

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await seedDemoData(db)
  ctx = await testContext(db)
  stationId = (await db.query<{ id: string }>(`SELECT id FROM stations WHERE code = 'DL-JP-XJ'`)).rows[0]!.id
})
afterAll(async () => {
  await db?.close()
})

const activity = (over: Partial<ActivityBody> = {}): ActivityBody => ({
  title: '书法课',
  category: 'class',
  audience: 'all',
  description: '规则在报名途中改变',
  place: '活动室',
  capacity: 5,
  opensAt: new Date(Date.now() - hour).toISOString(),
  closesAt: new Date(Date.now() + 24 * hour).toISOString(),
  cancelDeadline: new Date(Date.now() + 24 * hour).toISOString(),
  sessions: [{ startsAt: new Date(Date.now() + 48 * hour).toISOString(), endsAt: new Date(Date.now() + 49 * hour).toISOString() }],
  ...over,
})
const newActivity = (over: Partial<ActivityBody> = {}) =>
  db.transaction((tx) => createActivity(ctx, tx, { stationId, createdBy: null, body: activity(over) }))
const resident = async () => (await upsertUserByOpenid(db, `o-rules-${Math.random()}`, '居民')).id

/** The database, with `between` run right before each seat decision (the statement that takes the activity's lock). */
function interleaved(between: () => Promise<void>): { db: Queryable; decisions: () => number } {
  let decisions = 0
  return {
    decisions: () => decisions,
    db: {
      exec: (sql) => db.exec(sql),
      async query<T>(sql: string, params?: unknown[]) {
        if (/\bFOR UPDATE\b/.test(sql)) {
          decisions++
          await between()
        }
        return db.query<T>(sql, params)
      },
    },
  }
}

const enrollments = async (activityId: string) =>
  (
    await db.query<{ status: string; photo_consent: boolean }>('SELECT status, photo_consent FROM enrollments WHERE activity_id = $1', [
      activityId,
    ])
  ).rows
const taken = async (activityId: string) =>
  Number((await db.query<{ taken: number }>('SELECT taken FROM activities WHERE id = $1', [activityId])).rows[0]!.taken)

describe(`the station changes an activity while a family enrolls, on ${backend}`, () => {
  test('registration closed between the check and the seat decision: refused, nothing written', async () => {
    const id = await newActivity()
    const race = interleaved(async () => {
      await switchRegistration(ctx, id, stationId, 'closed')
    })
    await expect(enroll(ctx, race.db, id, await resident(), { name: '王阿姨', contactPhone: '13812345678' })).rejects.toMatchObject({
      refusal: { code: 'REGISTRATION_CLOSED' },
    })
    expect(race.decisions()).toBe(1)
    expect(await enrollments(id)).toEqual([])
    expect(await taken(id)).toBe(0)
  })

  test('the age range narrowed in between: refused as not eligible', async () => {
    const id = await newActivity()
    const race = interleaved(async () => {
      await db.query('UPDATE activities SET min_age = 80 WHERE id = $1', [id])
    })
    const body = { name: '李大爷', birthDate: '1956-03-01', contactPhone: '13812345678' }
    await expect(enroll(ctx, race.db, id, await resident(), body)).rejects.toMatchObject({ refusal: { code: 'NOT_ELIGIBLE' } })
    expect(await enrollments(id)).toEqual([])
  })

  test('photo consent asked for in between: decided again, and the consent the family gave is kept', async () => {
    const id = await newActivity()
    let once = false
    const race = interleaved(async () => {
      if (once) return
      once = true
      await db.query('UPDATE activities SET photo_consent_required = true WHERE id = $1', [id])
    })
    const user = await resident()
    const r = await enroll(ctx, race.db, id, user, { name: '小雨', contactPhone: '13812345678', photoConsent: true })
    expect(race.decisions()).toBe(2)
    expect(r).toMatchObject({ created: true, enrollment: { status: 'confirmed', photoConsent: true } })
    expect(await enrollments(id)).toEqual([{ status: 'confirmed', photo_consent: true }])
    const consents = await db.query("SELECT 1 FROM consents WHERE user_id = $1 AND purpose = 'photos'", [user])
    expect(consents.rows).toHaveLength(1)
  })

  test('the station closed in between: refused', async () => {
    const id = await newActivity()
    const race = interleaved(async () => {
      await db.query('UPDATE stations SET closed_at = now() WHERE id = $1', [stationId])
    })
    try {
      await expect(enroll(ctx, race.db, id, await resident(), { name: '赵奶奶', contactPhone: '13812345678' })).rejects.toMatchObject({
        refusal: { code: 'REGISTRATION_CLOSED' },
      })
    } finally {
      await db.query('UPDATE stations SET closed_at = NULL WHERE id = $1', [stationId])
    }
    expect(await enrollments(id)).toEqual([])
  })

  test('what the rules do not read (the title, more seats) changes nothing: one decision', async () => {
    const id = await newActivity({ capacity: 1 })
    await enroll(ctx, db, id, await resident(), { name: '第一位', contactPhone: '13812345678' })
    const race = interleaved(async () => {
      await db.query(`UPDATE activities SET title = '书法课（加开）', capacity = 2 WHERE id = $1`, [id])
    })
    const r = await enroll(ctx, race.db, id, await resident(), { name: '第二位', contactPhone: '13812345678' })
    expect(race.decisions()).toBe(1)
    // The seat the station added in between is this family's: the decision reads the activity as its lock leaves it.
    expect(r.enrollment).toMatchObject({ status: 'confirmed', activity: { capacity: 2, seatsLeft: 0, waitlistCount: 0 } })
    expect(await taken(id)).toBe(2)
  })

  test('rules that keep changing: 409 after a few attempts, nothing written', async () => {
    const id = await newActivity()
    const race = interleaved(async () => {
      await db.query(`UPDATE activities SET closes_at = closes_at + interval '1 minute' WHERE id = $1`, [id])
    })
    await expect(enroll(ctx, race.db, id, await resident(), { name: '周叔叔', contactPhone: '13812345678' })).rejects.toMatchObject({
      statusCode: 409,
      refusal: { code: 'CONFLICT' },
    })
    expect(race.decisions()).toBe(4)
    expect(await enrollments(id)).toEqual([])
  })
})
