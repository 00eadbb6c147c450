/**
 * The supervisors' station report against a small data set computed by hand,
 * with an injected clock, on PGlite and PostgreSQL; and the rating rules that
 * need a clock (the 7-day edit window).
 *
 * The week of Monday 2027-03-01 (T = 09:00 CST), response targets 4 h (normal)
 * and 2 h (urgent):
 * - R1 at 先进 (resident A): accepted T+1h, resolved T+5h, rated 未解决 2★ at
 *   T+6h (reopened), accepted T+7h, resolved T+9h, rated 已解决 5★.
 * - R2 at 先进 (resident B): accepted T+6h (late), resolved T+8h, rated 部分解决 4★.
 * - R3 at 先进 (counter, urgent) at T+1h: never accepted, escalated by the job
 *   at T+4h to 金普新区.
 * - R4 at 民馨 (counter) at T+2h: transferred to 先进 at T+3h, still waiting.
 * - R5 at 民馨 (counter) at T+1h: accepted T+1.5h, resolved T+2h.
 * - A lecture at 先进 at T+2h: 3 confirmed, 2 checked in, one rated 4★.
 * Report at T+12h.
 */
import type { CreateRequestBody, StationReport } from '../../contract/types'
import type { Staff } from '../../domain/staff'
import type { ResponseTargets } from '../../domain/sla'
import { openDatabase, type Database } from '../../server/db'
import { reportLines } from '../../server/repositories/reports'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { seedDemoData } from '../../server/seed'
import { createActivity } from '../../server/usecases/activities'
import { checkIn, enroll } from '../../server/usecases/enrollments'
import { rateEnrollment, rateRequest } from '../../server/usecases/ratings'
import { stationReport } from '../../server/usecases/reports'
import { stationTrends } from '../../server/usecases/reportTrends'
import { applyStaffAction, createCounterRequest, escalateOverdue, getRequest } from '../../server/usecases/requests'
import { at as when, submitAt, testContext, type AppContext } from './helpers/context'
import { backend, freshDatabase } from './helpers/server'

jest.setTimeout(120_000)

const TARGETS: ResponseTargets = { urgent: { minutes: 120 }, normal: { minutes: 240 } }
const T = new Date('2027-03-01T09:00:00+08:00')
const at = (hours: number) => new Date(T.getTime() + hours * 3600_000)
const WEEK = { from: '2027-03-01', to: '2027-03-07' }

let db: Database
let ctx: AppContext
const ids: Record<string, string> = {}
const staff: Record<string, Staff> = {}
let r1: string
let r2: string
let residentB: string
let report: StationReport

const station = async (code: string) => (await db.query<{ id: string }>('SELECT id FROM stations WHERE code = $1', [code])).rows[0]!.id
const account = async (username: string): Promise<Staff> => {
  const { rows } = await db.query<{ id: string; role: Staff['role']; station_id: string }>(
    'SELECT id, role, station_id FROM users WHERE username = $1',
    [username],
  )
  return { id: rows[0]!.id, role: rows[0]!.role, stationId: rows[0]!.station_id }
}
const act = (who: Staff, id: string, action: Parameters<typeof applyStaffAction>[3], hours: number) =>
  applyStaffAction(when(ctx, at(hours)), who, id, action)
const rate = (userId: string, id: string, body: Parameters<typeof rateRequest>[3]['body'], hours: number) =>
  db.transaction((tx) => rateRequest(when(ctx, at(hours)), tx, id, { userId, body, review: 'pass' }))
const reportFor = (who: Staff, q: Parameters<typeof stationReport>[3]) => stationReport(when(ctx, at(12)), db, who, q)

