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
import { fail } from '../errors'
import { listActivities } from '../repositories/activities'
import { listFamily } from '../repositories/family'
import { requireActivityDetail } from '../usecases/activities'
import { cancelEnrollment, confirmOffer, enroll, myEnrollments } from '../usecases/enrollments'
import { addFamilyMember, removeFamilyMember, updateFamilyMember } from '../usecases/family'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }

const activities: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticate }
  const security = [{ bearer: [] }]

  app.get(
    '/api/activities',
    {
      schema: {
        tags: ['活动'],
        summary: '活动列表：给出位置时离得近的社工站在前；可按站点、人群、类别、日期筛选',
        querystring: ActivityListQuerySchema,
        response: { 200: ActivityListSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query
      if ((q.lat === undefined) !== (q.lng === undefined))
        throw fail('FIELD_INVALID', '纬度和经度需要同时提供', q.lat === undefined ? 'lat' : 'lng')
      if (q.from && q.to && q.from > q.to) throw fail('FIELD_INVALID', '开始日期不能晚于结束日期', 'to')
      return { items: await listActivities(ctx.db, q, ctx.clock()) }
    },
  )

  app.get(
    '/api/activities/:id',
    {
      schema: {
        tags: ['活动'],
        summary: '活动详情',
        params: IdParamsSchema,
        response: { 200: ActivityDetailSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => requireActivityDetail(ctx, request.params.id),
  )

  app.post(
    '/api/activities/:id/enrollments',
    {
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
    },
    async (request, reply) => {
      const r = await ctx.db.transaction((tx) => enroll(ctx, tx, request.params.id, request.user!.id, request.body))
      return reply.status(r.created ? 201 : 200).send(r.enrollment)
    },
  )

  app.get(
    '/api/enrollments/mine',
    {
      ...auth,
      schema: { tags: ['活动'], summary: '我的报名', security, response: { 200: EnrollmentListSchema, 401: ErrorSchema } },
    },
    async (request) => ({ items: await myEnrollments(ctx, request.user!.id) }),
  )

  app.post(
    '/api/enrollments/:id/cancel',
    {
      ...auth,
      schema: {
        tags: ['活动'],
        summary: '取消报名（截止时间前）；空出的名额自动给第一位候补',
        security,
        params: IdParamsSchema,
        response: { 200: EnrollmentSchema, ...errors },
      },
    },
    async (request) => cancelEnrollment(ctx, request.params.id, request.user!.id),
  )

  app.post(
    '/api/enrollments/:id/confirm',
    {
      ...auth,
      schema: {
        tags: ['活动'],
        summary: '确认候补转正的名额（在时限内）',
        security,
        params: IdParamsSchema,
        response: { 200: EnrollmentSchema, ...errors },
      },
    },
    async (request) => confirmOffer(ctx, request.params.id, request.user!.id),
  )

  // 我的家人

  app.get(
    '/api/me/family',
    {
      ...auth,
      schema: { tags: ['我的家人'], summary: '我管理的家人', security, response: { 200: FamilyListSchema, 401: ErrorSchema } },
    },
    async (request) => ({ items: await listFamily(ctx.db, request.user!.id, ctx.clock()) }),
  )

  app.post(
    '/api/me/family',
    {
      ...auth,
      schema: {
        tags: ['我的家人'],
        summary: '添加家人；未满 14 周岁的孩子须带上监护人同意的《儿童个人信息保护规则》版本',
        security,
        body: FamilyMemberBodySchema,
        response: { 201: FamilyMemberSchema, ...errors },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(await addFamilyMember(ctx, request.user!.id, request.body))
    },
  )

  app.patch(
    '/api/me/family/:id',
    {
      ...auth,
      schema: {
        tags: ['我的家人'],
        summary: '修改家人信息',
        security,
        params: IdParamsSchema,
        body: FamilyMemberPatchSchema,
        response: { 200: FamilyMemberSchema, ...errors },
      },
    },
    async (request) => updateFamilyMember(ctx, request.user!.id, request.params.id, request.body),
  )

  app.delete(
    '/api/me/family/:id',
    {
      ...auth,
      schema: {
        tags: ['我的家人'],
        summary: '删除家人：其未开始的报名一并取消（名额顺延给候补），个人信息被清除',
        security,
        params: IdParamsSchema,
        response: { 200: OkResponseSchema, ...errors },
      },
    },
    async (request) => {
      await removeFamilyMember(ctx, request.user!.id, request.params.id)
      return { ok: true as const }
    },
  )
}

export default activities
