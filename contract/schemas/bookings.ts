/** 预约服务: bookable services, their slots, bookings, and the station's side (services, day and week views, outcomes, blocks). */
import { Type } from '@sinclair/typebox'
import {
  BOOKABLE_KINDS,
  BOOKING_BLOCK_KINDS,
  BOOKING_CHANNELS,
  BOOKING_FOR,
  BOOKING_STATUSES,
  PROPOSAL_STATUSES,
  PROPOSAL_TIME_STATES,
  PROPOSAL_TIMES_MAX,
} from '../bookings'
import { LIMITS } from '../limits'
import { AudienceSchema } from './activities'
import { closed, date, dateTime, ErrorSchema, literalUnion, nullable, ServiceCategorySchema, text, uuid } from './common'
import { RatingSchema } from './ratings'
import { OpeningHoursSchema } from './stations'

export const BookableKindSchema = literalUnion(BOOKABLE_KINDS, '预约类型')
export const BookingStatusSchema = literalUnion(BOOKING_STATUSES, '预约状态')
export const BookingForSchema = literalUnion(BOOKING_FOR, '为谁预约')
export const BookingChannelSchema = literalUnion(BOOKING_CHANNELS, '预约来源')

/** A weekly window; `workerId`: the colleague (a station account) who receives in it, so its slots are theirs. */
export const AvailabilityWindowSchema = Type.Object(
  {
    ...OpeningHoursSchema.properties,
    workerId: Type.Optional(nullable(uuid())),
  },
  closed,
)
/** A worker named by a window or slot: the account and its name. */
export const SlotWorkerSchema = Type.Object({ id: uuid(), name: Type.String() }, closed)

const bookableProperties = {
  name: text(LIMITS.bookableName, 1),
  description: text(LIMITS.bookableDescription),
  kind: BookableKindSchema,
  category: ServiceCategorySchema,
  audience: AudienceSchema,
  minAge: nullable(Type.Integer({ minimum: 0, maximum: 120, description: '可预约的最小年龄（周岁，预约当天）；null 不限' })),
  maxAge: nullable(Type.Integer({ minimum: 0, maximum: 120, description: '可预约的最大年龄（周岁，预约当天）；null 不限' })),
  durationMinutes: Type.Integer({ minimum: 10, maximum: 480, description: '每次时长（分钟），须能整除每个可预约时段' }),
  capacity: Type.Integer({ minimum: 0, maximum: LIMITS.bookableCapacity, description: '每个时段可预约人数：面谈为 1，场地可为多人' }),
  horizonDays: Type.Integer({ minimum: 1, maximum: 90, description: '最多可提前几天预约' }),
  cutoffMinutes: Type.Integer({ minimum: 0, maximum: 10080, description: '开始前多少分钟截止预约、改期和取消' }),
  perPersonPerDay: Type.Integer({ minimum: 1, maximum: 10, description: '同一人每天最多预约几次' }),
  availability: Type.Array(AvailabilityWindowSchema, {
    maxItems: 14,
    description: '每周可预约时段，可按社工分别设置（workerId）；为空则按本站开放时间',
  }),
  workerName: nullable(text(LIMITS.personName, 1)),
}

export const BookableServiceSchema = Type.Object(
  {
    id: uuid(),
    station: Type.Object({ id: uuid(), name: Type.String(), phone: Type.String(), address: Type.String() }, closed),
    ...bookableProperties,
    active: Type.Boolean(),
    /** The workers the windows name, with their names (the windows carry only their ids). */
    workers: Type.Array(SlotWorkerSchema),
  },
  closed,
)
export const BookableServiceListSchema = Type.Object({ items: Type.Array(BookableServiceSchema) }, closed)

export const BookableBodySchema = Type.Object(
  {
    ...bookableProperties,
    description: Type.Optional(bookableProperties.description),
    audience: Type.Optional(AudienceSchema),
    minAge: Type.Optional(bookableProperties.minAge),
    maxAge: Type.Optional(bookableProperties.maxAge),
    horizonDays: Type.Optional(bookableProperties.horizonDays),
    cutoffMinutes: Type.Optional(bookableProperties.cutoffMinutes),
    perPersonPerDay: Type.Optional(bookableProperties.perPersonPerDay),
    availability: Type.Optional(bookableProperties.availability),
    workerName: Type.Optional(bookableProperties.workerName),
  },
  closed,
)
export const BookablePatchSchema = Type.Partial(Type.Object({ ...bookableProperties, active: Type.Boolean() }, closed), {
  ...closed,
  minProperties: 1,
})