const request = (stationId: string, over: Partial<CreateRequestBody> = {}): CreateRequestBody => ({
  category: 'elderly_care',
  description: '报表测试：想了解助餐服务',
  requester: 'self',
  contactName: '报表测试居民',
  contactPhone: '13900005555',
  urgency: 'normal',
  stationId,
  ...over,
})

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await seedDemoData(db, new Date('2026-11-23T10:00:00+08:00'))
  ctx = await testContext(db, { RESPONSE_TARGETS: JSON.stringify(TARGETS) })
  for (const code of ['DL-JP', 'DL-JP-XJ', 'DL-JP-XJ-MX', 'DL-PLD-TP']) ids[code] = await station(code)
  for (const u of ['xianjin-li', 'minxin-liu', 'jinpu-zhao', 'dalian-chen']) staff[u] = await account(u)
  const a = await upsertUserByOpenid(db, 'o-report-a', '居民甲')
  const b = await upsertUserByOpenid(db, 'o-report-b', '居民乙')
  residentB = b.id
  const xj = staff['xianjin-li']!
  const mx = staff['minxin-liu']!
  const create = (userId: string, hours: number) => submitAt(ctx, userId, request(ids['DL-JP-XJ']!), at(hours))
  const counter = (who: Staff, hours: number, urgency: 'normal' | 'urgent' = 'normal') =>
    createCounterRequest(when(ctx, at(hours)), who, { ...request(who.stationId), channel: 'counter', urgency })

  r1 = (await create(a.id, 0)).id
  r2 = (await create(b.id, 0)).id
  expect((await getRequest(ctx, db, r1, { internal: false }))!.station.name).toBe('先进街道社工站')
  const r3 = (await counter(xj, 1, 'urgent')).id
  const r4 = (await counter(mx, 2)).id
  const r5 = (await counter(mx, 1)).id

  await act(xj, r1, { type: 'accept' }, 1)
  await act(mx, r5, { type: 'accept' }, 1.5)
  await act(mx, r5, { type: 'resolve', summary: '已办结' }, 2)
  await act(mx, r4, { type: 'transfer', stationId: ids['DL-JP-XJ']!, reason: '由街道站跟进' }, 3)
  expect(await db.transaction((tx) => escalateOverdue(when(ctx, at(4)), tx))).toBe(1)
  await act(xj, r1, { type: 'resolve', summary: '已对接助餐点' }, 5)
  await rate(a.id, r1, { outcome: 'unresolved', stars: 2, comment: '助餐点太远' }, 6)
  await act(xj, r2, { type: 'accept' }, 6)
  await act(xj, r1, { type: 'accept' }, 7)
  await act(xj, r2, { type: 'resolve', summary: '已安排' }, 8)
  await rate(b.id, r2, { outcome: 'partly', stars: 4 }, 8.5)
  await act(xj, r1, { type: 'resolve', summary: '改为上门送餐' }, 9)
  await rate(a.id, r1, { outcome: 'resolved', stars: 5, tags: ['响应及时'] }, 10)
  expect((await db.query('SELECT 1 FROM help_requests WHERE id = $1 AND status = $2', [r3, 'submitted'])).rows).toHaveLength(1)

  // The lecture at 先进: three confirmed, two checked in, one rating.
  const iso = (h: number) => at(h).toISOString()
  const lecture = await db.transaction((tx) =>
    createActivity(when(ctx, at(-72)), tx, {
      stationId: ids['DL-JP-XJ']!,
      createdBy: null,
      body: {
        title: '报表测试讲座',
        category: 'health',
        audience: 'elderly',
        description: '测试',
        place: '活动室',
        capacity: 10,
        opensAt: iso(-48),
        closesAt: iso(1),
        cancelDeadline: iso(1),
        sessions: [{ startsAt: iso(2), endsAt: iso(3) }],
      },
    }),
  )
  const enrolled: { userId: string; id: string }[] = []
  for (const name of ['甲', '乙', '丙']) {
    const u = await upsertUserByOpenid(db, `o-report-lecture-${name}`, name)
    const e = await db.transaction((tx) =>
      enroll(when(ctx, at(-24)), tx, lecture, u.id, { name: `报表测试${name}`, contactPhone: '13900006666' }),
    )
    enrolled.push({ userId: u.id, id: e.enrollment.id })
  }
  for (const e of enrolled.slice(0, 2)) {
    await checkIn(when(ctx, at(2.1)), xj, { enrollmentId: e.id })
  }
  await db.transaction((tx) =>
    rateEnrollment(when(ctx, at(4)), tx, enrolled[0]!.id, { userId: enrolled[0]!.userId, body: { stars: 4 }, review: 'pass' }),
  )
  // The one who did not come cannot rate.
  await expect(
    db.transaction((tx) =>
      rateEnrollment(when(ctx, at(4)), tx, enrolled[2]!.id, { userId: enrolled[2]!.userId, body: { stars: 1 }, review: 'pass' }),
    ),
  ).rejects.toMatchObject({ statusCode: 409, refusal: { code: 'RATING_NOT_ALLOWED', message: '参加活动（签到）后才能评价' } })

  report = await reportFor(staff['jinpu-zhao']!, WEEK)
})
afterAll(() => db?.close())

const row = (r: StationReport, code: string) => r.items.find((i) => i.station.code === code)!

