/**
 * 预约服务 in the supervisors' station report: per station and in total, over
 * a period, the bookings made (created in it), attended and no-show (those
 * whose time fell in it), and cancelled (cancelled in it). Counts only — no
 * person, no category — so sensitive categories add to the figures without
 * being seen above the station.
 */
import type { Queryable } from '../db'

export interface BookingFigures {
  bookingsMade: number
  bookingsAttended: number
  bookingsNoShow: number
  noShowRate: number | null
  bookingsCancelled: number
}

const BOOKING_REPORT_SQL = `
SELECT station_id AS sid, GROUPING(station_id) AS total,
       count(*) FILTER (WHERE created_at >= $2 AND created_at < $3)::int AS made,
       count(*) FILTER (WHERE status = 'attended' AND starts_at >= $2 AND starts_at < $3)::int AS attended,
       count(*) FILTER (WHERE status = 'no_show' AND starts_at >= $2 AND starts_at < $3)::int AS no_show,
       count(*) FILTER (WHERE status = 'cancelled' AND cancelled_at >= $2 AND cancelled_at < $3)::int AS cancelled
  FROM bookings
 WHERE station_id = ANY ($1::uuid[])
   AND ((created_at >= $2 AND created_at < $3) OR (starts_at >= $2 AND starts_at < $3) OR (cancelled_at >= $2 AND cancelled_at < $3))
 GROUP BY GROUPING SETS ((station_id), ())`

export const NO_BOOKINGS: BookingFigures = {
  bookingsMade: 0,
  bookingsAttended: 0,
  bookingsNoShow: 0,
  noShowRate: null,
  bookingsCancelled: 0,
}

/** The figures per station id; the whole scope's under `total`. Stations without bookings are absent (NO_BOOKINGS). */
export async function bookingFigures(
  db: Queryable,
  scope: string[],
  start: Date,
  end: Date,
): Promise<{ byStation: Map<string, BookingFigures>; total: BookingFigures }> {
  const { rows } = await db.query<{
    sid: string | null
    total: number
    made: number
    attended: number
    no_show: number
    cancelled: number
  }>(BOOKING_REPORT_SQL, [scope, start, end])
  const figures = (r: (typeof rows)[number]): BookingFigures => {
    const attended = Number(r.attended)
    const noShow = Number(r.no_show)
    return {
      bookingsMade: Number(r.made),
      bookingsAttended: attended,
      bookingsNoShow: noShow,
      noShowRate: attended + noShow > 0 ? noShow / (attended + noShow) : null,
      bookingsCancelled: Number(r.cancelled),
    }
  }
  const byStation = new Map(rows.filter((r) => Number(r.total) === 0).map((r) => [r.sid!, figures(r)]))
  const total = rows.find((r) => Number(r.total) === 1)
  return { byStation, total: total ? figures(total) : NO_BOOKINGS }
}
