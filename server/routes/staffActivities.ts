/**
 * The station's side of activities: create and edit activities and courses,
 * close registration, the roster and waitlist (also as CSV), and check-in by
 * QR code or by name. Only the activity's own station sees any of it:
 * rosters hold children's data.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ENROLLMENT_STATUS_LABELS } from '../../contract/activities'
import {
  ActivityBodySchema,
  ActivityDetailSchema,
  ActivityPatchSchema,
  CheckinBodySchema,
  CheckinResultSchema,
  ErrorSchema,
  IdParamsSchema,
  RosterSchema,
  StaffActivityListSchema,
} from '../../contract/schemas'
import type { Roster } from '../../contract/types'
import { formatCstDateTime } from '../../domain/chinaTime'
import { listStationActivities } from '../repositories/activities'
import { roster } from '../repositories/enrollments'
import { toCsv } from '../services/csv'
import { createActivity, ownActivity, requireActivityDetail, switchRegistration, updateActivity } from '../usecases/activities'
import { checkIn } from '../usecases/enrollments'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

export function rosterCsv(r: Roster): string {
  const sessions = r.activity.sessions
  const header = [
    '序号',
    '状态',
    '候补顺序',
    '参加人',
    '年龄',
    '关系',
    '报名人',
    '联系电话',
    '特殊需要',
    '同意拍照宣传',
    '报名时间',
    ...sessions.map((s) => `第${s.seq}次签到（${formatCstDateTime(new Date(s.startsAt))}）`),
  ]
  const lines = r.entries.map((e, i) => [
    i + 1,
    ENROLLMENT_STATUS_LABELS[e.status],
    e.waitlistPosition,
    e.participantName,
    e.age,
    e.relationship ?? '本人',
    e.guardianName,
    e.contactPhone,
    e.notes,
    e.photoConsent ? '是' : '否',
    formatCstDateTime(new Date(e.createdAt)),
    ...sessions.map((s) => (e.attendedSessionIds.includes(s.id) ? '已签到' : '')),
  ])
  return toCsv([header, ...lines])
}

const staffActivities: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authorize('activities.manage') }
  const security = [{ bearer: [] }]

  app.get(
    '/api/staff/activities',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '本站的活动',
        security,
        response: { 200: StaffActivityListSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request) => ({ items: await listStationActivities(ctx.db, request.staff!.stationId, ctx.clock()) }),
  )

  app.post(
    '/api/staff/activities',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '发布活动或课程',
        security,
        body: ActivityBodySchema,
        response: { 201: ActivityDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const staff = request.staff!
      const id = await ctx.db.transaction((tx) =>
        createActivity(ctx, tx, { stationId: staff.stationId, createdBy: staff.id, body: request.body }),
      )
      return reply.status(201).send(await requireActivityDetail(ctx, id))
    },
  )

  app.get(
    '/api/staff/activities/:id',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '活动详情（编辑用）',
        security,
        params: IdParamsSchema,
        response: { 200: ActivityDetailSchema, ...errors },
      },
    },
    async (request) => {
      await ownActivity(ctx.db, request.params.id, request.staff!.stationId)
      return requireActivityDetail(ctx, request.params.id)
    },
  )

  app.patch(
    '/api/staff/activities/:id',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '修改活动；增加名额时候补自动转正，名额不能少于已报名人数',
        security,
        params: IdParamsSchema,
        body: ActivityPatchSchema,
        response: { 200: ActivityDetailSchema, ...errors },
      },
    },
    async (request) => updateActivity(ctx, request.params.id, request.staff!.stationId, request.body),
  )

  /** Closing registration early, and opening it again; enrollments already made are kept either way. */
  const registrationSwitch = (action: 'close' | 'reopen', summary: string, to: 'open' | 'closed') =>
    app.post(
      `/api/staff/activities/:id/${action}`,
      {
        ...auth,
        schema: { tags: ['工作台·活动'], summary, security, params: IdParamsSchema, response: { 200: ActivityDetailSchema, ...errors } },
      },
      async (request) => switchRegistration(ctx, request.params.id, request.staff!.stationId, to),
    )
  registrationSwitch('close', '提前截止报名（已报名和候补不受影响）', 'closed')
  registrationSwitch('reopen', '重新开放报名（在报名时间内）', 'open')

  app.get(
    '/api/staff/activities/:id/roster',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '报名名单与候补名单，含每次课的签到',
        security,
        params: IdParamsSchema,
        response: { 200: RosterSchema, ...errors },
      },
    },
    async (request) => roster(ctx.db, await ownActivity(ctx.db, request.params.id, request.staff!.stationId), ctx.clock()),
  )

  app.get(
    '/api/staff/activities/:id/roster.csv',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '导出名单（CSV，Excel 可直接打开）',
        security,
        params: IdParamsSchema,
        response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), ...errors },
      },
    },
    async (request, reply) => {
      const a = await ownActivity(ctx.db, request.params.id, request.staff!.stationId)
      const csv = rosterCsv(await roster(ctx.db, a, ctx.clock()))
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="roster.csv"; filename*=UTF-8''${encodeURIComponent(`${a.title}-名单.csv`)}`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )

  app.post(
    '/api/staff/checkins',
    {
      ...auth,
      schema: {
        tags: ['工作台·活动'],
        summary: '签到：扫参加人的签到码（scanCode 得到的内容），或在名单上按姓名勾选；课程可指定第几次课',
        security,
        body: CheckinBodySchema,
        response: { 200: CheckinResultSchema, ...errors },
      },
    },
    async (request) => checkIn(ctx, request.staff!, request.body),
  )
}

export default staffActivities