describe(`station report on ${backend}`, () => {
  test('先进街道社工站: received, on-time acceptance, medians, overdue, escalations, satisfaction, attendance', () => {
    expect(row(report, 'DL-JP-XJ')).toMatchObject({
      received: 4, // R1, R2, R3 submitted; R4 transferred in (R1's reopening is not a new request)
      accepted: 3,
      acceptedOnTime: 2,
      onTimeRate: 2 / 3,
      medianAcceptMinutes: 60,
      resolved: 3,
      medianResolveMinutes: 300, // 5 h, 3 h (since the reopening), 8 h
      overdue: 3, // R2 accepted late, R3 escalated by the job, R4 still waiting past its target
      escalations: 1,
      ratings: 4,
      averageStars: 3.8,
      resolvedShare: 1 / 3, // 2★ 4★ 5★ for requests, 4★ for the lecture
      activitiesHeld: 1,
      expectedAttendance: 3,
      attended: 2,
      attendanceRate: 2 / 3,
    })
  })

  test('民馨社区 and 金普新区: a transfer out is not an escalation; an escalation in is received and then waits', () => {
    expect(row(report, 'DL-JP-XJ-MX')).toMatchObject({
      received: 2,
      accepted: 1,
      acceptedOnTime: 1,
      onTimeRate: 1,
      medianAcceptMinutes: 30,
      resolved: 1,
      medianResolveMinutes: 60,
      overdue: 0,
      escalations: 0,
      ratings: 0,
      averageStars: null,
      resolvedShare: null,
      activitiesHeld: 0,
      attendanceRate: null,
    })
    expect(row(report, 'DL-JP')).toMatchObject({
      received: 1,
      accepted: 0,
      onTimeRate: null,
      medianAcceptMinutes: null,
      overdue: 1,
      escalations: 0,
    })
  })

  test('the total is over the whole subtree (medians recomputed, not averaged); other stations are all zero; nothing outside the subtree', async () => {
    expect(report.total).toMatchObject({
      received: 7,
      accepted: 4,
      acceptedOnTime: 3,
      onTimeRate: 0.75,
      medianAcceptMinutes: 60,
      resolved: 4,
      medianResolveMinutes: 240,
      overdue: 4,
      escalations: 1,
      ratings: 4,
      averageStars: 3.8,
      activitiesHeld: 1,
      attended: 2,
    })
    for (const r of report.items.filter((i) => !['DL-JP', 'DL-JP-XJ', 'DL-JP-XJ-MX'].includes(i.station.code))) {
      expect(r).toMatchObject({ received: 0, accepted: 0, resolved: 0, ratings: 0, activitiesHeld: 0 })
    }
    const codes = report.items.map((i) => i.station.code)
    expect(codes).toContain('DL-JP-XJ')
    expect(codes).not.toContain('DL-PLD-TP')
    expect(codes).not.toContain('DL')
    expect(codes[0]).toBe('DL-JP') // the district first, then the levels below
  })

  test("drill-down to 先进: its subtree only; a station outside the supervisor's subtree is not found; social workers are refused", async () => {
    const xj = await reportFor(staff['jinpu-zhao']!, { ...WEEK, stationId: ids['DL-JP-XJ'] })
    expect(xj.items.map((i) => i.station.code).sort()).toEqual(['DL-JP-XJ', 'DL-JP-XJ-DS', 'DL-JP-XJ-MX'])
    expect(xj.total).toMatchObject({ received: 6, accepted: 4, overdue: 3 })
    await expect(reportFor(staff['jinpu-zhao']!, { ...WEEK, stationId: ids['DL-PLD-TP'] })).rejects.toMatchObject({ statusCode: 404 })
    await expect(reportFor(staff['xianjin-li']!, WEEK)).rejects.toMatchObject({ statusCode: 403 })
    // The city's supervisor sees the same figures for 先进.
    expect(row(await reportFor(staff['dalian-chen']!, WEEK), 'DL-JP-XJ')).toEqual(row(report, 'DL-JP-XJ'))
  })

  test('the period bounds the figures (China Standard Time days); a bad period is refused', async () => {
    const next = await reportFor(staff['jinpu-zhao']!, { from: '2027-03-02', to: '2027-03-07' })
    expect(next.total).toMatchObject({ received: 0, accepted: 0, resolved: 0, overdue: 0, ratings: 0, activitiesHeld: 0 })
    await expect(reportFor(staff['jinpu-zhao']!, { from: '2027-03-07', to: '2027-03-01' })).rejects.toMatchObject({
      statusCode: 400,
      refusal: { code: 'FIELD_INVALID', field: 'to', message: '结束日期不能早于开始日期' },
    })
    await expect(reportFor(staff['jinpu-zhao']!, { from: '2025-01-01', to: '2027-03-01' })).rejects.toMatchObject({ statusCode: 400 })
  })

  test('the CSV lines: a header, one line per station, then the total', () => {
    const lines = reportLines(report)
    expect(lines[0]).toEqual(expect.arrayContaining(['站点', '收到求助', '按时受理率', '平均星级', '出勤率']))
    const xj = lines.find((l) => l[1] === 'DL-JP-XJ')!
    expect(xj.slice(0, 6)).toEqual(['先进街道社工站', 'DL-JP-XJ', 4, 3, 2, '66.7%'])
    expect(lines.at(-1)![0]).toBe('合计（2027-03-01 至 2027-03-07）')
    expect(lines).toHaveLength(report.items.length + 2)
  })
})

