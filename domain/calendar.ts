/**
 * China's working calendar: weekends, public holidays (法定节假日) and the
 * weekend days worked in exchange (调休上班), plus a station's own date
 * exceptions (closed, or other hours, for a date range). Pure: the holiday
 * data comes in as a list (the server builds it from the `chinese-days`
 * package and the dates an admin adds), so the app and tests use it alike.
 *
 * Dates are China dates, `YYYY-MM-DD`; instants are `Date`s; China has one
 * time zone with no daylight saving (UTC+8), see ./chinaTime.
 */
import { addDays, cstDate, cstInstant, cstMinutesOfDay, cstWeekday, startOfCstDay } from './chinaTime'

export type CalendarDayKind = 'holiday' | 'workday'

/** A day that differs from the ordinary week: a public holiday, or a weekend day worked in exchange. */
export interface CalendarDay {
  date: string
  kind: CalendarDayKind
  /** 国庆节, 春节…; for a workday, the holiday it is worked for. */
  name: string
}

export interface WorkCalendar {
  /** A working day: Monday–Friday that is not a holiday, or a 调休 weekend day. */
  isWorkingDay(date: string): boolean
  /** The day's entry when it differs from the ordinary week, else null. */
  special(date: string): CalendarDay | null
}

export function makeCalendar(days: Iterable<CalendarDay>): WorkCalendar {
  const byDate = new Map<string, CalendarDay>()
  for (const d of days) byDate.set(d.date, d)
  return {
    isWorkingDay(date) {
      const s = byDate.get(date)
      if (s) return s.kind === 'workday'
      return isoWeekday(date) <= 5
    },
    special: (date) => byDate.get(date) ?? null,
  }
}

/** An ordinary week, with no holidays: what the code did before the calendar. */
export const WEEKDAYS_ONLY: WorkCalendar = makeCalendar([])

/** ISO weekday of a China date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/**
 * `n` working days after `from`: the same time of day on the n-th following
 * working day. Something that arrives on a day off counts from the start of
 * the next working day (a Saturday-night request with a 1-working-day target
 * is due on Tuesday 00:00 — one full working day, Monday, later).
 */
export function addWorkingDays(from: Date, n: number, cal: WorkCalendar): Date {
  let t = from
  if (!cal.isWorkingDay(cstDate(t))) {
    do t = addDays(startOfCstDay(t), 1)
    while (!cal.isWorkingDay(cstDate(t)))
  }
  let left = n
  while (left > 0) {
    t = addDays(t, 1)
    if (cal.isWorkingDay(cstDate(t))) left--
  }
  return t
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: string, cal: WorkCalendar): string {
  let d = date
  for (let i = 0; i < 366 && !cal.isWorkingDay(d); i++) d = cstDate(addDays(cstInstant(d), 1))
  return d
}

// ───────────────────────── a station's hours on a given day ─────────────────────────

export interface HoursRange {
  open: string
  close: string
}

export interface WeeklyHours extends HoursRange {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[]
}

/** A station's own exception for a date range: closed, or open at other hours. */
export interface StationException {
  from: string
  to: string
  /** Empty: closed. */
  hours: HoursRange[]
  /** What residents read: 「春节闭站」, 「社工外出培训」. */
  reason: string
}

export interface DayHours {
  date: string
  hours: HoursRange[]
  /** Why the day differs from the ordinary week (a holiday's name, a 调休 day, the station's reason), else null. */
  note: string | null
}

/** The hours of an ordinary working day: Monday's, else the first weekday's that has any. */
function workingDayHours(weekly: readonly WeeklyHours[]): HoursRange[] {
  for (let wd = 1; wd <= 5; wd++) {
    const ranges = weekly.filter((h) => h.weekdays.includes(wd)).map(({ open, close }) => ({ open, close }))
    if (ranges.length > 0) return ranges
  }
  return []
}

/**
 * A station's hours on `date`: its own exception wins; then a public holiday
 * closes it; a 调休 weekend day opens it as an ordinary working day; otherwise
 * its weekly hours for that weekday.
 */
export function hoursOn(
  date: string,
  weekly: readonly WeeklyHours[],
  cal: WorkCalendar,
  exceptions: readonly StationException[] = [],
): DayHours {
  const exception = exceptions.find((e) => e.from <= date && date <= e.to)
  if (exception) return { date, hours: exception.hours.map((h) => ({ ...h })), note: exception.reason }
  const special = cal.special(date)
  if (special?.kind === 'holiday') return { date, hours: [], note: `${special.name}休息` }
  const weekday = isoWeekday(date)
  if (special?.kind === 'workday' && weekday > 5) return { date, hours: workingDayHours(weekly), note: `${special.name}调休上班` }
  const hours = weekly.filter((h) => h.weekdays.includes(weekday)).map(({ open, close }) => ({ open, close }))
  return { date, hours, note: null }
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Whether a station is open at an instant, given its hours on that China date. */
export function isOpenIn(day: Pick<DayHours, 'hours'>, at: Date): boolean {
  const m = cstMinutesOfDay(at)
  return day.hours.some((h) => m >= toMinutes(h.open) && m < toMinutes(h.close))
}

/** `days` consecutive China dates from `from`'s date, with the station's hours on each. */
export function hoursAhead(
  from: Date,
  days: number,
  weekly: readonly WeeklyHours[],
  cal: WorkCalendar,
  exceptions: readonly StationException[] = [],
): DayHours[] {
  const start = startOfCstDay(from)
  return Array.from({ length: days }, (_, i) => hoursOn(cstDate(addDays(start, i)), weekly, cal, exceptions))
}

/** Only the days that differ from the ordinary week: what a station's answer carries for the app. */
export function specialDaysAhead(
  from: Date,
  days: number,
  weekly: readonly WeeklyHours[],
  cal: WorkCalendar,
  exceptions: readonly StationException[] = [],
): DayHours[] {
  return hoursAhead(from, days, weekly, cal, exceptions).filter((d) => d.note !== null)
}

/**
 * Open now? The special days (from the station's answer) decide their own
 * dates; other dates follow the weekly hours. This is what the app calls.
 */
export function isOpenAtWith(weekly: readonly WeeklyHours[], specialDays: readonly DayHours[], at: Date): boolean {
  const date = cstDate(at)
  const special = specialDays.find((d) => d.date === date)
  if (special) return isOpenIn(special, at)
  return isOpenIn({ hours: weekly.filter((h) => h.weekdays.includes(cstWeekday(at))) }, at)
}
