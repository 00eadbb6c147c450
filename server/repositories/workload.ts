/** A station's workers and the open requests each carries now (assignment), and the cap a head sets per worker. */
import type { StaffRole } from '../../contract/enums'
import { rolesWith } from '../../domain/permissions'
import type { Queryable } from '../db'

export interface ColleagueRow {
  id: string
  nickname: string
  role: StaffRole
  station_id: string
  workload_cap: number | null
  open_count: number
}

/**
 * The workers of a station (every account in use whose role works a queue — a
 * disabled (停用) account is no one's colleague), each with
 * their open requests; or one of them (`userId`), its row locked with
 * `forUpdate` so that two assignments to the same worker are decided one after
 * the other and the cap holds.
 */
export async function colleaguesOf(
  db: Queryable,
  stationId: string,
  opts: { userId?: string; forUpdate?: boolean } = {},
): Promise<ColleagueRow[]> {
  const params: unknown[] = [stationId, rolesWith('queue.work')]
  if (opts.userId) params.push(opts.userId)
  // The lock first, in a statement of its own: the count below then reads what a caller that held the lock
  // before committed (in READ COMMITTED, a statement that waited for a lock still counts from its older snapshot).
  if (opts.forUpdate && opts.userId) await db.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [opts.userId])
  const { rows } = await db.query<ColleagueRow>(
    `SELECT u.id, u.nickname, u.role, u.station_id, u.workload_cap,
            (SELECT count(*)::int FROM help_requests r
              WHERE r.assignee_id = u.id AND r.status IN ('submitted', 'accepted', 'in_progress')) AS open_count
       FROM users u
      WHERE u.station_id = $1 AND u.role = ANY ($2::text[]) AND u.disabled_at IS NULL${opts.userId ? ' AND u.id = $3' : ''}
      ORDER BY u.nickname`,
    params,
  )
  return rows
}

/** The name of a worker of the station whose account is disabled (停用), else null (not a worker of the station, or in use). */
export async function disabledColleague(db: Queryable, stationId: string, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ nickname: string }>(
    `SELECT nickname FROM users WHERE id = $3 AND station_id = $1 AND role = ANY ($2::text[]) AND disabled_at IS NOT NULL`,
    [stationId, rolesWith('queue.work'), userId],
  )
  return rows[0]?.nickname ?? null
}

export async function saveWorkloadCap(db: Queryable, userId: string, cap: number | null): Promise<void> {
  await db.query('UPDATE users SET workload_cap = $2 WHERE id = $1', [userId, cap])
}
