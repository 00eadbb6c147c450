/**
 * Ratings: a resident rates a resolved request (once per resolution; 未解决
 * reopens it) or an attended activity, editable for 7 days; the station reads
 * and answers them; the public sees a station's figures only once they rest on
 * enough ratings. Every change locks the rated request or enrollment first, so
 * a double tap gives one rating.
 */
import type { ServiceCategory } from '../../contract/enums'
import { SERVICE_CATEGORY_LABELS } from '../../contract/enums'
import { PUBLIC_RATINGS_MIN, RATING_EDIT_DAYS, type CommentReview, type RatingOutcome, type RatingSubject } from '../../contract/ratings'
import { SENSITIVE_CATEGORIES } from '../../contract/requests'
import type { RatingBody, StaffRating, StaffRatingList, StaffRatingsQuery, StationRatings } from '../../contract/types'
import {
  enrollmentRatingRefusal,
  hasEnoughRatings,
  isLowRating,
  isRatingEditable,
  ratingBodyError,
  requestRatingRefusal,
  roundStars,
} from '../../domain/ratings'
import type { ResponseTargets } from '../../domain/sla'
import type { Queryable } from '../db'
import { AppError, badRequest, conflict, notFound } from '../errors'
import { reportPeriod } from './reports'
import { lockOwnRequest, reopenByResident, staffScope, type Staff } from './requests'

const iso = (d: Date | string) => new Date(d).toISOString()

export interface RateInput {
  userId: string
  body: RatingBody
  /** The content-safety result of the comment when it is to be public ('pass' otherwise). */
  review: CommentReview
  now: Date
}

