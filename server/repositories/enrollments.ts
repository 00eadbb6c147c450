/**
 * Enrollments in the database: seats, the waitlist and check-in. Every change
 * to an activity's seats first takes that activity's row lock (FOR UPDATE,
 * findActivity), then moves the one counter `activities.taken` with a
 * conditional UPDATE that the CHECK (taken <= capacity) backs up; a partial
 * unique index keeps one active enrollment per participant. So no overbooking,
 * no lost or doubled enrollment, and the waitlist is served in arrival order —
 * whatever the concurrency, on PGlite and PostgreSQL alike. Notifications go
 * to the outbox in the same transaction.
 */
import { reminderNote } from '../../domain/reminders'
import { type EnrollmentStatus } from '../../contract/activities'
import { PHOTO_CONSENT_VERSION } from '../../contract/consents'
import type { Enrollment, RosterEntry } from '../../contract/types'
import { ageOn } from '../../domain/activities'
import { cstDate, formatCstDateTime } from '../../domain/chinaTime'
import type { Queryable } from '../db'
import { signCheckinCode } from '../services/checkinCode'
import { seal, unseal } from '../services/fieldCrypto'
import { findActivity, toDetail, toSummary, type ActivityRow } from './activities'
import { dateText } from './family'
import { enqueue } from './outbox'
import { ratingJson, toRating, type RatingJson } from './ratingView'

export interface EnrollmentRow {
  id: string
  seq: string
  activity_id: string
  user_id: string
  family_member_id: string | null
  participant_key: string
  participant_name: string
  participant_birth_date: string | Date | null
  relationship: string | null
  member_notes: string | null
  guardian_name: string
  contact_phone: string
  photo_consent: boolean
  status: EnrollmentStatus
  offer_expires_at: Date | null
  created_at: Date
  waitlist_position: number | null
  attended: string[]
  rating: RatingJson | null
}

const SELECT = `
  SELECT e.*, f.relationship, f.notes AS member_notes, u.nickname AS guardian_name,
         CASE WHEN e.status = 'waitlisted' THEN
           (SELECT count(*)::int FROM enrollments w WHERE w.activity_id = e.activity_id AND w.status = 'waitlisted' AND w.seq <= e.seq)
         END AS waitlist_position,
         COALESCE((SELECT array_agg(t.session_id::text) FROM attendance t WHERE t.enrollment_id = e.id), '{}') AS attended,
         ${ratingJson('rt.enrollment_id = e.id')} AS rating
    FROM enrollments e
    JOIN users u ON u.id = e.user_id
    LEFT JOIN family_members f ON f.id = e.family_member_id`

const SEAT_HOLDING: readonly EnrollmentStatus[] = ['confirmed', 'offered']

export interface EnrollContext {
  userId: string
  now: Date
  checkinKey: Buffer
}

export function toEnrollment(e: EnrollmentRow, a: ActivityRow, ctx: EnrollContext): Enrollment {
  const heldSeat = e.status === 'confirmed'
  const beforeDeadline = ctx.now <= new Date(a.cancel_deadline)
  const beforeStart = ctx.now < new Date(a.starts_at)
  return {
    id: e.id,
    status: e.status,
    activity: toSummary(a, ctx.now),
    participant: { name: e.participant_name, familyMemberId: e.family_member_id, relationship: e.relationship },
    waitlistPosition: e.waitlist_position === null ? null : Number(e.waitlist_position),
    offerExpiresAt: e.offer_expires_at ? new Date(e.offer_expires_at).toISOString() : null,
    checkinCode: heldSeat ? signCheckinCode(ctx.checkinKey, e.id) : null,
    photoConsent: e.photo_consent,
    cancelDeadline: new Date(a.cancel_deadline).toISOString(),
    canCancel: (e.status === 'confirmed' && beforeDeadline) || ((e.status === 'waitlisted' || e.status === 'offered') && beforeStart),
    attendedSessions: e.attended.length,
    createdAt: new Date(e.created_at).toISOString(),
    ratingDue: e.attended.length > 0 && !e.rating,
    rating: toRating(e.rating),
  }
}

export async function loadEnrollment(
  db: Queryable,
  id: string,
  opts: { userId?: string; forUpdate?: boolean } = {},
): Promise<EnrollmentRow | null> {
  if (opts.forUpdate) await db.query('SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE', [id])
  const { rows } = await db.query<EnrollmentRow>(
    `${SELECT} WHERE e.id = $1 ${opts.userId ? 'AND e.user_id = $2' : ''}`,
    opts.userId ? [id, opts.userId] : [id],
  )
  return rows[0] ?? null
}

