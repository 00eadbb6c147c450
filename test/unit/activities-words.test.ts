/**
 * The words and date ranges the resident's activity pages show (domain/activities.ts).
 * Times are China Standard Time whatever the phone's zone.
 */
import { activityDateRange, enrollmentStatusText, formatSessionTime, isUpcomingEnrollment, registrationText } from '@domain/activities'

describe('formatSessionTime', () => {
  test('date, weekday and both clock times in CST', () => {
    // 01:00Z is 09:00 in Beijing, Tuesday 24 November 2026.
    expect(formatSessionTime(new Date('2026-11-24T01:00:00Z'), new Date('2026-11-24T02:30:00Z'))).toBe('11月24日（周二）09:00–10:30')
  })
  test('a UTC date that is already the next day in CST', () => {
    expect(formatSessionTime(new Date('2026-11-28T23:30:00Z'), new Date('2026-11-29T01:00:00Z'))).toBe('11月29日（周日）07:30–09:00')
  })
  test('an end on another day keeps its date', () => {
    expect(formatSessionTime(new Date('2026-11-24T12:00:00Z'), new Date('2026-11-24T17:00:00Z'))).toBe(
      '11月24日（周二）20:00–11月25日 01:00',
    )
  })
})

describe('activityDateRange', () => {
  const tuesday = new Date('2026-11-24T04:00:00Z')
  test('全部 has no bounds', () => {
    expect(activityDateRange('all', tuesday)).toEqual({})
  })
  test('本周 runs from today to Sunday', () => {
    expect(activityDateRange('week', tuesday)).toEqual({ from: '2026-11-24', to: '2026-11-29' })
  })
  test('本周 on a Sunday is just that day', () => {
    expect(activityDateRange('week', new Date('2026-11-29T04:00:00Z'))).toEqual({ from: '2026-11-29', to: '2026-11-29' })
  })
  test('本月 runs to the last day of the month', () => {
    expect(activityDateRange('month', tuesday)).toEqual({ from: '2026-11-24', to: '2026-11-30' })
    expect(activityDateRange('month', new Date('2026-12-05T04:00:00Z'))).toEqual({ from: '2026-12-05', to: '2026-12-31' })
  })
  test('uses the CST date: 23:30 UTC on Monday is Tuesday in Beijing', () => {
    expect(activityDateRange('week', new Date('2026-11-23T23:30:00Z')).from).toBe('2026-11-24')
  })
})

describe('registrationText', () => {
  const w = { opensAt: new Date('2026-11-25T01:00:00Z'), closesAt: new Date('2026-11-30T10:00:00Z') }
  test('says when registration opens or closes', () => {
    expect(registrationText({ ...w, registration: 'upcoming' })).toBe('未开始 · 11月25日 09:00 开放报名')
    expect(registrationText({ ...w, registration: 'open' })).toBe('报名中 · 11月30日 18:00 截止')
  })
  test('the closed states', () => {
    expect(registrationText({ ...w, registration: 'closed' })).toBe('报名已截止')
    expect(registrationText({ ...w, registration: 'ended' })).toBe('活动已结束')
    expect(registrationText({ ...w, registration: 'cancelled' })).toBe('活动已取消')
  })
})

describe('enrollmentStatusText', () => {
  const base = { waitlistPosition: null, offerExpiresAt: null }
  test('each status in words, with the waitlist position and the offer deadline', () => {
    expect(enrollmentStatusText({ ...base, status: 'confirmed' })).toBe('报名成功')
    expect(enrollmentStatusText({ ...base, status: 'waitlisted', waitlistPosition: 2 })).toBe('候补第 2 位')
    expect(enrollmentStatusText({ ...base, status: 'waitlisted' })).toBe('候补中')
    expect(enrollmentStatusText({ ...base, status: 'offered', offerExpiresAt: '2026-11-26T10:00:00Z' })).toBe('待确认（11月26日 18:00 前）')
    expect(enrollmentStatusText({ ...base, status: 'cancelled' })).toBe('已取消')
    expect(enrollmentStatusText({ ...base, status: 'expired' })).toBe('已过期')
  })
})

describe('isUpcomingEnrollment', () => {
  const now = new Date('2026-11-24T04:00:00Z')
  const later = { endsAt: '2026-12-01T02:00:00Z' }
  test('active enrollments of activities not yet over', () => {
    expect(isUpcomingEnrollment({ status: 'confirmed', activity: later }, now)).toBe(true)
    expect(isUpcomingEnrollment({ status: 'waitlisted', activity: later }, now)).toBe(true)
    expect(isUpcomingEnrollment({ status: 'offered', activity: later }, now)).toBe(true)
  })
  test('cancelled, expired, or the activity is over', () => {
    expect(isUpcomingEnrollment({ status: 'cancelled', activity: later }, now)).toBe(false)
    expect(isUpcomingEnrollment({ status: 'expired', activity: later }, now)).toBe(false)
    expect(isUpcomingEnrollment({ status: 'confirmed', activity: { endsAt: '2026-11-24T03:00:00Z' } }, now)).toBe(false)
  })
})
