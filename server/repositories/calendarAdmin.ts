/** The admin's entries of the holiday calendar (table calendar_days). SQL only. */
import type { CalendarDay } from '../../domain/calendar'
import type { Queryable } from '../db'

export async function calendarDayAt(db: Queryable, date: string): Promise<CalendarDay | null> {
  const { rows } = await db.query<CalendarDay>(
    "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE date = $1",
    [date],
  )
  return rows[0] ?? null
}

export async function upsertCalendarDay(db: Queryable, d: CalendarDay, by: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO calendar_days (date, kind, name, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [d.date, d.kind, d.name, by, at],
  )
}

export async function deleteCalendarDay(db: Queryable, date: string): Promise<void> {
  await db.query('DELETE FROM calendar_days WHERE date = $1', [date])
}
