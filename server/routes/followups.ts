/** 回访 (follow-up calls, issue 16): the calls due for the stations a worker sees, and a call's outcome. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema, FollowUpListSchema, FollowUpOutcomeBodySchema, FollowUpOutcomeSchema, IdParamsSchema } from '../../contract/schemas'
import { listFollowUps, recordOutcome } from '../usecases/followups'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const followUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const security = [{ bearer: [] }]
  const tags = ['工作台']
  const work = { onRequest: app.authorize('followups.work') }

  app.get(
    '/api/staff/followups',
    {
      ...work,
      schema: {
        tags,
        summary: '回访：可见站点中已到期（due）和两周内到期（upcoming）的回访电话，附居民姓名、电话和求助摘要',
        security,
        response: { 200: FollowUpListSchema, ...errors },
      },
    },
    async (request) => listFollowUps(ctx, request.staff!),
  )

  app.post(
    '/api/staff/followups/:id/outcome',
    {
      ...work,
      schema: {
        tags,
        summary: '记录回访结果：未接通（留在列表中，次数加一）；已接通（须选择是否满意；还需要帮助时求助回到本站队列，居民时间线可见）',
        security,
        params: IdParamsSchema,
        body: FollowUpOutcomeBodySchema,
        response: { 200: FollowUpOutcomeSchema, ...errors },
      },
    },
    async (request) => recordOutcome(ctx, request.staff!, request.params.id, request.body),
  )
}

export default followUpRoutes
