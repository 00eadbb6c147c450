/**
 * Ratings: a resident rates a resolved request (once per resolution; 未解决
 * reopens it) or an attended activity, editable for 7 days; the station reads
 * and answers them; the public sees a station's figures only once they rest on
 * enough ratings. Every change locks the rated request or enrollment first, so
 * a double tap gives one rating.
 */
import type { BookingStatus } from '../../contract/bookings'
import type { ServiceCategory } from '../../contract/enums'
import { SERVICE_CATEGORY_LABELS } from '../../contract/enums'
import { PUBLIC_RATINGS_MIN, type CommentReview, type RatingOutcome, type RatingSubject } from '../../contract/ratings'
import { SENSITIVE_CATEGORIES } from '../../contract/requests'
import type { RatingBody, StaffRating, StationRatings } from '../../contract/types'
import { hasEnoughRatings, isLowRating, roundStars } from '../../domain/ratings'
import type { Staff } from '../../domain/staff'
import type { Queryable } from '../db'

const iso = (d: Date | string) => new Date(d).toISOString()

/** The rating of a request's resolution, of an enrollment, or of a booking, if there is one. */
export async function existingRating(
  db: Queryable,
  of: { requestId: string; resolution: number } | { enrollmentId: string } | { bookingId: string },
): Promise<{ id: string; created_at: Date } | null> {
  const [where, params] =
    'requestId' in of
      ? ['request_id = $1 AND resolution = $2', [of.requestId, of.resolution]]
      : 'enrollmentId' in of
        ? ['enrollment_id = $1', [of.enrollmentId]]
        : ['booking_id = $1', [of.bookingId]]
  const { rows } = await db.query<{ id: string; created_at: Date }>(`SELECT id, created_at FROM ratings WHERE ${where}`, params)
  return rows[0] ?? null
}

export interface RatingFields {
  body: RatingBody
  /** The content-safety result of the comment when it is to be public ('pass' otherwise). */
  review: CommentReview
  at: Date
}

const fieldValues = (f: RatingFields) => {
  const b = f.body
  return [
    b.outcome ?? null,
    b.stars,
    b.tags ?? [],
    (b.comment ?? '').trim(),
    b.anonymous ?? false,
    b.commentPublic ?? false,
    f.review,
    f.at,
  ]
}

