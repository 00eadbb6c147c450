/**
 * The station's side of activities: create and edit activities and courses,
 * close registration, the roster and waitlist (also as CSV), and check-in by
 * QR code or by name. Only the activity's own station sees any of it:
 * rosters hold children's data.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
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
import { conflict, forbidden, notFound } from '../errors'
import { createActivity, getActivity, listStationActivities, requireActivity, updateActivity } from '../repositories/activities'
import { checkIn, promoteWaitlist, roster } from '../repositories/enrollments'
import { staffStation } from '../repositories/staff'
import type { Queryable } from '../db'
import { toCsv } from '../services/csv'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

export function rosterCsv(r: Roster): string {
  const sessions = r.activity.sessions
  const header = ['序号', '状态', '候补顺序', '参加人', '年龄', '关系', '报名人', '联系电话', '特殊需要', '同意拍照宣传', '报名时间',
    ...sessions.map((s) => `第${s.seq}次签到（${formatCstDateTime(new Date(s.startsAt))}）`)]
  const lines = r.entries.map((e, i) => [
    i + 1, ENROLLMENT_STATUS_LABELS[e.status], e.waitlistPosition, e.participantName, e.age, e.relationship ?? '本人', e.guardianName,
    e.contactPhone, e.notes, e.photoConsent ? '是' : '否', formatCstDateTime(new Date(e.createdAt)),
    ...sessions.map((s) => (e.attendedSessionIds.includes(s.id) ? '已签到' : '')),
  ])
  return toCsv([header, ...lines])
}

const staffActivities: FastifyPluginAsyncTypebox = async (app) => {
  const auth = { preHandler: app.authenticate }
  const security = [{ bearer: [] }]

  async function stationOf(request: FastifyRequest): Promise<{ userId: string; stationId: string }> {
    const s = await staffStation(app.db, request.user!.id)
    if (!s) throw forbidden('此功能仅限社工站工作人员使用')
    return { userId: request.user!.id, stationId: s.station.id }
  }

  /** The activity, locked when asked, if it belongs to the staff's station; another station's is not found. */
  async function ownActivity(db: Queryable, id: string, stationId: string, forUpdate = false) {
    const a = await requireActivity(db, id, { forUpdate })
    if (a.station_id !== stationId) throw notFound('没有找到这个活动')
    return a
  }

  app.get('/api/staff/activities', {
    ...auth,
    schema: { tags: ['工作台·活动'], summary: '本站的活动', security, response: { 200: StaffActivityListSchema, 401: ErrorSchema, 403: ErrorSchema } },
  }, async (request) => {
    const { stationId } = await stationOf(request)
    return { items: await listStationActivities(app.db, stationId, app.clock()) }
  })

  app.post('/api/staff/activities', {
    ...auth,
    schema: { tags: ['工作台·活动'], summary: '发布活动或课程', security, body: ActivityBodySchema, response: { 201: ActivityDetailSchema, ...errors } },
  }, async (request, reply) => {
    const { userId, stationId } = await stationOf(request)
    const id = await app.db.transaction((tx) => createActivity(tx, stationId, userId, request.body, app.clock()))
    return reply.status(201).send((await getActivity(app.db, id, app.clock()))!)
  })

  app.get('/api/staff/activities/:id', {
    ...auth,
    schema: { tags: ['工作台·活动'], summary: '活动详情（编辑用）', security, params: IdParamsSchema, response: { 200: ActivityDetailSchema, ...errors } },
  }, async (request) => {
    const { stationId } = await stationOf(request)
    await ownActivity(app.db, request.params.id, stationId)
    return (await getActivity(app.db, request.params.id, app.clock()))!
  })

  app.patch('/api/staff/activities/:id', {
    ...auth,
    schema: {
      tags: ['工作台·活动'],
      summary: '修改活动；增加名额时候补自动转正，名额不能少于已报名人数',
      security,
      params: IdParamsSchema,
      body: ActivityPatchSchema,
      response: { 200: ActivityDetailSchema, ...errors },
    },
  }, async (request) => {
    const { stationId } = await stationOf(request)
    const now = app.clock()
    await app.db.transaction(async (tx) => {
      const a = await ownActivity(tx, request.params.id, stationId, true)
      if (a.status === 'cancelled') throw conflict('活动已取消，不能修改')
      await updateActivity(tx, a, request.body, now)
      await promoteWaitlist(tx, a.id, now)
    })
    return (await getActivity(app.db, request.params.id, now))!
  })

  /** Closing registration early, and opening it again; enrollments already made are kept either way. */
  const registrationSwitch = (action: 'close' | 'reopen', summary: string, to: 'open' | 'closed', refuse: (status: string) => string | null) =>
    app.post(`/api/staff/activities/:id/${action}`, {
      ...auth,
      schema: { tags: ['工作台·活动'], summary, security, params: IdParamsSchema, response: { 200: ActivityDetailSchema, ...errors } },
    }, async (request) => {
      const { stationId } = await stationOf(request)
      await app.db.transaction(async (tx) => {
        const a = await ownActivity(tx, request.params.id, stationId, true)
        const refusal = refuse(a.status)
        if (refusal) throw conflict(refusal)
        await tx.query('UPDATE activities SET status = $2, updated_at = $3 WHERE id = $1', [a.id, to, app.clock()])
      })
      return (await getActivity(app.db, request.params.id, app.clock()))!
    })
  registrationSwitch('close', '提前截止报名（已报名和候补不受影响）', 'closed', (s) => (s === 'cancelled' ? '活动已取消' : null))
  registrationSwitch('reopen', '重新开放报名（在报名时间内）', 'open', (s) => (s !== 'closed' ? '报名没有被截止' : null))

  app.get('/api/staff/activities/:id/roster', {
    ...auth,
    schema: { tags: ['工作台·活动'], summary: '报名名单与候补名单，含每次课的签到', security, params: IdParamsSchema, response: { 200: RosterSchema, ...errors } },
  }, async (request) => {
    const { stationId } = await stationOf(request)
    const a = await ownActivity(app.db, request.params.id, stationId)
    return roster(app.db, a, app.clock())
  })

  app.get('/api/staff/activities/:id/roster.csv', {
    ...auth,
    schema: {
      tags: ['工作台·活动'],
      summary: '导出名单（CSV，Excel 可直接打开）',
      security,
      params: IdParamsSchema,
      response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), ...errors },
    },
  }, async (request, reply) => {
    const { stationId } = await stationOf(request)
    const a = await ownActivity(app.db, request.params.id, stationId)
    const csv = rosterCsv(await roster(app.db, a, app.clock()))
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="roster.csv"; filename*=UTF-8''${encodeURIComponent(`${a.title}-名单.csv`)}`)
      .header('cache-control', 'no-store')
      .send(csv)
  })

  app.post('/api/staff/checkins', {
    ...auth,
    schema: {
      tags: ['工作台·活动'],
      summary: '签到：扫参加人的签到码（scanCode 得到的内容），或在名单上按姓名勾选；课程可指定第几次课',
      security,
      body: CheckinBodySchema,
      response: { 200: CheckinResultSchema, ...errors },
    },
  }, async (request) => {
    const { userId, stationId } = await stationOf(request)
    return app.db.transaction((tx) => checkIn(tx, { ...request.body, stationId, staffId: userId, now: app.clock(), checkinKey: app.checkinKey }))
  })
}

export default staffActivities
