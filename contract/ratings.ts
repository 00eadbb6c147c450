/**
 * Ratings ("服务评价"): residents rate a resolved help request or an attended
 * activity; stations answer; supervisors evaluate. Plain data, shared by the
 * mini-program and the API.
 */
import { LIMITS } from './limits'

/** What a rating rates: a resolved request, an attended activity, or an attended booking (预约服务). */
export const RATING_SUBJECTS = ['request', 'enrollment', 'booking'] as const
export type RatingSubject = (typeof RATING_SUBJECTS)[number]
export const RATING_SUBJECT_LABELS: Record<RatingSubject, string> = { request: '求助服务', enrollment: '活动', booking: '预约服务' }

/** "问题解决了吗？" — asked of help requests only (an activity or a booking has nothing to reopen). 'unresolved' reopens the request. */
export const RATING_OUTCOMES = ['resolved', 'partly', 'unresolved'] as const
export type RatingOutcome = (typeof RATING_OUTCOMES)[number]
export const RATING_OUTCOME_LABELS: Record<RatingOutcome, string> = {
  resolved: '已解决',
  partly: '部分解决',
  unresolved: '未解决',
}

/** Optional tags, per subject; praise first, then what could be better. */
export const RATING_TAGS: Record<RatingSubject, readonly string[]> = {
  request: ['响应及时', '态度好', '专业', '耐心细致', '沟通清楚', '等待时间长', '没有说清楚'],
  enrollment: ['内容有收获', '孩子喜欢', '老师专业', '组织有序', '时间合适', '场地拥挤', '时间太短'],
  booking: ['准时', '态度好', '专业', '耐心细致', '环境舒适', '等待时间长', '时间太短'],
}
export const ALL_RATING_TAGS: readonly string[] = [...new Set(Object.values(RATING_TAGS).flat())]

export const STAR_LABELS = ['很不满意', '不满意', '一般', '满意', '非常满意'] as const

/** The longest comment and reply: aliases of LIMITS.ratingComment and LIMITS.ratingReply. */
export const RATING_COMMENT_MAX = LIMITS.ratingComment
export const RATING_REPLY_MAX = LIMITS.ratingReply
/** A rating can be changed for this many days after it was first given. */
export const RATING_EDIT_DAYS = 7
/** A station's average is shown only once it rests on this many ratings, so that no single resident is identifiable. */
export const PUBLIC_RATINGS_MIN = 5
/** At or below this many stars (or 未解决) a rating is flagged for the station head. */
export const LOW_RATING_STARS = 2

/**
 * The content-safety result of a comment meant to be public: 'pass' may be
 * shown; 'review' waits for the station's approval; 'rejected' is never shown
 * to others (the station still reads it).
 */
export const COMMENT_REVIEWS = ['pass', 'review', 'rejected'] as const
export type CommentReview = (typeof COMMENT_REVIEWS)[number]
