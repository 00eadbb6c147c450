/** The workbench for the whole day (issue 16): colleagues and their workload, assignment, canned replies (常用回复). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AssignBodySchema,
  CannedRepliesSchema,
  CannedReplyBodySchema,
  CannedReplyPatchSchema,
  CannedReplySchema,
  ColleagueSchema,
  ColleaguesSchema,
  ErrorSchema,
  IdParamsSchema,
  OkResponseSchema,
  StaffActionResultSchema,
  WorkloadCapBodySchema,
} from '../../contract/schemas'
import { assignRequest, listColleagues, setWorkloadCap } from '../usecases/assignment'
import { changeReply, createReply, listReplies, removeReply } from '../usecases/replies'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const workbenchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const security = [{ bearer: [] }]
  const tags = ['工作台']

  app.get(
    '/api/staff/colleagues',
    {
      onRequest: app.authorize('queue.view'),
      schema: { tags, summary: '本站社工及各自正在负责的求助数量、上限', security, response: { 200: ColleaguesSchema, ...errors } },
    },
    async (request) => ({ items: await listColleagues(ctx, request.staff!) }),
  )

  app.patch(
    '/api/staff/colleagues/:id',
    {
      onRequest: app.authorize('queue.assign'),
      schema: {
        tags,
        summary: '站长设置一位社工同时负责的求助上限（null：不限）',
        security,
        params: IdParamsSchema,
        body: WorkloadCapBodySchema,
        response: { 200: ColleagueSchema, ...errors },
      },
    },
    async (request) => setWorkloadCap(ctx, request.staff!, request.params.id, request.body.workloadCap),
  )

  app.post(
    '/api/staff/requests/:id/assign',
    {
      onRequest: app.authorize('queue.work'),
      schema: {
        tags,
        summary:
          '分派求助：站长分派给本站同事（不超过其上限）；社工可认领未分配的求助（assigneeId 为本人），负责人可交回（assigneeId 为 null）',
        security,
        params: IdParamsSchema,
        body: AssignBodySchema,
        response: { 200: StaffActionResultSchema, ...errors },
      },
    },
    async (request) => assignRequest(ctx, request.staff!, request.params.id, request.body.assigneeId),
  )

  app.get(
    '/api/staff/replies',
    {
      onRequest: app.authorize('queue.work'),
      schema: { tags, summary: '本站常用回复（首次读取时带入默认模板）', security, response: { 200: CannedRepliesSchema, ...errors } },
    },
    async (request) => ({ items: await listReplies(ctx, request.staff!) }),
  )

  app.post(
    '/api/staff/replies',
    {
      onRequest: app.authorize('replies.manage'),
      schema: {
        tags,
        summary: '新增常用回复（站长）',
        security,
        body: CannedReplyBodySchema,
        response: { 201: CannedReplySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createReply(ctx, request.staff!, request.body)),
  )

  app.patch(
    '/api/staff/replies/:id',
    {
      onRequest: app.authorize('replies.manage'),
      schema: {
        tags,
        summary: '修改常用回复（站长）',
        security,
        params: IdParamsSchema,
        body: CannedReplyPatchSchema,
        response: { 200: CannedReplySchema, ...errors },
      },
    },
    async (request) => changeReply(ctx, request.staff!, request.params.id, request.body),
  )

  app.delete(
    '/api/staff/replies/:id',
    {
      onRequest: app.authorize('replies.manage'),
      schema: { tags, summary: '删除常用回复（站长）', security, params: IdParamsSchema, response: { 200: OkResponseSchema, ...errors } },
    },
    async (request) => {
      await removeReply(ctx, request.staff!, request.params.id)
      return { ok: true as const }
    },
  )
}

export default workbenchRoutes
