/** The social workers' workbench API: station login, the queue, and every action on a request. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  AccessLogSchema,
  CounterRequestBodySchema,
  ErrorSchema,
  HelpRequestSchema,
  IdParamsSchema,
  MessageBodySchema,
  ReasonBodySchema,
  ResolveBodySchema,
  SessionSchema,
  StaffLoginBodySchema,
  StaffMeSchema,
  StaffQueueQuerySchema,
  StaffQueueSchema,
  StaffRequestSchema,
  TransferBodySchema,
} from '../../contract/schemas'
import { isMainlandPhone, normalizePhone } from '../../domain/phone'
import { badRequest, notFound } from '../errors'
import {
  accessLog,
  applyStaffAction,
  claimNext,
  createCounterRequest,
  getForStaff,
  staffQueue,
  staffScope,
  type Staff,
  type StaffAction,
} from '../repositories/requests'
import { createSession } from '../repositories/sessions'
import { authenticateStaff, requireStaff as requireStaffAccount, staffStation } from '../repositories/staff'
import type { Queryable } from '../db'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const targets = app.config.responseTargets

  const requireStaff = (request: FastifyRequest): Promise<Staff> => requireStaffAccount(app.db, request.user!.id)
  const auth = { preHandler: app.authenticate }
  const security = [{ bearer: [] }]

  app.post('/api/staff/login', {
    config: { limit: 'login' },
    schema: { tags: ['工作台'], summary: '社工站账号登录', body: StaffLoginBodySchema, response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema } },
  }, async (request) => {
    const user = await authenticateStaff(app.db, request.body.username, request.body.password, app.clock())
    return createSession(app.db, user, 12, app.clock())
  })

  app.get('/api/staff/me', {
    ...auth,
    schema: { tags: ['工作台'], summary: '当前工作人员、所在站点及可见的队列', security, response: { 200: StaffMeSchema, ...errors } },
  }, async (request) => {
    const staff = await requireStaff(request)
    const s = (await staffStation(app.db, staff.id))!
    const scopeIds = await staffScope(app.db, staff)
    const { rows } = await app.db.query<{ id: string; code: string; name: string; kind: any }>(
      `SELECT id, code, name, kind FROM stations WHERE id = ANY ($1::uuid[])
        ORDER BY CASE kind WHEN 'city' THEN 1 WHEN 'district' THEN 2 WHEN 'street' THEN 3 WHEN 'community' THEN 4 ELSE 5 END, code`,
      [scopeIds],
    )
    return { user: request.user!, station: s.station, scope: rows }
  })

  app.get('/api/staff/queue', {
    ...auth,
    schema: { tags: ['工作台'], summary: '队列：待受理在前，紧急在前，最早在前', security, querystring: StaffQueueQuerySchema, response: { 200: StaffQueueSchema, ...errors } },
  }, async (request) => ({ items: await staffQueue(app.db, await requireStaff(request), request.query, app.clock()) }))

  app.post('/api/staff/queue/claim', {
    ...auth,
    schema: { tags: ['工作台'], summary: '领取下一条：每条求助只会交给一位社工', security, response: { 200: StaffRequestSchema, ...errors } },
  }, async (request) => {
    const staff = await requireStaff(request)
    const id = await app.db.transaction((tx) => claimNext(tx, staff, app.clock()))
    if (!id) throw notFound('队列中暂时没有待受理的求助')
    return (await getForStaff(app.db, staff, id, app.clock(), targets))!
  })

  app.get('/api/staff/requests/:id', {
    ...auth,
    schema: { tags: ['工作台'], summary: '求助详情（含内部备注）', security, params: IdParamsSchema, response: { 200: StaffRequestSchema, ...errors } },
  }, async (request) => {
    const r = await getForStaff(app.db, await requireStaff(request), request.params.id, app.clock(), targets)
    if (!r) throw notFound('没有找到这条求助')
    return r
  })

  app.get('/api/staff/requests/:id/access-log', {
    ...auth,
    schema: {
      tags: ['工作台'],
      summary: '谁在什么时候查看过这条求助的个人信息（仅督导可看）',
      security,
      params: IdParamsSchema,
      response: { 200: AccessLogSchema, ...errors },
    },
  }, async (request) => {
    const items = await accessLog(app.db, await requireStaff(request), request.params.id)
    if (!items) throw notFound('没有找到这条求助')
    return { items }
  })

  const action = <B>(name: string, summary: string, body: unknown, toAction: (b: B) => StaffAction) => {
    app.post(`/api/staff/requests/:id/${name}`, {
      ...auth,
      schema: { tags: ['工作台'], summary, security, params: IdParamsSchema, ...(body ? { body } : {}), response: { 200: StaffRequestSchema, ...errors } },
    }, async (request) => {
      const staff = await requireStaff(request)
      const id = (request.params as { id: string }).id
      await app.db.transaction((tx: Queryable) => applyStaffAction(tx, staff, id, toAction(request.body as B), app.clock(), targets))
      const after = await getForStaff(app.db, staff, id, app.clock(), targets)
      // After a transfer the request may have left this account's sight: say what happened, not "not found".
      if (!after) throw notFound('已转出，这条求助不再在您的队列中')
      return after
    })
  }
  action('accept', '受理', null, () => ({ type: 'accept' }))
  action<{ body: string }>('reply', '回复居民（居民可见）', MessageBodySchema, (b) => ({ type: 'reply', body: b.body }))
  action<{ body: string }>('note', '内部备注（居民不可见）', MessageBodySchema, (b) => ({ type: 'note', body: b.body }))
  action<{ stationId: string; reason: string }>('transfer', '转介到其他站点（原因居民可见）', TransferBodySchema, (b) => ({ type: 'transfer', ...b }))
  action<{ reason: string }>('escalate', '升级到上级站点', ReasonBodySchema, (b) => ({ type: 'escalate', reason: b.reason }))
  action<{ summary: string }>('resolve', '办结（附处理结果）', ResolveBodySchema, (b) => ({ type: 'resolve', summary: b.summary }))
  action<{ reason: string }>('reopen', '重新处理', ReasonBodySchema, (b) => ({ type: 'reopen', reason: b.reason }))

  app.post('/api/staff/requests', {
    ...auth,
    schema: { tags: ['工作台'], summary: '代居民登记电话或窗口求助，进入同一队列与时间线', security, body: CounterRequestBodySchema, response: { 201: HelpRequestSchema, ...errors } },
  }, async (request, reply) => {
    const staff = await requireStaff(request)
    const body = request.body
    if (!isMainlandPhone(body.contactPhone)) throw badRequest('联系电话格式不正确')
    const created = await app.db.transaction((tx) =>
      createCounterRequest(tx, staff, { ...body, contactPhone: normalizePhone(body.contactPhone) }, app.clock(), targets),
    )
    return reply.status(201).send(created)
  })
}

export default staffRoutes