export async function insertRating(
  db: Queryable,
  r: {
    subject: RatingSubject
    requestId: string | null
    resolution: number | null
    enrollmentId: string | null
    bookingId?: string
    stationId: string
    userId: string
  },
  f: RatingFields,
): Promise<void> {
  await db.query(
    `INSERT INTO ratings (subject, request_id, resolution, enrollment_id, booking_id, station_id, user_id,
                          outcome, stars, tags, comment, anonymous, comment_public, comment_review, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
    [r.subject, r.requestId, r.resolution, r.enrollmentId, r.bookingId ?? null, r.stationId, r.userId, ...fieldValues(f)],
  )
}

export async function updateRating(db: Queryable, id: string, f: RatingFields): Promise<void> {
  await db.query(
    `UPDATE ratings SET outcome = $2, stars = $3, tags = $4, comment = $5, anonymous = $6, comment_public = $7,
            comment_review = $8, updated_at = $9 WHERE id = $1`,
    [id, ...fieldValues(f)],
  )
}

/** The resident's enrollment, locked, with its station and how many sessions they attended. */
export async function lockRatedEnrollment(
  db: Queryable,
  id: string,
  userId: string,
): Promise<{ id: string; station_id: string; attended: number } | null> {
  const { rows } = await db.query<{ id: string; station_id: string; attended: number }>(
    `SELECT e.id, a.station_id, (SELECT count(*)::int FROM attendance t WHERE t.enrollment_id = e.id) AS attended
       FROM enrollments e JOIN activities a ON a.id = e.activity_id
      WHERE e.id = $1 AND e.user_id = $2
        FOR UPDATE OF e`,
    [id, userId],
  )
  return rows[0] ? { ...rows[0], attended: Number(rows[0].attended) } : null
}

/** The resident's own booking, locked, with its station and status. */
export async function lockRatedBooking(
  db: Queryable,
  id: string,
  userId: string,
): Promise<{ id: string; station_id: string; status: BookingStatus } | null> {
  const { rows } = await db.query<{ id: string; station_id: string; status: BookingStatus }>(
    'SELECT id, station_id, status FROM bookings WHERE id = $1 AND user_id = $2 FOR UPDATE',
    [id, userId],
  )
  return rows[0] ?? null
}

/** The author's openid, for the content-safety check of a public comment. */
export async function authorOpenid(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ openid: string | null }>('SELECT openid FROM users WHERE id = $1', [userId])
  return rows[0]?.openid ?? null
}

// ───────────────────────── a station's public page ─────────────────────────

/** What was rated: the request, or the enrollment's activity, or the booking's service. */
const SUBJECT_JOINS = `LEFT JOIN help_requests r ON r.id = rt.request_id
    LEFT JOIN enrollments e ON e.id = rt.enrollment_id
    LEFT JOIN activities a ON a.id = e.activity_id
    LEFT JOIN bookings k ON k.id = rt.booking_id
    LEFT JOIN bookable_services bs ON bs.id = k.service_id`
/** The category of a rated request or booking (sensitive ones stay with their station); null for an activity. */
const SUBJECT_CATEGORY = 'COALESCE(r.category, bs.category)'
/** The activity's title or the booked service's name. */
const SUBJECT_TITLE = 'COALESCE(a.title, bs.name)'

/** 社会救助 (a request's category), 东山小学堂·节气美育 (an activity), 心理疏导谈心 (a booked service). */
function subjectLabelOf(subject: RatingSubject, category: ServiceCategory | null, title: string | null): string {
  if (subject !== 'request' && title) return title
  return category ? SERVICE_CATEGORY_LABELS[category] : '活动'
}

/** What the public sees of a station's ratings: nothing but the count until there are enough of them. */
export async function stationRatings(db: Queryable, stationId: string): Promise<StationRatings | null> {
  const { rows } = await db.query<{
    exists: boolean
    count: number
    average: number | null
    s1: number
    s2: number
    s3: number
    s4: number
    s5: number
    requests: number
    resolved: number
  }>(
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
    id: string
    subject: RatingSubject
    stars: number
    tags: string[]
    comment: string
    created_at: Date
    reply: string | null
    replied_at: Date | null
    station_name: string
    category: ServiceCategory | null
    title: string | null
  }>(
    `SELECT rt.id, rt.subject, rt.stars, rt.tags, rt.comment, rt.created_at, rt.reply, rt.replied_at, s.name AS station_name,
            ${SUBJECT_CATEGORY} AS category, ${SUBJECT_TITLE} AS title
       FROM ratings rt
       JOIN stations s ON s.id = rt.station_id
       ${SUBJECT_JOINS}
      WHERE rt.station_id = $1 AND rt.comment_public AND rt.comment_review = 'pass' AND rt.comment <> ''
        AND (${SUBJECT_CATEGORY} IS NULL OR ${SUBJECT_CATEGORY} <> ALL ($2::text[]))
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
      subjectLabel: subjectLabelOf(c.subject, c.category, c.title),
      stars: c.stars,
      tags: c.tags,
      comment: c.comment,
      createdAt: iso(c.created_at),
      reply: c.reply && c.replied_at ? { body: c.reply, stationName: c.station_name, createdAt: iso(c.replied_at) } : null,
    })),
  }
}

// ───────────────────────── the workbench ─────────────────────────

