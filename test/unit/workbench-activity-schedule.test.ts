/**
 * The station's schedule helpers (domain/activities.ts): sessions of a weekly
 * course, default registration times, and the time rules the server applies.
 * All in China Standard Time whatever the machine's zone.
 */
import { activityTimeErrors, currentSession, defaultRegistrationTimes, weeklyPattern, weeklySessions } from '@domain/activities'
import { cstToIso, isoToCst } from '@domain/chinaTime'

describe('cstToIso / isoToCst', () => {
  test('09:30 in Beijing is 01:30 UTC, and back', () => {
    expect(cstToIso('2026-11-28', '09:30')).toBe('2026-11-28T01:30:00.000Z')
    expect(isoToCst('2026-11-28T01:30:00.000Z')).toEqual({ date: '2026-11-28', time: '09:30' })
  })
  test('an early morning in Beijing is the previous day in UTC', () => {
    expect(cstToIso('2026-12-01', '07:00')).toBe('2026-11-30T23:00:00.000Z')
    expect(isoToCst('2026-11-30T23:00:00.000Z')).toEqual({ date: '2026-12-01', time: '07:00' })
  })
})

describe('weeklySessions', () => {
  test('8 Saturdays 09:30–11:00, a week apart', () => {
    const s = weeklySessions('2026-11-28', '09:30', '11:00', 8)
    expect(s).toHaveLength(8)
    expect(s[0]).toEqual({ startsAt: '2026-11-28T01:30:00.000Z', endsAt: '2026-11-28T03:00:00.000Z' })
    expect(s[1]).toEqual({ startsAt: '2026-12-05T01:30:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' })
    expect(s[7]).toEqual({ startsAt: '2027-01-16T01:30:00.000Z', endsAt: '2027-01-16T03:00:00.000Z' })
  })
  test('one week is a single session', () => {
    expect(weeklySessions('2026-12-03', '14:00', '15:30', 1)).toEqual([
      { startsAt: '2026-12-03T06:00:00.000Z', endsAt: '2026-12-03T07:30:00.000Z' },
    ])
  })
})

describe('weeklyPattern', () => {
  test('recognises a weekly course', () => {
    expect(weeklyPattern(weeklySessions('2026-11-28', '09:30', '11:00', 8))).toEqual({
      firstDate: '2026-11-28',
      startTime: '09:30',
      endTime: '11:00',
      weeks: 8,
    })
  })
  test('a single session is a course of one', () => {
    expect(weeklyPattern(weeklySessions('2026-12-03', '14:00', '15:30', 1))).toEqual({
      firstDate: '2026-12-03',
      startTime: '14:00',
      endTime: '15:30',
      weeks: 1,
    })
  })
  test('irregular sessions follow no pattern', () => {
    const s = weeklySessions('2026-11-28', '09:30', '11:00', 3)
    s[2] = { startsAt: '2026-12-13T01:30:00.000Z', endsAt: '2026-12-13T03:00:00.000Z' }
    expect(weeklyPattern(s)).toBeNull()
    expect(weeklyPattern([])).toBeNull()
  })
})

describe('defaultRegistrationTimes', () => {
  test('opens now, closes at 18:00 the day before', () => {
    const now = new Date('2026-11-24T02:00:30.000Z')
    expect(defaultRegistrationTimes('2026-11-28T01:30:00.000Z', now)).toEqual({
      opensAt: '2026-11-24T02:00:00.000Z',
      closesAt: '2026-11-27T10:00:00.000Z',
      cancelDeadline: '2026-11-27T10:00:00.000Z',
    })
  })
  test('an activity tomorrow morning published at 20:00: one hour before the start', () => {
    const now = new Date('2026-11-24T12:00:00.000Z') // 20:00 in Beijing
    const t = defaultRegistrationTimes('2026-11-25T01:00:00.000Z', now)
    expect(t.closesAt).toBe('2026-11-25T00:00:00.000Z')
    expect(t.cancelDeadline).toBe(t.closesAt)
  })
  test('the defaults pass the server’s rules', () => {
    const now = new Date('2026-11-24T02:00:00.000Z')
    const sessions = weeklySessions('2026-11-28', '09:30', '11:00', 8)
    expect(activityTimeErrors({ ...defaultRegistrationTimes(sessions[0]!.startsAt, now), sessions })).toEqual({})
  })
})

describe('activityTimeErrors', () => {
  const sessions = weeklySessions('2026-11-28', '09:30', '11:00', 2)
  const ok = {
    opensAt: '2026-11-20T01:00:00.000Z',
    closesAt: '2026-11-27T10:00:00.000Z',
    cancelDeadline: '2026-11-27T10:00:00.000Z',
    sessions,
  }
  test('names the field to fix', () => {
    expect(activityTimeErrors(ok)).toEqual({})
    expect(activityTimeErrors({ ...ok, sessions: weeklySessions('2026-11-28', '11:00', '09:30', 2) })).toEqual({
      sessions: '结束时间必须晚于开始时间',
    })
    expect(activityTimeErrors({ ...ok, closesAt: ok.opensAt })).toEqual({ closesAt: '报名截止时间必须晚于开放时间' })
    expect(activityTimeErrors({ ...ok, closesAt: '2026-11-28T02:00:00.000Z' })).toEqual({ closesAt: '报名截止时间不能晚于活动开始时间' })
    expect(activityTimeErrors({ ...ok, cancelDeadline: '2026-11-28T02:00:00.000Z' })).toEqual({
      cancelDeadline: '取消截止时间不能晚于活动开始时间',
    })
    expect(activityTimeErrors({ ...ok, sessions: [] })).toEqual({ sessions: '请安排活动时间' })
  })
  test('overlapping sessions', () => {
    const overlapping = [sessions[0]!, { startsAt: '2026-11-28T02:00:00.000Z', endsAt: '2026-11-28T04:00:00.000Z' }]
    expect(activityTimeErrors({ ...ok, sessions: overlapping })).toEqual({ sessions: '各次活动的时间不能重叠' })
  })
})

describe('currentSession', () => {
  const s = weeklySessions('2026-11-28', '09:30', '11:00', 3).map((x, i) => ({ ...x, id: String(i + 1) }))
  test('today’s session, else the next, else the last', () => {
    expect(currentSession(s, new Date('2026-12-05T05:00:00.000Z'))?.id).toBe('2') // the afternoon of the 2nd Saturday
    expect(currentSession(s, new Date('2026-11-30T02:00:00.000Z'))?.id).toBe('2')
    expect(currentSession(s, new Date('2027-01-01T02:00:00.000Z'))?.id).toBe('3')
    expect(currentSession([], new Date())).toBeNull()
  })
})
