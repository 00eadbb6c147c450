/**
 * China Standard Time (UTC+8, no daylight saving), the one place its offset
 * lives: calendar dates, clock times and weekdays as residents and stations
 * read them, whatever the time zone of the phone or the server. Pure.
 */

const CST_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** The instant moved by the offset, so that its UTC fields read as China's wall clock. */
const wallClock = (t: Date | number) => new Date((typeof t === 'number' ? t : t.getTime()) + CST_OFFSET_MS)

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function cstDate(t: Date): string {
  return wallClock(t).toISOString().slice(0, 10)
}

/** The CST date (YYYY-MM-DD) and clock time (HH:mm) of an instant. */
export function isoToCst(iso: string | Date): { date: string; time: string } {
  const d = wallClock(new Date(iso)).toISOString()
  return { date: d.slice(0, 10), time: d.slice(11, 16) }
}

/** The instant (ISO, UTC) of a China Standard Time date (YYYY-MM-DD) and clock time (HH:mm). */
export function cstToIso(date: string, time: string): string {
  return new Date(Date.parse(`${date}T${time}:00Z`) - CST_OFFSET_MS).toISOString()
}

/** 00:00 China Standard Time of a calendar date (YYYY-MM-DD); an Invalid Date for a malformed one. */
export function cstDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS)
}

/** 00:00 China Standard Time of the day after the instant `t` (milliseconds). */
export function startOfNextCstDay(t: number): number {
  return Math.floor((t + CST_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - CST_OFFSET_MS
}

/** ISO weekday in China Standard Time: 1 = Monday … 7 = Sunday. */
export function cstWeekday(t: Date | number): number {
  const d = wallClock(t).getUTCDay()
  return d === 0 ? 7 : d
}

/** Minutes since 00:00 China Standard Time. */
export function cstMinutesOfDay(t: Date): number {
  const d = wallClock(t)
  return d.getUTCHours() * 60 + d.getUTCMinutes()
}

/** "11月25日 09:00" in China Standard Time. */
export function formatCstDateTime(t: Date): string {
  const d = wallClock(t)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`
}

/** "2026年12月2日" in China Standard Time. */
export function formatCstLongDate(t: Date): string {
  const wall = wallClock(t)
  return `${wall.getUTCFullYear()}年${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日`
}

/** 00:00 China Standard Time of the instant's own day. */
export function startOfCstDay(t: Date): Date {
  return new Date(Math.floor((t.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS)
}

/** The instant `n` days later (China keeps no daylight saving: a day is 24 hours). */
export function addDays(t: Date, n: number): Date {
  return new Date(t.getTime() + n * DAY_MS)
}

/** The instant of a China Standard Time date (YYYY-MM-DD) and clock time (HH:mm). */
export function cstInstant(date: string, time = '00:00'): Date {
  return new Date(Date.parse(`${date}T${time}:00Z`) - CST_OFFSET_MS)
}
