/** The resident's side of activities: the catalogue, 我的家人, enrolling, 我的报名. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ActivityDetailSchema,
  ActivityListQuerySchema,
  ActivityListSchema,
  EnrollBodySchema,
  EnrollmentListSchema,
  EnrollmentSchema,
  ErrorSchema,
  FamilyListSchema,
  FamilyMemberBodySchema,
  FamilyMemberPatchSchema,
  FamilyMemberSchema,
  IdParamsSchema,
  OkResponseSchema,
} from '../../contract/schemas'
import { badRequest, notFound } from '../errors'
import { getActivity, listActivities } from '../repositories/activities'
import { cancelEnrollment, cancelMemberEnrollments, confirmOffer, enroll, listOwnEnrollments } from '../repositories/enrollments'
import { addFamilyMember, eraseFamilyMember, listFamily, updateFamilyMember } from '../repositories/family'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }

const activities: FastifyPluginAsyncTypebox = async (app) => {
  const auth = { preHandler: app.authenticate }
  const security = [{ bearer: [] }]
  const ctx = (userId: string) => ({ userId, now: app.clock(), checkinKey: app.checkinKey })

  app.get('/api/activities', {
    schema: {
      tags: ['活动'],
      summary: '活动列表：给出位置时离得近的社工站在前；可按站点、人群、类别、日期筛选',
      querystring: ActivityListQuerySchema,
      response: { 200: ActivityListSchema, 400: ErrorSchema },
    },
  }, async (request) => {
    const q = request.query
    if ((q.lat === undefined) !== (q.lng === undefined)) throw badRequest('纬度和经度需要同时提供')
    if (q.from && q.to && q.from > q.to) throw badRequest('开始日期不能晚于结束日期')
    return { items: await listActivities(app.db, q, app.clock()) }
  })

  app.get('/api/activities/:id', {
    schema: { tags: ['活动'], summary: '活动详情', params: IdParamsSchema, response: { 200: ActivityDetailSchema, 400: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => {
    const a = await getActivity(app.db, request.params.id, app.clock())
    if (!a) throw notFound('没有找到这个活动')
    return a
  })

  app.post('/api/activities/:id/enrollments', {
    ...auth,
    config: { limit: 'enroll' },
    schema: {
      tags: ['活动'],
      summary: '报名（本人或家人）：名额未满为报名成功，否则进入候补；同一参加人重复提交只得到原来的报名',
      security,
      params: IdParamsSchema,
      body: EnrollBodySchema,
      response: { 200: EnrollmentSchema, 201: EnrollmentSchema, ...errors },
    },
  }, async (request, reply) => {
    const r = await app.db.transaction((tx) => enroll(tx, request.params.id, request.body, ctx(request.user!.id)))
    return reply.status(r.created ? 201 : 200).send(r.enrollment)
  })

  app.get('/api/enrollments/mine', {
    ...auth,
    schema: { tags: ['活动'], summary: '我的报名', security, response: { 200: EnrollmentListSchema, 401: ErrorSchema } },
  }, async (request) => ({ items: await listOwnEnrollments(app.db, ctx(request.user!.id)) }))

  app.post('/api/enrollments/:id/cancel', {
    ...auth,
    schema: { tags: ['活动'], summary: '取消报名（截止时间前）；空出的名额自动给第一位候补', security, params: IdParamsSchema, response: { 200: EnrollmentSchema, ...errors } },
  }, async (request) => app.db.transaction((tx) => cancelEnrollment(tx, request.params.id, ctx(request.user!.id))))

  app.post('/api/enrollments/:id/confirm', {
    ...auth,
    schema: { tags: ['活动'], summary: '确认候补转正的名额（在时限内）', security, params: IdParamsSchema, response: { 200: EnrollmentSchema, ...errors } },
  }, async (request) => app.db.transaction((tx) => confirmOffer(tx, request.params.id, ctx(request.user!.id))))

  // 我的家人

  app.get('/api/me/family', {
    ...auth,
    schema: { tags: ['我的家人'], summary: '我管理的家人', security, response: { 200: FamilyListSchema, 401: ErrorSchema } },
  }, async (request) => ({ items: await listFamily(app.db, request.user!.id, app.clock()) }))

  app.post('/api/me/family', {
    ...auth,
    schema: {
      tags: ['我的家人'],
      summary: '添加家人；未满 14 周岁的孩子须带上监护人同意的《儿童个人信息保护规则》版本',
      security,
      body: FamilyMemberBodySchema,
      response: { 201: FamilyMemberSchema, ...errors },
    },
  }, async (request, reply) => {
    const m = await app.db.transaction((tx) => addFamilyMember(tx, request.user!.id, request.body, app.clock()))
    return reply.status(201).send(m)
  })

  app.patch('/api/me/family/:id', {
    ...auth,
    schema: { tags: ['我的家人'], summary: '修改家人信息', security, params: IdParamsSchema, body: FamilyMemberPatchSchema, response: { 200: FamilyMemberSchema, ...errors } },
  }, async (request) => app.db.transaction((tx) => updateFamilyMember(tx, request.user!.id, request.params.id, request.body, app.clock())))

  app.delete('/api/me/family/:id', {
    ...auth,
    schema: {
      tags: ['我的家人'],
      summary: '删除家人：其未开始的报名一并取消（名额顺延给候补），个人信息被清除',
      security,
      params: IdParamsSchema,
      response: { 200: OkResponseSchema, ...errors },
    },
  }, async (request) => {
    const userId = request.user!.id
    const { id } = request.params
    await app.db.transaction(async (tx) => {
      await cancelMemberEnrollments(tx, id, userId, app.clock())
      await eraseFamilyMember(tx, userId, id, app.clock())
    })
    return { ok: true as const }
  })
}

export default activities
