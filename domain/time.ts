/**
 * China Standard Time (UTC+8, no daylight saving): the one place that knows
 * the offset. Dates are `YYYY-MM-DD` strings of the China calendar.
 */
export const CST_OFFSET_MS = 8 * 3600_000
export const DAY_MS = 86_400_000

/** The China date of an instant. */
export function cstDate(t: Date): string {
  return new Date(t.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant in China. */
export function cstWeekday(t: Date): number {
  const d = new Date(t.getTime() + CST_OFFSET_MS).getUTCDay()
  return d === 0 ? 7 : d
}

/** Minutes since China midnight. */
export function cstMinutesOfDay(t: Date): number {
  const local = new Date(t.getTime() + CST_OFFSET_MS)
  return local.getUTCHours() * 60 + local.getUTCMinutes()
}

/** China midnight at the start of the instant's day. */
export function startOfCstDay(t: Date): Date {
  return new Date(Math.floor((t.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS)
}

/** The instant `n` days (of 24 hours: China has no DST) later. */
export function addDays(t: Date, n: number): Date {
  return new Date(t.getTime() + n * DAY_MS)
}

/** The instant of a China date and clock time (`HH:mm`). */
export function cstInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`)
}
