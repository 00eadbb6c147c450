/**
 * The two clocks (domain/sla.ts): acceptance and resolution, each counted in
 * its target's own time — urgent in wall-clock hours, normal in working days
 * on China's calendar (国庆 2026: 10-01…10-07 off, Saturday 10-10 worked;
 * Sunday 09-20 worked) — and said in words.
 */
import { makeCalendar } from '../../domain/calendar'
import { cstInstant } from '../../domain/chinaTime'
import {
  DEFAULT_RESOLUTION_TARGETS,
  DEFAULT_RESPONSE_TARGETS,
  readClock,
  remainingWords,
  responseDueAt,
  spanWords,
  workingDaysBetween,
} from '../../domain/sla'
import { shippedCalendarDays } from '../../server/services/calendar'

const cal = makeCalendar(shippedCalendarDays())
const at = (date: string, time: string) => cstInstant(date, time)

test('spanWords: minutes, hours, then days, rounded down', () => {
  expect(spanWords(30_000)).toBe('1 分钟')
  expect(spanWords(45 * 60_000)).toBe('45 分钟')
  expect(spanWords(3 * 3600_000 + 59 * 60_000)).toBe('3 小时')
  expect(spanWords(47 * 3600_000)).toBe('47 小时')
  expect(spanWords(50 * 3600_000)).toBe('2 天')
})

test('workingDaysBetween skips holidays and counts 调休 weekend days', () => {
  // Wednesday 09-30 → Thursday 10-08: the whole 国庆 week off, then 10-08.
  expect(workingDaysBetween(at('2026-09-30', '17:00'), at('2026-10-08', '17:00'), cal)).toBe(1)
  // Friday 10-09 → Monday 10-12: Saturday 10-10 is worked, Sunday is not.
  expect(workingDaysBetween(at('2026-10-09', '10:00'), at('2026-10-12', '10:00'), cal)).toBe(2)
  // Saturday 09-19 → Monday 09-21: Sunday 09-20 is worked.
  expect(workingDaysBetween(at('2026-09-19', '10:00'), at('2026-09-21', '10:00'), cal)).toBe(2)
})

describe('resolution: 5 working days for normal requests', () => {
  test('over 国庆 the target moves past the holiday week', () => {
    const due = responseDueAt(at('2026-09-29', '10:00'), DEFAULT_RESOLUTION_TARGETS.normal, cal)
    // 09-30, 10-08, 10-09, 10-10 (调休 Saturday), 10-12.
    expect(due).toEqual(at('2026-10-12', '10:00'))
    const reading = readClock('resolution', {
      dueAt: due,
      doneAt: null,
      now: at('2026-09-29', '10:00'),
      target: DEFAULT_RESOLUTION_TARGETS.normal,
      calendar: cal,
    })
    expect(reading).toMatchObject({ done: false, overdue: false, text: '办结：剩 5 个工作日' })
    // On 10-02 (a holiday): 4 working days are left.
    expect(remainingWords(at('2026-10-02', '09:00'), due, DEFAULT_RESOLUTION_TARGETS.normal, cal)).toBe('剩 4 个工作日')
    // The last day: hours.
    expect(remainingWords(at('2026-10-12', '07:00'), due, DEFAULT_RESOLUTION_TARGETS.normal, cal)).toBe('剩 3 小时')
  })
  test('urgent: wall-clock, holidays or not', () => {
    const due = responseDueAt(at('2026-10-01', '09:00'), DEFAULT_RESOLUTION_TARGETS.urgent, cal)
    expect(due).toEqual(at('2026-10-02', '09:00'))
    const reading = (now: Date) =>
      readClock('resolution', { dueAt: due, doneAt: null, now, target: DEFAULT_RESOLUTION_TARGETS.urgent, calendar: cal }).text
    expect(reading(at('2026-10-01', '09:00'))).toBe('办结：剩 24 小时')
    expect(reading(at('2026-10-02', '12:00'))).toBe('办结：已超时 3 小时')
  })
})

describe('acceptance', () => {
  test('urgent: 2 hours of wall-clock time, on a holiday too', () => {
    const due = responseDueAt(at('2026-10-03', '22:30'), DEFAULT_RESPONSE_TARGETS.urgent, cal)
    const read = (now: Date, doneAt: Date | null = null) =>
      readClock('acceptance', { dueAt: due, doneAt, now, target: DEFAULT_RESPONSE_TARGETS.urgent, calendar: cal })
    expect(read(at('2026-10-03', '22:30')).text).toBe('受理：剩 2 小时')
    expect(read(at('2026-10-04', '00:05')).text).toBe('受理：剩 25 分钟')
    expect(read(at('2026-10-04', '03:40'))).toMatchObject({ overdue: true, text: '受理：已超时 3 小时' })
    expect(read(at('2026-10-04', '09:00'), at('2026-10-04', '00:10'))).toMatchObject({ done: true, overdue: false, text: '受理：按时' })
    expect(read(at('2026-10-04', '09:00'), at('2026-10-04', '01:00'))).toMatchObject({ done: true, overdue: true, text: '受理：超时' })
  })
  test('normal: a request on the eve of 国庆 is due after the holiday, and is not overdue during it', () => {
    const due = responseDueAt(at('2026-09-30', '17:00'), DEFAULT_RESPONSE_TARGETS.normal, cal)
    expect(due).toEqual(at('2026-10-08', '17:00'))
    const text = (now: Date) =>
      readClock('acceptance', { dueAt: due, doneAt: null, now, target: DEFAULT_RESPONSE_TARGETS.normal, calendar: cal }).text
    expect(text(at('2026-10-05', '10:00'))).toBe('受理：剩 1 个工作日')
    expect(text(at('2026-10-08', '09:00'))).toBe('受理：剩 8 小时')
    expect(text(at('2026-10-09', '20:00'))).toBe('受理：已超时 27 小时')
  })
})
