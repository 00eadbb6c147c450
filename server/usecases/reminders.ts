/**
 * The day-before reminders with the calendar: which stations are closed on the
 * day of the bookings and sessions about to be reminded (domain/reminders.ts),
 * then the reminders themselves (repositories), in the job's transaction.
 */
import { bookingDayClosure, sessionDayClosure } from '../../domain/reminders'
import { cstDate } from '../../domain/chinaTime'
import type { WeeklyHours } from '../../domain/calendar'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { remindBookingsTomorrow } from '../repositories/bookings'
import { remindTomorrow } from '../repositories/enrollments'
import { stationExceptions } from '../services/calendar'

const DAY = 24 * 3600_000

/** The stations' weekly hours and exceptions, for the stations given. */
async function stationDays(db: Queryable, stationIds: string[], now: Date) {
  const { rows } = await db.query<{ id: string; opening_hours: WeeklyHours[] }>(
    'SELECT id, opening_hours FROM stations WHERE id = ANY($1::uuid[])',
    [stationIds],
  )
  const weekly = new Map(rows.map((r) => [r.id, r.opening_hours]))
  const exceptions = await stationExceptions(db, stationIds, cstDate(now))
  return { weekly, exceptions }
}

export async function remindSessions(ctx: AppContext, tx: Queryable): Promise<number> {
  const now = ctx.clock()
  const { rows } = await tx.query<{ station_id: string }>(
    `SELECT DISTINCT a.station_id FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
      WHERE s.starts_at > $1 AND s.starts_at <= $2`,
    [now, new Date(now.getTime() + DAY)],
  )
  const { exceptions } = await stationDays(
    tx,
    rows.map((r) => r.station_id),
    now,
  )
  return remindTomorrow(tx, now, (stationId, startsAt) => sessionDayClosure(startsAt, exceptions.get(stationId) ?? []))
}

export async function remindBookings(ctx: AppContext, tx: Queryable): Promise<number> {
  const now = ctx.clock()
  const { rows } = await tx.query<{ station_id: string }>(
    `SELECT DISTINCT b.station_id FROM bookings k JOIN bookable_services b ON b.id = k.service_id
      WHERE k.status = 'booked' AND k.reminded_at IS NULL AND k.starts_at > $1 AND k.starts_at <= $2`,
    [now, new Date(now.getTime() + DAY)],
  )
  const { weekly, exceptions } = await stationDays(
    tx,
    rows.map((r) => r.station_id),
    now,
  )
  return remindBookingsTomorrow(tx, now, (stationId, startsAt) =>
    bookingDayClosure(startsAt, weekly.get(stationId) ?? [], ctx.calendar, exceptions.get(stationId) ?? []),
  )
}
