/**
 * The report's pictures: per week (Monday, China time) what reached the
 * stations of the scope, what they accepted (on time or not) and resolved, and
 * how residents rated them; and the mix of categories received. The same
 * events and definitions as the station report (repositories/reports.ts).
 */
import type { ReportTrends } from '../../contract/types'
import type { ServiceCategory } from '../../contract/enums'
import { roundStars } from '../../domain/ratings'
import type { Queryable } from '../db'

/** A China-time Monday as YYYY-MM-DD, from an instant column. */
const week = (column: string) => `to_char(date_trunc('week', (${column} AT TIME ZONE 'UTC') + interval '8 hours'), 'YYYY-MM-DD')`

const TRENDS_SQL = `
WITH ev AS (
  SELECT e.request_id, e.type, e.on_time, ${week('e.created_at')} AS week,
         CASE WHEN e.type = 'submitted' THEN e.station_id WHEN e.type IN ('transferred', 'escalated') THEN e.to_station_id ELSE e.station_id END AS sid
    FROM request_events e
   WHERE e.created_at >= $2 AND e.created_at < $3
     AND e.type IN ('submitted', 'transferred', 'escalated', 'accepted', 'resolved')
),
weekly AS (
  SELECT week,
         count(*) FILTER (WHERE type IN ('submitted', 'transferred', 'escalated'))::int AS received,
         count(*) FILTER (WHERE type = 'resolved')::int AS resolved,
         count(*) FILTER (WHERE type = 'accepted')::int AS accepted,
         count(*) FILTER (WHERE type = 'accepted' AND on_time)::int AS accepted_on_time
    FROM ev WHERE sid = ANY ($1::uuid[]) GROUP BY week
),
rated AS (
  SELECT ${week('created_at')} AS week, count(*)::int AS ratings, avg(stars)::float8 AS average_stars
    FROM ratings WHERE created_at >= $2 AND created_at < $3 AND station_id = ANY ($1::uuid[]) GROUP BY 1
)
SELECT COALESCE(w.week, r.week) AS week, COALESCE(w.received, 0) AS received, COALESCE(w.resolved, 0) AS resolved,
       COALESCE(w.accepted, 0) AS accepted, COALESCE(w.accepted_on_time, 0) AS accepted_on_time,
       COALESCE(r.ratings, 0) AS ratings, r.average_stars
  FROM weekly w FULL JOIN rated r ON r.week = w.week`

const CATEGORIES_SQL = `
SELECT h.category, count(*)::int AS count
  FROM request_events e JOIN help_requests h ON h.id = e.request_id
 WHERE e.created_at >= $2 AND e.created_at < $3 AND e.type IN ('submitted', 'transferred', 'escalated')
   AND (CASE WHEN e.type = 'submitted' THEN e.station_id ELSE e.to_station_id END) = ANY ($1::uuid[])
 GROUP BY h.category ORDER BY count DESC, h.category`

interface WeekRow {
  week: string
  received: number
  resolved: number
  accepted: number
  accepted_on_time: number
  ratings: number
  average_stars: number | null
}

/** Every Monday (YYYY-MM-DD) of the weeks that [from, to] touches. */
export function mondays(from: string, to: string): string[] {
  const day = 86_400_000
  const first = Date.parse(`${from}T00:00:00Z`)
  const weekday = (new Date(first).getUTCDay() + 6) % 7
  const out: string[] = []
  for (let monday = first - weekday * day; monday <= Date.parse(`${to}T00:00:00Z`); monday += 7 * day) {
    out.push(new Date(monday).toISOString().slice(0, 10))
  }
  return out
}

export async function reportTrends(
  db: Queryable,
  scope: string[],
  period: { from: string; to: string; start: Date; end: Date },
): Promise<ReportTrends> {
  const params = [scope, period.start, period.end]
  const [weekly, categories] = await Promise.all([
    db.query<WeekRow>(TRENDS_SQL, params),
    db.query<{ category: ServiceCategory; count: number }>(CATEGORIES_SQL, params),
  ])
  const byWeek = new Map(weekly.rows.map((r) => [r.week, r]))
  return {
    from: period.from,
    to: period.to,
    weeks: mondays(period.from, period.to).map((weekStart) => {
      const row = byWeek.get(weekStart)
      const accepted = Number(row?.accepted ?? 0)
      const onTime = Number(row?.accepted_on_time ?? 0)
      return {
        weekStart,
        received: Number(row?.received ?? 0),
        resolved: Number(row?.resolved ?? 0),
        accepted,
        acceptedOnTime: onTime,
        onTimeRate: accepted > 0 ? onTime / accepted : null,
        ratings: Number(row?.ratings ?? 0),
        averageStars: row?.average_stars === null || row?.average_stars === undefined ? null : roundStars(Number(row.average_stars)),
      }
    }),
    categories: categories.rows.map((c) => ({ category: c.category, count: Number(c.count) })),
  }
}
