/**
 * The rules of ratings, shared by the API (which enforces them) and the
 * mini-program (which explains them before the resident tries): who may rate
 * what and when, how long a rating stays editable, what counts as low, and
 * how a station's figures read.
 */
import type { BookingStatus } from '../contract/bookings'
import {
  LOW_RATING_STARS,
  PUBLIC_RATINGS_MIN,
  RATING_EDIT_DAYS,
  RATING_TAGS,
  type RatingOutcome,
  type RatingSubject,
} from '../contract/ratings'
import { fieldInvalid, refusal, type Refusal } from './refusal'

const DAY_MS = 24 * 60 * 60 * 1000

/** Until when a rating given at `createdAt` can be changed. */
export function ratingEditableUntil(createdAt: Date | string): Date {
  return new Date(new Date(createdAt).getTime() + RATING_EDIT_DAYS * DAY_MS)
}

export function isRatingEditable(createdAt: Date | string, now: Date): boolean {
  return now.getTime() <= ratingEditableUntil(createdAt).getTime()
}

/** ≤ 2 stars or 未解决: the station head should look at it. */
export function isLowRating(r: { stars: number; outcome: RatingOutcome | null }): boolean {
  return r.stars <= LOW_RATING_STARS || r.outcome === 'unresolved'
}

/** Why a help request cannot be rated now, or null when it can. */
export function requestRatingRefusal(status: string): string | null {
  if (status === 'resolved') return null
  if (status === 'cancelled') return '这条求助已取消，无需评价'
  return '社工办结这条求助后才能评价'
}

/** Why an enrollment cannot be rated now, or null when it can. */
export function enrollmentRatingRefusal(attendedSessions: number): string | null {
  return attendedSessions > 0 ? null : '参加活动（签到）后才能评价'
}

/** Why a booking cannot be rated now, or null when it can: only once the station marked it attended. */
export function bookingRatingRefusal(status: BookingStatus): string | null {
  if (status === 'attended') return null
  if (status === 'cancelled') return '这条预约已取消，无需评价'
  if (status === 'no_show') return '这次预约没有到场，无需评价'
  return '到场接受服务后才能评价'
}

const NO_OUTCOME: Record<Exclude<RatingSubject, 'request'>, string> = {
  enrollment: '活动评价不需要选择是否解决',
  booking: '预约服务评价不需要选择是否解决',
}

/** A rating's body checked beyond its schema: the outcome belongs to requests only; tags to the subject. */
export function ratingBodyError(subject: RatingSubject, body: { outcome?: RatingOutcome; tags?: string[] }): string | null {
  if (subject === 'request' && !body.outcome) return '请选择问题是否已解决'
  if (subject !== 'request' && body.outcome) return NO_OUTCOME[subject]
  const allowed = RATING_TAGS[subject]
  const wrong = (body.tags ?? []).find((t) => !allowed.includes(t))
  return wrong ? `「${wrong}」不是这类评价的标签` : null
}

/** The same checks as refusals for the server: the body's field, or why rating is not allowed (RATING_NOT_ALLOWED). */
export function ratingBodyRefusal(subject: RatingSubject, body: { outcome?: RatingOutcome; tags?: string[] }): Refusal | null {
  const wrong = ratingBodyError(subject, body)
  if (!wrong) return null
  return fieldInvalid((subject === 'request') !== !!body.outcome ? 'outcome' : 'tags', wrong)
}

export function ratingNotAllowed(reason: string | null): Refusal | null {
  return reason ? refusal('RATING_NOT_ALLOWED', reason) : null
}

/** A rating given at `createdAt` may still be changed. */
export function editWindowRefusal(createdAt: Date | string, now: Date): Refusal | null {
  return isRatingEditable(createdAt, now) ? null : refusal('RATING_NOT_ALLOWED', `评价提交已超过 ${RATING_EDIT_DAYS} 天，不能再修改`)
}

/** Whether a station's average may be shown (it rests on enough ratings that no one is identifiable). */
export function hasEnoughRatings(count: number): boolean {
  return count >= PUBLIC_RATINGS_MIN
}

/** Average stars to one decimal, as residents read it. */
export function roundStars(average: number): number {
  return Math.round(average * 10) / 10
}

/** "86%" from 0.857; "—" when there is nothing to measure. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`
}

/** "45 分钟", "3 小时 20 分", "2 天 4 小时"; "—" when there is nothing to measure. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—'
  const m = Math.round(minutes)
  if (m < 60) return `${m} 分钟`
  if (m < 24 * 60) {
    const h = Math.floor(m / 60)
    const rest = m % 60
    return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`
  }
  const d = Math.floor(m / (24 * 60))
  const h = Math.floor((m % (24 * 60)) / 60)
  return h ? `${d} 天 ${h} 小时` : `${d} 天`
}