/** Inserts the rating, or changes it within its edit window. Returns whether it was created. */
async function saveRating(
  tx: Queryable,
  existing: { id: string; created_at: Date } | undefined,
  insert: { subject: RatingSubject; requestId: string | null; resolution: number | null; enrollmentId: string | null; stationId: string },
  input: RateInput,
): Promise<boolean> {
  const b = input.body
  const fields = [b.outcome ?? null, b.stars, b.tags ?? [], (b.comment ?? '').trim(), b.anonymous ?? false, b.commentPublic ?? false, input.review, input.now]
  if (existing) {
    if (!isRatingEditable(existing.created_at, input.now)) throw conflict(`评价提交已超过 ${RATING_EDIT_DAYS} 天，不能再修改`)
    await tx.query(
      `UPDATE ratings SET outcome = $2, stars = $3, tags = $4, comment = $5, anonymous = $6, comment_public = $7,
              comment_review = $8, updated_at = $9 WHERE id = $1`,
      [existing.id, ...fields],
    )
    return false
  }
  await tx.query(
    `INSERT INTO ratings (subject, request_id, resolution, enrollment_id, station_id, user_id,
                          outcome, stars, tags, comment, anonymous, comment_public, comment_review, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
    [insert.subject, insert.requestId, insert.resolution, insert.enrollmentId, insert.stationId, input.userId, ...fields],
  )
  return true
}

/**
 * "问题解决了吗？" — only the submitter, only once the request is resolved, one
 * rating per resolution. 未解决 sends it back to the same station's queue.
 */
export async function rateRequest(tx: Queryable, id: string, input: RateInput, targets: ResponseTargets): Promise<{ created: boolean }> {
  const row = await lockOwnRequest(tx, id, input.userId)
  const wrong = ratingBodyError('request', input.body)
  if (wrong) throw badRequest(wrong)
  const refusal = requestRatingRefusal(row.status)
  if (refusal) throw conflict(refusal)
  const { rows } = await tx.query<{ id: string; created_at: Date }>(
    'SELECT id, created_at FROM ratings WHERE request_id = $1 AND resolution = $2',
    [id, row.resolutions],
  )
  const created = await saveRating(
    tx, rows[0],
    { subject: 'request', requestId: id, resolution: row.resolutions, enrollmentId: null, stationId: row.station_id },
    input,
  )
  if (input.body.outcome === 'unresolved') await reopenByResident(tx, row, input.userId, input.body.comment ?? '', input.now, targets)
  return { created }
}

/** An activity can be rated by the resident who enrolled the participant, once they were checked in. */
export async function rateEnrollment(tx: Queryable, id: string, input: RateInput): Promise<{ created: boolean }> {
  const { rows } = await tx.query<{ id: string; station_id: string; attended: number }>(
    `SELECT e.id, a.station_id, (SELECT count(*)::int FROM attendance t WHERE t.enrollment_id = e.id) AS attended
       FROM enrollments e JOIN activities a ON a.id = e.activity_id
      WHERE e.id = $1 AND e.user_id = $2
        FOR UPDATE OF e`,
    [id, input.userId],
  )
  const e = rows[0]
  if (!e) throw notFound('没有找到这条报名')
  const wrong = ratingBodyError('enrollment', input.body)
  if (wrong) throw badRequest(wrong)
  const refusal = enrollmentRatingRefusal(Number(e.attended))
  if (refusal) throw conflict(refusal)
  const { rows: existing } = await tx.query<{ id: string; created_at: Date }>('SELECT id, created_at FROM ratings WHERE enrollment_id = $1', [id])
  const created = await saveRating(tx, existing[0], { subject: 'enrollment', requestId: null, resolution: null, enrollmentId: id, stationId: e.station_id }, input)
  return { created }
}

// ───────────────────────── a station's public page ─────────────────────────

/** What the public sees of a station's ratings: nothing but the count until there are enough of them. */
export async function stationRatings(db: Queryable, stationId: string): Promise<StationRatings | null> {
  const { rows } = await db.query<{ exists: boolean; count: number; average: number | null; s1: number; s2: number; s3: number; s4: number; s5: number; requests: number; resolved: number }>(
    `SELECT EXISTS (SELECT 1 FROM stations WHERE id = $1) AS exists,
            count(*)::int AS count, avg(stars)::float8 AS average,
            count(*) FILTER (WHERE stars = 1)::int AS s1, count(*) FILTER (WHERE stars = 2)::int AS s2,
            count(*) FILTER (WHERE stars = 3)::int AS s3, count(*) FILTER (WHERE stars = 4)::int AS s4,
            count(*) FILTER (WHERE stars = 5)::int AS s5,
            count(*) FILTER (WHERE subject = 'request')::int AS requests,
            count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved
       FROM ratings WHERE station_id = $1`,
    [stationId],
  )
  const f = rows[0]!
  if (!f.exists) return null
  const count = Number(f.count)
  if (!hasEnoughRatings(count)) return { count, minimum: PUBLIC_RATINGS_MIN, summary: null, comments: [] }
  const { rows: comments } = await db.query<{
    id: string; subject: RatingSubject; stars: number; tags: string[]; comment: string; created_at: Date
    reply: string | null; replied_at: Date | null; station_name: string; category: ServiceCategory | null; title: string | null
  }>(
    `SELECT rt.id, rt.subject, rt.stars, rt.tags, rt.comment, rt.created_at, rt.reply, rt.replied_at, s.name AS station_name,
            r.category, a.title
       FROM ratings rt
       JOIN stations s ON s.id = rt.station_id
       LEFT JOIN help_requests r ON r.id = rt.request_id
       LEFT JOIN enrollments e ON e.id = rt.enrollment_id
       LEFT JOIN activities a ON a.id = e.activity_id
      WHERE rt.station_id = $1 AND rt.comment_public AND rt.comment_review = 'pass' AND rt.comment <> ''
        AND (r.category IS NULL OR r.category <> ALL ($2::text[]))
      ORDER BY rt.created_at DESC LIMIT 10`,
    [stationId, SENSITIVE_CATEGORIES],
  )
  const requests = Number(f.requests)
  return {
    count,
    minimum: PUBLIC_RATINGS_MIN,
    summary: {
      average: roundStars(Number(f.average)),
      distribution: [f.s1, f.s2, f.s3, f.s4, f.s5].map(Number),
      resolvedShare: requests > 0 ? Number(f.resolved) / requests : null,
    },
    comments: comments.map((c) => ({
      id: c.id,
      subject: c.subject,
      subjectLabel: c.category ? SERVICE_CATEGORY_LABELS[c.category] : c.title ?? '活动',
      stars: c.stars,
      tags: c.tags,
      comment: c.comment,
      createdAt: iso(c.created_at),
      reply: c.reply && c.replied_at ? { body: c.reply, stationName: c.station_name, createdAt: iso(c.replied_at) } : null,
    })),
  }
}

// ───────────────────────── the workbench ─────────────────────────

interface StaffRatingRow {
  id: string
  subject: RatingSubject
  station_id: string
  station_code: string
  station_name: string
  station_kind: StaffRating['station']['kind']
  outcome: RatingOutcome | null
  stars: number
  tags: string[]
  comment: string
  anonymous: boolean
  comment_public: boolean
  comment_review: CommentReview
  reply: string | null
  replied_at: Date | null
  created_at: Date
  updated_at: Date
  request_id: string | null
  request_number: string | null
  category: ServiceCategory | null
  contact_name: string | null
  activity_id: string | null
  activity_title: string | null
  participant_name: string | null
}

const STAFF_SELECT = `
  SELECT rt.*, s.code AS station_code, s.name AS station_name, s.kind AS station_kind,
         r.number AS request_number, r.category, r.contact_name,
         a.id AS activity_id, a.title AS activity_title, e.participant_name
    FROM ratings rt
    JOIN stations s ON s.id = rt.station_id
    LEFT JOIN help_requests r ON r.id = rt.request_id
    LEFT JOIN enrollments e ON e.id = rt.enrollment_id
    LEFT JOIN activities a ON a.id = e.activity_id`

/** Ratings the account may read: its scope, sensitive categories only at the station that holds them. */
const VISIBLE = `rt.station_id = ANY ($1::uuid[]) AND (rt.station_id = $2 OR r.category IS NULL OR r.category <> ALL ($3::text[]))`
const LOW = `(rt.stars <= 2 OR rt.outcome = 'unresolved')`

function toStaffRating(r: StaffRatingRow, staff: Staff): StaffRating {
  const anonymous = r.anonymous
  return {
    id: r.id,
    subject: r.subject,
    subjectLabel: r.category ? SERVICE_CATEGORY_LABELS[r.category] : r.activity_title ?? '活动',
    station: { id: r.station_id, code: r.station_code, name: r.station_name, kind: r.station_kind },
    outcome: r.outcome,
    stars: r.stars,
    tags: r.tags,
    comment: r.comment,
    anonymous,
    // Anonymous: the words, never the name nor the request that would lead to it.
    residentName: anonymous ? null : (r.contact_name ?? r.participant_name),
    requestId: anonymous ? null : r.request_id,
    requestNumber: anonymous ? null : r.request_number,
    activityId: r.activity_id,
    commentPublic: r.comment_public,
    commentReview: r.comment_review,
    low: isLowRating(r),
    reply: r.reply && r.replied_at ? { body: r.reply, stationName: r.station_name, createdAt: iso(r.replied_at) } : null,
    canReply: r.station_id === staff.stationId && !r.reply,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

export async function staffRatings(db: Queryable, staff: Staff, q: StaffRatingsQuery): Promise<StaffRatingList> {
  const scope = await staffScope(db, staff)
  if (q.stationId && !scope.includes(q.stationId)) throw notFound('没有找到这个站点')
  const params: unknown[] = [q.stationId ? [q.stationId] : scope, staff.stationId, SENSITIVE_CATEGORIES]
  const where = [VISIBLE]
  const add = (sql: string, v: unknown) => {
    params.push(v)
    where.push(sql.replaceAll('$?', `$${params.length}`))
  }
  if (q.subject) add('rt.subject = $?', q.subject)
  if (q.stars) add('rt.stars = $?', q.stars)
  if (q.low) where.push(LOW)
  if (q.unreplied) where.push('rt.reply IS NULL')
  if (q.from || q.to) {
    const { start, end } = reportPeriod(q.from ?? '2000-01-01', q.to ?? '2999-12-31', { maxDays: null })
    if (q.from) add('rt.created_at >= $?', start)
    if (q.to) add('rt.created_at < $?', end)
  }
  const { rows } = await db.query<StaffRatingRow>(`${STAFF_SELECT} WHERE ${where.join(' AND ')} ORDER BY rt.created_at DESC LIMIT 200`, params)
  const { rows: badge } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ratings rt LEFT JOIN help_requests r ON r.id = rt.request_id
      WHERE ${VISIBLE} AND ${LOW} AND rt.reply IS NULL`,
    [scope, staff.stationId, SENSITIVE_CATEGORIES],
  )
  return { items: rows.map((r) => toStaffRating(r, staff)), lowUnreplied: Number(badge[0]!.n) }
}

