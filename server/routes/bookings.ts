/** 预约服务, the resident's side: a station's bookable services, their slots, booking, 我的预约, reschedule and cancel. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  BookableServiceListSchema,
  BookingBodySchema,
  BookingListSchema,
  BookingSchema,
  ErrorSchema,
  SlotFullErrorSchema,
  IdParamsSchema,
  RescheduleBodySchema,
  SlotsQuerySchema,
  SlotsResponseSchema,
} from '../../contract/schemas'
import { bodyFingerprint, withIdempotency } from '../usecases/idempotency'
import {
  bookAsResident,
  cancelOwnBooking,
  myBookings,
  requireOwnBooking,
  rescheduleOwnBooking,
  serviceSlots,
  stationBookables,
} from '../usecases/bookings'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }
/** Routes that take a slot: a 409 SLOT_FULL there carries the nearest free slots. */
const slotErrors = { ...errors, 409: SlotFullErrorSchema }

const bookings: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticate }
  const security = [{ bearer: [] }]

  app.get(
    '/api/stations/:id/bookable',
    {
      schema: {
        tags: ['预约'],
        summary: '社工站可预约的服务',
        params: IdParamsSchema,
        response: { 200: BookableServiceListSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => ({ items: await stationBookables(ctx, request.params.id) }),
  )

  app.get(
    '/api/bookable/:id/slots',
    {
      schema: {
        tags: ['预约'],
        summary: '一项服务的可预约时段：按本站开放时间、闭站安排和国家法定节假日；约满的时段也列出（state=full）',
        params: IdParamsSchema,
        querystring: SlotsQuerySchema,
        response: { 200: SlotsResponseSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => serviceSlots(ctx, request.params.id, request.query),
  )

  app.post(
    '/api/bookings',
    {
      ...auth,
      config: { limit: 'submit' },
      schema: {
        tags: ['预约'],
        summary: '预约一个时段。必须带 Idempotency-Key：同一个键重试只得到第一次的结果；时段刚约满时 409 并给出接下来可预约的时段',
        security,
        headers: Type.Object({
          'idempotency-key': Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$', description: '每次预约生成一个，直到成功前保持不变' }),
        }),
        body: BookingBodySchema,
        response: { 201: BookingSchema, ...slotErrors },
      },
    },
    async (request, reply) => {
      const user = request.user!
      const key = request.headers['idempotency-key'] as string
      // The same fingerprint as help requests: the body's fields in any order are the same body.
      const bodyHash = bodyFingerprint(request.body)
      // Only the booking's id is kept with the key (the booking holds a phone, sealed).
      const result = await withIdempotency(ctx.db, { userId: user.id, key, bodyHash, now: ctx.clock() }, async (tx) => ({
        status: 201,
        body: { id: await bookAsResident(ctx, tx, user.id, request.body) },
      }))
      const booking = await requireOwnBooking(ctx, ctx.db, (result.body as { id: string }).id, user.id)
      return reply.status(result.status).header('idempotent-replayed', String(result.replayed)).send(booking)
    },
  )

  app.get(
    '/api/bookings/mine',
    {
      ...auth,
      schema: { tags: ['预约'], summary: '我的预约', security, response: { 200: BookingListSchema, 401: ErrorSchema } },
    },
    async (request) => ({ items: await myBookings(ctx, request.user!.id) }),
  )

  app.get(
    '/api/bookings/:id',
    {
      ...auth,
      schema: {
        tags: ['预约'],
        summary: '一条预约（只看得到自己的）',
        security,
        params: IdParamsSchema,
        response: { 200: BookingSchema, ...errors },
      },
    },
    async (request) => requireOwnBooking(ctx, ctx.db, request.params.id, request.user!.id),
  )

  app.post(
    '/api/bookings/:id/cancel',
    {
      ...auth,
      schema: {
        tags: ['预约'],
        summary: '取消预约（截止时间前）',
        security,
        params: IdParamsSchema,
        response: { 200: BookingSchema, ...errors },
      },
    },
    async (request) => cancelOwnBooking(ctx, request.params.id, request.user!.id),
  )

  app.post(
    '/api/bookings/:id/reschedule',
    {
      ...auth,
      schema: {
        tags: ['预约'],
        summary: '改期（截止时间前，改到另一个可预约的时段）',
        security,
        params: IdParamsSchema,
        body: RescheduleBodySchema,
        response: { 200: BookingSchema, ...slotErrors },
      },
    },
    async (request) => rescheduleOwnBooking(ctx, request.params.id, request.user!.id, request.body.startsAt, request.body.workerId),
  )
}

export default bookings
