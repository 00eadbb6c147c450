/**
 * Enrollments: seats, the waitlist and check-in. Every change to an
 * activity's seats first takes that activity's row lock (FOR UPDATE), then
 * moves the one counter `activities.taken` with a conditional UPDATE that the
 * CHECK (taken <= capacity) backs up; a partial unique index keeps one active
 * enrollment per participant. So no overbooking, no lost or doubled
 * enrollment, and the waitlist is served in arrival order — whatever the
 * concurrency, on PGlite and PostgreSQL alike. Notifications go to the outbox
 * in the same transaction.
 */
import { CHILD_NOTICE_VERSION, ENROLLMENT_STATUS_LABELS, type EnrollmentStatus } from '../../contract/activities'
import { PHOTO_CONSENT_VERSION } from '../../contract/consents'
import type { CheckinResult, EnrollBody, Enrollment, RosterEntry } from '../../contract/types'
import { ageOn, ageRefusal, currentSession, registrationRefusal } from '../../domain/activities'
import { cstDate, formatCstDateTime } from '../../domain/chinaTime'
import { isMainlandPhone, normalizePhone } from '../../domain/phone'
import type { Queryable } from '../db'
import { AppError, badRequest, conflict, notFound } from '../errors'
import { signCheckinCode, verifyCheckinCode } from '../services/checkinCode'
import { seal, unseal } from '../services/fieldCrypto'
import { requireActivity, sessionsOf, toDetail, toSummary, type ActivityRow } from './activities'
import { dateText, getFamilyMember } from './family'
import { enqueue } from './outbox'
import { ratingJson, toRating, type RatingJson } from './ratingView'

interface EnrollmentRow {
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

function toEnrollment(e: EnrollmentRow, a: ActivityRow, ctx: EnrollContext): Enrollment {
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

async function loadEnrollment(db: Queryable, id: string, opts: { userId?: string; forUpdate?: boolean } = {}): Promise<EnrollmentRow | null> {
  if (opts.forUpdate) await db.query('SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE', [id])
  const { rows } = await db.query<EnrollmentRow>(
    `${SELECT} WHERE e.id = $1 ${opts.userId ? 'AND e.user_id = $2' : ''}`,
    opts.userId ? [id, opts.userId] : [id],
  )
  return rows[0] ?? null
}

export async function getOwnEnrollment(db: Queryable, id: string, ctx: EnrollContext): Promise<Enrollment> {
  const e = await loadEnrollment(db, id, { userId: ctx.userId })
  if (!e) throw notFound('没有找到这条报名')
  const a = await requireActivity(db, e.activity_id)
  return toEnrollment(e, a, ctx)
}

/**
 * Enrolls a participant (本人 or a family member). Returns the existing
 * enrollment when that participant already holds one (a double tap), with
 * `created: false`.
 */
export async function enroll(db: Queryable, activityId: string, body: EnrollBody, ctx: EnrollContext): Promise<{ created: boolean; enrollment: Enrollment }> {
  const { userId, now } = ctx
  if (!isMainlandPhone(body.contactPhone)) throw badRequest('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')

  // Who takes part (before the lock: it reads only the resident's own rows).
  let participant: { key: string; memberId: string | null; name: string; birthDate: string | null }
  if (body.familyMemberId) {
    const m = await getFamilyMember(db, userId, body.familyMemberId, now)
    if (m.isChild && m.childNoticeVersion !== CHILD_NOTICE_VERSION) {
      throw conflict('《儿童个人信息保护规则》已更新，请在“我的家人”中重新阅读并同意后再报名')
    }
    participant = { key: m.id, memberId: m.id, name: m.name, birthDate: m.birthDate }
  } else {
    const name = body.name?.trim()
    if (!name) throw badRequest('请填写参加人的姓名')
    participant = { key: 'self', memberId: null, name, birthDate: body.birthDate ?? null }
  }

  const a = await requireActivity(db, activityId, { forUpdate: true })
  const refusal = registrationRefusal(
    { status: a.status, opensAt: new Date(a.opens_at), closesAt: new Date(a.closes_at), endsAt: new Date(a.ends_at) },
    now,
  )
  if (refusal) throw conflict(refusal)

  const { rows: existing } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE activity_id = $1 AND user_id = $2 AND participant_key = $3 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [activityId, userId, participant.key],
  )
  if (existing[0]) {
    const again = (await loadEnrollment(db, existing[0].id))!
    return { created: false, enrollment: toEnrollment(again, a, ctx) }
  }

  const age = participant.birthDate ? ageOn(participant.birthDate, cstDate(new Date(a.starts_at))) : null
  const ageProblem = ageRefusal({ minAge: a.min_age, maxAge: a.max_age }, age, participant.memberId ? participant.name : '您')
  if (ageProblem) throw new AppError(422, 'BAD_REQUEST', ageProblem)

  const seat = await db.query('UPDATE activities SET taken = taken + 1 WHERE id = $1 AND taken < capacity RETURNING taken', [activityId])
  const status: EnrollmentStatus = seat.rowCount === 1 ? 'confirmed' : 'waitlisted'
  const photoConsent = a.photo_consent_required && body.photoConsent === true
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO enrollments (activity_id, user_id, family_member_id, participant_key, participant_name, participant_birth_date,
                              contact_phone, photo_consent, status, created_at, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      activityId, userId, participant.memberId, participant.key, participant.name, participant.birthDate,
      seal(normalizePhone(body.contactPhone)), photoConsent, status, now, status === 'confirmed' ? now : null,
    ],
  )
  const id = rows[0]!.id
  if (photoConsent) {
    await db.query(`INSERT INTO consents (user_id, purpose, version, subject_id, granted_at) VALUES ($1, 'photos', $2, $3, $4)`, [
      userId, PHOTO_CONSENT_VERSION, participant.memberId, now,
    ])
  }
  const created = (await loadEnrollment(db, id))!
  // The activity as it is now, from the row read under the lock plus this one seat or place in the queue.
  const after = { ...a, taken: a.taken + (status === 'confirmed' ? 1 : 0), waitlist_count: a.waitlist_count + (status === 'waitlisted' ? 1 : 0) }
  return { created: true, enrollment: toEnrollment(created, after, ctx) }
}

