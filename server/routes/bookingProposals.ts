/**
 * Booking from a help request (预约服务): the request's station proposes 1–3
 * times, the resident who submitted it sees them on the request's page and
 * picks one, which makes the booking.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  BookingProposalListSchema,
  BookingSchema,
  ChooseProposalBodySchema,
  ErrorSchema,
  IdParamsSchema,
  ProposalBodySchema,
  SlotFullErrorSchema,
} from '../../contract/schemas'
import { chooseProposal, proposeBooking, residentProposals, staffProposals } from '../usecases/bookingProposals'
import { requireOwnBooking } from '../usecases/bookings'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema }

const bookingProposals: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const security = [{ bearer: [] }]

  app.get(
    '/api/requests/:id/booking-proposals',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['预约'],
        summary: '社工站为这条求助提议的预约时间（只看得到自己的求助）',
        security,
        params: IdParamsSchema,
        response: { 200: BookingProposalListSchema, ...errors },
      },
    },
    async (request) => ({ items: await residentProposals(ctx, request.user!.id, request.params.id) }),
  )

  app.post(
    '/api/requests/:id/booking-proposals/choose',
    {
      onRequest: app.authenticate,
      config: { limit: 'submit' },
      schema: {
        tags: ['预约'],
        summary:
          '从社工提议的时间中选一个，直接预约（为求助中的当事人）。时间刚被约满时 409，并给出提议中其他还空着的时间；同样的选择再发一次得到同一条预约',
        security,
        params: IdParamsSchema,
        body: ChooseProposalBodySchema,
        response: { 200: BookingSchema, 201: BookingSchema, ...errors, 409: SlotFullErrorSchema },
      },
    },
    async (request, reply) => {
      const userId = request.user!.id
      const { bookingId, created } = await chooseProposal(ctx, userId, request.params.id, request.body)
      return reply.status(created ? 201 : 200).send(await requireOwnBooking(ctx, ctx.db, bookingId, userId))
    },
  )

  app.get(
    '/api/staff/requests/:id/booking-proposals',
    {
      onRequest: app.authorize('bookings.manage'),
      schema: {
        tags: ['工作台·预约'],
        summary: '这条求助的预约提议和居民的选择',
        security,
        params: IdParamsSchema,
        response: { 200: BookingProposalListSchema, ...errors },
      },
    },
    async (request) => ({ items: await staffProposals(ctx, request.staff!, request.params.id) }),
  )

  app.post(
    '/api/staff/requests/:id/booking-proposals',
    {
      onRequest: app.authorize('bookings.manage'),
      schema: {
        tags: ['工作台·预约'],
        summary: '为本站受理的求助提议 1–3 个预约时间：本站一项预约服务的时段，入户探访也可以是其他空闲时间；新的提议代替还没选的旧提议',
        security,
        params: IdParamsSchema,
        body: ProposalBodySchema,
        response: { 201: BookingProposalListSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ items: await proposeBooking(ctx, request.staff!, request.params.id, request.body) }),
  )
}

export default bookingProposals