export interface StaffRatingRow {
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
         r.number AS request_number, ${SUBJECT_CATEGORY} AS category, COALESCE(r.contact_name, k.contact_name) AS contact_name,
         a.id AS activity_id, ${SUBJECT_TITLE} AS activity_title, e.participant_name
    FROM ratings rt
    JOIN stations s ON s.id = rt.station_id
    ${SUBJECT_JOINS}`

/** Ratings the account may read: its scope, sensitive categories only at the station that holds them. */
const VISIBLE = `rt.station_id = ANY ($1::uuid[]) AND (rt.station_id = $2 OR ${SUBJECT_CATEGORY} IS NULL OR ${SUBJECT_CATEGORY} <> ALL ($3::text[]))`
const LOW = `(rt.stars <= 2 OR rt.outcome = 'unresolved')`

export function toStaffRating(r: StaffRatingRow, staff: Staff): StaffRating {
  const anonymous = r.anonymous
  return {
    id: r.id,
    subject: r.subject,
    subjectLabel: subjectLabelOf(r.subject, r.category, r.activity_title),
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

export interface RatingFilter {
  /** The stations read; sensitive categories only from `ownStationId`. */
  stationIds: string[]
  ownStationId: string
  subject?: RatingSubject
  stars?: number
  low?: boolean
  unreplied?: boolean
  createdFrom?: Date
  createdBefore?: Date
}

/** Ratings the account may read, newest first (at most 200). */
export async function ratingRows(db: Queryable, f: RatingFilter): Promise<StaffRatingRow[]> {
  const params: unknown[] = [f.stationIds, f.ownStationId, SENSITIVE_CATEGORIES]
  const where = [VISIBLE]
  const add = (sql: string, v: unknown) => {
    params.push(v)
    where.push(sql.replaceAll('$?', `$${params.length}`))
  }
  if (f.subject) add('rt.subject = $?', f.subject)
  if (f.stars) add('rt.stars = $?', f.stars)
  if (f.low) where.push(LOW)
  if (f.unreplied) where.push('rt.reply IS NULL')
  if (f.createdFrom) add('rt.created_at >= $?', f.createdFrom)
  if (f.createdBefore) add('rt.created_at < $?', f.createdBefore)
  const { rows } = await db.query<StaffRatingRow>(
    `${STAFF_SELECT} WHERE ${where.join(' AND ')} ORDER BY rt.created_at DESC LIMIT 200`,
    params,
  )
  return rows
}

/** Low ratings without a reply in the stations read (the station head's badge). */
export async function lowUnrepliedCount(db: Queryable, stationIds: string[], ownStationId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ratings rt ${SUBJECT_JOINS}
      WHERE ${VISIBLE} AND ${LOW} AND rt.reply IS NULL`,
    [stationIds, ownStationId, SENSITIVE_CATEGORIES],
  )
  return Number(rows[0]!.n)
}

/** A rating the account may read, locked; null when there is none in its sight. */
export async function lockVisibleRating(
  db: Queryable,
  stationIds: string[],
  ownStationId: string,
  id: string,
): Promise<StaffRatingRow | null> {
  const { rows } = await db.query<StaffRatingRow>(`${STAFF_SELECT} WHERE rt.id = $4 AND ${VISIBLE} FOR UPDATE OF rt`, [
    stationIds,
    ownStationId,
    SENSITIVE_CATEGORIES,
    id,
  ])
  return rows[0] ?? null
}

export async function loadStaffRating(db: Queryable, id: string): Promise<StaffRatingRow> {
  const { rows } = await db.query<StaffRatingRow>(`${STAFF_SELECT} WHERE rt.id = $1`, [id])
  return rows[0]!
}

export async function saveReply(db: Queryable, id: string, reply: { body: string; by: string; at: Date }): Promise<void> {
  await db.query('UPDATE ratings SET reply = $2, reply_by = $3, replied_at = $4 WHERE id = $1', [id, reply.body, reply.by, reply.at])
}

export async function saveCommentReview(db: Queryable, id: string, review: CommentReview): Promise<void> {
  await db.query('UPDATE ratings SET comment_review = $2 WHERE id = $1', [id, review])
}