/** A rating of the staff's own station, locked; another station's in scope: 403; out of scope: 404. */
async function ownStationRating(tx: Queryable, staff: Staff, id: string): Promise<StaffRatingRow> {
  const scope = await staffScope(tx, staff)
  const { rows } = await tx.query<StaffRatingRow>(`${STAFF_SELECT} WHERE rt.id = $4 AND ${VISIBLE} FOR UPDATE OF rt`, [scope, staff.stationId, SENSITIVE_CATEGORIES, id])
  const r = rows[0]
  if (!r) throw notFound('没有找到这条评价')
  if (r.station_id !== staff.stationId) throw new AppError(403, 'FORBIDDEN', '只能回复和审核本站收到的评价')
  return r
}

async function reload(tx: Queryable, staff: Staff, id: string): Promise<StaffRating> {
  const { rows } = await tx.query<StaffRatingRow>(`${STAFF_SELECT} WHERE rt.id = $1`, [id])
  return toStaffRating(rows[0]!, staff)
}

/** One public thank-you or reply per rating, by the rated station. */
export async function replyToRating(tx: Queryable, staff: Staff, id: string, body: string, now: Date): Promise<StaffRating> {
  const r = await ownStationRating(tx, staff, id)
  if (r.reply) throw conflict('这条评价已经回复过了')
  const text = body.trim()
  if (!text) throw badRequest('请填写回复内容')
  await tx.query('UPDATE ratings SET reply = $2, reply_by = $3, replied_at = $4 WHERE id = $1', [id, text, staff.id, now])
  return reload(tx, staff, id)
}

/** A public comment the content-safety check left for a person: the station approves or rejects it. */
export async function reviewComment(tx: Queryable, staff: Staff, id: string, approve: boolean): Promise<StaffRating> {
  const r = await ownStationRating(tx, staff, id)
  if (r.comment_review !== 'review') throw conflict('这条评价不需要审核')
  await tx.query('UPDATE ratings SET comment_review = $2 WHERE id = $1', [id, approve ? 'pass' : 'rejected'])
  return reload(tx, staff, id)
}
