/**
 * Enrolling (本人 or a family member), cancelling, confirming a seat offered
 * from the waitlist, the expiry of offers, check-in — each in one transaction
 * under the activity's row lock (see repositories/enrollments.ts), with the
 * rules of domain/activities.
 */
import { ACTIVE_ENROLLMENT_STATUSES, CHILD_NOTICE_VERSION, ENROLLMENT_STATUS_LABELS } from '../../contract/activities'
import type { CheckinBody, CheckinResult, EnrollBody, Enrollment } from '../../contract/types'
import { currentSession, eligibilityRefusal, registrationClosed } from '../../domain/activities'
import { formatCstDateTime } from '../../domain/chinaTime'
import { normalizePhone, phoneRefusal } from '../../domain/phone'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { badRequest, fail, notFound, reject } from '../errors'
import { sessionsOf } from '../repositories/activities'
import {
  activeEnrollmentIds,
  confirmEnrollment,
  expiredOfferIds,
  insertAttendance,
  listOwnEnrollments,
  loadEnrollment,
  lockEnrollment,
  release,
  lockActivityForSeats,
  sealContactPhone,
  takeSeatOrQueue,
  type EnrollmentRow,
  toEnrollment,
  type EnrollContext,
} from '../repositories/enrollments'
import { findFamilyMember } from '../repositories/family'
import { enqueue } from '../repositories/outbox'
import { verifyCheckinCode } from '../services/checkinCode'
import { requireActivity } from './activities'

const NOT_FOUND_MESSAGE = '没有找到这条报名'

/** How enrollments read for this resident now. */
export const enrollContext = (ctx: AppContext, userId: string): EnrollContext => ({ userId, now: ctx.clock(), checkinKey: ctx.checkinKey })

export async function getOwnEnrollment(ctx: AppContext, db: Queryable, id: string, userId: string): Promise<Enrollment> {
  const e = await loadEnrollment(db, id, { userId })
  if (!e) throw notFound(NOT_FOUND_MESSAGE)
  return toEnrollment(e, await requireActivity(db, e.activity_id), enrollContext(ctx, userId))
}

export const myEnrollments = (ctx: AppContext, userId: string) => listOwnEnrollments(ctx.db, enrollContext(ctx, userId))

/**
 * Enrolls a participant (本人 or a family member) in the caller's transaction:
 * a seat while there is one, else a place on the waitlist. A participant who
 * already holds an enrollment gets it back (a double tap), `created: false`.
 */
export async function enroll(
  ctx: AppContext,
  tx: Queryable,
  activityId: string,
  userId: string,
  body: EnrollBody,
): Promise<{ created: boolean; enrollment: Enrollment }> {
  const now = ctx.clock()
  const view = enrollContext(ctx, userId)
  reject(phoneRefusal('contactPhone', body.contactPhone))

  // Who takes part (before the lock: it reads only the resident's own rows).
  let participant: { key: string; memberId: string | null; name: string; birthDate: string | null; relationship: string | null }
  if (body.familyMemberId) {
    const m = await findFamilyMember(tx, userId, body.familyMemberId, now)
    if (!m) throw fail('NOT_FOUND', '没有找到这位家人', 'familyMemberId')
    if (m.isChild && m.childNoticeVersion !== CHILD_NOTICE_VERSION) {
      throw fail('CONSENT_OUTDATED', '《儿童个人信息保护规则》已更新，请在“我的家人”中重新阅读并同意后再报名')
    }
    participant = { key: m.id, memberId: m.id, name: m.name, birthDate: m.birthDate, relationship: m.relationship }
  } else {
    const name = body.name?.trim()
    if (!name) throw fail('FIELD_INVALID', '请填写参加人的姓名', 'name')
    participant = { key: 'self', memberId: null, name, birthDate: body.birthDate ?? null, relationship: null }
  }

  // Everything that needs no lock is done before it: the phone sealed, the photo consent decided.
  const sealedPhone = sealContactPhone(normalizePhone(body.contactPhone))

  // Under the activity's row lock: two statements, the lock and the seat decision.
  const a = await lockActivityForSeats(tx, activityId)
  if (!a) throw notFound('没有找到这个活动')
  if (a.station_closed_at) throw fail('REGISTRATION_CLOSED', `「${a.station_name}」已暂停服务，活动暂停报名`)
  reject(
    registrationClosed(
      { status: a.status, opensAt: new Date(a.opens_at), closesAt: new Date(a.closes_at), endsAt: new Date(a.ends_at) },
      now,
    ),
  )
  const ineligible = eligibilityRefusal(
    { minAge: a.min_age, maxAge: a.max_age, startsAt: new Date(a.starts_at) },
    { ...participant, isSelf: !participant.memberId },
  )
  const decision = await takeSeatOrQueue(tx, {
    activityId,
    userId,
    participant,
    sealedPhone,
    photoConsent: a.photo_consent_required && body.photoConsent === true,
    eligible: !ineligible,
    at: now,
  })
  if (decision.existingId !== null) {
    return {
      created: false,
      enrollment: toEnrollment((await loadEnrollment(tx, decision.existingId))!, { ...a, waitlist_count: decision.waitlistCount }, view),
    }
  }
  reject(ineligible)

  // The answer, from what this transaction wrote: the activity as the lock left it plus this one seat or place.
  const waitlisted = decision.status === 'waitlisted'
  const after = { ...a, taken: a.taken + (waitlisted ? 0 : 1), waitlist_count: decision.waitlistCount + (waitlisted ? 1 : 0) }
  const row: EnrollmentRow = {
    id: decision.id!,
    seq: '',
    activity_id: activityId,
    user_id: userId,
    family_member_id: participant.memberId,
    participant_key: participant.key,
    participant_name: participant.name,
    participant_birth_date: participant.birthDate,
    relationship: participant.relationship,
    member_notes: null,
    guardian_name: '',
    contact_phone: '',
    photo_consent: a.photo_consent_required && body.photoConsent === true,
    status: decision.status,
    offer_expires_at: null,
    created_at: decision.createdAt,
    waitlist_position: waitlisted ? decision.waitlistCount + 1 : null,
    attended: [],
    rating: null,
  }
  return { created: true, enrollment: toEnrollment(row, after, view) }
}

