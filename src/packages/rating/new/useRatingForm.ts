import { useEffect, useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { RATING_OUTCOMES, type RatingSubject } from '@contract/ratings'
import type { Booking, Enrollment, HelpRequest, Rating, RatingBody } from '@contract/types'
import { activityTitle } from '@domain/activities'
import { bookingTimeText } from '@domain/booking'
import { bookingRatingRefusal, enrollmentRatingRefusal, ratingBodyError, requestRatingRefusal } from '@domain/ratings'
import { ApiError } from '@/api/client'
import { useQuery } from '@/hooks/useQuery'
import { formErrors, type FieldMap } from '@/services/errors'
import { fetchMyEnrollments } from '@/api/activities'
import { fetchBooking } from '@/api/bookings'
import { rateBooking, rateEnrollment, rateRequest } from '@/api/ratings'
import { fetchRequest } from '@/api/requests'
import { emptyRatingDraft, useRatingDrafts, type RatingDraft } from '@/stores/ratingDraft'
import { useSession } from '@/stores/session'

/** What is being rated, and whether it can be rated (or the rating changed) now. */
export interface RatingTarget {
  subject: RatingSubject
  id: string
  /** 社会救助 / 东山小学堂·节气美育 */
  title: string
  /** The station, and the request's number or who took part. */
  detail: string
  stationName: string
  /** The rating being changed (null: a new one). */
  editing: Rating | null
  /** Why it cannot be rated now (in words), or null. */
  refusal: string | null
}

const EDIT_OVER = '评价超过 7 天，不能再修改了。如有意见，请直接联系社工站。'

function editableNow(rating: Rating, now: Date): boolean {
  return now.getTime() < new Date(rating.editableUntil).getTime()
}

export function requestTarget(r: HelpRequest, now: Date): RatingTarget {
  const base = {
    subject: 'request' as const,
    id: r.id,
    title: SERVICE_CATEGORY_LABELS[r.category],
    detail: `${r.station.name} · 求助编号 ${r.number}`,
    stationName: r.station.name,
  }
  const refusal = requestRatingRefusal(r.status)
  if (refusal) {
    const reopened = r.rating?.outcome === 'unresolved' && r.status !== 'cancelled'
    return { ...base, editing: null, refusal: reopened ? '您反馈问题未解决，社工会继续处理。社工再次办结后，可以再评价。' : refusal }
  }
  if (r.ratingDue || !r.rating) return { ...base, editing: null, refusal: null }
  return editableNow(r.rating, now) ? { ...base, editing: r.rating, refusal: null } : { ...base, editing: null, refusal: EDIT_OVER }
}

export function enrollmentTarget(e: Enrollment, now: Date): RatingTarget {
  const a = e.activity
  const base = {
    subject: 'enrollment' as const,
    id: e.id,
    title: activityTitle(a),
    detail: `${a.station.name} · ${e.participant.name}参加`,
    stationName: a.station.name,
  }
  const refusal = enrollmentRatingRefusal(e.attendedSessions)
  if (refusal) return { ...base, editing: null, refusal }
  if (e.ratingDue || !e.rating) return { ...base, editing: null, refusal: null }
  return editableNow(e.rating, now) ? { ...base, editing: e.rating, refusal: null } : { ...base, editing: null, refusal: EDIT_OVER }
}

export function bookingTarget(b: Booking, now: Date): RatingTarget {
  const base = {
    subject: 'booking' as const,
    id: b.id,
    title: b.service.name,
    detail: `${b.station.name} · ${bookingTimeText(b)}`,
    stationName: b.station.name,
  }
  const refusal = bookingRatingRefusal(b.status)
  if (refusal) return { ...base, editing: null, refusal }
  if (b.ratingDue || !b.rating) return { ...base, editing: null, refusal: null }
  return editableNow(b.rating, now) ? { ...base, editing: b.rating, refusal: null } : { ...base, editing: null, refusal: EDIT_OVER }
}

export const fromRating = (r: Rating): RatingDraft => ({
  outcome: r.outcome,
  stars: r.stars,
  tags: [...r.tags],
  comment: r.comment,
  anonymous: r.anonymous,
  commentPublic: r.commentPublic,
})

export type RatingErrors = Partial<Record<'outcome' | 'stars' | 'comment' | 'form', string>>

/** The rating body's field paths → the form's fields. */
const RATING_FIELDS: FieldMap<'outcome' | 'stars' | 'comment'> = { outcome: 'outcome', stars: 'stars', comment: 'comment' }

/** What is missing or wrong, field by field, in words. */
export function validateRating(subject: RatingSubject, d: RatingDraft): RatingErrors {
  const e: RatingErrors = {}
  if (subject === 'request' && !d.outcome) e.outcome = '请选择问题是否已解决'
  if (d.stars < 1 || d.stars > 5) e.stars = '请点星星打分（1 到 5 星）'
  if (d.comment.length > LIMITS.ratingComment) e.comment = `评价内容不能超过 ${LIMITS.ratingComment} 字`
  const bodyError = ratingBodyError(subject, { outcome: subject === 'request' ? (d.outcome ?? undefined) : undefined, tags: d.tags })
  if (bodyError && !e.outcome) e.form = bodyError
  return e
}

export function toRatingBody(subject: RatingSubject, d: RatingDraft): RatingBody {
  return {
    ...(subject === 'request' && d.outcome ? { outcome: d.outcome } : {}),
    stars: d.stars,
    tags: d.tags,
    comment: d.comment.trim(),
    anonymous: d.anonymous,
    // Nothing to show without words.
    commentPublic: d.commentPublic && d.comment.trim() !== '',
  }
}

export interface RatingResult {
  /** 未解决: the request went back to the station's queue. */
  reopened: boolean
  edited: boolean
  editableUntil: string | null
  stationName: string
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; target: RatingTarget }

export function useRatingForm() {
  const { params } = useRouter()
  const requestId = params.requestId ?? ''
  const enrollmentId = params.enrollmentId ?? ''
  const bookingId = params.bookingId ?? ''
  const subject: RatingSubject = requestId ? 'request' : bookingId ? 'booking' : 'enrollment'
  const id = requestId || bookingId || enrollmentId
  const key = `${subject}:${id}`
  const presetOutcome = RATING_OUTCOMES.find((o) => o === params.outcome) ?? null

  const token = useSession((s) => s.token)
  const { save, clear } = useRatingDrafts()
  const [draft, setDraft] = useState<RatingDraft>(emptyRatingDraft)
  const [errors, setErrors] = useState<RatingErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<RatingResult | null>(null)
  // A second tap while the first submission is in flight does nothing (state updates are not instant).
  const inFlight = useRef(false)

  const loaded = useQuery(
    ['ratingTarget', key, token],
    async (): Promise<RatingTarget> => {
      const now = new Date()
      if (subject === 'request') return requestTarget(await fetchRequest(id), now)
      if (subject === 'booking') return bookingTarget(await fetchBooking(id), now)
      const e = (await fetchMyEnrollments()).find((x) => x.id === id)
      if (!e) throw new ApiError('NOT_FOUND', '没有找到这条报名', 404)
      return enrollmentTarget(e, now)
    },
    { enabled: !!token && !!id },
  )
  const load: Load = !id
    ? { status: 'error', message: '缺少要评价的求助、活动或预约' }
    : loaded.status === 'ok'
      ? { status: 'ok', target: loaded.data }
      : loaded.status === 'error' || loaded.status === 'notFound'
        ? { status: 'error', message: loaded.error.message }
        : { status: 'loading' }

  // Unsent text first (a failed submission, or the page closed), else the rating being changed, else a fresh form.
  useEffect(() => {
    if (loaded.status !== 'ok') return
    const target = loaded.data
    const saved = useRatingDrafts.getState().get(key)
    const start = saved ?? (target.editing ? fromRating(target.editing) : emptyRatingDraft())
    setDraft(presetOutcome && subject === 'request' && !target.refusal ? { ...start, outcome: presetOutcome } : start)
  }, [loaded.status, loaded.data, key, presetOutcome, subject])

  const update = (patch: Partial<RatingDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch }
      save(key, next)
      return next
    })
    setErrors((e) => {
      const rest = { ...e }
      for (const k of Object.keys(patch)) delete rest[k as keyof RatingErrors]
      delete rest.form
      return rest
    })
  }

  const toggleTag = (tag: string) => update({ tags: draft.tags.includes(tag) ? draft.tags.filter((t) => t !== tag) : [...draft.tags, tag] })

  const submit = async () => {
    if (inFlight.current || load.status !== 'ok' || load.target.refusal) return
    const target = load.target
    const e = validateRating(subject, draft)
    setErrors(e)
    if (Object.keys(e).length > 0) return
    inFlight.current = true
    setSubmitting(true)
    try {
      const body = toRatingBody(subject, draft)
      let rating: Rating | null
      let reopened = false
      if (subject === 'request') {
        const r = await rateRequest(id, body)
        rating = r.rating
        reopened = body.outcome === 'unresolved' && r.status !== 'resolved'
      } else {
        const { outcome: _outcome, ...noOutcome } = body
        rating = (subject === 'booking' ? await rateBooking(id, noOutcome) : await rateEnrollment(id, noOutcome)).rating ?? null
      }
      clear(key)
      setResult({ reopened, edited: !!target.editing, editableUntil: rating?.editableUntil ?? null, stationName: target.stationName })
    } catch (err) {
      // The draft stays (saved on every change): the resident can try again without typing anything twice.
      setErrors(formErrors(err, RATING_FIELDS))
    } finally {
      inFlight.current = false
      setSubmitting(false)
    }
  }

  return { subject, id, token, load, draft, errors, update, toggleTag, submit, submitting, result, reload: loaded.reload }
}
