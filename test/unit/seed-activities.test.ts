/**
 * The demo activities (server/seed/activities.ts), as the server creates them
 * when it starts: whatever hour of the week that is (China Standard Time, from
 * the server's clock), 本周 on the 活动 tab is not empty — some sessions fall
 * later this same week — every run is open for registration when it is made,
 * no session is in the past, and the server's own rules accept every run.
 */
import { activityDateRange, activityTimeErrors, registrationState } from '../../domain/activities'
import { LEAD_HOURS, SEED_ACTIVITIES, seedRun, weekStart } from '../../server/seed/activities'

const HOUR = 3_600_000
/** Monday 30 November 2026, 00:00 CST. */
const MONDAY = new Date('2026-11-29T16:00:00Z')
/** Every hour of that week, and a few odd minutes. */
const HOURS = Array.from({ length: 7 * 24 }, (_, h) => new Date(MONDAY.getTime() + h * HOUR + (h % 5) * 7 * 60_000))
const cst = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')

/** What the 活动 tab's 本周 asks the server for, as the server's listActivities filters it. */
function inThisWeek(now: Date, sessions: { startsAt: string; endsAt: string }[]) {
  const { from, to } = activityDateRange('week', now)
  const start = new Date(`${from}T00:00:00+08:00`).getTime()
  const end = new Date(`${to}T00:00:00+08:00`).getTime() + 24 * HOUR
  const startsAt = Date.parse(sessions[0]!.startsAt)
  const endsAt = Date.parse(sessions[sessions.length - 1]!.endsAt)
  return endsAt > now.getTime() && endsAt >= start && startsAt < end
}

test('the week starts on Monday 00:00 in China, whatever the server’s own time zone', () => {
  expect(weekStart(new Date('2026-12-06T15:59:00Z')).toISOString()).toBe(MONDAY.toISOString()) // Sunday 23:59 CST
  expect(weekStart(new Date('2026-12-06T16:00:00Z')).toISOString()).toBe('2026-12-06T16:00:00.000Z') // the next Monday 00:00 CST
})

test('at every hour of the week, every run is valid, open for registration, and in the future', () => {
  for (const now of HOURS) {
    for (const s of SEED_ACTIVITIES) {
      const { body } = seedRun(s, now)
      const at = { now: cst(now), key: s.key }
      expect({ ...at, errors: activityTimeErrors(body) }).toEqual({ ...at, errors: {} })
      const state = registrationState(
        {
          status: 'open',
          opensAt: new Date(body.opensAt),
          closesAt: new Date(body.closesAt),
          endsAt: new Date(body.sessions[body.sessions.length - 1]!.endsAt),
        },
        now,
      )
      expect({ ...at, state }).toEqual({ ...at, state: 'open' })
      // Open for at least an hour more, and the first session at least LEAD_HOURS away.
      expect(Date.parse(body.closesAt) - now.getTime()).toBeGreaterThanOrEqual(HOUR)
      expect(Date.parse(body.sessions[0]!.startsAt) - now.getTime()).toBeGreaterThanOrEqual(LEAD_HOURS * HOUR)
    }
  }
})

test('本周 has demo activities whenever the server starts, until Sunday noon; the earliest session falls in that week', () => {
  for (const now of HOURS) {
    const runs = SEED_ACTIVITIES.map((s) => seedRun(s, now).body)
    const thisWeek = runs.filter((b) => inThisWeek(now, b.sessions))
    const sundayNoon = new Date(MONDAY.getTime() + 6 * 24 * HOUR + 12 * HOUR)
    if (now < sundayNoon) {
      expect({ now: cst(now), thisWeek: thisWeek.length > 0 }).toEqual({ now: cst(now), thisWeek: true })
      const earliest = Math.min(...runs.map((b) => Date.parse(b.sessions[0]!.startsAt)))
      expect(earliest).toBeLessThan(weekStart(now).getTime() + 7 * 24 * HOUR)
    }
  }
  // Started on a Monday morning: the lectures and the handicraft afternoon are this week's, the courses the next.
  const monday = new Date(MONDAY.getTime() + 9 * HOUR)
  const titles = SEED_ACTIVITIES.map((s) => seedRun(s, monday).body)
    .filter((b) => inThisWeek(monday, b.sessions))
    .map((b) => b.title)
  expect(titles.sort()).toEqual(['守好养老钱·防诈骗讲座', '新春挂饰手工制作', '预防高血压健康讲座'].sort())
})

test('each week’s run has its own code; a restart in the same week finds the same codes', () => {
  const monday = seedRun(SEED_ACTIVITIES[0]!, new Date(MONDAY.getTime() + 9 * HOUR)).code
  const friday = seedRun(SEED_ACTIVITIES[0]!, new Date(MONDAY.getTime() + 4 * 24 * HOUR + 20 * HOUR)).code
  const nextWeek = seedRun(SEED_ACTIVITIES[0]!, new Date(MONDAY.getTime() + 7 * 24 * HOUR + 9 * HOUR)).code
  expect(friday).toBe(monday)
  expect(nextWeek).not.toBe(monday)
})