async function lockOwn(tx: Queryable, id: string, userId: string | null) {
  const locked = await lockEnrollment(tx, id, userId)
  if (!locked) throw notFound(NOT_FOUND_MESSAGE)
  return locked
}

/** Cancels an enrollment before its deadline (a waitlist place: before the start); the seat goes to the first on the waitlist. */
export async function cancelEnrollment(ctx: AppContext, id: string, userId: string): Promise<Enrollment> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    const { e, a } = await lockOwn(tx, id, userId)
    if (e.status === 'cancelled' || e.status === 'expired') throw fail('ENROLLMENT_STATE', `这条报名${ENROLLMENT_STATUS_LABELS[e.status]}`)
    if (now >= new Date(a.starts_at) && e.status !== 'confirmed') throw fail('ENROLLMENT_STATE', '活动已开始，候补自动结束')
    if (e.status === 'confirmed' && now > new Date(a.cancel_deadline)) {
      throw fail(
        'ENROLLMENT_STATE',
        `已过取消截止时间（${formatCstDateTime(new Date(a.cancel_deadline))}），如不能参加请致电社工站 ${a.station_phone}`,
      )
    }
    await release(tx, e, 'cancelled', now)
    return getOwnEnrollment(ctx, tx, id, userId)
  })
}

/** Accepts a seat offered from the waitlist, before the offer runs out. */
export async function confirmOffer(ctx: AppContext, id: string, userId: string): Promise<Enrollment> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    const { e } = await lockOwn(tx, id, userId)
    if (e.status !== 'confirmed') {
      if (e.status !== 'offered') throw fail('ENROLLMENT_STATE', '这条报名没有待确认的名额')
      if (now > new Date(e.offer_expires_at!)) throw fail('ENROLLMENT_STATE', '确认时间已过，名额已顺延给下一位候补')
      await confirmEnrollment(tx, id, now)
    }
    return getOwnEnrollment(ctx, tx, id, userId)
  })
}

/** The job: offers not confirmed in time expire and the seat passes on. Returns how many expired. */
export async function expireOffers(ctx: AppContext): Promise<number> {
  const now = ctx.clock()
  let expired = 0
  for (const id of await expiredOfferIds(ctx.db, now)) {
    expired += await ctx.db.transaction(async (tx) => {
      const { e } = await lockOwn(tx, id, null)
      if (e.status !== 'offered' || new Date(e.offer_expires_at!) >= now) return 0
      await release(tx, e, 'expired', now)
      await enqueue(
        tx,
        e.user_id,
        'enrollment_status',
        { enrollmentId: e.id, activity: '', status: '已过期', note: '未在时限内确认，名额已顺延' },
        now,
      )
      return 1
    })
  }
  return expired
}

/** Cancels a participant's active enrollments — a removed family member's, or (null) the resident's own; seats pass on. */
export async function cancelMemberEnrollments(tx: Queryable, memberId: string | null, userId: string, now: Date): Promise<void> {
  for (const id of await activeEnrollmentIds(tx, memberId, userId)) {
    const { e } = await lockOwn(tx, id, userId)
    if (ACTIVE_ENROLLMENT_STATUSES.includes(e.status)) await release(tx, e, 'cancelled', now)
  }
}

/**
 * Checks a participant in, by the QR code's signed token or by enrollment id
 * (ticked by name), for one session (default: the one on today's date, else
 * the next). Only staff of the activity's own station.
 */
export async function checkIn(ctx: AppContext, staff: { id: string; stationId: string }, input: CheckinBody): Promise<CheckinResult> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    let enrollmentId = input.enrollmentId ?? null
    if (input.code !== undefined) {
      enrollmentId = verifyCheckinCode(ctx.checkinKey, input.code)
      if (!enrollmentId) throw fail('FIELD_INVALID', '这不是本平台的签到码', 'code')
    }
    if (!enrollmentId) throw badRequest('请扫描签到码或选择参加人')
    const e = await loadEnrollment(tx, enrollmentId)
    if (!e) throw notFound(NOT_FOUND_MESSAGE)
    const a = await requireActivity(tx, e.activity_id)
    if (a.station_id !== staff.stationId) throw notFound('没有找到这条报名（不是本站的活动）')
    if (e.status !== 'confirmed')
      throw fail('ENROLLMENT_STATE', `${e.participant_name}的报名状态为“${ENROLLMENT_STATUS_LABELS[e.status]}”，不能签到`)
    const sessions = await sessionsOf(tx, a.id)
    const session = input.sessionId ? sessions.find((s) => s.id === input.sessionId) : currentSession(sessions, now)
    if (!session) throw fail('NOT_FOUND', '没有找到这次课', 'sessionId')
    const inserted = await insertAttendance(tx, { enrollmentId: e.id, sessionId: session.id, at: now, staffId: staff.id })
    return { enrollmentId: e.id, activityId: a.id, participantName: e.participant_name, session, alreadyCheckedIn: !inserted }
  })
}
