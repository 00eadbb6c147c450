/**
 * Ratings: residents rate a resolved request, an attended activity or booking; a
 * station's public figures; the workbench's ratings and replies; the
 * supervisors' station report (also as CSV).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  BookingSchema,
  CommentReviewBodySchema,
  EnrollmentSchema,
  ErrorSchema,
  HelpRequestSchema,
  IdParamsSchema,
  RatingBodySchema,
  RatingReplyBodySchema,
  StaffRatingListSchema,
  StaffRatingSchema,
  StaffRatingsQuerySchema,
  StationRatingsSchema,
  StationReportQuerySchema,
  StationReportSchema,
} from '../../contract/schemas'
import { notFound } from '../errors'
import { stationRatings } from '../repositories/ratings'
import { reportLines } from '../repositories/reports'
import { toCsv } from '../services/csv'
import { getOwnEnrollment } from '../usecases/enrollments'
import { requireOwnBooking } from '../usecases/bookings'
import { contentReview, rateBooking, rateEnrollment, rateRequest, replyToRating, reviewComment, staffRatings } from '../usecases/ratings'
import { stationReport } from '../usecases/reports'
import { requireOwnRequest } from '../usecases/requests'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const ratings: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticate }
  const ratingsWork = { onRequest: app.authorize('ratings.work') }
  const reports = { onRequest: app.authorize('reports.view') }
  const security = [{ bearer: [] }]

  app.post(
    '/api/requests/:id/rating',
    {
      ...auth,
      config: { limit: 'submit' },
      schema: {
        tags: ['评价'],
        summary:
          '评价已办结的求助：问题解决了吗（已解决／部分解决／未解决）、星级、标签和留言。每次办结评价一次，7 天内可修改；“未解决”会把求助退回原站点的队列',
        security,
        params: IdParamsSchema,
        body: RatingBodySchema,
        response: { 200: HelpRequestSchema, 201: HelpRequestSchema, ...errors },
      },
    },
    async (request, reply) => {
      const userId = request.user!.id
      const { id } = request.params
      const review = await contentReview(ctx, userId, request.body)
      const { created } = await ctx.db.transaction((tx) => rateRequest(ctx, tx, id, { userId, body: request.body, review }))
      return reply.status(created ? 201 : 200).send(await requireOwnRequest(ctx, id, userId))
    },
  )

  app.post(
    '/api/enrollments/:id/rating',
    {
      ...auth,
      config: { limit: 'submit' },
      schema: {
        tags: ['评价'],
        summary: '评价参加过（已签到）的活动：星级、标签和留言，7 天内可修改',
        security,
        params: IdParamsSchema,
        body: RatingBodySchema,
        response: { 200: EnrollmentSchema, 201: EnrollmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const userId = request.user!.id
      const { id } = request.params
      const review = await contentReview(ctx, userId, request.body)
      const { created } = await ctx.db.transaction((tx) => rateEnrollment(ctx, tx, id, { userId, body: request.body, review }))
      return reply.status(created ? 201 : 200).send(await getOwnEnrollment(ctx, ctx.db, id, userId))
    },
  )

  app.post(
    '/api/bookings/:id/rating',
    {
      ...auth,
      config: { limit: 'submit' },
      schema: {
        tags: ['评价'],
        summary: '评价已到场的预约服务：星级、标签和留言，7 天内可修改',
        security,
        params: IdParamsSchema,
        body: RatingBodySchema,
        response: { 200: BookingSchema, 201: BookingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const userId = request.user!.id
      const { id } = request.params
      const review = await contentReview(ctx, userId, request.body)
      const { created } = await ctx.db.transaction((tx) => rateBooking(ctx, tx, id, { userId, body: request.body, review }))
      return reply.status(created ? 201 : 200).send(await requireOwnBooking(ctx, ctx.db, id, userId))
    },
  )

  app.get(
    '/api/stations/:id/ratings',
    {
      schema: {
        tags: ['评价'],
        summary: '站点的居民评价：满 5 条后公开平均星级和分布，以及居民同意公开的最新留言（不显示姓名）',
        params: IdParamsSchema,
        response: { 200: StationRatingsSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const r = await stationRatings(ctx.db, request.params.id)
      if (!r) throw notFound('没有找到这个社工站')
      return r
    },
  )

  app.get(
    '/api/staff/ratings',
    {
      ...ratingsWork,
      schema: {
        tags: ['工作台·评价'],
        summary: '本站（督导：下级各站）收到的评价；匿名评价不显示姓名和求助编号',
        security,
        querystring: StaffRatingsQuerySchema,
        response: { 200: StaffRatingListSchema, ...errors },
      },
    },
    async (request) => staffRatings(ctx, request.staff!, request.query),
  )

  app.post(
    '/api/staff/ratings/:id/reply',
    {
      ...ratingsWork,
      schema: {
        tags: ['工作台·评价'],
        summary: '公开回复或感谢一条本站收到的评价（每条一次）',
        security,
        params: IdParamsSchema,
        body: RatingReplyBodySchema,
        response: { 200: StaffRatingSchema, ...errors },
      },
    },
    async (request) => replyToRating(ctx, request.staff!, request.params.id, request.body.body),
  )

  app.post(
    '/api/staff/ratings/:id/review',
    {
      ...ratingsWork,
      schema: {
        tags: ['工作台·评价'],
        summary: '审核内容安全检查待定的公开留言：通过后才在站点页面展示',
        security,
        params: IdParamsSchema,
        body: CommentReviewBodySchema,
        response: { 200: StaffRatingSchema, ...errors },
      },
    },
    async (request) => reviewComment(ctx, request.staff!, request.params.id, request.body.approve),
  )

  app.get(
    '/api/staff/reports/stations',
    {
      ...reports,
      schema: {
        tags: ['工作台·报表'],
        summary: '督导的站点统计：所辖各站在时段内的求助、按时受理率、受理与办结中位时长、超时、升级、满意度、活动与出勤',
        security,
        querystring: StationReportQuerySchema,
        response: { 200: StationReportSchema, ...errors },
      },
    },
    async (request) => stationReport(ctx, ctx.db, request.staff!, request.query),
  )

  app.get(
    '/api/staff/reports/stations.csv',
    {
      ...reports,
      schema: {
        tags: ['工作台·报表'],
        summary: '导出站点统计（CSV，Excel 可直接打开）',
        security,
        querystring: StationReportQuerySchema,
        response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), ...errors },
      },
    },
    async (request, reply) => {
      const report = await stationReport(ctx, ctx.db, request.staff!, request.query)
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="station-report-${report.from}-${report.to}.csv"`)
        .header('cache-control', 'no-store')
        .send(toCsv(reportLines(report)))
    },
  )
}

export default ratings