/** An activity's row for a seat decision, locked until the transaction ends: one statement. */
export async function lockActivityForSeats(db: Queryable, id: string): Promise<ActivityRow | null> {
  // The row is the current version once the lock is granted; the waitlist is counted in the next statement, whose
  // snapshot is taken after the lock (a count in this one could miss what the previous holder of the lock committed).
  const { rows } = await db.query<ActivityRow>(
    `SELECT a.*, s.name AS station_name, s.phone AS station_phone, s.closed_at AS station_closed_at,
            (SELECT count(*)::int FROM activity_sessions x WHERE x.activity_id = a.id) AS session_count,
            0 AS waitlist_count, NULL::float8 AS distance
       FROM activities a JOIN stations s ON s.id = a.station_id
      WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  )
  return rows[0] ?? null
}

export interface NewEnrollment {
  activityId: string
  userId: string
  participant: { key: string; memberId: string | null; name: string; birthDate: string | null }
  /** Sealed by sealContactPhone, before the lock. */
  sealedPhone: string
  photoConsent: boolean
  /** False when the participant may not take part: then only an existing enrollment is looked up. */
  eligible: boolean
  at: Date
}

/** The contact phone as it is stored (sealed at rest): done before the activity's lock is taken. */
export const sealContactPhone = (phone: string): string => seal(phone)!

export type SeatDecision =
  | { existingId: string; waitlistCount: number }
  | { existingId: null; id: string | null; status: 'confirmed' | 'waitlisted'; createdAt: Date; waitlistCount: number }

/**
 * Under the activity's lock, in one statement: the participant's active
 * enrollment if there is one (a double tap); else a seat while one is free
 * (the conditional UPDATE of `taken`, which the CHECK backs up) or a place on
 * the waitlist, the enrollment, and the photo consent it carries. Also the
 * waitlist's length before this enrollment, so the answer needs no re-read.
 */
export async function takeSeatOrQueue(db: Queryable, n: NewEnrollment): Promise<SeatDecision> {
  const { rows } = await db.query<{
    existing_id: string | null
    id: string | null
    status: 'confirmed' | 'waitlisted' | null
    created_at: Date | null
    waitlisted: number
  }>(
    `WITH existing AS (
       SELECT id FROM enrollments
        WHERE activity_id = $1 AND user_id = $2 AND participant_key = $3 AND status IN ('confirmed', 'waitlisted', 'offered')
        LIMIT 1
     ), seat AS (
       UPDATE activities SET taken = taken + 1
        WHERE id = $1 AND taken < capacity AND $10::boolean AND NOT EXISTS (SELECT 1 FROM existing)
        RETURNING taken
     ), ins AS (
       INSERT INTO enrollments (activity_id, user_id, family_member_id, participant_key, participant_name, participant_birth_date,
                                contact_phone, photo_consent, status, created_at, confirmed_at)
       SELECT $1::uuid, $2::uuid, $4::uuid, $3::text, $5::text, $6::date, $7::text, $8::boolean,
              CASE WHEN EXISTS (SELECT 1 FROM seat) THEN 'confirmed' ELSE 'waitlisted' END, $9::timestamptz,
              CASE WHEN EXISTS (SELECT 1 FROM seat) THEN $9::timestamptz END
        WHERE $10::boolean AND NOT EXISTS (SELECT 1 FROM existing)
       RETURNING id, status, created_at
     ), consent AS (
       INSERT INTO consents (user_id, purpose, version, subject_id, granted_at)
       SELECT $2::uuid, 'photos', $11::text, $4::uuid, $9::timestamptz FROM ins WHERE $8::boolean
     )
     SELECT (SELECT id FROM existing) AS existing_id, ins.id, ins.status, ins.created_at,
            (SELECT count(*)::int FROM enrollments w WHERE w.activity_id = $1 AND w.status = 'waitlisted') AS waitlisted
       FROM (SELECT 1) one LEFT JOIN ins ON true`,
    [
      n.activityId,
      n.userId,
      n.participant.key,
      n.participant.memberId,
      n.participant.name,
      n.participant.birthDate,
      n.sealedPhone,
      n.photoConsent,
      n.at,
      n.eligible,
      PHOTO_CONSENT_VERSION,
    ],
  )
  const out = rows[0]!
  if (out.existing_id) return { existingId: out.existing_id, waitlistCount: Number(out.waitlisted) }
  return {
    existingId: null,
    id: out.id,
    status: out.status ?? 'waitlisted',
    createdAt: new Date(out.created_at ?? n.at),
    waitlistCount: Number(out.waitlisted),
  }
}

/**
 * Gives freed seats to the waitlist, first come first served. With
 * `confirm_within_hours` the seat is offered and held until then; otherwise
 * the family is enrolled at once. The caller holds the activity's row lock.
 */
export async function promoteWaitlist(db: Queryable, activityId: string, now: Date): Promise<number> {
  let promoted = 0
  for (;;) {
    const a = (await findActivity(db, activityId))!
    if (a.taken >= a.capacity || a.status === 'cancelled' || now >= new Date(a.ends_at)) return promoted
    const { rows } = await db.query<{ id: string; user_id: string; participant_name: string }>(
      `SELECT id, user_id, participant_name FROM enrollments WHERE activity_id = $1 AND status = 'waitlisted' ORDER BY seq LIMIT 1 FOR UPDATE`,
      [activityId],
    )
    const next = rows[0]
    if (!next) return promoted
    const offer = a.confirm_within_hours !== null
    const expires = offer ? new Date(now.getTime() + a.confirm_within_hours! * 3600_000) : null
    await db.query('UPDATE activities SET taken = taken + 1 WHERE id = $1 AND taken < capacity', [activityId])
    await db.query(`UPDATE enrollments SET status = $2, offer_expires_at = $3, confirmed_at = $4 WHERE id = $1`, [
      next.id,
      offer ? 'offered' : 'confirmed',
      expires,
      offer ? null : now,
    ])
    await enqueue(
      db,
      next.user_id,
      'enrollment_status',
      {
        enrollmentId: next.id,
        activity: a.title.slice(0, 20),
        status: offer ? '候补转正待确认' : '候补转正',
        note: offer ? `请在 ${formatCstDateTime(expires!)} 前确认` : `${next.participant_name}已报名成功`,
      },
      now,
    )
    promoted++
  }
}

/** Frees the seat an enrollment held (if any) and hands it on. Caller holds the activity lock. */
export async function release(db: Queryable, e: EnrollmentRow, to: 'cancelled' | 'expired', now: Date) {
  await db.query(`UPDATE enrollments SET status = $2, cancelled_at = $3, offer_expires_at = NULL WHERE id = $1`, [e.id, to, now])
  if (SEAT_HOLDING.includes(e.status)) {
    await db.query('UPDATE activities SET taken = taken - 1, updated_at = updated_at WHERE id = $1', [e.activity_id])
    await promoteWaitlist(db, e.activity_id, now)
  }
}

/**
 * Locks the enrollment's activity, then the enrollment (always in that order,
 * so transactions never deadlock); only the resident's own when `userId` is
 * given. Null when there is no such enrollment.
 */
export async function lockEnrollment(
  db: Queryable,
  id: string,
  userId: string | null,
): Promise<{ e: EnrollmentRow; a: ActivityRow } | null> {
  const { rows } = await db.query<{ activity_id: string }>(
    `SELECT activity_id FROM enrollments WHERE id = $1 ${userId ? 'AND user_id = $2' : ''}`,
    userId ? [id, userId] : [id],
  )
  if (!rows[0]) return null
  const a = (await findActivity(db, rows[0].activity_id, { forUpdate: true }))!
  const e = (await loadEnrollment(db, id, { forUpdate: true }))!
  return { e, a }
}

export async function confirmEnrollment(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query(`UPDATE enrollments SET status = 'confirmed', confirmed_at = $2, offer_expires_at = NULL WHERE id = $1`, [id, at])
}

/** Offers not confirmed by `now`, oldest first, at most 200. */
export async function expiredOfferIds(db: Queryable, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE status = 'offered' AND offer_expires_at < $1 ORDER BY offer_expires_at LIMIT 200`,
    [now],
  )
  return rows.map((r) => r.id)
}

