/**
 * Ratings: a resident's rating of a resolved request or an attended activity
 * (requests and enrollments carry it), a station's public figures, and the
 * workbench's list, replies and reviews.
 */
import { Type } from '@sinclair/typebox'
import { LIMITS } from '../limits'
import { ALL_RATING_TAGS, COMMENT_REVIEWS, RATING_OUTCOMES, RATING_SUBJECTS } from '../ratings'
import { closed, date, dateTime, literalUnion, nullable, text, uuid } from './common'
import { StationRefSchema } from './stations'

export const RatingSubjectSchema = literalUnion(RATING_SUBJECTS, '评价对象')
export const RatingOutcomeSchema = literalUnion(RATING_OUTCOMES, '问题解决了吗')
export const CommentReviewSchema = literalUnion(COMMENT_REVIEWS, '评价内容安全审核结果')

export const RatingReplySchema = Type.Object(
  { body: Type.String(), stationName: Type.String(), createdAt: dateTime() },
  { ...closed, description: '社工站的公开回复或感谢' },
)

export const RatingSchema = Type.Object(
  {
    id: uuid(),
    subject: RatingSubjectSchema,
    outcome: nullable(RatingOutcomeSchema, { description: '求助评价必填；活动评价为空' }),
    stars: Type.Integer({ minimum: 1, maximum: LIMITS.stars }),
    tags: Type.Array(Type.String()),
    comment: Type.String(),
    anonymous: Type.Boolean({ description: '对社工站匿名：工作人员看得到内容，看不到姓名' }),
    commentPublic: Type.Boolean({ description: '允许在站点页面公开展示评价内容（不显示姓名）' }),
    commentReview: CommentReviewSchema,
    reply: nullable(RatingReplySchema),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    editableUntil: dateTime(),
  },
  closed,
)

export const RatingBodySchema = Type.Object(
  {
    outcome: Type.Optional(RatingOutcomeSchema),
    stars: Type.Integer({ minimum: 1, maximum: LIMITS.stars }),
    tags: Type.Optional(
      Type.Array(literalUnion(ALL_RATING_TAGS as string[], '评价标签'), { maxItems: LIMITS.ratingTags, uniqueItems: true }),
    ),
    comment: Type.Optional(Type.String({ maxLength: LIMITS.ratingComment })),
    anonymous: Type.Optional(Type.Boolean()),
    commentPublic: Type.Optional(Type.Boolean()),
  },
  closed,
)

export const StationRatingsSchema = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    minimum: Type.Integer({ description: '满这么多条评价才公开统计' }),
    summary: nullable(
      Type.Object(
        {
          average: Type.Number({ description: '平均星级，保留一位小数' }),
          distribution: Type.Array(Type.Integer({ minimum: 0 }), {
            minItems: LIMITS.stars,
            maxItems: LIMITS.stars,
            description: '1～5 星各多少条',
          }),
          resolvedShare: nullable(Type.Number({ description: '求助评价中“已解决”的比例（0～1）' })),
        },
        closed,
      ),
    ),
    comments: Type.Array(
      Type.Object(
        {
          id: uuid(),
          subject: RatingSubjectSchema,
          subjectLabel: Type.String({ description: '服务类别或活动名称' }),
          stars: Type.Integer(),
          tags: Type.Array(Type.String()),
          comment: Type.String(),
          createdAt: dateTime(),
          reply: nullable(RatingReplySchema),
        },
        closed,
      ),
    ),
  },
  closed,
)

export const StaffRatingSchema = Type.Object(
  {
    id: uuid(),
    subject: RatingSubjectSchema,
    subjectLabel: Type.String(),
    station: StationRefSchema,
    outcome: nullable(RatingOutcomeSchema),
    stars: Type.Integer(),
    tags: Type.Array(Type.String()),
    comment: Type.String(),
    anonymous: Type.Boolean(),
    /** Who rated, and what: null when the resident rated anonymously. */
    residentName: nullable(Type.String()),
    requestId: nullable(uuid()),
    requestNumber: nullable(Type.String()),
    activityId: nullable(uuid()),
    commentPublic: Type.Boolean(),
    commentReview: CommentReviewSchema,
    /** ≤ 2 stars or 未解决: flagged for the station head. */
    low: Type.Boolean(),
    reply: nullable(RatingReplySchema),
    canReply: Type.Boolean(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  },
  closed,
)

export const StaffRatingsQuerySchema = Type.Object(
  {
    stationId: Type.Optional(uuid()),
    subject: Type.Optional(RatingSubjectSchema),
    low: Type.Optional(Type.Boolean()),
    unreplied: Type.Optional(Type.Boolean()),
    stars: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.stars })),
    from: Type.Optional(date()),
    to: Type.Optional(date()),
  },
  closed,
)

export const StaffRatingListSchema = Type.Object(
  {
    items: Type.Array(StaffRatingSchema),
    /** Low ratings without a reply, in the whole scope (the station head's badge). */
    lowUnreplied: Type.Integer({ minimum: 0 }),
  },
  closed,
)

export const RatingReplyBodySchema = Type.Object({ body: text(LIMITS.ratingReply, 1) }, closed)
export const CommentReviewBodySchema = Type.Object({ approve: Type.Boolean() }, { ...closed, description: '审核待定的公开评价内容' })
