/**
 * 预约管理, the station's side: its bookable services, the day and week
 * views, counter bookings, attended / no-show, rescheduling with a reason,
 * and blocked or extra time. Only the station's own accounts see its bookings.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  BlockBodySchema,
  BlockSchema,
  BookableBodySchema,
  BookablePatchSchema,
  BookableServiceListSchema,
  BookableServiceSchema,
  BookingListSchema,
  BookingSchema,
  ErrorSchema,
  SlotFullErrorSchema,
  SlotsQuerySchema,
  SlotsResponseSchema,
  IdParamsSchema,
  OutcomeBodySchema,
  StaffBookingBodySchema,
  StaffCancelBodySchema,
  StaffBookingsQuerySchema,
  StaffRescheduleBodySchema,
} from '../../contract/schemas'
import {
  addBlock,
  bookAtCounter,
  cancelByStation,
  createBookable,
  markOutcome,
  rescheduleByStation,
  serviceSlots,
  staffBookables,
  stationBookings,
  updateBookable,
} from '../usecases/bookings'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }
/** Routes that take a slot: a 409 SLOT_FULL there carries the nearest free slots. */
const slotErrors = { ...errors, 409: SlotFullErrorSchema }

const staffBookings: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authorize('bookings.manage') }
  const security = [{ bearer: [] }]
  const tags = ['工作台·预约']

  app.get(
    '/api/staff/bookable',
    {
      ...auth,
      schema: {
        tags,
        summary: '本站的预约服务（含已停用的）',
        security,
        response: { 200: BookableServiceListSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request) => ({ items: await staffBookables(ctx, request.staff!.stationId) }),
  )

  app.post(
    '/api/staff/bookable',
    {
      ...auth,
      schema: {
        tags,
        summary: '新增预约服务：时长须能整除每个可预约时段，每个时段至少 1 人',
        security,
        body: BookableBodySchema,
        response: { 201: BookableServiceSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createBookable(ctx, request.staff!.stationId, request.body)),
  )

  app.patch(
    '/api/staff/bookable/:id',
    {
      ...auth,
      schema: {
        tags,
        summary: '修改预约服务（停用：active=false）',
        security,
        params: IdParamsSchema,
        body: BookablePatchSchema,
        response: { 200: BookableServiceSchema, ...errors },
      },
    },
    async (request) => updateBookable(ctx, request.staff!.stationId, request.params.id, request.body),
  )

  app.get(
    '/api/staff/bookable/:id/slots',
    {
      ...auth,
      schema: {
        tags,
        summary: '本站一项服务的时段（窗口登记、改期用）：居民的预约截止时间不限制社工站，截止前的时段仍可选',
        security,
        params: IdParamsSchema,
        querystring: SlotsQuerySchema,
        response: { 200: SlotsResponseSchema, ...errors },
      },
    },
    async (request) => serviceSlots(ctx, request.params.id, request.query, request.staff!),
  )

  app.get(
    '/api/staff/bookings',
    {
      ...auth,
      schema: {
        tags,
        summary: '本站的预约（按日、按周查看）',
        security,
        querystring: StaffBookingsQuerySchema,
        response: { 200: BookingListSchema, ...errors },
      },
    },
    async (request) => ({ items: await stationBookings(ctx, request.staff!.stationId, request.query.from, request.query.to) }),
  )

  app.post(
    '/api/staff/bookings',
    {
      ...auth,
      schema: {
        tags,
        summary: '登记窗口或电话预约',
        security,
        body: StaffBookingBodySchema,
        response: { 201: BookingSchema, ...slotErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await bookAtCounter(ctx, request.staff!, request.body)),
  )

  app.post(
    '/api/staff/bookings/:id/attended',
    {
      ...auth,
      schema: {
        tags,
        summary: '登记已到场（可附备注）',
        security,
        params: IdParamsSchema,
        body: OutcomeBodySchema,
        response: { 200: BookingSchema, ...errors },
      },
    },
    async (request) => markOutcome(ctx, request.staff!, request.params.id, 'attended', request.body.note),
  )

  app.post(
    '/api/staff/bookings/:id/no-show',
    {
      ...auth,
      schema: {
        tags,
        summary: '登记未到场（可附备注）',
        security,
        params: IdParamsSchema,
        body: OutcomeBodySchema,
        response: { 200: BookingSchema, ...errors },
      },
    },
    async (request) => markOutcome(ctx, request.staff!, request.params.id, 'no_show', request.body.note),
  )

  app.post(
    '/api/staff/bookings/:id/reschedule',
    {
      ...auth,
      schema: {
        tags,
        summary: '社工站改期：居民会看到原因并收到通知',
        security,
        params: IdParamsSchema,
        body: StaffRescheduleBodySchema,
        response: { 200: BookingSchema, ...slotErrors },
      },
    },
    async (request) => rescheduleByStation(ctx, request.staff!, request.params.id, request.body),
  )

  app.post(
    '/api/staff/bookings/:id/cancel',
    {
      ...auth,
      schema: {
        tags,
        summary: '社工站取消预约：须说明原因，居民会在“我的预约”看到并收到通知；已取消、已登记或已过时间的预约不能取消',
        security,
        params: IdParamsSchema,
        body: StaffCancelBodySchema,
        response: { 200: BookingSchema, ...errors },
      },
    },
    async (request) => cancelByStation(ctx, request.staff!, request.params.id, request.body.reason),
  )

  app.post(
    '/api/staff/blocks',
    {
      ...auth,
      schema: {
        tags,
        summary: '停约（请假、外出）或为一项服务加开时段',
        security,
        body: BlockBodySchema,
        response: { 201: BlockSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addBlock(ctx, request.staff!, request.body)),
  )
}

export default staffBookings