/**
 * The job: a reminder the day before each session, once per enrollment and
 * session; `closure` says why the station is closed that day (its note then
 * says so instead of the place).
 */
export async function remindTomorrow(
  db: Queryable,
  now: Date,
  closure: (stationId: string, startsAt: Date) => string | null = () => null,
): Promise<number> {
  const { rows } = await db.query<{
    enrollment_id: string
    station_id: string
    user_id: string
    title: string
    starts_at: Date
    place: string
    participant_name: string
  }>(
    `WITH due AS (
       SELECT e.id AS enrollment_id, s.id AS session_id, a.station_id, e.user_id, a.title, s.starts_at, a.place, e.participant_name
         FROM activity_sessions s
         JOIN activities a ON a.id = s.activity_id AND a.status <> 'cancelled'
         JOIN enrollments e ON e.activity_id = a.id AND e.status = 'confirmed'
        WHERE s.starts_at > $1 AND s.starts_at <= $2
     ), sent AS (
       INSERT INTO reminders_sent (enrollment_id, session_id, sent_at)
       SELECT enrollment_id, session_id, $1 FROM due
       ON CONFLICT DO NOTHING
       RETURNING enrollment_id, session_id
     )
     SELECT due.* FROM due JOIN sent USING (enrollment_id, session_id)`,
    [now, new Date(now.getTime() + 24 * 3600_000)],
  )
  for (const r of rows) {
    const closed = closure(r.station_id, new Date(r.starts_at))
    await enqueue(
      db,
      r.user_id,
      'activity_reminder',
      {
        enrollmentId: r.enrollment_id,
        activity: r.title.slice(0, 20),
        time: formatCstDateTime(new Date(r.starts_at)),
        note: reminderNote(closed, `${r.participant_name} · ${r.place}`),
        ...(closed ? { closed } : {}),
      },
      now,
    )
  }
  return rows.length
}

