/** The social workers' workbench API: station login, the queue, and every action on a request. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
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
  StaffActionResultSchema,
  StaffLoginBodySchema,
  StaffMeSchema,
  StaffQueueQuerySchema,
  StaffQueueSchema,
  StaffRequestSchema,
  TransferBodySchema,
} from '../../contract/schemas'
import { capabilitiesOf } from '../../domain/permissions'
import { checkSubmission, type StaffAction } from '../../domain/requests'
import { unwrap } from '../errors'
import { scopeOf } from '../repositories/requests'
import { createSession } from '../repositories/sessions'
import { staffStation } from '../repositories/staff'
import { stationRefs } from '../repositories/stations'
import { clientAddress } from '../services/clientAddress'
import { staffLogin } from '../usecases/staff'
import { accessLog, applyStaffAction, claimNext, createCounterRequest, openForStaff, staffQueue } from '../usecases/requests'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticateStaff }
  const viewQueue = { onRequest: app.authorize('queue.view') }
  const workQueue = { onRequest: app.authorize('queue.work') }
  const security = [{ bearer: [] }]

  app.post(
    '/api/staff/login',
    {
      config: { limit: 'login' },
      schema: {
        tags: ['工作台'],
        summary: '社工站账号登录',
        body: StaffLoginBodySchema,
        response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request) => {
      const user = await staffLogin(ctx, request.body.username, request.body.password, clientAddress(request.ip))
      return createSession(ctx.db, user, 12, ctx.clock())
    },
  )

  app.get(
    '/api/staff/me',
    {
      ...auth,
      schema: { tags: ['工作台'], summary: '当前工作人员、所在站点及可见的队列', security, response: { 200: StaffMeSchema, ...errors } },
    },
    async (request) => {
      const staff = request.staff!
      const s = (await staffStation(ctx.db, staff.id))!
      return {
        user: request.user!,
        station: s.station,
        scope: await stationRefs(ctx.db, await scopeOf(ctx.db, staff)),
        capabilities: capabilitiesOf(staff.role),
        username: s.username,
        mustChangePassword: s.mustChangePassword,
      }
    },
  )

  app.get(
    '/api/staff/queue',
    {
      ...viewQueue,
      schema: {
        tags: ['工作台'],
        summary: '队列：待受理在前，紧急在前，最早在前',
        security,
        querystring: StaffQueueQuerySchema,
        response: { 200: StaffQueueSchema, ...errors },
      },
    },
    async (request) => staffQueue(ctx, request.staff!, request.query),
  )

  app.post(
    '/api/staff/queue/claim',
    {
      ...workQueue,
      schema: {
        tags: ['工作台'],
        summary: '领取下一条：每条求助只会交给一位社工（队列已空：404 QUEUE_EMPTY）',
        security,
        response: { 200: StaffRequestSchema, ...errors },
      },
    },
    async (request) => claimNext(ctx, request.staff!),
  )

  app.get(
    '/api/staff/requests/:id',
    {
      ...viewQueue,
      schema: {
        tags: ['工作台'],
        summary: '求助详情（含内部备注）；已转出本人视线的求助答 404 REQUEST_MOVED，说明转到了哪里',
        security,
        params: IdParamsSchema,
        response: { 200: StaffRequestSchema, ...errors },
      },
    },
    async (request) => openForStaff(ctx, request.staff!, request.params.id),
  )

  app.get(
    '/api/staff/requests/:id/access-log',
    {
      onRequest: app.authorize('accessLog.view'),
      schema: {
        tags: ['工作台'],
        summary: '谁在什么时候查看过这条求助的个人信息（仅督导可看）',
        security,
        params: IdParamsSchema,
        response: { 200: AccessLogSchema, ...errors },
      },
    },
    async (request) => ({ items: await accessLog(ctx, request.staff!, request.params.id) }),
  )

  const action = <B>(name: StaffAction['type'], summary: string, body: TSchema | null, toAction: (b: B) => StaffAction) => {
    app.post(
      `/api/staff/requests/:id/${name}`,
      {
        ...workQueue,
        schema: {
          tags: ['工作台'],
          summary: `${summary}。成功时答 200：request 为操作后的求助；操作使求助离开本人视线（转介、升级）时 request 为 null，movedTo 为它现在所在的站点`,
          security,
          params: IdParamsSchema,
          ...(body ? { body } : {}),
          response: { 200: StaffActionResultSchema, ...errors },
        },
      },
      async (request) => applyStaffAction(ctx, request.staff!, (request.params as { id: string }).id, toAction(request.body as B)),
    )
  }
  action('accept', '受理', null, () => ({ type: 'accept' }))
  action<{ body: string }>('reply', '回复居民（居民可见）', MessageBodySchema, (b) => ({ type: 'reply', body: b.body }))
  action<{ body: string }>('note', '内部备注（居民不可见）', MessageBodySchema, (b) => ({ type: 'note', body: b.body }))
  action<{ stationId: string; reason: string }>('transfer', '转介到其他站点（原因居民可见）', TransferBodySchema, (b) => ({
    type: 'transfer',
    ...b,
  }))
  action<{ reason: string }>('escalate', '升级到上级站点', ReasonBodySchema, (b) => ({ type: 'escalate', reason: b.reason }))
  action<{ summary: string; followUpDays?: number }>('resolve', '办结（附处理结果；followUpDays：N 天后回访）', ResolveBodySchema, (b) => ({
    type: 'resolve',
    summary: b.summary,
    followUpDays: b.followUpDays,
  }))
  action<{ reason: string }>('reopen', '重新处理', ReasonBodySchema, (b) => ({ type: 'reopen', reason: b.reason }))

  app.post(
    '/api/staff/requests',
    {
      ...workQueue,
      schema: {
        tags: ['工作台'],
        summary: '代居民登记电话或窗口求助，进入同一队列与时间线',
        security,
        body: CounterRequestBodySchema,
        response: { 201: HelpRequestSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = unwrap(checkSubmission(request.body))
      return reply.status(201).send(await createCounterRequest(ctx, request.staff!, body))
    },
  )
}

export default staffRoutes
