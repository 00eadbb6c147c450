/**
 * The supervisors' station report: for every station in their subtree, over
 * a period, what happened to the requests that reached it, how residents
 * rated it, and how its activities were attended. All from SQL over the real
 * events — each 'accepted' and 'resolved' event records, when it happens, how
 * long the request had waited in that station's queue and (accepted) whether
 * that was within the response target — read by index range scans on time.
 */
import type { StationReport, StationReportRow } from '../../contract/types'
import { roundStars } from '../../domain/ratings'
import type { Queryable } from '../db'
import { bookingFigures, NO_BOOKINGS, type BookingFigures } from './bookingReport'

/** A station and every station below it. */
export async function subtree(db: Queryable, rootId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH RECURSIVE sub AS (SELECT id FROM stations WHERE id = $1 UNION ALL SELECT s.id FROM stations s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub`,
    [rootId],
  )
  return rows.map((r) => r.id)
}

/** One query: every figure per station (GROUPING SETS adds the whole scope's row, station null). */
const REPORT_SQL = `
WITH ev AS (
  SELECT e.type, e.station_id, e.to_station_id, e.actor_id, e.elapsed_seconds, e.on_time
    FROM request_events e
   WHERE e.created_at >= $2 AND e.created_at < $3
     AND e.type IN ('submitted', 'transferred', 'escalated', 'accepted', 'resolved')
),
arrivals AS (
  SELECT sid, count(*)::int AS received, GROUPING(sid) AS total
    FROM (SELECT CASE WHEN type = 'submitted' THEN station_id ELSE to_station_id END AS sid
            FROM ev WHERE type IN ('submitted', 'transferred', 'escalated')) x
   WHERE sid = ANY ($1::uuid[])
   GROUP BY GROUPING SETS ((sid), ())
),
work AS (
  SELECT station_id AS sid, GROUPING(station_id) AS total,
         count(*) FILTER (WHERE type = 'accepted')::int AS accepted,
         count(*) FILTER (WHERE type = 'accepted' AND on_time)::int AS accepted_on_time,
         count(*) FILTER (WHERE type = 'accepted' AND NOT on_time)::int AS accepted_late,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_seconds) FILTER (WHERE type = 'accepted') AS accept_p50,
         count(*) FILTER (WHERE type = 'resolved')::int AS resolved,
         count(*) FILTER (WHERE type = 'resolved' AND on_time)::int AS resolved_on_time,
         count(*) FILTER (WHERE type = 'resolved' AND on_time IS NOT NULL)::int AS resolved_timed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_seconds) FILTER (WHERE type = 'resolved') AS resolve_p50,
         count(*) FILTER (WHERE type = 'escalated')::int AS escalations,
         count(*) FILTER (WHERE type = 'escalated' AND actor_id IS NULL)::int AS auto_escalations
    FROM ev
   WHERE type IN ('accepted', 'resolved', 'escalated') AND station_id = ANY ($1::uuid[])
   GROUP BY GROUPING SETS ((station_id), ())
),
waiting AS (
  SELECT station_id AS sid, GROUPING(station_id) AS total, count(*)::int AS overdue_waiting
    FROM help_requests
   WHERE status = 'submitted' AND due_at >= $2 AND due_at < LEAST($3, $4) AND station_id = ANY ($1::uuid[])
   GROUP BY GROUPING SETS ((station_id), ())
),
rated AS (
  SELECT station_id AS sid, GROUPING(station_id) AS total,
         count(*)::int AS ratings, avg(stars)::float8 AS average_stars,
         count(*) FILTER (WHERE subject = 'request')::int AS request_ratings,
         count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved_ratings
    FROM ratings
   WHERE created_at >= $2 AND created_at < $3 AND station_id = ANY ($1::uuid[])
   GROUP BY GROUPING SETS ((station_id), ())
),
held AS (
  SELECT a.station_id, s.id AS session_id, a.id AS activity_id
    FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
   WHERE s.starts_at >= $2 AND s.starts_at < LEAST($3, $4) AND a.status <> 'cancelled' AND a.station_id = ANY ($1::uuid[])
),
attendance_by_session AS (
  SELECT h.station_id,
         (SELECT count(*) FROM enrollments e WHERE e.activity_id = h.activity_id AND e.status = 'confirmed')::int AS expected,
         (SELECT count(*) FROM attendance t WHERE t.session_id = h.session_id)::int AS attended
    FROM held h
),
act AS (
  SELECT station_id AS sid, GROUPING(station_id) AS total,
         count(*)::int AS sessions, sum(expected)::int AS expected, sum(attended)::int AS attended
    FROM attendance_by_session
   GROUP BY GROUPING SETS ((station_id), ())
),
calls AS (
  SELECT station_id AS sid, GROUPING(station_id) AS total,
         count(*)::int AS follow_ups,
         count(*) FILTER (WHERE closed_at IS NOT NULL)::int AS followed_up,
         count(*) FILTER (WHERE satisfied)::int AS follow_up_satisfied
    FROM follow_ups
   WHERE resolved_at >= $2 AND resolved_at < $3 AND station_id = ANY ($1::uuid[])
   GROUP BY GROUPING SETS ((station_id), ())
),
keys AS (
  SELECT id AS sid, 0 AS total FROM stations WHERE id = ANY ($1::uuid[])
  UNION ALL SELECT NULL, 1
)
SELECT k.sid, k.total = 1 AS is_total, s.code, s.name, s.kind, s.parent_id,
       COALESCE(ar.received, 0) AS received,
       COALESCE(w.accepted, 0) AS accepted, COALESCE(w.accepted_on_time, 0) AS accepted_on_time,
       COALESCE(w.accepted_late, 0) AS accepted_late, w.accept_p50,
       COALESCE(w.resolved, 0) AS resolved, w.resolve_p50,
       COALESCE(w.resolved_on_time, 0) AS resolved_on_time, COALESCE(w.resolved_timed, 0) AS resolved_timed,
       COALESCE(w.escalations, 0) AS escalations, COALESCE(w.auto_escalations, 0) AS auto_escalations,
       COALESCE(wt.overdue_waiting, 0) AS overdue_waiting,
       COALESCE(rd.ratings, 0) AS ratings, rd.average_stars,
       COALESCE(rd.request_ratings, 0) AS request_ratings, COALESCE(rd.resolved_ratings, 0) AS resolved_ratings,
       COALESCE(ac.sessions, 0) AS sessions, COALESCE(ac.expected, 0) AS expected, COALESCE(ac.attended, 0) AS attended,
       COALESCE(cl.follow_ups, 0) AS follow_ups, COALESCE(cl.followed_up, 0) AS followed_up,
       COALESCE(cl.follow_up_satisfied, 0) AS follow_up_satisfied
  FROM keys k
  LEFT JOIN stations s ON s.id = k.sid
  LEFT JOIN arrivals ar ON ar.total = k.total AND ar.sid IS NOT DISTINCT FROM k.sid
  LEFT JOIN work w ON w.total = k.total AND w.sid IS NOT DISTINCT FROM k.sid
  LEFT JOIN waiting wt ON wt.total = k.total AND wt.sid IS NOT DISTINCT FROM k.sid
  LEFT JOIN rated rd ON rd.total = k.total AND rd.sid IS NOT DISTINCT FROM k.sid
  LEFT JOIN act ac ON ac.total = k.total AND ac.sid IS NOT DISTINCT FROM k.sid
  LEFT JOIN calls cl ON cl.total = k.total AND cl.sid IS NOT DISTINCT FROM k.sid`

interface ReportRow {
  sid: string | null
  is_total: boolean
  code: string | null
  name: string | null
  kind: StationReportRow['station']['kind'] | null
  parent_id: string | null
  received: number
  accepted: number
  accepted_on_time: number
  accepted_late: number
  accept_p50: number | null
  resolved: number
  resolve_p50: number | null
  resolved_on_time: number
  resolved_timed: number
  escalations: number
  auto_escalations: number
  overdue_waiting: number
  ratings: number
  average_stars: number | null
  request_ratings: number
  resolved_ratings: number
  sessions: number
  expected: number
  attended: number
  follow_ups: number
  followed_up: number
  follow_up_satisfied: number
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((Number(seconds) / 60) * 10) / 10)
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null)

function figures(r: ReportRow): Omit<StationReport['total'], keyof BookingFigures> {
  const n = (v: number) => Number(v)
  return {
    received: n(r.received),
    accepted: n(r.accepted),
    acceptedOnTime: n(r.accepted_on_time),
    onTimeRate: share(n(r.accepted_on_time), n(r.accepted)),
    medianAcceptMinutes: minutes(r.accept_p50),
    resolved: n(r.resolved),
    medianResolveMinutes: minutes(r.resolve_p50),
    resolvedOnTime: n(r.resolved_on_time),
    resolvedTimed: n(r.resolved_timed),
    // Of the resolutions timed against a resolution target (those before the second clock were not).
    resolvedOnTimeRate: share(n(r.resolved_on_time), n(r.resolved_timed)),
    // Late: accepted after the target, moved up by the escalation job, or still waiting past it.
    overdue: n(r.accepted_late) + n(r.auto_escalations) + n(r.overdue_waiting),
    escalations: n(r.escalations),
    ratings: n(r.ratings),
    averageStars: r.average_stars === null ? null : roundStars(Number(r.average_stars)),
    resolvedShare: share(n(r.resolved_ratings), n(r.request_ratings)),
    activitiesHeld: n(r.sessions),
    expectedAttendance: n(r.expected),
    attended: n(r.attended),
    attendanceRate: share(n(r.attended), n(r.expected)),
    followUps: n(r.follow_ups),
    followedUp: n(r.followed_up),
    // Of the requests resolved in the period, the share whose resident was reached by a 回访 (at most all of them).
    followUpShare: n(r.resolved) > 0 ? Math.min(1, n(r.followed_up) / n(r.resolved)) : null,
    followUpSatisfied: n(r.follow_up_satisfied),
    followUpSatisfaction: share(n(r.follow_up_satisfied), n(r.followed_up)),
  }
}

/** Per worker: the requests they accepted and resolved in the stations of `scope` over [start, end), and how many within target. */
const WORKERS_SQL = `
SELECT u.id, u.nickname, s.id AS station_id, s.code, s.name AS station_name, s.kind,
       count(*) FILTER (WHERE e.type = 'accepted')::int AS accepted,
       count(*) FILTER (WHERE e.type = 'accepted' AND e.on_time)::int AS accepted_on_time,
       count(*) FILTER (WHERE e.type = 'resolved')::int AS resolved,
       count(*) FILTER (WHERE e.type = 'resolved' AND e.on_time)::int AS resolved_on_time,
       count(*) FILTER (WHERE e.type = 'resolved' AND e.on_time IS NOT NULL)::int AS resolved_timed
  FROM request_events e
  JOIN users u ON u.id = e.actor_id
  JOIN stations s ON s.id = u.station_id
 WHERE e.created_at >= $2 AND e.created_at < $3 AND e.type IN ('accepted', 'resolved') AND e.station_id = ANY ($1::uuid[])
 GROUP BY u.id, u.nickname, s.id, s.code, s.name, s.kind
 ORDER BY s.name, u.nickname`

interface WorkerRow {
  id: string
  nickname: string
  station_id: string
  code: string
  station_name: string
  kind: StationReportRow['station']['kind']
  accepted: number
  accepted_on_time: number
  resolved: number
  resolved_on_time: number
  resolved_timed: number
}

export async function workerFigures(db: Queryable, scope: string[], start: Date, end: Date): Promise<StationReport['workers']> {
  const { rows } = await db.query<WorkerRow>(WORKERS_SQL, [scope, start, end])
  return rows.map((r) => ({
    id: r.id,
    nickname: r.nickname,
    station: { id: r.station_id, code: r.code, name: r.station_name, kind: r.kind },
    accepted: Number(r.accepted),
    acceptedOnTime: Number(r.accepted_on_time),
    onTimeRate: share(Number(r.accepted_on_time), Number(r.accepted)),
    resolved: Number(r.resolved),
    resolvedOnTime: Number(r.resolved_on_time),
    resolvedTimed: Number(r.resolved_timed),
    resolvedOnTimeRate: share(Number(r.resolved_on_time), Number(r.resolved_timed)),
  }))
}

/** Every figure of the stations in `scope` over [start, end), per station (by level, then name) and in total. */
export async function reportFigures(
  db: Queryable,
  scope: string[],
  start: Date,
  end: Date,
  now: Date,
): Promise<Pick<StationReport, 'items' | 'total'>> {
  const { rows } = await db.query<ReportRow>(REPORT_SQL, [scope, start, end, now])
  const bookings = await bookingFigures(db, scope, start, end)
  const total = rows.find((r) => r.is_total)!
  const order = ['city', 'district', 'street', 'community', 'school', 'enterprise', 'special']
  const items = rows
    .filter((r) => !r.is_total)
    .map((r) => ({
      station: { id: r.sid!, code: r.code!, name: r.name!, kind: r.kind! },
      parentId: r.parent_id,
      ...figures(r),
      ...(bookings.byStation.get(r.sid!) ?? NO_BOOKINGS),
    }))
    .sort((a, b) => order.indexOf(a.station.kind) - order.indexOf(b.station.kind) || a.station.name.localeCompare(b.station.name, 'zh-CN'))
  return { items, total: { ...figures(total), ...bookings.total } }
}

const percent = (v: number | null) => (v === null ? '' : `${Math.round(v * 1000) / 10}%`)

/** The report as spreadsheet lines: a header, one line per station, then 合计. */
export function reportLines(r: StationReport): (string | number | null)[][] {
  const header = [
    '站点',
    '站点编码',
    '收到求助',
    '受理',
    '按时受理',
    '按时受理率',
    '受理中位时长（分钟）',
    '办结',
    '办结中位时长（分钟）',
    '按时办结',
    '按时办结率',
    '超时',
    '升级',
    '评价数',
    '平均星级',
    '已解决占比',
    '活动场次',
    '应到人次',
    '实到人次',
    '出勤率',
    '预约数',
    '预约到场',
    '预约未到场',
    '未到场率',
    '取消预约',
    '回访',
    '回访比例',
    '回访满意',
    '回访满意率',
  ]
  const line = (name: string, code: string, f: StationReport['total']) => [
    name,
    code,
    f.received,
    f.accepted,
    f.acceptedOnTime,
    percent(f.onTimeRate),
    f.medianAcceptMinutes,
    f.resolved,
    f.medianResolveMinutes,
    f.resolvedOnTime,
    percent(f.resolvedOnTimeRate),
    f.overdue,
    f.escalations,
    f.ratings,
    f.averageStars,
    percent(f.resolvedShare),
    f.activitiesHeld,
    f.expectedAttendance,
    f.attended,
    percent(f.attendanceRate),
    f.bookingsMade,
    f.bookingsAttended,
    f.bookingsNoShow,
    percent(f.noShowRate),
    f.bookingsCancelled,
    f.followedUp,
    percent(f.followUpShare),
    f.followUpSatisfied,
    percent(f.followUpSatisfaction),
  ]
  return [header, ...r.items.map((i) => line(i.station.name, i.station.code, i)), line(`合计（${r.from} 至 ${r.to}）`, '', r.total)]
}
