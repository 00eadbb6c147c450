/**
 * The activity jobs with an injected clock, on PGlite and PostgreSQL: offers
 * from the waitlist that are not confirmed in time pass to the next family,
 * and the reminder the day before each session goes out once — both through
 * the outbox, delivered as subscribe messages.
 */
import pino from 'pino'
import type { ActivityBody } from '../../contract/types'
import { loadConfig } from '../../server/config'
import { openDatabase, type Database } from '../../server/db'
import { remindTomorrow } from '../../server/repositories/enrollments'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { seedDemoData } from '../../server/seed'
import { deliverPending } from '../../server/services/notifier'
import { createActivity } from '../../server/usecases/activities'
import { cancelEnrollment, enroll, expireOffers, getOwnEnrollment } from '../../server/usecases/enrollments'
import { at as when, testContext, type AppContext } from './helpers/context'
import { backend, freshDatabase } from './helpers/server'
import { startFakeWechat, type FakeWechat } from './helpers/fakeWechat'

jest.setTimeout(120_000)

let db: Database
let ctx: AppContext
let wechat: FakeWechat
let stationId: string
const log = pino({ level: 'silent' })
const T0 = new Date('2026-11-23T10:00:00+08:00')
const at = (h: number) => new Date(T0.getTime() + h * 3600_000)

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await seedDemoData(db, T0)
  ctx = await testContext(db)
  wechat = await startFakeWechat()
  stationId = (await db.query<{ id: string }>(`SELECT id FROM stations WHERE code = 'DL-JP-XJ'`)).rows[0]!.id
})
afterAll(async () => {
  await db?.close()
  await wechat?.close()
})

const lecture = (over: Partial<ActivityBody> = {}): ActivityBody => ({
  title: '防诈骗讲座',
  category: 'anti_fraud',
  audience: 'elderly',
  description: '守好养老钱',
  place: '活动室',
  capacity: 1,
  opensAt: at(-1).toISOString(),
  closesAt: at(20).toISOString(),
  cancelDeadline: at(20).toISOString(),
  sessions: [{ startsAt: at(30).toISOString(), endsAt: at(31).toISOString() }],
  ...over,
})
const person = async (name: string) => upsertUserByOpenid(db, `o-${name}-${Math.random()}`, name)
const signUp = (activityId: string, userId: string, name: string, now = T0) =>
  db.transaction((tx) => enroll(when(ctx, now), tx, activityId, userId, { name, contactPhone: '13812345678' })).then((r) => r.enrollment)
const topics = async (userId: string) =>
  (
    await db.query<{ topic: string; payload: Record<string, string> }>('SELECT topic, payload FROM outbox WHERE user_id = $1 ORDER BY id', [
      userId,
    ])
  ).rows

describe(`waitlist offers on ${backend}`, () => {
  test('an offer not confirmed within the limit expires and the seat passes to the next family, each told through the outbox', async () => {
    const id = await db.transaction((tx) =>
      createActivity(when(ctx, T0), tx, { stationId, createdBy: null, body: lecture({ confirmWithinHours: 2 }) }),
    )
    const [a, b, c] = [await person('甲'), await person('乙'), await person('丙')]
    const ea = await signUp(id, a.id, '甲')
    const eb = await signUp(id, b.id, '乙')
    const ec = await signUp(id, c.id, '丙')
    expect([ea.status, eb.status, ec.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted'])

    await cancelEnrollment(when(ctx, at(1)), ea.id, a.id)
    const offered = await getOwnEnrollment(when(ctx, at(1)), db, eb.id, b.id)
    expect(offered.status).toBe('offered')
    expect(offered.offerExpiresAt).toBe(at(3).toISOString())
    expect(offered.checkinCode).toBeNull()
    expect((await topics(b.id)).map((t) => t.payload.status)).toEqual(['候补转正待确认'])

    expect(await expireOffers(when(ctx, at(2.9)))).toBe(0)
    expect(await expireOffers(when(ctx, at(3.1)))).toBe(1)
    expect((await getOwnEnrollment(when(ctx, at(3.1)), db, eb.id, b.id)).status).toBe('expired')
    const next = await getOwnEnrollment(when(ctx, at(3.1)), db, ec.id, c.id)
    expect(next.status).toBe('offered')
    expect(next.waitlistPosition).toBeNull()
    expect((await topics(b.id)).map((t) => t.payload.status)).toEqual(['候补转正待确认', '已过期'])
    expect((await topics(c.id)).map((t) => t.topic)).toEqual(['enrollment_status'])
    // Run again: nothing more to do.
    expect(await expireOffers(when(ctx, at(3.2)))).toBe(0)
  })
})

describe(`reminders on ${backend}`, () => {
  test('the day before each session, once per confirmed participant; the waitlist is not reminded', async () => {
    const id = await db.transaction((tx) =>
      createActivity(when(ctx, T0), tx, {
        stationId,
        createdBy: null,
        body: lecture({
          title: '中医养生课',
          capacity: 1,
          sessions: [
            { startsAt: at(30).toISOString(), endsAt: at(31).toISOString() },
            { startsAt: at(198).toISOString(), endsAt: at(199).toISOString() },
          ],
        }),
      }),
    )
    const [a, b] = [await person('赵'), await person('钱')]
    await signUp(id, a.id, '赵奶奶')
    await signUp(id, b.id, '钱爷爷')

    expect(await db.transaction((tx) => remindTomorrow(tx, at(5)))).toBe(0)
    expect(await db.transaction((tx) => remindTomorrow(tx, at(7)))).toBe(1)
    expect(await db.transaction((tx) => remindTomorrow(tx, at(8)))).toBe(0)
    const sent = await topics(a.id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ topic: 'activity_reminder', payload: { activity: '中医养生课', note: '赵奶奶 · 活动室' } })
    expect(await topics(b.id)).toEqual([])
    // The second session of the course, a week later.
    expect(await db.transaction((tx) => remindTomorrow(tx, at(175)))).toBe(1)
    expect(await topics(a.id)).toHaveLength(2)

    const config = loadConfig({
      WECHAT_API_BASE: wechat.url,
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'test-secret',
      WECHAT_TEMPLATE_ACTIVITY: 'tmpl-activity',
    } as unknown as NodeJS.ProcessEnv)
    await db.query('UPDATE outbox SET delivered_at = now() WHERE user_id <> $1', [a.id])
    expect(await deliverPending(db, config, log, at(176))).toBe(2)
    const msg = wechat.messages.at(-1)
    expect(msg).toMatchObject({
      template_id: 'tmpl-activity',
      page: 'packages/activity/mine/index',
      data: { thing1: { value: '中医养生课' }, phrase2: { value: '明天开始' } },
    })
  })
})
