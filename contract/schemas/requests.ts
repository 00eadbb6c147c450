/** Help requests ("有问题找社工"): submission, the resident's view and timeline, messages, corrections, photos. */
import { Type } from '@sinclair/typebox'
import { LIMITS } from '../limits'
import { RELATIONSHIPS, REQUESTERS, REQUEST_CHANNELS, REQUEST_EVENT_TYPES, REQUEST_STATUSES, STATION_SOURCES, URGENCIES } from '../requests'
import { closed, dateTime, LatLngSchema, literalUnion, nullable, ServiceCategorySchema, text, uuid } from './common'
import { RatingSchema } from './ratings'

export const UrgencySchema = literalUnion(URGENCIES, '紧急程度')
export const RequesterSchema = literalUnion(REQUESTERS, '本人或家人代办')
export const RequestStatusSchema = literalUnion(REQUEST_STATUSES, '求助状态')
export const RequestEventTypeSchema = literalUnion(REQUEST_EVENT_TYPES, '事件类型')
export const RequestChannelSchema = literalUnion(REQUEST_CHANNELS, '来源渠道')

export const ResidentAreaSchema = Type.Object(
  {
    province: Type.Optional(text(LIMITS.areaName, 1)),
    city: Type.Optional(text(LIMITS.areaName, 1)),
    district: Type.Optional(text(LIMITS.areaName, 1)),
    street: Type.Optional(text(LIMITS.streetName, 1)),
    community: Type.Optional(text(LIMITS.streetName, 1)),
  },
  closed,
)

export const HelpedPersonSchema = Type.Object(
  {
    name: text(LIMITS.personName, 1),
    relationship: literalUnion(RELATIONSHIPS, '与您的关系'),
    phone: Type.Optional(text(LIMITS.phone)),
    address: Type.Optional(text(LIMITS.address)),
    /** The helped person agrees that the family member asks on their behalf. */
    consent: Type.Literal(true),
  },
  closed,
)

export const CreateRequestBodySchema = Type.Object(
  {
    stationId: Type.Optional(uuid()),
    /** 'nearest': stationId was pre-filled as the station nearest the resident, not chosen (default 'chosen'). */
    stationSource: Type.Optional(literalUnion(STATION_SOURCES, '站点来源')),
    category: ServiceCategorySchema,
    attributes: Type.Optional(
      Type.Record(Type.String({ maxLength: LIMITS.attributeText }), Type.String({ maxLength: LIMITS.attributeText }), {
        maxProperties: LIMITS.attributeCount,
      }),
    ),
    description: text(LIMITS.requestText, 1),
    photoIds: Type.Optional(Type.Array(uuid(), { maxItems: LIMITS.photosPerRequest })),
    requester: RequesterSchema,
    helped: Type.Optional(HelpedPersonSchema),
    contactName: text(LIMITS.personName, 1),
    contactPhone: text(LIMITS.phone, 1),
    preferredTime: Type.Optional(text(LIMITS.preferredTime)),
    area: Type.Optional(ResidentAreaSchema),
    location: Type.Optional(LatLngSchema),
    address: Type.Optional(text(LIMITS.address)),
    urgency: UrgencySchema,
  },
  closed,
)

export const RequestEventSchema = Type.Object(
  {
    id: Type.Integer(),
    type: RequestEventTypeSchema,
    body: Type.String(),
    actorName: nullable(Type.String()),
    stationName: nullable(Type.String()),
    toStationName: nullable(Type.String()),
    internal: Type.Boolean(),
    createdAt: dateTime(),
  },
  closed,
)

export const requestSummaryProperties = {
  id: uuid(),
  number: Type.String(),
  status: RequestStatusSchema,
  category: ServiceCategorySchema,
  urgency: UrgencySchema,
  requester: RequesterSchema,
  description: Type.String(),
  station: Type.Object({ id: uuid(), name: Type.String(), phone: Type.String() }, closed),
  helpedName: nullable(Type.String()),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  dueAt: dateTime(),
  /** Resolved and not yet rated: the badge in 我的求助. */
  ratingDue: Type.Boolean(),
}

export const HelpRequestSummarySchema = Type.Object(requestSummaryProperties, closed)

export const requestDetailProperties = {
  ...requestSummaryProperties,
  channel: RequestChannelSchema,
  attributes: Type.Record(Type.String(), Type.String()),
  emergency: Type.Array(Type.String()),
  contactName: Type.String(),
  contactPhone: Type.String(),
  preferredTime: Type.String(),
  helped: nullable(
    Type.Object(
      {
        name: Type.String(),
        relationship: Type.String(),
        phone: nullable(Type.String()),
        address: nullable(Type.String()),
      },
      closed,
    ),
  ),
  area: ResidentAreaSchema,
  address: Type.String(),
  location: nullable(LatLngSchema),
  photoIds: Type.Array(uuid()),
  routingReason: Type.String(),
  expectedResponse: Type.String({ description: '响应时限，如“2 小时内”' }),
  acceptedAt: nullable(dateTime()),
  resolvedAt: nullable(dateTime()),
  canCancel: Type.Boolean(),
  events: Type.Array(RequestEventSchema),
  /** The resident's rating of the current resolution (null before one is given; hidden from staff when anonymous). */
  rating: nullable(RatingSchema),
  /** Merged as a duplicate into this request (its number; `own`: the same resident submitted it, so it can be opened). */
  mergedInto: Type.Optional(nullable(Type.Object({ id: uuid(), number: Type.String(), own: Type.Boolean() }, closed))),
}

export const HelpRequestSchema = Type.Object(requestDetailProperties, closed)

export const HelpRequestListSchema = Type.Object({ items: Type.Array(HelpRequestSummarySchema) }, closed)

export const MessageBodySchema = Type.Object({ body: text(LIMITS.requestText, 1) }, closed)

/**
 * The resident corrects the personal details of a request they submitted
 * (PIPL right to correction): only the fields sent change. `helped` only for
 * 家人代办; an empty phone or address there clears it.
 */
export const CorrectRequestBodySchema = Type.Object(
  {
    contactName: Type.Optional(text(LIMITS.personName, 1)),
    contactPhone: Type.Optional(text(LIMITS.phone, 1)),
    preferredTime: Type.Optional(text(LIMITS.preferredTime)),
    address: Type.Optional(text(LIMITS.address)),
    helped: Type.Optional(
      Type.Object(
        { phone: Type.Optional(text(LIMITS.phone)), address: Type.Optional(text(LIMITS.address)) },
        { ...closed, minProperties: 1 },
      ),
    ),
  },
  { ...closed, minProperties: 1 },
)

export const UploadSchema = Type.Object({ id: uuid(), mime: Type.String(), size: Type.Integer() }, closed)
