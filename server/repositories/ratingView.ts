/**
 * How a rating reads, shared by the requests and enrollments that carry one
 * and by the ratings repository: one SQL fragment that brings a rating back
 * as JSON with its row, and the mapping to the contract's `Rating`.
 */
import type { Rating } from '../../contract/types'
import { ratingEditableUntil } from '../../domain/ratings'

export interface RatingJson {
  id: string
  subject: Rating['subject']
  outcome: Rating['outcome']
  stars: number
  tags: string[]
  comment: string
  anonymous: boolean
  comment_public: boolean
  comment_review: Rating['commentReview']
  reply: string | null
  replied_at: string | null
  station_name: string
  created_at: string
  updated_at: string
}

/** The newest rating matching `where` (over `rt`), as one JSON value (null when none). */
export function ratingJson(where: string): string {
  return `(SELECT json_build_object(
      'id', rt.id, 'subject', rt.subject, 'outcome', rt.outcome, 'stars', rt.stars, 'tags', rt.tags,
      'comment', rt.comment, 'anonymous', rt.anonymous, 'comment_public', rt.comment_public,
      'comment_review', rt.comment_review, 'reply', rt.reply, 'replied_at', rt.replied_at,
      'station_name', rs.name, 'created_at', rt.created_at, 'updated_at', rt.updated_at)
     FROM ratings rt JOIN stations rs ON rs.id = rt.station_id
    WHERE ${where} ORDER BY rt.created_at DESC LIMIT 1)`
}

const iso = (v: string | Date) => new Date(v).toISOString()

export function toRating(r: RatingJson | string | null): Rating | null {
  if (!r) return null
  // PGlite and node-postgres both parse json; a driver returning text is handled too.
  const j: RatingJson = typeof r === 'string' ? JSON.parse(r) : r
  return {
    id: j.id,
    subject: j.subject,
    outcome: j.outcome,
    stars: j.stars,
    tags: j.tags ?? [],
    comment: j.comment,
    anonymous: j.anonymous,
    commentPublic: j.comment_public,
    commentReview: j.comment_review,
    reply: j.reply && j.replied_at ? { body: j.reply, stationName: j.station_name, createdAt: iso(j.replied_at) } : null,
    createdAt: iso(j.created_at),
    updatedAt: iso(j.updated_at),
    editableUntil: ratingEditableUntil(j.created_at).toISOString(),
  }
}
