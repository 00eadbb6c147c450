/**
 * Activities in the database: the public catalogue (nearest stations first),
 * one activity's detail, and saving what the station publishes and edits.
 */
import type { ActivityCategory, Audience } from '../../contract/activities'
import type { ActivityBody, ActivityDetail, ActivityListQuery, ActivitySession, ActivitySummary } from '../../contract/types'
import { registrationState, type SessionInput } from '../../domain/activities'
import { cstDayStart } from '../../domain/chinaTime'
import type { Queryable } from '../db'

export interface ActivityRow {
  id: string
  station_id: string
  station_name: string
  station_phone: string
  /** Set while the station is closed: its activities take no enrollments. */
  station_closed_at: Date | null
  title: string
  project: string | null
  category: ActivityCategory
  audience: Audience
  min_age: number | null
  max_age: number | null
  description: string
  bring: string
  place: string
  lat: number | null
  lng: number | null
  capacity: number
  taken: number
  opens_at: Date
  closes_at: Date
  cancel_deadline: Date
  starts_at: Date
  ends_at: Date
  photo_consent_required: boolean
  confirm_within_hours: number | null
  status: ActivitySummary['status']
  session_count: number
  waitlist_count: number
  distance: number | null
}

const iso = (d: Date) => new Date(d).toISOString()

/** `dist` is an SQL expression for the distance to the resident (or NULL). */
export const activitySelect = (dist = 'NULL::float8') => `
  SELECT a.*, s.name AS station_name, s.phone AS station_phone, s.closed_at AS station_closed_at,
         (SELECT count(*)::int FROM activity_sessions x WHERE x.activity_id = a.id) AS session_count,
         (SELECT count(*)::int FROM enrollments w WHERE w.activity_id = a.id AND w.status = 'waitlisted') AS waitlist_count,
         ${dist} AS distance
    FROM activities a
    JOIN stations s ON s.id = a.station_id`

export function toSummary(r: ActivityRow, now: Date): ActivitySummary {
  return {
    id: r.id,
    title: r.title,
    project: r.project,
    category: r.category,
    audience: r.audience,
    minAge: r.min_age,
    maxAge: r.max_age,
    station: { id: r.station_id, name: r.station_name, phone: r.station_phone },
    place: r.place,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    sessionCount: Number(r.session_count),
    capacity: r.capacity,
    seatsLeft: r.capacity - r.taken,
    waitlistCount: Number(r.waitlist_count),
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    status: r.status,
    registration: registrationState(
      { status: r.status, opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at), endsAt: new Date(r.ends_at) },
      now,
    ),
    distanceMeters: r.distance === null || r.distance === undefined ? null : Math.round(Number(r.distance)),
  }
}

export async function sessionsOf(db: Queryable, activityId: string): Promise<ActivitySession[]> {
  const { rows } = await db.query<{ id: string; seq: number; starts_at: Date; ends_at: Date }>(
    'SELECT id, seq, starts_at, ends_at FROM activity_sessions WHERE activity_id = $1 ORDER BY seq',
    [activityId],
  )
  return rows.map((s) => ({ id: s.id, seq: s.seq, startsAt: iso(s.starts_at), endsAt: iso(s.ends_at) }))
}

export async function toDetail(db: Queryable, r: ActivityRow, now: Date): Promise<ActivityDetail> {
  return {
    ...toSummary(r, now),
    description: r.description,
    bring: r.bring,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    sessions: await sessionsOf(db, r.id),
    cancelDeadline: iso(r.cancel_deadline),
    photoConsentRequired: r.photo_consent_required,
    confirmWithinHours: r.confirm_within_hours,
  }
}

/**
 * Activities that have not ended, nearest stations first when a location is
 * given (then soonest first), filtered by station, audience, category and dates.
 */
