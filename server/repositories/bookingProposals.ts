/** Booking proposals from help requests (预约服务): SQL only; no rule, no HTTP error. */
import { HOLDING_STATUSES, type BookableKind } from '../../contract/bookings'
import type { ServiceCategory } from '../../contract/types'
import type { Queryable } from '../db'

export interface ProposalRow {
  id: string
  request_id: string
  service_id: string
  service_name: string
  service_kind: BookableKind
  service_category: ServiceCategory
  duration_minutes: number
  capacity: number
  station_id: string
  station_name: string
  /** Whose times (null: any worker with a place), and their name. */
  worker_id: string | null
  worker_name: string | null
  times: Date[]
  note: string
  status: 'open' | 'chosen' | 'withdrawn'
  proposed_by_name: string | null
  created_at: Date
  expires_at: Date
  booking_id: string | null
  chosen_starts_at: Date | null
}

const SELECT = `SELECT p.id, p.request_id, p.service_id, b.name AS service_name, b.kind AS service_kind, b.category AS service_category, b.duration_minutes, b.capacity,
    p.station_id, s.name AS station_name, p.worker_id, pw.nickname AS worker_name, p.times, p.note, p.status, u.nickname AS proposed_by_name, p.created_at, p.expires_at,
    p.booking_id, k.starts_at AS chosen_starts_at
  FROM booking_proposals p
  JOIN bookable_services b ON b.id = p.service_id
  JOIN stations s ON s.id = p.station_id
  LEFT JOIN users u ON u.id = p.proposed_by
  LEFT JOIN users pw ON pw.id = p.worker_id
  LEFT JOIN bookings k ON k.id = p.booking_id`

/** PGlite and node-postgres both give timestamptz[] as Date[]; a text form is parsed too. */
const withDates = (r: ProposalRow): ProposalRow => ({ ...r, times: (r.times ?? []).map((t) => new Date(t)) })

/** A request's proposals, newest first. */
export async function listProposals(db: Queryable, requestId: string): Promise<ProposalRow[]> {
  const { rows } = await db.query<ProposalRow>(`${SELECT} WHERE p.request_id = $1 ORDER BY p.created_at DESC, p.seq DESC`, [requestId])
  return rows.map(withDates)
}

/** One proposal of the request, locked for the pick. */
export async function lockProposal(db: Queryable, id: string, requestId: string): Promise<ProposalRow | null> {
  const { rows } = await db.query<ProposalRow>(`${SELECT} WHERE p.id = $1 AND p.request_id = $2 FOR UPDATE OF p`, [id, requestId])
  return rows[0] ? withDates(rows[0]) : null
}

export async function loadProposal(db: Queryable, id: string): Promise<ProposalRow> {
  const { rows } = await db.query<ProposalRow>(`${SELECT} WHERE p.id = $1`, [id])
  return withDates(rows[0]!)
}

/** A new proposal replaces the request's open ones. */
export async function insertProposal(
  db: Queryable,
  p: {
    requestId: string
    serviceId: string
    stationId: string
    workerId: string | null
    times: Date[]
    note: string
    by: string
    at: Date
    expiresAt: Date
  },
): Promise<string> {
  await db.query(`UPDATE booking_proposals SET status = 'withdrawn' WHERE request_id = $1 AND status = 'open'`, [p.requestId])
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO booking_proposals (request_id, service_id, station_id, times, note, proposed_by, created_at, expires_at, worker_id)
     VALUES ($1, $2, $3, $4::timestamptz[], $5, $6, $7, $8, $9) RETURNING id`,
    [p.requestId, p.serviceId, p.stationId, p.times.map((t) => t.toISOString()), p.note, p.by, p.at, p.expiresAt, p.workerId],
  )
  return rows[0]!.id
}

/** A timeline entry staff see only at the station (a sensitive category's booking): request_events.only_station_id. */
export async function keepEventInStation(db: Queryable, eventId: number, stationId: string): Promise<void> {
  await db.query('UPDATE request_events SET only_station_id = $2 WHERE id = $1', [eventId, stationId])
}

export async function markChosen(db: Queryable, id: string, bookingId: string, at: Date): Promise<void> {
  await db.query(`UPDATE booking_proposals SET status = 'chosen', booking_id = $2, chosen_at = $3 WHERE id = $1`, [id, bookingId, at])
}

/**
 * Places held in a service over [from, to): bookings that overlap it — a home
 * visit's free time runs into every booking of the service (with `workerId`:
 * of that worker) during it.
 */
export async function heldDuring(db: Queryable, serviceId: string, from: Date, to: Date, workerId?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM bookings
      WHERE service_id = $1 AND status = ANY ($4::text[]) AND starts_at < $3 AND ends_at > $2 AND ($5::uuid IS NULL OR worker_id = $5)`,
    [serviceId, from, to, HOLDING_STATUSES, workerId ?? null],
  )
  return rows[0]!.n
}
