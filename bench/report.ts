/**
 * The supervisors' station report at a city's scale: one city with 10
 * districts, 60 streets and 240 community rooms (311 stations), a year of
 * 300,000 help requests (≈1.1 M timeline events: submitted, accepted, resolved;
 * some escalated or transferred), 90,000 ratings and 20,000 activity sessions
 * with their enrollments and check-ins — generated in SQL.
 *
 *   speed:       the report for the city's supervisor over one month and over
 *                the whole year (median of `runs`), against the same month's
 *                query planned without its indexes (sequential scans; run
 *                once) in the same run, as a ratio;
 *   correctness: both plans give the same figures.
 */
import type { Database } from '../server/db'
import type { StationReport } from '../contract/types'
import type { Staff } from '../domain/staff'
import { stationReport } from '../server/usecases/reports'
import { percentile, timed } from './util'

export const REPORT_REQUESTS = 300_000
const YEAR_START = '2025-01-01T00:00:00+08:00'

/** Builds the city. Returns the supervisor at the city's guidance centre. */
export async function loadCity(db: Database): Promise<Staff> {
  await db.exec(`
    INSERT INTO stations (code, name, kind, parent_id, province, city, district, address, lat, lng, phone)
    VALUES ('BENCH', '基准市社工站指导中心', 'city', NULL, '基准省', '基准市', '市辖区', '基准路 1 号', 30, 110, '0000-0000000');
    INSERT INTO stations (code, name, kind, parent_id, province, city, district, address, lat, lng, phone)
    SELECT 'BENCH-D' || d, '基准区' || d || '社工总站', 'district', (SELECT id FROM stations WHERE code = 'BENCH'),
           '基准省', '基准市', '基准区' || d, '区府路 ' || d || ' 号', 30 + d * 0.01, 110, '0000-0000000'
      FROM generate_series(1, 10) d;
    INSERT INTO stations (code, name, kind, parent_id, province, city, district, street, address, lat, lng, phone)
    SELECT 'BENCH-D' || ((s - 1) % 10 + 1) || '-S' || s, '基准街道' || s || '社工站', 'street',
           (SELECT id FROM stations WHERE code = 'BENCH-D' || ((s - 1) % 10 + 1)),
           '基准省', '基准市', '基准区' || ((s - 1) % 10 + 1), '基准街道' || s, '街道路 ' || s || ' 号', 30 + s * 0.001, 110.1, '0000-0000000'
      FROM generate_series(1, 60) s;
    INSERT INTO stations (code, name, kind, parent_id, province, city, district, street, community, address, lat, lng, phone)
    SELECT p.code || '-C' || c, '基准社区' || c || '社会工作室', 'community', p.id,
           '基准省', '基准市', p.district, p.street, '基准社区' || c, '社区路 ' || c || ' 号', 30 + c * 0.0001, 110.2, '0000-0000000'
      FROM generate_series(1, 240) c
      JOIN LATERAL (SELECT id, code, district, street FROM stations WHERE code LIKE 'BENCH-D%-S%' ORDER BY code OFFSET (c - 1) % 60 LIMIT 1) p ON true;
    INSERT INTO users (nickname, role, station_id, username)
    SELECT '基准督导', 'supervisor', id, 'bench-supervisor' FROM stations WHERE code = 'BENCH';
  `)
  // A year of requests, each at a station of the city, with its timeline.
  await db.exec(`
    CREATE TABLE bench_st AS SELECT id, parent_id, row_number() OVER (ORDER BY code)::int AS n FROM stations WHERE code LIKE 'BENCH%';
    CREATE TABLE bench_rq AS
    SELECT gen_random_uuid() AS id, g, s.id AS station_id, s.parent_id,
           '${YEAR_START}'::timestamptz + (g * interval '105 seconds') AS created_at,
           (g % 10) AS fate
      FROM generate_series(1, ${REPORT_REQUESTS}) g JOIN bench_st s ON s.n = 1 + (g::bigint * 7919) % 311;
    INSERT INTO help_requests (id, number, station_id, routing_rule, routing_reason, category, description, urgency, requester,
                               contact_name, contact_phone, status, due_at, created_at, accepted_at, resolved_at, updated_at, queued_at, resolutions)
    SELECT id, 'BENCH-' || g, station_id, 'community', '基准', 'elderly_care', '基准求助', 'normal', 'self', '基准居民', '',
           CASE WHEN fate < 8 THEN 'resolved' WHEN fate = 8 THEN 'in_progress' ELSE 'submitted' END,
           created_at + interval '1 day', created_at,
           CASE WHEN fate < 9 THEN created_at + (g % 50) * interval '10 minutes' END,
           CASE WHEN fate < 8 THEN created_at + (g % 70) * interval '1 hour' END,
           created_at, created_at, CASE WHEN fate < 8 THEN 1 ELSE 0 END
      FROM bench_rq;
    INSERT INTO request_events (request_id, type, station_id, created_at)
    SELECT id, 'submitted', station_id, created_at FROM bench_rq;
    INSERT INTO request_events (request_id, type, station_id, to_station_id, created_at)
    SELECT r.id, 'transferred', r.station_id, s.id, r.created_at + interval '5 minutes'
      FROM bench_rq r JOIN bench_st s ON s.n = 1 + (r.g * 31) % 311 WHERE r.g % 50 = 0;
    INSERT INTO request_events (request_id, type, station_id, to_station_id, created_at)
    SELECT r.id, 'escalated', r.station_id, r.parent_id, r.created_at + interval '1 day'
      FROM bench_rq r WHERE r.fate = 9 AND r.g % 3 = 0 AND r.parent_id IS NOT NULL;
    INSERT INTO request_events (request_id, type, station_id, created_at, elapsed_seconds, on_time)
    SELECT id, 'accepted', station_id, created_at + (g % 50) * interval '10 minutes', (g % 50) * 600, (g % 50) * 600 <= 86400
      FROM bench_rq WHERE fate < 9;
    INSERT INTO request_events (request_id, type, station_id, created_at, elapsed_seconds)
    SELECT id, 'resolved', station_id, created_at + (g % 70) * interval '1 hour', (g % 70) * 3600
      FROM bench_rq WHERE fate < 8;
    INSERT INTO ratings (subject, request_id, resolution, station_id, outcome, stars, created_at, updated_at)
    SELECT 'request', id, 1, station_id, (ARRAY['resolved', 'partly', 'unresolved'])[1 + g % 3], 1 + g % 5,
           created_at + (g % 70) * interval '1 hour' + interval '1 hour', created_at
      FROM bench_rq WHERE fate < 8 AND g % 8 < 3;
  `)
  // Activities: 2,000 courses of 10 weekly sessions, 12 enrolled, 9 or 10 checked in each time.
  await db.exec(`
    CREATE TABLE bench_act AS
    SELECT gen_random_uuid() AS id, a, s.id AS station_id, '${YEAR_START}'::timestamptz + (a * interval '4 hours') AS starts_at
      FROM generate_series(1, 2000) a JOIN bench_st s ON s.n = 1 + (a * 13) % 311;
    INSERT INTO activities (id, station_id, title, category, audience, description, place, capacity, taken, opens_at, closes_at,
                            cancel_deadline, starts_at, ends_at)
    SELECT id, station_id, '基准课程' || a, 'class', 'children', '基准', '活动室', 20, 12, starts_at - interval '7 days',
           starts_at - interval '1 day', starts_at - interval '1 day', starts_at, starts_at + interval '63 days 2 hours'
      FROM bench_act;
    INSERT INTO activity_sessions (activity_id, seq, starts_at, ends_at)
    SELECT id, w, starts_at + (w - 1) * interval '7 days', starts_at + (w - 1) * interval '7 days' + interval '2 hours'
      FROM bench_act, generate_series(1, 10) w;
    INSERT INTO users (nickname, role) SELECT '基准家长' || u, 'resident' FROM generate_series(1, 12) u;
    INSERT INTO enrollments (activity_id, user_id, participant_key, participant_name, contact_phone, status, created_at, confirmed_at)
    SELECT a.id, u.id, 'self', '基准孩子', '', 'confirmed', a.starts_at - interval '3 days', a.starts_at - interval '3 days'
      FROM bench_act a CROSS JOIN (SELECT id FROM users WHERE nickname LIKE '基准家长%') u;
    INSERT INTO attendance (enrollment_id, session_id, checked_in_at)
    SELECT e.id, s.id, s.starts_at
      FROM enrollments e JOIN activity_sessions s ON s.activity_id = e.activity_id
     WHERE e.participant_name = '基准孩子' AND (hashtext(e.id::text || s.id::text) % 10) <> 0;
    DROP TABLE bench_st, bench_rq, bench_act;
  `)
  await db.exec('VACUUM ANALYZE')
  const { rows } = await db.query<{ id: string; station_id: string }>(
    `SELECT id, station_id FROM users WHERE username = 'bench-supervisor'`,
  )
  return { id: rows[0]!.id, role: 'supervisor', stationId: rows[0]!.station_id }
}