export const SlotSchema = Type.Object(
  {
    startsAt: dateTime(),
    endsAt: dateTime(),
    worker: nullable(SlotWorkerSchema),
    capacity: Type.Integer({ minimum: 1 }),
    taken: Type.Integer({ minimum: 0 }),
    state: literalUnion(['free', 'full', 'closed'] as const, 'free 可预约；full 已约满；closed 已过截止时间'),
  },
  closed,
)
/** 409 SLOT_FULL: the error body, plus the free slots nearest to the one that just filled (other refusals: no alternatives). */
export const SlotFullErrorSchema = Type.Object(
  {
    ...ErrorSchema.properties,
    alternatives: Type.Optional(Type.Array(SlotSchema, { description: '离所选时段最近的空余时段，最多 3 个' })),
  },
  closed,
)
export const SlotDaySchema = Type.Object(
  { date: date(), note: nullable(Type.String({ description: '这一天为何与平常不同：节假日、闭站、调休' })), slots: Type.Array(SlotSchema) },
  closed,
)
export const SlotsQuerySchema = Type.Object({ from: Type.Optional(date()), to: Type.Optional(date()) }, closed)
export const SlotsResponseSchema = Type.Object({ service: BookableServiceSchema, days: Type.Array(SlotDaySchema) }, closed)

/** Which worker's slot at that time; absent: any with a place; null: the slot without a worker. */
const workerIdProperty = Type.Optional(nullable(uuid()))

const contactProperties = {
  forWhom: BookingForSchema,
  personName: text(LIMITS.personName, 1),
  relationship: Type.Optional(text(LIMITS.personName, 1)),
  contactName: text(LIMITS.personName, 1),
  contactPhone: text(LIMITS.phone, 1),
  note: Type.Optional(text(LIMITS.bookingNote)),
  // The person's birth date, for a service with an age range (a member of 我的家人 has theirs there); not stored.
  birthDate: Type.Optional(date()),
}
export const BookingBodySchema = Type.Object(
  {
    serviceId: uuid(),
    startsAt: dateTime(),
    workerId: workerIdProperty,
    ...contactProperties,
    // For a member of 我的家人: their name and relationship are taken from the family list.
    familyMemberId: Type.Optional(uuid()),
  },
  closed,
)
export const StaffBookingBodySchema = Type.Object(
  {
    serviceId: uuid(),
    startsAt: dateTime(),
    workerId: workerIdProperty,
    channel: literalUnion(['counter', 'phone'] as const, '登记方式'),
    ...contactProperties,
  },
  closed,
)
export const RescheduleBodySchema = Type.Object({ startsAt: dateTime(), workerId: workerIdProperty }, closed)
export const StaffRescheduleBodySchema = Type.Object(
  { startsAt: dateTime(), workerId: workerIdProperty, reason: text(LIMITS.reason, 1) },
  closed,
)
export const StaffCancelBodySchema = Type.Object({ reason: text(LIMITS.reason, 1) }, closed)
export const OutcomeBodySchema = Type.Object({ note: Type.Optional(text(LIMITS.bookingNote)) }, closed)

