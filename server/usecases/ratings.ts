/**
 * Ratings: a resident rates a resolved request (once per resolution; 未解决
 * reopens it), an attended activity or an attended booking, editable for 7 days; the station reads
 * its ratings and answers each once. Every change locks the rated request or
 * enrollment first, so a double tap gives one rating.
 */
import type { CommentReview } from '../../contract/ratings'
import type { RatingBody, StaffRating, StaffRatingList, StaffRatingsQuery } from '../../contract/types'
import {
  bookingRatingRefusal,
  editWindowRefusal,
  enrollmentRatingRefusal,
  ratingBodyRefusal,
  ratingNotAllowed,
  requestRatingRefusal,
} from '../../domain/ratings'
import { reportPeriod } from '../../domain/reports'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { conflict, fail, forbidden, notFound, reject, unwrap } from '../errors'
import {
  authorOpenid,
  existingRating,
  insertRating,
  lockRatedBooking,
  lockRatedEnrollment,
  lockVisibleRating,
  loadStaffRating,
  lowUnrepliedCount,
  ratingRows,
  saveCommentReview,
  saveReply,
  toStaffRating,
  updateRating,
  type RatingFields,
} from '../repositories/ratings'
import { scopeOf } from '../repositories/requests'
import { checkPublicText } from '../services/contentSafety'
import { lockOwnRequest, reopenUnresolved } from './requests'

export interface RateInput {
  userId: string
  body: RatingBody
  /** The content-safety result of the comment when it is to be public ('pass' otherwise): contentReview. */
  review: CommentReview
}

/** A comment meant to be public passes the content-safety hook first (outside any transaction: it may call WeChat). */
export async function contentReview(ctx: AppContext, userId: string, body: RatingBody): Promise<CommentReview> {
  if (!body.commentPublic || !body.comment?.trim()) return 'pass'
  return checkPublicText(ctx.config, body.comment, await authorOpenid(ctx.db, userId), ctx.clock())
}

/** Inserts the rating, or changes it within its edit window. Returns whether it was created. */
async function save(
  tx: Queryable,
  existing: { id: string; created_at: Date } | null,
  insert: Parameters<typeof insertRating>[1],
  fields: RatingFields,
): Promise<boolean> {
  if (existing) {
    reject(editWindowRefusal(existing.created_at, fields.at))
    await updateRating(tx, existing.id, fields)
    return false
  }
  await insertRating(tx, insert, fields)
  return true
}

/**
 * "问题解决了吗？" — only the submitter, only once the request is resolved, one
 * rating per resolution, in the caller's transaction. 未解决 sends it back to
 * the same station's queue.
 */
export async function rateRequest(ctx: AppContext, tx: Queryable, id: string, input: RateInput): Promise<{ created: boolean }> {
  const row = await lockOwnRequest(tx, id, input.userId)
  reject(ratingBodyRefusal('request', input.body))
  reject(ratingNotAllowed(requestRatingRefusal(row.status)))
  const fields = { body: input.body, review: input.review, at: ctx.clock() }
  const created = await save(
    tx,
    await existingRating(tx, { requestId: id, resolution: row.resolutions }),
    { subject: 'request', requestId: id, resolution: row.resolutions, enrollmentId: null, stationId: row.station_id, userId: input.userId },
    fields,
  )
  if (input.body.outcome === 'unresolved') await reopenUnresolved(ctx, tx, row, input.userId, input.body.comment ?? '')
  return { created }
}

/** An activity can be rated by the resident who enrolled the participant, once they were checked in. */
export async function rateEnrollment(ctx: AppContext, tx: Queryable, id: string, input: RateInput): Promise<{ created: boolean }> {
  const e = await lockRatedEnrollment(tx, id, input.userId)
  if (!e) throw notFound('没有找到这条报名')
  reject(ratingBodyRefusal('enrollment', input.body))
  reject(ratingNotAllowed(enrollmentRatingRefusal(e.attended)))
  const created = await save(
    tx,
    await existingRating(tx, { enrollmentId: id }),
    { subject: 'enrollment', requestId: null, resolution: null, enrollmentId: id, stationId: e.station_id, userId: input.userId },
    { body: input.body, review: input.review, at: ctx.clock() },
  )
  return { created }
}

