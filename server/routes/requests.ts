/** The resident's side of "有问题找社工". */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CorrectRequestBodySchema,
  CreateRequestBodySchema,
  ErrorSchema,
  HelpRequestListSchema,
  HelpRequestSchema,
  IdParamsSchema,
  MessageBodySchema,
} from '../../contract/schemas'
import type { HelpRequest } from '../../contract/types'
import { checkSubmission } from '../../domain/requests'
import { unwrap } from '../errors'
import { bodyFingerprint, withKnownResult } from '../usecases/idempotency'
import { addResidentMessage, cancelRequest, correctRequest, listOwnRequests, requireOwnRequest, submitRequest } from '../usecases/requests'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }

const requests: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticate }
  const security = [{ bearer: [] }]

  app.post(
    '/api/requests',
    {
      ...auth,
      config: { limit: 'submit' },
      schema: {
        tags: ['求助'],
        summary: '提交求助。必须带 Idempotency-Key 请求头：同一个键重试只会得到第一次的结果，不会重复创建',
        security,
        headers: Type.Object({
          'idempotency-key': Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$', description: '每次提交生成一个，直到成功前保持不变' }),
        }),
        body: CreateRequestBodySchema,
        response: { 201: HelpRequestSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = unwrap(checkSubmission(request.body))
      const user = request.user!
      const key = request.headers['idempotency-key'] as string
      // After validation (defaults filled in), keys sorted: the same fields in another order are the same submission.
      const bodyHash = bodyFingerprint(request.body)
      // Only the new request's id is kept with the key (the request itself holds phones and addresses, sealed);
      // a retry gets the same request, never a second one. The id is chosen here, so the key is claimed with
      // its result at once. The new request is answered as it was written; a replay reads it as it is now.
      const id = randomUUID()
      let created: HelpRequest | undefined
      const result = await withKnownResult(
        ctx.db,
        { userId: user.id, key, bodyHash, now: ctx.clock() },
        { status: 201, body: { id } },
        async (tx) => {
          created = await submitRequest(ctx, tx, {
            id,
            userId: user.id,
            channel: 'miniprogram',
            body,
            actorId: user.id,
            actorName: user.nickname,
          })
        },
      )
      const answer = result.replayed || !created ? await requireOwnRequest(ctx, (result.body as { id: string }).id, user.id) : created
      return reply.status(result.status).header('idempotent-replayed', String(result.replayed)).send(answer)
    },
  )

  app.get(
    '/api/requests/mine',
    {
      ...auth,
      schema: { tags: ['求助'], summary: '我的求助', security, response: { 200: HelpRequestListSchema, 401: ErrorSchema } },
    },
    async (request) => ({ items: await listOwnRequests(ctx, request.user!.id) }),
  )

  app.get(
    '/api/requests/:id',
    {
      ...auth,
      schema: {
        tags: ['求助'],
        summary: '求助详情与时间线（只看得到自己提交的）',
        security,
        params: IdParamsSchema,
        response: { 200: HelpRequestSchema, ...errors },
      },
    },
    async (request) => requireOwnRequest(ctx, request.params.id, request.user!.id),
  )

  app.post(
    '/api/requests/:id/messages',
    {
      ...auth,
      schema: {
        tags: ['求助'],
        summary: '补充说明（社工会看到）',
        security,
        params: IdParamsSchema,
        body: MessageBodySchema,
        response: { 200: HelpRequestSchema, ...errors },
      },
    },
    async (request) => addResidentMessage(ctx, request.params.id, request.user!.id, request.body.body),
  )

  app.patch(
    '/api/requests/:id',
    {
      ...auth,
      schema: {
        tags: ['求助'],
        summary:
          '更正求助中的个人信息：联系人、联系电话、方便联系的时间、地址，家人代办时还有被帮助人的电话和地址（已取消的不能更正；社工会在时间线上看到更正了哪几项）',
        security,
        params: IdParamsSchema,
        body: CorrectRequestBodySchema,
        response: { 200: HelpRequestSchema, ...errors },
      },
    },
    async (request) => correctRequest(ctx, request.params.id, request.user!.id, request.body),
  )

  app.post(
    '/api/requests/:id/cancel',
    {
      ...auth,
      schema: {
        tags: ['求助'],
        summary: '取消求助（仅限尚未受理时）',
        security,
        params: IdParamsSchema,
        response: { 200: HelpRequestSchema, ...errors },
      },
    },
    async (request) => cancelRequest(ctx, request.params.id, request.user!.id),
  )
}

export default requests