export const BookingSchema = Type.Object(
  {
    id: uuid(),
    service: Type.Object(
      { id: uuid(), name: Type.String(), kind: BookableKindSchema, category: ServiceCategorySchema, workerName: nullable(Type.String()) },
      closed,
    ),
    station: Type.Object({ id: uuid(), name: Type.String(), phone: Type.String(), address: Type.String() }, closed),
    startsAt: dateTime(),
    endsAt: dateTime(),
    /** Who receives, when the slot names a worker. */
    worker: nullable(SlotWorkerSchema),
    status: BookingStatusSchema,
    channel: BookingChannelSchema,
    forWhom: BookingForSchema,
    personName: Type.String(),
    relationship: nullable(Type.String()),
    contactName: Type.String(),
    contactPhone: Type.String(),
    note: Type.String(),
    rescheduleReason: nullable(Type.String({ description: '社工站改期时说明的原因' })),
    rescheduledAt: nullable(dateTime()),
    cancelReason: nullable(Type.String({ description: '社工站取消时说明的原因（居民自己取消时为空）' })),
    /** Until when the resident may reschedule or cancel. */
    changeDeadline: dateTime(),
    canChange: Type.Boolean(),
    staffNote: Type.Optional(Type.String()),
    /** The staff's side only: the worker's account was disabled (停用) and the booking is still to come — give it to another worker (改期). */
    needsWorker: Type.Optional(Type.Boolean()),
    /** The resident's side only: the station marked it attended and it is not rated yet (「评价这次服务」). */
    ratingDue: Type.Optional(Type.Boolean()),
    /** The resident's side only: their rating of it (editable for 7 days). */
    rating: Type.Optional(nullable(RatingSchema)),
    createdAt: dateTime(),
  },
  closed,
)
export const BookingListSchema = Type.Object({ items: Type.Array(BookingSchema) }, closed)
export const StaffBookingsQuerySchema = Type.Object({ from: date(), to: date() }, closed)

export const BlockBodySchema = Type.Object(
  {
    kind: literalUnion(BOOKING_BLOCK_KINDS, 'block 停约（请假、外出）；open 加开时段'),
    serviceId: Type.Optional(uuid()),
    workerId: Type.Optional(uuid()),
    startsAt: dateTime(),
    endsAt: dateTime(),
    reason: text(40, 1),
  },
  closed,
)
export const BlockSchema = Type.Object(
  {
    id: uuid(),
    kind: literalUnion(BOOKING_BLOCK_KINDS),
    serviceId: nullable(uuid()),
    workerId: nullable(uuid()),
    startsAt: dateTime(),
    endsAt: dateTime(),
    reason: Type.String(),
    affectedBookings: Type.Array(BookingSchema, {
      description: '停约时段里仍然有效的预约（停约不会取消它们：请逐一改期并告知居民）；加开时为空',
    }),
  },
  closed,
)

/** A booking from a help request: the times the station proposes, and the one the resident picks. */
export const ProposalBodySchema = Type.Object(
  {
    serviceId: uuid(),
    times: Type.Array(dateTime(), {
      minItems: 1,
      maxItems: PROPOSAL_TIMES_MAX,
      description: '1–3 个开始时间：这项服务的可预约时段；入户探访也可以是其他空闲时间',
    }),
    /** Whose times: a worker of the station; absent: the proposer when the service's windows name them, else any worker with a place. */
    workerId: Type.Optional(uuid()),
    note: Type.Optional(text(LIMITS.bookingNote)),
  },
  closed,
)
export const ProposalTimeSchema = Type.Object(
  { startsAt: dateTime(), endsAt: dateTime(), state: literalUnion(PROPOSAL_TIME_STATES, 'free 可选；full 已被约满；past 已过') },
  closed,
)
export const BookingProposalSchema = Type.Object(
  {
    id: uuid(),
    requestId: uuid(),
    service: Type.Object({ id: uuid(), name: Type.String(), kind: BookableKindSchema }, closed),
    station: Type.Object({ id: uuid(), name: Type.String() }, closed),
    /** The worker whose free times these are (the booking is theirs); null: any worker with a place. */
    worker: nullable(SlotWorkerSchema),
    times: Type.Array(ProposalTimeSchema),
    note: Type.String(),
    status: literalUnion(PROPOSAL_STATUSES, 'open 待选择；chosen 已选定；withdrawn 已重新提议；expired 已过期'),
    expiresAt: dateTime(),
    proposedBy: nullable(Type.String()),
    /** The booking the resident's choice made (status chosen). */
    bookingId: nullable(uuid()),
    chosenStartsAt: nullable(dateTime()),
    createdAt: dateTime(),
  },
  closed,
)
export const BookingProposalListSchema = Type.Object({ items: Type.Array(BookingProposalSchema) }, closed)
export const ChooseProposalBodySchema = Type.Object({ proposalId: uuid(), startsAt: dateTime() }, closed)
