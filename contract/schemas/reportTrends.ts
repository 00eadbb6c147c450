/**
 * The pictures of the supervisors' report (issue 16, item 8): the same scope
 * and period as the station report, week by week, and the mix of categories.
 */
import { Type } from '@sinclair/typebox'
import { closed, date, nullable, ServiceCategorySchema } from './common'

export const ReportWeekSchema = Type.Object(
  {
    /** Monday of the week, China time (the first week may start before `from`: only the period's days count). */
    weekStart: date(),
    received: Type.Integer({ description: '收到的求助（新提交、转介或升级进入队列）' }),
    resolved: Type.Integer(),
    accepted: Type.Integer(),
    acceptedOnTime: Type.Integer(),
    onTimeRate: nullable(Type.Number({ description: '按时受理率（0～1）；本周无受理时为 null' })),
    ratings: Type.Integer(),
    averageStars: nullable(Type.Number({ description: '平均星级；本周无评价时为 null' })),
  },
  closed,
)

export const ReportTrendsSchema = Type.Object(
  {
    from: date(),
    to: date(),
    weeks: Type.Array(ReportWeekSchema),
    /** Requests received in the period by category, most first. */
    categories: Type.Array(Type.Object({ category: ServiceCategorySchema, count: Type.Integer() }, closed)),
  },
  closed,
)
