/**
 * China's working calendar with real dates from the shipped holiday data:
 * 国庆 2026 (10-01…10-07 off, Sunday 09-20 and Saturday 10-10 worked), 春节 2026
 * (02-15…02-23 off, Saturday 02-14 and 02-28 worked).
 */
import {
  addWorkingDays,
  hoursOn,
  isOpenAtWith,
  makeCalendar,
  nextWorkingDay,
  specialDaysAhead,
  WEEKDAYS_ONLY,
  type WeeklyHours,
} from '../../domain/calendar'
import { responseDueAt } from '../../domain/sla'
import { cstInstant } from '../../domain/chinaTime'
import { shippedCalendarDays, shippedThroughYear } from '../../server/services/calendar'

const cal = makeCalendar(shippedCalendarDays())
const at = (date: string, time: string) => cstInstant(date, time)
const WEEKDAYS: WeeklyHours[] = [
  { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
  { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
  { weekdays: [6], open: '09:00', close: '12:00' },
]

describe('the shipped holiday data', () => {
  test('covers this year and names the days in Chinese', () => {
    expect(shippedThroughYear()).toBeGreaterThanOrEqual(2026)
    expect(cal.special('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' })
    expect(cal.special('2026-10-10')).toMatchObject({ kind: 'workday' })
  })

  test('holidays are days off, 调休 weekend days are working days, ordinary weeks are Monday–Friday', () => {
    expect(cal.isWorkingDay('2026-10-05')).toBe(false) // Monday in 国庆
    expect(cal.isWorkingDay('2026-02-17')).toBe(false) // Tuesday, 春节
    expect(cal.isWorkingDay('2026-10-10')).toBe(true) // Saturday, 调休
    expect(cal.isWorkingDay('2026-09-20')).toBe(true) // Sunday, 调休
    expect(cal.isWorkingDay('2026-12-01')).toBe(true) // an ordinary Tuesday
    expect(cal.isWorkingDay('2026-12-05')).toBe(false) // an ordinary Saturday
  })

  test('an admin-entered day wins over the shipped one', () => {
    const corrected = makeCalendar([...shippedCalendarDays(), { date: '2026-12-05', kind: 'workday', name: '测试调休' }])
    expect(corrected.isWorkingDay('2026-12-05')).toBe(true)
  })
})

describe('working-day response targets', () => {
  test('a request at 2026-09-30 17:00 with 1 working day is due on the first working day after 国庆', () => {
    expect(responseDueAt(at('2026-09-30', '17:00'), { workingDays: 1 }, cal)).toEqual(at('2026-10-08', '17:00'))
  })

  test('a 调休 Saturday counts as a working day', () => {
    expect(responseDueAt(at('2026-10-09', '10:00'), { workingDays: 1 }, cal)).toEqual(at('2026-10-10', '10:00'))
  })

  test('arriving on a day off counts from the start of the next working day (a 调休 Sunday)', () => {
    expect(addWorkingDays(at('2026-09-19', '15:00'), 1, cal)).toEqual(at('2026-09-21', '00:00'))
  })

  test('春节: a request on the eve of the holiday waits until after it', () => {
    // Saturday 02-14 is worked; 02-15…02-23 are off; Tuesday 02-24 is the next working day.
    expect(responseDueAt(at('2026-02-14', '09:00'), { workingDays: 1 }, cal)).toEqual(at('2026-02-24', '09:00'))
  })

  test('minutes are wall-clock time, holidays or not', () => {
    expect(responseDueAt(at('2026-10-01', '10:00'), { minutes: 120 }, cal)).toEqual(at('2026-10-01', '12:00'))
  })

  test('without holidays the ordinary week still applies', () => {
    expect(responseDueAt(at('2026-10-01', '10:00'), { workingDays: 1 }, WEEKDAYS_ONLY)).toEqual(at('2026-10-02', '10:00'))
  })

  test('nextWorkingDay skips the holiday', () => {
    expect(nextWorkingDay('2026-10-01', cal)).toBe('2026-10-08')
    expect(nextWorkingDay('2026-12-01', cal)).toBe('2026-12-01')
  })
})

describe("a station's hours on a day", () => {
  test('a station is not 开放中 on a 春节 day, and says why', () => {
    const day = hoursOn('2026-02-17', WEEKDAYS, cal)
    expect(day).toEqual({ date: '2026-02-17', hours: [], note: '春节休息' })
    const special = specialDaysAhead(at('2026-02-16', '08:00'), 3, WEEKDAYS, cal)
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-02-17', '10:00'))).toBe(false)
  })

  test('a 调休 Sunday opens with an ordinary working day’s hours', () => {
    const day = hoursOn('2026-09-20', WEEKDAYS, cal)
    expect(day.hours).toEqual([
      { open: '08:30', close: '11:30' },
      { open: '13:30', close: '17:30' },
    ])
    expect(day.note).toContain('调休上班')
    const special = specialDaysAhead(at('2026-09-19', '08:00'), 3, WEEKDAYS, cal)
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-09-20', '09:00'))).toBe(true)
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-09-20', '12:00'))).toBe(false)
  })

  test("the station's own exception wins: closed for a range, or other hours", () => {
    const exceptions = [
      { from: '2026-12-09', to: '2026-12-10', hours: [], reason: '社工外出培训' },
      { from: '2026-12-11', to: '2026-12-11', hours: [{ open: '14:00', close: '16:00' }], reason: '下午开放' },
    ]
    expect(hoursOn('2026-12-09', WEEKDAYS, cal, exceptions)).toEqual({ date: '2026-12-09', hours: [], note: '社工外出培训' })
    const special = specialDaysAhead(at('2026-12-08', '00:00'), 7, WEEKDAYS, cal, exceptions)
    expect(special.map((d) => d.date)).toEqual(['2026-12-09', '2026-12-10', '2026-12-11'])
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-12-10', '09:00'))).toBe(false)
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-12-11', '09:00'))).toBe(false)
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-12-11', '15:00'))).toBe(true)
    // Ordinary days are not listed and follow the weekly hours.
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-12-08', '09:00'))).toBe(true)
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-12-12', '10:00'))).toBe(true) // Saturday morning
    expect(isOpenAtWith(WEEKDAYS, special, at('2026-12-13', '10:00'))).toBe(false) // Sunday
  })

  test('a holiday on a Saturday closes the Saturday hours too', () => {
    expect(hoursOn('2026-10-03', WEEKDAYS, cal).hours).toEqual([])
  })
})