describe(`rating edits on ${backend}`, () => {
  test('a rating can be changed for 7 days, not after; the change keeps one rating', async () => {
    await rate(residentB, r2, { outcome: 'partly', stars: 3, comment: '还需要跟进' }, 8.5 + 24 * 6)
    const { rows } = await db.query<{ stars: number; comment: string }>('SELECT stars, comment FROM ratings WHERE request_id = $1', [r2])
    expect(rows).toEqual([{ stars: 3, comment: '还需要跟进' }])
    await expect(rate(residentB, r2, { outcome: 'resolved', stars: 5 }, 8.5 + 24 * 7 + 1)).rejects.toMatchObject({
      statusCode: 409,
      refusal: { code: 'RATING_NOT_ALLOWED', message: '评价提交已超过 7 天，不能再修改' },
    })
  })

  test("a request rated 未解决 went back to its station's queue, and its timeline says so with the words", async () => {
    const r = (await getRequest(ctx, db, r1, { internal: false }))!
    const types = r.events.map((e) => e.type)
    expect(types).toEqual(['submitted', 'accepted', 'resolved', 'reopened', 'accepted', 'resolved'])
    expect(r.events[3]!.body).toBe('居民反馈问题未解决：助餐点太远')
    expect(r.rating).toMatchObject({ outcome: 'resolved', stars: 5 })
    expect(r.ratingDue).toBe(false)
  })
})

describe(`the report's pictures (trends) on ${backend}`, () => {
  const trendsFor = (who: Staff, q: Parameters<typeof stationTrends>[2]) => stationTrends({ db }, who, q)
  /** The week's figures as the station report gives them for the same scope and days (read now: the tests above add to the week). */
  const sameAs = (f: StationReport['total'], weekStart: string) => ({
    weekStart,
    received: f.received,
    resolved: f.resolved,
    accepted: f.accepted,
    acceptedOnTime: f.acceptedOnTime,
    onTimeRate: f.onTimeRate,
    ratings: f.ratings,
    averageStars: f.averageStars,
  })

  test('week by week: an empty week, then the week the station report counts; the mix of categories adds up to what was received', async () => {
    const trends = await trendsFor(staff['jinpu-zhao']!, { from: '2027-02-24', to: '2027-03-07' })
    const week = (await reportFor(staff['jinpu-zhao']!, WEEK)).total
    expect(week.received).toBeGreaterThanOrEqual(7)
    expect(trends.weeks).toEqual([
      {
        weekStart: '2027-02-22',
        received: 0,
        resolved: 0,
        accepted: 0,
        acceptedOnTime: 0,
        onTimeRate: null,
        ratings: 0,
        averageStars: null,
      },
      sameAs(week, '2027-03-01'),
    ])
    expect(trends.categories.map((c) => c.category)).toContain('elderly_care')
    expect(trends.categories.reduce((sum, c) => sum + c.count, 0)).toBe(week.received)
  })

  test('drilling down to 先进 counts its own arrivals; a station outside the scope is not found; a worker 403', async () => {
    const xj = await trendsFor(staff['jinpu-zhao']!, { ...WEEK, stationId: ids['DL-JP-XJ']! })
    const own = (await reportFor(staff['jinpu-zhao']!, { ...WEEK, stationId: ids['DL-JP-XJ']! })).total
    expect(xj.weeks).toEqual([sameAs(own, '2027-03-01')])
    expect(xj.categories.reduce((sum, c) => sum + c.count, 0)).toBe(own.received)
    await expect(trendsFor(staff['jinpu-zhao']!, { ...WEEK, stationId: ids['DL-PLD-TP']! })).rejects.toMatchObject({ statusCode: 404 })
    await expect(trendsFor(staff['xianjin-li']!, WEEK)).rejects.toMatchObject({ statusCode: 403 })
  })
})