const SEQUENTIAL = ['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan']

async function reportOnce(db: Database, staff: Staff, period: { from: string; to: string }, withoutIndexes: boolean) {
  return db.transaction(async (tx) => {
    if (withoutIndexes) for (const s of SEQUENTIAL) await tx.query(`SET LOCAL ${s} = off`)
    return stationReport({ clock: () => new Date('2026-01-01T00:00:00+08:00') }, tx, staff, period)
  })
}

export interface ReportBench {
  stations: number
  requests: number
  events: number
  monthP50Ms: number
  yearP50Ms: number
  monthSeqP50Ms: number
  speedup: number
  sameFigures: boolean
}

export async function benchReport(db: Database, staff: Staff, runs = 7): Promise<ReportBench> {
  const month = { from: '2025-06-01', to: '2025-06-30' }
  const year = { from: '2025-01-01', to: '2025-12-31' }
  const time = async (period: typeof month, seq: boolean) => {
    const ms: number[] = []
    let last: StationReport | null = null
    // Without its indexes one report takes minutes on PGlite: once, no warm-up.
    if (!seq) await reportOnce(db, staff, period, seq) // warm-up
    for (let i = 0; i < (seq ? 1 : runs); i++) {
      const t = await timed(() => reportOnce(db, staff, period, seq))
      ms.push(t.ms)
      last = t.value
    }
    return { p50: percentile(ms, 50), report: last! }
  }
  const m = await time(month, false)
  const y = await time(year, false)
  const mSeq = await time(month, true)
  const counts = await db.query<{ stations: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM stations WHERE code LIKE 'BENCH%') AS stations, (SELECT count(*)::int FROM request_events) AS events`,
  )
  return {
    stations: counts.rows[0]!.stations,
    requests: REPORT_REQUESTS,
    events: counts.rows[0]!.events,
    monthP50Ms: m.p50,
    yearP50Ms: y.p50,
    monthSeqP50Ms: mSeq.p50,
    speedup: mSeq.p50 / Math.max(m.p50, 0.001),
    sameFigures: JSON.stringify(m.report) === JSON.stringify(mSeq.report) && m.report.items.length === 311,
  }
}
