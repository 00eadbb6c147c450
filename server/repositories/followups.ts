/**
 * 回访 in the database: scheduling a call when a request is resolved, the
 * calls of a set of stations (the request's contact unsealed), one call
 * locked for its outcome, and each attempt. No rule is decided here
 * (domain/followups.ts).
 */
import type { ServiceCategory, StationKind } from '../../contract/enums'
import type { RequestStatus } from '../../contract/requests'
import type { FollowUp } from '../../contract/types'
import type { Outcome } from '../../domain/followups'
import type { Queryable } from '../db'
import { unseal } from '../services/fieldCrypto'

export interface NewFollowUp {
  requestId: string
  stationId: string
  resolution: number
  resolvedAt: Date
  dueAt: Date
  scheduledBy: string
}

/** Schedules a call (once per resolution of a request). */
export async function insertFollowUp(tx: Queryable, f: NewFollowUp): Promise<void> {
  await tx.query(
    `INSERT INTO follow_ups (request_id, station_id, resolution, resolved_at, due_at, scheduled_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id, resolution) DO NOTHING`,
    [f.requestId, f.stationId, f.resolution, f.resolvedAt, f.dueAt, f.scheduledBy],
  )
}

interface FollowUpListRow {
  id: string
  request_id: string
  number: string
  category: ServiceCategory
  station_id: string
  station_code: string
  station_name: string
  station_kind: StationKind
  contact_name: string
  contact_phone: string
  helped_name: string | null
  helped_relationship: string | null
  helped_phone: string | null
  description: string
  resolution_summary: string | null
  resolved_at: Date
  due_at: Date
  attempts: number
  last_attempt_at: Date | null
}

/**
 * The open calls of `stationIds` due before `until` whose request is still in
 * the resolution they follow (not reopened, not purged); sensitive categories
 * only from the reader's own station. Due first, by due time; at most 200.
 */
export async function openFollowUps(
  db: Queryable,
  f: { stationIds: string[]; ownStationId: string; sensitive: readonly ServiceCategory[]; until: Date; now: Date },
): Promise<FollowUp[]> {
  const { rows } = await db.query<FollowUpListRow>(
    `SELECT f.id, f.request_id, r.number, r.category, s.id AS station_id, s.code AS station_code, s.name AS station_name,
            s.kind AS station_kind, r.contact_name, r.contact_phone, r.helped_name, r.helped_relationship, r.helped_phone,
            r.description, f.resolved_at, f.due_at, f.attempts, f.last_attempt_at,
            (SELECT e.body FROM request_events e WHERE e.request_id = r.id AND e.type = 'resolved' ORDER BY e.id DESC LIMIT 1)
              AS resolution_summary
       FROM follow_ups f
       JOIN help_requests r ON r.id = f.request_id
       JOIN stations s ON s.id = f.station_id
      WHERE f.closed_at IS NULL AND f.station_id = ANY ($1::uuid[]) AND f.due_at < $4
        AND (f.station_id = $2 OR r.category <> ALL ($3::text[]))
        AND r.status = 'resolved' AND r.resolutions = f.resolution AND r.purged_at IS NULL
      ORDER BY f.due_at, f.last_attempt_at NULLS FIRST, f.id
      LIMIT 200`,
    [f.stationIds, f.ownStationId, f.sensitive, f.until],
  )
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    number: r.number,
    category: r.category,
    station: { id: r.station_id, code: r.station_code, name: r.station_name, kind: r.station_kind },
    contactName: r.contact_name,
    contactPhone: unseal(r.contact_phone),
    helped: r.helped_name
      ? {
          name: r.helped_name,
          relationship: r.helped_relationship as NonNullable<FollowUp['helped']>['relationship'],
          phone: unseal(r.helped_phone),
        }
      : null,
    description: r.description,
    resolution: r.resolution_summary ?? '',
    resolvedAt: new Date(r.resolved_at).toISOString(),
    dueAt: new Date(r.due_at).toISOString(),
    due: new Date(r.due_at).getTime() <= f.now.getTime(),
    attempts: Number(r.attempts),
    lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at).toISOString() : null,
  }))
}

export interface LockedFollowUp {
  id: string
  request_id: string
  station_id: string
  category: ServiceCategory
  resolution: number
  closed_at: Date | null
  attempts: number
  request_status: RequestStatus
  request_resolutions: number
  purged: boolean
}

/** One call with what its outcome needs to know of its request, locked until the transaction ends. */
export async function lockFollowUp(tx: Queryable, id: string): Promise<LockedFollowUp | null> {
  const { rows } = await tx.query<LockedFollowUp>(
    `SELECT f.id, f.request_id, f.station_id, r.category, f.resolution, f.closed_at, f.attempts,
            r.status AS request_status, r.resolutions AS request_resolutions, (r.purged_at IS NOT NULL) AS purged
       FROM follow_ups f JOIN help_requests r ON r.id = f.request_id
      WHERE f.id = $1 FOR UPDATE OF f`,
    [id],
  )
  return rows[0] ?? null
}

/** Records one attempt and what it changes on the call; returns the call's attempts so far. */
export async function recordAttempt(tx: Queryable, followUpId: string, staffId: string, o: Outcome, at: Date): Promise<number> {
  await tx.query(
    `INSERT INTO follow_up_attempts (follow_up_id, staff_id, reached, satisfied, needs_more_help, note, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [followUpId, staffId, o.reached, o.reached ? o.satisfied : null, o.reached ? o.needsMoreHelp : null, o.note, at],
  )
  const { rows } = await tx.query<{ attempts: number }>(
    o.reached
      ? `UPDATE follow_ups SET closed_at = $2, satisfied = $3, needs_more_help = $4, last_attempt_at = $2 WHERE id = $1 RETURNING attempts`
      : `UPDATE follow_ups SET attempts = attempts + 1, last_attempt_at = $2 WHERE id = $1 RETURNING attempts`,
    o.reached ? [followUpId, at, o.satisfied, o.needsMoreHelp] : [followUpId, at],
  )
  return Number(rows[0]!.attempts)
}
