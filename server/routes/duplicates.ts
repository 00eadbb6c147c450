/** Duplicates (issue 16): the counter-entry check, finding a request by its number, merging and linking. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  DuplicateCheckBodySchema,
  DuplicateCheckSchema,
  ErrorSchema,
  IdParamsSchema,
  LinkBodySchema,
  MergeBodySchema,
  RequestLookupQuerySchema,
  RequestLookupSchema,
  StaffActionResultSchema,
} from '../../contract/schemas'
import { checkDuplicates, linkRequests, lookupRequest, mergeRequest } from '../usecases/duplicates'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const duplicateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const security = [{ bearer: [] }]
  const tags = ['工作台']

  // POST, not GET: a phone number never goes into a URL (access logs, proxies).
  app.post(
    '/api/staff/duplicates/check',
    {
      onRequest: app.authorize('queue.work'),
      schema: {
        tags,
        summary: '窗口登记前查重：30 天内同一号码或同一被帮助人（姓名和电话）的求助',
        security,
        body: DuplicateCheckBodySchema,
        response: { 200: DuplicateCheckSchema, ...errors },
      },
    },
    async (request) => checkDuplicates(ctx, request.staff!, request.body),
  )

  app.get(
    '/api/staff/requests/lookup',
    {
      onRequest: app.authorize('queue.view'),
      schema: {
        tags,
        summary: '按编号查找可见范围内的求助（合并、关联时输入编号）',
        security,
        querystring: RequestLookupQuerySchema,
        response: { 200: RequestLookupSchema, ...errors },
      },
    },
    async (request) => lookupRequest(ctx, request.staff!, request.query.number),
  )

  app.post(
    '/api/staff/requests/:id/merge',
    {
      onRequest: app.authorize('queue.work'),
      schema: {
        tags,
        summary: '把重复的求助合并到原求助：本条关闭并指向原求助，原求助时间线加入本条描述，双方提交人收到通知',
        security,
        params: IdParamsSchema,
        body: MergeBodySchema,
        response: { 200: StaffActionResultSchema, ...errors },
      },
    },
    async (request) => mergeRequest(ctx, request.staff!, request.params.id, request.body.intoId, request.body.note),
  )

  for (const [action, summary, linked] of [
    ['link', '关联相关求助（两条求助都显示「相关求助」）', true],
    ['unlink', '取消关联', false],
  ] as const) {
    app.post(
      `/api/staff/requests/:id/${action}`,
      {
        onRequest: app.authorize('queue.work'),
        schema: {
          tags,
          summary,
          security,
          params: IdParamsSchema,
          body: LinkBodySchema,
          response: { 200: StaffActionResultSchema, ...errors },
        },
      },
      async (request) => linkRequests(ctx, request.staff!, request.params.id, request.body.otherId, linked),
    )
  }
}

export default duplicateRoutes