/**
 * Gives freed seats to the waitlist, first come first served. With
 * `confirm_within_hours` the seat is offered and held until then; otherwise
 * the family is enrolled at once. The caller holds the activity's row lock.
 */
export async function promoteWaitlist(db: Queryable, activityId: string, now: Date): Promise<number> {
  let promoted = 0
  for (;;) {
    const a = await requireActivity(db, activityId)
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
    await db.query(
      `UPDATE enrollments SET status = $2, offer_expires_at = $3, confirmed_at = $4 WHERE id = $1`,
      [next.id, offer ? 'offered' : 'confirmed', expires, offer ? null : now],
    )
    await enqueue(db, next.user_id, 'enrollment_status', {
      enrollmentId: next.id,
      activity: a.title.slice(0, 20),
      status: offer ? '候补转正待确认' : '候补转正',
      note: offer ? `请在 ${formatCstDateTime(expires!)} 前确认` : `${next.participant_name}已报名成功`,
    }, now)
    promoted++
  }
}

/** Frees the seat an enrollment held (if any) and hands it on. Caller holds the activity lock. */
async function release(db: Queryable, e: EnrollmentRow, to: 'cancelled' | 'expired', now: Date) {
  await db.query(
    `UPDATE enrollments SET status = $2, cancelled_at = $3, offer_expires_at = NULL WHERE id = $1`,
    [e.id, to, now],
  )
  if (SEAT_HOLDING.includes(e.status)) {
    await db.query('UPDATE activities SET taken = taken - 1, updated_at = updated_at WHERE id = $1', [e.activity_id])
    await promoteWaitlist(db, e.activity_id, now)
  }
}

/** Locks the activity, then the enrollment (always in that order, so transactions never deadlock). */
async function lockOwn(db: Queryable, id: string, userId: string | null): Promise<{ e: EnrollmentRow; a: ActivityRow }> {
  const { rows } = await db.query<{ activity_id: string }>(
    `SELECT activity_id FROM enrollments WHERE id = $1 ${userId ? 'AND user_id = $2' : ''}`,
    userId ? [id, userId] : [id],
  )
  if (!rows[0]) throw notFound('没有找到这条报名')
  const a = await requireActivity(db, rows[0].activity_id, { forUpdate: true })
  const e = (await loadEnrollment(db, id, { forUpdate: true }))!
  return { e, a }
}

export async function cancelEnrollment(db: Queryable, id: string, ctx: EnrollContext): Promise<Enrollment> {
  const { now } = ctx
  const { e, a } = await lockOwn(db, id, ctx.userId)
  if (e.status === 'cancelled' || e.status === 'expired') throw conflict(`这条报名${ENROLLMENT_STATUS_LABELS[e.status]}`)
  if (now >= new Date(a.starts_at) && e.status !== 'confirmed') throw conflict('活动已开始，候补自动结束')
  if (e.status === 'confirmed' && now > new Date(a.cancel_deadline)) {
    throw conflict(`已过取消截止时间（${formatCstDateTime(new Date(a.cancel_deadline))}），如不能参加请致电社工站 ${a.station_phone}`)
  }
  await release(db, e, 'cancelled', now)
  return getOwnEnrollment(db, id, ctx)
}