export async function listActivities(db: Queryable, q: ActivityListQuery, now: Date): Promise<ActivitySummary[]> {
  const params: unknown[] = [now]
  const where = ["a.status <> 'cancelled'", 'a.ends_at > $1', 's.closed_at IS NULL']
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replace('?', `$${params.length}`))
  }
  if (q.stationId) add('a.station_id = ?', q.stationId)
  if (q.audience && q.audience !== 'all') add(`a.audience IN (?, 'all')`, q.audience)
  if (q.category) add('a.category = ?', q.category)
  if (q.from) add('a.ends_at >= ?', cstDayStart(q.from))
  if (q.to) add('a.starts_at < ?', new Date(cstDayStart(q.to).getTime() + 86_400_000))
  let dist = 'NULL::float8'
  let order = 'a.starts_at, a.id'
  if (q.lat !== undefined && q.lng !== undefined) {
    params.push(q.lat, q.lng)
    dist = `earth_distance(ll_to_earth(s.lat, s.lng), ll_to_earth($${params.length - 1}, $${params.length}))`
    order = 'distance, a.starts_at, a.id'
  }
  params.push(q.limit ?? 30)
  const { rows } = await db.query<ActivityRow>(
    `${activitySelect(dist)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
    params,
  )
  return rows.map((r) => toSummary(r, now))
}

export async function findActivity(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<ActivityRow | null> {
  if (opts.forUpdate) {
    // Every change to seats takes the activity's row lock first, so seats are decided one at a time, in arrival order.
    await db.query('SELECT 1 FROM activities WHERE id = $1 FOR UPDATE', [id])
  }
  const { rows } = await db.query<ActivityRow>(`${activitySelect()} WHERE a.id = $1`, [id])
  return rows[0] ?? null
}

export async function getActivity(db: Queryable, id: string, now: Date): Promise<ActivityDetail | null> {
  const r = await findActivity(db, id)
  return r ? toDetail(db, r, now) : null
}

// ───────────────────────── the station's side ─────────────────────────

/** Inserts an activity and its sessions (`sessions` in time order); returns its id. */
export async function insertActivity(
  db: Queryable,
  a: { stationId: string; createdBy: string | null; code: string | null; body: ActivityBody; sessions: readonly SessionInput[]; at: Date },
): Promise<string> {
  const { body: b, sessions } = a
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO activities (code, station_id, title, project, category, audience, min_age, max_age, description, bring,
                             place, lat, lng, capacity, opens_at, closes_at, cancel_deadline, starts_at, ends_at,
                             photo_consent_required, confirm_within_hours, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)
     RETURNING id`,
    [
      a.code,
      a.stationId,
      b.title,
      b.project || null,
      b.category,
      b.audience,
      b.minAge ?? null,
      b.maxAge ?? null,
      b.description,
      b.bring ?? '',
      b.place,
      b.location?.lat ?? null,
      b.location?.lng ?? null,
      b.capacity,
      b.opensAt,
      b.closesAt,
      b.cancelDeadline,
      sessions[0]!.startsAt,
      sessions[sessions.length - 1]!.endsAt,
      b.photoConsentRequired ?? false,
      b.confirmWithinHours ?? null,
      a.createdBy,
      a.at,
    ],
  )
  const id = rows[0]!.id
  await replaceSessions(db, id, sessions)
  return id
}

/** The activity's sessions become these (numbered in order). */
export async function replaceSessions(db: Queryable, activityId: string, sessions: readonly SessionInput[]) {
  await db.query('DELETE FROM activity_sessions WHERE activity_id = $1', [activityId])
  for (const [i, s] of sessions.entries()) {
    await db.query('INSERT INTO activity_sessions (activity_id, seq, starts_at, ends_at) VALUES ($1, $2, $3, $4)', [
      activityId,
      i + 1,
      s.startsAt,
      s.endsAt,
    ])
  }
}

export function bodyOf(r: ActivityRow, sessions: ActivitySession[]): ActivityBody {
  return {
    title: r.title,
    project: r.project ?? undefined,
    category: r.category,
    audience: r.audience,
    minAge: r.min_age,
    maxAge: r.max_age,
    description: r.description,
    bring: r.bring,
    place: r.place,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    capacity: r.capacity,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    cancelDeadline: iso(r.cancel_deadline),
    sessions: sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })),
    photoConsentRequired: r.photo_consent_required,
    confirmWithinHours: r.confirm_within_hours,
  }
}

/** Saves an activity's fields (`sessions` in time order give its start and end; the sessions themselves: replaceSessions). */
export async function saveActivity(db: Queryable, id: string, b: ActivityBody, sessions: readonly SessionInput[], at: Date): Promise<void> {
  await db.query(
    `UPDATE activities SET title = $2, project = $3, category = $4, audience = $5, min_age = $6, max_age = $7,
            description = $8, bring = $9, place = $10, lat = $11, lng = $12, capacity = $13, opens_at = $14,
            closes_at = $15, cancel_deadline = $16, starts_at = $17, ends_at = $18, photo_consent_required = $19,
            confirm_within_hours = $20, updated_at = $21
      WHERE id = $1`,
    [
      id,
      b.title,
      b.project || null,
      b.category,
      b.audience,
      b.minAge ?? null,
      b.maxAge ?? null,
      b.description,
      b.bring ?? '',
      b.place,
      b.location?.lat ?? null,
      b.location?.lng ?? null,
      b.capacity,
      b.opensAt,
      b.closesAt,
      b.cancelDeadline,
      sessions[0]!.startsAt,
      sessions[sessions.length - 1]!.endsAt,
      b.photoConsentRequired ?? false,
      b.confirmWithinHours ?? null,
      at,
    ],
  )
}

/** Whether anyone was checked in to any session of the activity. */
export async function hasAttendance(db: Queryable, activityId: string): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM attendance t JOIN activity_sessions s ON s.id = t.session_id WHERE s.activity_id = $1 LIMIT 1',
    [activityId],
  )
  return rows.length > 0
}

/** Registration closed early by the station, or open again. */
export async function saveActivityStatus(db: Queryable, id: string, status: 'open' | 'closed', at: Date): Promise<void> {
  await db.query('UPDATE activities SET status = $2, updated_at = $3 WHERE id = $1', [id, status, at])
}

export async function listStationActivities(db: Queryable, stationId: string, now: Date): Promise<ActivitySummary[]> {
  const { rows } = await db.query<ActivityRow>(
    `${activitySelect()} WHERE a.station_id = $1 ORDER BY (a.ends_at < $2), a.starts_at DESC LIMIT 200`,
    [stationId, now],
  )
  return rows.map((r) => toSummary(r, now))
}