/** 我的报名: newest first; upcoming and past are told apart by the activity's times. */
export async function listOwnEnrollments(db: Queryable, ctx: EnrollContext): Promise<Enrollment[]> {
  const { rows } = await db.query<EnrollmentRow>(`${SELECT} WHERE e.user_id = $1 ORDER BY e.created_at DESC, e.seq DESC LIMIT 200`, [
    ctx.userId,
  ])
  const activities = new Map<string, ActivityRow>()
  const out: Enrollment[] = []
  for (const e of rows) {
    if (!activities.has(e.activity_id)) activities.set(e.activity_id, (await findActivity(db, e.activity_id))!)
    out.push(toEnrollment(e, activities.get(e.activity_id)!, ctx))
  }
  return out
}

/** A participant's active enrollments — a family member's, or (null) the resident's own. */
export async function activeEnrollmentIds(db: Queryable, memberId: string | null, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE family_member_id IS NOT DISTINCT FROM $1::uuid AND user_id = $2 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [memberId, userId],
  )
  return rows.map((r) => r.id)
}

// ───────────────────────── the station's side ─────────────────────────

export async function roster(db: Queryable, a: ActivityRow, now: Date) {
  const { rows } = await db.query<EnrollmentRow>(
    `${SELECT} WHERE e.activity_id = $1 AND e.status IN ('confirmed', 'offered', 'waitlisted')
      ORDER BY CASE e.status WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 ELSE 2 END, e.seq`,
    [a.id],
  )
  const startDate = cstDate(new Date(a.starts_at))
  const entries: RosterEntry[] = rows.map((e) => ({
    enrollmentId: e.id,
    status: e.status,
    participantName: e.participant_name,
    age: e.participant_birth_date ? ageOn(dateText(e.participant_birth_date), startDate) : null,
    relationship: e.relationship,
    guardianName: e.guardian_name,
    contactPhone: unseal(e.contact_phone),
    notes: e.member_notes ?? '',
    photoConsent: e.photo_consent,
    waitlistPosition: e.waitlist_position === null ? null : Number(e.waitlist_position),
    attendedSessionIds: e.attended,
    createdAt: new Date(e.created_at).toISOString(),
  }))
  return { activity: await toDetail(db, a, now), entries }
}

/** Records a check-in; false when the participant was already checked in to that session. */
export async function insertAttendance(
  db: Queryable,
  a: { enrollmentId: string; sessionId: string; at: Date; staffId: string },
): Promise<boolean> {
  const ins = await db.query(
    `INSERT INTO attendance (enrollment_id, session_id, checked_in_at, checked_in_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [a.enrollmentId, a.sessionId, a.at, a.staffId],
  )
  return ins.rowCount === 1
}