/** Accepts a seat offered from the waitlist, before the offer runs out. */
export async function confirmOffer(db: Queryable, id: string, ctx: EnrollContext): Promise<Enrollment> {
  const { e } = await lockOwn(db, id, ctx.userId)
  if (e.status === 'confirmed') return getOwnEnrollment(db, id, ctx)
  if (e.status !== 'offered') throw conflict('这条报名没有待确认的名额')
  if (ctx.now > new Date(e.offer_expires_at!)) throw conflict('确认时间已过，名额已顺延给下一位候补')
  await db.query(`UPDATE enrollments SET status = 'confirmed', confirmed_at = $2, offer_expires_at = NULL WHERE id = $1`, [id, ctx.now])
  return getOwnEnrollment(db, id, ctx)
}

/** The job: offers not confirmed in time expire and the seat passes on. Returns how many expired. */
export async function expireOffers(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE status = 'offered' AND offer_expires_at < $1 ORDER BY offer_expires_at LIMIT 200`,
    [now],
  )
  let expired = 0
  for (const { id } of rows) {
    expired += await db.transaction(async (tx) => {
      const { e } = await lockOwn(tx, id, null)
      if (e.status !== 'offered' || new Date(e.offer_expires_at!) >= now) return 0
      await release(tx, e, 'expired', now)
      await enqueue(tx, e.user_id, 'enrollment_status', { enrollmentId: e.id, activity: '', status: '已过期', note: '未在时限内确认，名额已顺延' }, now)
      return 1
    })
  }
  return expired
}

/** The job: a reminder the day before each session, once per enrollment and session. */
export async function remindTomorrow(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ enrollment_id: string; user_id: string; title: string; starts_at: Date; place: string; participant_name: string }>(
    `WITH due AS (
       SELECT e.id AS enrollment_id, s.id AS session_id, e.user_id, a.title, s.starts_at, a.place, e.participant_name
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
    await enqueue(db, r.user_id, 'activity_reminder', {
      enrollmentId: r.enrollment_id,
      activity: r.title.slice(0, 20),
      time: formatCstDateTime(new Date(r.starts_at)),
      note: `${r.participant_name} · ${r.place}`.slice(0, 20),
    }, now)
  }
  return rows.length
}

/** 我的报名: newest first; upcoming and past are told apart by the activity's times. */
export async function listOwnEnrollments(db: Queryable, ctx: EnrollContext): Promise<Enrollment[]> {
  const { rows } = await db.query<EnrollmentRow>(`${SELECT} WHERE e.user_id = $1 ORDER BY e.created_at DESC, e.seq DESC LIMIT 200`, [ctx.userId])
  const activities = new Map<string, ActivityRow>()
  const out: Enrollment[] = []
  for (const e of rows) {
    if (!activities.has(e.activity_id)) activities.set(e.activity_id, await requireActivity(db, e.activity_id))
    out.push(toEnrollment(e, activities.get(e.activity_id)!, ctx))
  }
  return out
}

/** Cancels a participant's active enrollments — a removed family member's, or (null) the resident's own; seats pass on. */
export async function cancelMemberEnrollments(db: Queryable, memberId: string | null, userId: string, now: Date): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE family_member_id IS NOT DISTINCT FROM $1::uuid AND user_id = $2 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [memberId, userId],
  )
  for (const { id } of rows) {
    const { e } = await lockOwn(db, id, userId)
    if (['confirmed', 'waitlisted', 'offered'].includes(e.status)) await release(db, e, 'cancelled', now)
  }
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

/**
 * Checks a participant in, by the QR code's signed token or by enrollment id
 * (ticked by name), for one session (default: the one on today's date, else
 * the next). Only staff of the activity's own station.
 */
export async function checkIn(
  db: Queryable,
  input: { code?: string; enrollmentId?: string; sessionId?: string; stationId: string; staffId: string; now: Date; checkinKey: Buffer },
): Promise<CheckinResult> {
  let enrollmentId = input.enrollmentId ?? null
  if (input.code !== undefined) {
    enrollmentId = verifyCheckinCode(input.checkinKey, input.code)
    if (!enrollmentId) throw badRequest('这不是本平台的签到码')
  }
  if (!enrollmentId) throw badRequest('请扫描签到码或选择参加人')
  const e = await loadEnrollment(db, enrollmentId)
  if (!e) throw notFound('没有找到这条报名')
  const a = await requireActivity(db, e.activity_id)
  if (a.station_id !== input.stationId) throw notFound('没有找到这条报名（不是本站的活动）')
  if (e.status !== 'confirmed') throw conflict(`${e.participant_name}的报名状态为“${ENROLLMENT_STATUS_LABELS[e.status]}”，不能签到`)
  const sessions = await sessionsOf(db, a.id)
  const session = input.sessionId ? sessions.find((s) => s.id === input.sessionId) : currentSession(sessions, input.now)
  if (!session) throw notFound('没有找到这次课')
  const ins = await db.query(
    `INSERT INTO attendance (enrollment_id, session_id, checked_in_at, checked_in_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [e.id, session.id, input.now, input.staffId],
  )
  return { enrollmentId: e.id, activityId: a.id, participantName: e.participant_name, session, alreadyCheckedIn: ins.rowCount === 0 }
}
