/**
 * The working calendar the server decides with: the public holidays and 调休
 * days shipped with the maintained `chinese-days` package, overridden day by
 * day by `calendar_days` (what an admin enters when the State Council
 * publishes a new year's dates). Reloaded by the jobs loop and after an
 * admin's change, so every instance follows within one job interval.
 */
import { createRequire } from 'node:module'
import { makeCalendar, type CalendarDay, type StationException, type WorkCalendar } from '../../domain/calendar'
import type { Queryable } from '../db'

interface ChineseDaysData {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

let shipped: CalendarDay[] | null = null

/** `"National Day,国庆节,3"` → 国庆节. */
const chineseName = (value: string) => value.split(',')[1]?.trim() || '节假日'

/** The package's dates (2004 to the latest year it knows), read once. */
export function shippedCalendarDays(): CalendarDay[] {
  if (!shipped) {
    const data = createRequire(__filename)('chinese-days/dist/chinese-days.json') as ChineseDaysData
    shipped = [
      ...Object.entries(data.holidays).map(([date, v]) => ({ date, kind: 'holiday' as const, name: chineseName(v) })),
      ...Object.entries(data.workdays).map(([date, v]) => ({ date, kind: 'workday' as const, name: chineseName(v) })),
    ]
  }
  return shipped
}

/** The last year the shipped data covers (the admin adds later years). */
export function shippedThroughYear(): number {
  return Math.max(...shippedCalendarDays().map((d) => Number(d.date.slice(0, 4))))
}

const isoDate = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10))

export async function loadCalendarDays(db: Queryable): Promise<CalendarDay[]> {
  const { rows } = await db.query<{ date: string; kind: CalendarDay['kind']; name: string }>(
    "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days ORDER BY date",
  )
  return rows
}

/** The calendar: shipped dates, then the database's (later entries win in makeCalendar). */
export async function loadCalendar(db: Queryable): Promise<WorkCalendar> {
  return makeCalendar([...shippedCalendarDays(), ...(await loadCalendarDays(db))])
}

/**
 * A calendar that can be reloaded in place: everything holds the same object,
 * and `reload()` swaps what it answers with.
 */
export interface LiveCalendar extends WorkCalendar {
  reload(db: Queryable): Promise<void>
  /** Grows at every reload: what was computed from the calendar before may differ now. */
  readonly version: number
}

export async function liveCalendar(db: Queryable): Promise<LiveCalendar> {
  let current = await loadCalendar(db)
  let version = 0
  return {
    isWorkingDay: (date) => current.isWorkingDay(date),
    special: (date) => current.special(date),
    async reload(source) {
      current = await loadCalendar(source)
      version++
    },
    get version() {
      return version
    },
  }
}

/** A station's exceptions that end on or after `fromDate`. */
export async function stationExceptions(
  db: Queryable,
  stationIds: readonly string[],
  fromDate: string,
): Promise<Map<string, StationException[]>> {
  const out = new Map<string, StationException[]>()
  if (stationIds.length === 0) return out
  const { rows } = await db.query<{
    station_id: string
    from_date: string
    to_date: string
    hours: StationException['hours']
    reason: string
  }>(
    `SELECT station_id, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, hours, reason
       FROM station_exceptions WHERE station_id = ANY ($1::uuid[]) AND to_date >= $2::date ORDER BY from_date, created_at`,
    [stationIds, fromDate],
  )
  for (const r of rows) {
    const list = out.get(r.station_id) ?? []
    list.push({ from: isoDate(r.from_date), to: isoDate(r.to_date), hours: r.hours, reason: r.reason })
    out.set(r.station_id, list)
  }
  return out
}
