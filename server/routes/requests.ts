/** The resident's side of "有问题找社工". */
import { createHash } from 'node:crypto'
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
import type { CorrectRequestBody, CreateRequestBody, HelpRequest } from '../../contract/types'
import { isMainlandPhone, normalizePhone } from '../../domain/phone'
import { badRequest, notFound } from '../errors'
import { withIdempotency } from '../repositories/idempotency'
import { addResidentMessage, cancelByResident, correctByResident, createRequest, getOwnRequest, listOwnRequests } from '../repositories/requests'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }

/** Checks a submission beyond its schema; the messages name the field to fix. */
export function checkSubmission(body: CreateRequestBody): CreateRequestBody {
  if (!isMainlandPhone(body.contactPhone)) throw badRequest('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')
  if (body.helped?.phone && !isMainlandPhone(body.helped.phone)) throw badRequest('被帮助人的电话格式不正确')
  if (!body.description.trim()) throw badRequest('请说说遇到了什么问题')
  return {
    ...body,
    contactPhone: normalizePhone(body.contactPhone),
    helped: body.helped && { ...body.helped, phone: body.helped.phone ? normalizePhone(body.helped.phone) : undefined },
  }
}

/** Checks a correction's phones as a submission's are checked (an empty phone of the helped person clears it). */
export function checkCorrection(body: CorrectRequestBody): CorrectRequestBody {
  if (body.contactPhone !== undefined && !isMainlandPhone(body.contactPhone)) throw badRequest('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')
  const helpedPhone = body.helped?.phone?.trim()
  if (helpedPhone && !isMainlandPhone(helpedPhone)) throw badRequest('被帮助人的电话格式不正确')
  return {
    ...body,
    ...(body.contactPhone !== undefined ? { contactPhone: normalizePhone(body.contactPhone) } : {}),
    ...(body.helped ? { helped: { ...body.helped, ...(helpedPhone !== undefined ? { phone: helpedPhone && normalizePhone(helpedPhone) } : {}) } } : {}),
  }
}

const requests: FastifyPluginAsyncTypebox = async (app) => {
  const targets = app.config.responseTargets

  app.post('/api/requests', {
    config: { limit: 'submit' },
    preHandler: app.authenticate,
    schema: {
      tags: ['求助'],
      summary: '提交求助。必须带 Idempotency-Key 请求头：同一个键重试只会得到第一次的结果，不会重复创建',
      security: [{ bearer: [] }],
      headers: Type.Object({ 'idempotency-key': Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$', description: '每次提交生成一个，直到成功前保持不变' }) }),
      body: CreateRequestBodySchema,
      response: { 201: HelpRequestSchema, ...errors },
    },
  }, async (request, reply) => {
    const body = checkSubmission(request.body)
    const user = request.user!
    const key = request.headers['idempotency-key'] as string
    const bodyHash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex')
    // Only the new request's id is kept with the key (the request itself holds phones and addresses, sealed);
    // a retry gets the same request, never a second one.
    const result = await withIdempotency(app.db, { userId: user.id, key, bodyHash, now: app.clock() }, async (tx) => ({
      status: 201,
      body: { id: (await createRequest(tx, { userId: user.id, channel: 'miniprogram', body, actorId: user.id, now: app.clock(), targets })).id },
    }))
    const created = await getOwnRequest(app.db, (result.body as { id: string }).id, user.id, targets)
    return reply.status(result.status).header('idempotent-replayed', String(result.replayed)).send(created as HelpRequest)
  })

  app.get('/api/requests/mine', {
    preHandler: app.authenticate,
    schema: { tags: ['求助'], summary: '我的求助', security: [{ bearer: [] }], response: { 200: HelpRequestListSchema, 401: ErrorSchema } },
  }, async (request) => ({ items: await listOwnRequests(app.db, request.user!.id) }))

  app.get('/api/requests/:id', {
    preHandler: app.authenticate,
    schema: { tags: ['求助'], summary: '求助详情与时间线（只看得到自己提交的）', security: [{ bearer: [] }], params: IdParamsSchema, response: { 200: HelpRequestSchema, ...errors } },
  }, async (request) => {
    const r = await getOwnRequest(app.db, request.params.id, request.user!.id, targets)
    if (!r) throw notFound('没有找到这条求助')
    return r
  })

  app.post('/api/requests/:id/messages', {
    preHandler: app.authenticate,
    schema: { tags: ['求助'], summary: '补充说明（社工会看到）', security: [{ bearer: [] }], params: IdParamsSchema, body: MessageBodySchema, response: { 200: HelpRequestSchema, ...errors } },
  }, async (request) => {
    const { id } = request.params
    const userId = request.user!.id
    await app.db.transaction((tx) => addResidentMessage(tx, id, userId, request.body.body, app.clock()))
    return (await getOwnRequest(app.db, id, userId, targets))!
  })

  app.patch('/api/requests/:id', {
    preHandler: app.authenticate,
    schema: {
      tags: ['求助'],
      summary: '更正求助中的个人信息：联系人、联系电话、方便联系的时间、地址，家人代办时还有被帮助人的电话和地址（已取消的不能更正；社工会在时间线上看到更正了哪几项）',
      security: [{ bearer: [] }],
      params: IdParamsSchema,
      body: CorrectRequestBodySchema,
      response: { 200: HelpRequestSchema, ...errors },
    },
  }, async (request) => {
    const { id } = request.params
    const userId = request.user!.id
    const body = checkCorrection(request.body)
    await app.db.transaction((tx) => correctByResident(tx, id, userId, body, app.clock()))
    return (await getOwnRequest(app.db, id, userId, targets))!
  })

  app.post('/api/requests/:id/cancel', {
    preHandler: app.authenticate,
    schema: { tags: ['求助'], summary: '取消求助（仅限尚未受理时）', security: [{ bearer: [] }], params: IdParamsSchema, response: { 200: HelpRequestSchema, ...errors } },
  }, async (request) => {
    const { id } = request.params
    const userId = request.user!.id
    await app.db.transaction((tx) => cancelByResident(tx, id, userId, app.clock()))
    return (await getOwnRequest(app.db, id, userId, targets))!
  })
}

export default requests