/** A booking (预约服务) can be rated by the resident who made it, once the station marked it attended. */
export async function rateBooking(ctx: AppContext, tx: Queryable, id: string, input: RateInput): Promise<{ created: boolean }> {
  const booking = await lockRatedBooking(tx, id, input.userId)
  if (!booking) throw notFound('没有找到这条预约')
  reject(ratingBodyRefusal('booking', input.body))
  reject(ratingNotAllowed(bookingRatingRefusal(booking.status)))
  const created = await save(
    tx,
    await existingRating(tx, { bookingId: id }),
    {
      subject: 'booking',
      requestId: null,
      resolution: null,
      enrollmentId: null,
      bookingId: id,
      stationId: booking.station_id,
      userId: input.userId,
    },
    { body: input.body, review: input.review, at: ctx.clock() },
  )
  return { created }
}

// ───────────────────────── the workbench ─────────────────────────

export async function staffRatings(ctx: AppContext, staff: Staff, q: StaffRatingsQuery): Promise<StaffRatingList> {
  const scope = await scopeOf(ctx.db, staff)
  if (q.stationId && !scope.includes(q.stationId)) throw fail('NOT_FOUND', '没有找到这个站点', 'stationId')
  let period: { start: Date; end: Date } | null = null
  if (q.from || q.to) period = unwrap(reportPeriod(q.from ?? '2000-01-01', q.to ?? '2999-12-31', { maxDays: null }))
  const rows = await ratingRows(ctx.db, {
    stationIds: q.stationId ? [q.stationId] : scope,
    ownStationId: staff.stationId,
    subject: q.subject,
    stars: q.stars,
    low: q.low,
    unreplied: q.unreplied,
    createdFrom: q.from ? period!.start : undefined,
    createdBefore: q.to ? period!.end : undefined,
  })
  return { items: rows.map((r) => toStaffRating(r, staff)), lowUnreplied: await lowUnrepliedCount(ctx.db, scope, staff.stationId) }
}

/** A rating of the staff's own station, locked; another station's in their sight: 403; out of sight: 404. */
async function ownStationRating(tx: Queryable, staff: Staff, id: string) {
  const r = await lockVisibleRating(tx, await scopeOf(tx, staff), staff.stationId, id)
  if (!r) throw notFound('没有找到这条评价')
  if (r.station_id !== staff.stationId) throw forbidden('只能回复和审核本站收到的评价')
  return r
}

/** One public thank-you or reply per rating, by the rated station. */
export async function replyToRating(ctx: AppContext, staff: Staff, id: string, body: string): Promise<StaffRating> {
  return ctx.db.transaction(async (tx) => {
    const r = await ownStationRating(tx, staff, id)
    if (r.reply) throw conflict('这条评价已经回复过了')
    const text = body.trim()
    if (!text) throw fail('FIELD_INVALID', '请填写回复内容', 'body')
    await saveReply(tx, id, { body: text, by: staff.id, at: ctx.clock() })
    return toStaffRating(await loadStaffRating(tx, id), staff)
  })
}

/** A public comment the content-safety check left for a person: the station approves or rejects it. */
export async function reviewComment(ctx: AppContext, staff: Staff, id: string, approve: boolean): Promise<StaffRating> {
  return ctx.db.transaction(async (tx) => {
    const r = await ownStationRating(tx, staff, id)
    if (r.comment_review !== 'review') throw conflict('这条评价不需要审核')
    await saveCommentReview(tx, id, approve ? 'pass' : 'rejected')
    return toStaffRating(await loadStaffRating(tx, id), staff)
  })
}
