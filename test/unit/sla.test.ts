import { WEEKDAYS_ONLY } from '../../domain/calendar'
import { DEFAULT_RESPONSE_TARGETS, describeTarget, responseDueAt, targetFor } from '../../domain/sla'

// 2026-11-23 is a Monday. Times are China Standard Time (+08:00).
const at = (s: string) => new Date(s)

describe('response targets', () => {
  test('urgent: two hours of wall-clock time', () => {
    expect(responseDueAt(at('2026-11-27T22:30:00+08:00'), DEFAULT_RESPONSE_TARGETS.urgent, WEEKDAYS_ONLY).toISOString()).toBe(
      at('2026-11-28T00:30:00+08:00').toISOString(),
    )
  })

  test('normal: one working day — Monday 10:00 → Tuesday 10:00; Friday 16:00 → Monday 16:00', () => {
    const t = DEFAULT_RESPONSE_TARGETS.normal
    expect(responseDueAt(at('2026-11-23T10:00:00+08:00'), t, WEEKDAYS_ONLY).toISOString()).toBe(
      at('2026-11-24T10:00:00+08:00').toISOString(),
    )
    expect(responseDueAt(at('2026-11-27T16:00:00+08:00'), t, WEEKDAYS_ONLY).toISOString()).toBe(
      at('2026-11-30T16:00:00+08:00').toISOString(),
    )
  })

  test('a request sent at the weekend counts from Monday 00:00', () => {
    expect(responseDueAt(at('2026-11-28T15:00:00+08:00'), DEFAULT_RESPONSE_TARGETS.normal, WEEKDAYS_ONLY).toISOString()).toBe(
      at('2026-12-01T00:00:00+08:00').toISOString(),
    )
  })

  test('a category can override the default', () => {
    const targets = { ...DEFAULT_RESPONSE_TARGETS, 'child_protection:normal': { minutes: 240 } }
    expect(targetFor(targets, 'child_protection', 'normal')).toEqual({ minutes: 240 })
    expect(targetFor(targets, 'elderly_care', 'normal')).toEqual({ workingDays: 1 })
    expect(describeTarget({ minutes: 120 })).toBe('2 小时内')
    expect(describeTarget({ workingDays: 1 })).toBe('1 个工作日内')
  })
})
