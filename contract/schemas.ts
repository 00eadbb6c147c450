/**
 * The API contract as TypeBox schemas: the server validates requests and
 * serializes responses with them, and `types.ts` derives the TypeScript types
 * the mini-program uses (type-only, so none of this reaches the app bundle).
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox'
import { SERVICE_CATEGORIES, STATION_KINDS, AREA_LEVELS, USER_ROLES } from './enums'
import { RELATIONSHIPS, REQUESTERS, REQUEST_CHANNELS, REQUEST_EVENT_TYPES, REQUEST_STATUSES, URGENCIES } from './requests'

function literalUnion<T extends string>(values: readonly T[], description?: string): TUnion<TLiteral<T>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  )
}

const closed = { additionalProperties: false } as const

export const StationKindSchema = literalUnion(STATION_KINDS, '站点类型')
export const ServiceCategorySchema = literalUnion(SERVICE_CATEGORIES, '服务类别')
export const AreaLevelSchema = literalUnion(AREA_LEVELS, '行政区划层级')
export const UserRoleSchema = literalUnion(USER_ROLES, '用户角色')

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: '机器可读的错误码' }),
    message: Type.String({ description: '给居民看的中文说明' }),
  },
  { ...closed, $id: 'Error' },
)

export const LatLngSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度（GCJ-02）' }),
    lng: Type.Number({ minimum: -180, maximum: 180, description: '经度（GCJ-02）' }),
  },
  closed,
)

export const AreaSchema = Type.Object(
  {
    province: Type.String(),
    city: Type.String(),
    district: Type.String(),
    street: Type.Union([Type.String(), Type.Null()]),
    community: Type.Union([Type.String(), Type.Null()]),
  },
  closed,
)

export const OpeningHoursSchema = Type.Object(
  {
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    open: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    close: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' }),
  },
  closed,
)

export const BrandProjectSchema = Type.Object(
  {
    name: Type.String(),
    summary: Type.String(),
    items: Type.Array(Type.String(), { description: '项目下的课堂或子项目' }),
  },
  closed,
)

export const StationRefSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Type.String(),
    kind: StationKindSchema,
  },
  closed,
)

const stationSummaryProperties = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  kind: StationKindSchema,
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  area: AreaSchema,
  address: Type.String(),
  location: LatLngSchema,
  phone: Type.String(),
  openingHours: Type.Array(OpeningHoursSchema),
  hoursNote: Type.String(),
  services: Type.Array(ServiceCategorySchema),
  brandProjects: Type.Array(BrandProjectSchema),
}

export const StationSummarySchema = Type.Object(stationSummaryProperties, closed)

export const NearbyStationSchema = Type.Object(
  {
    ...stationSummaryProperties,
    distanceMeters: Type.Number({ minimum: 0, description: '到所给位置的大圆距离（米）' }),
  },
  closed,
)

export const StationDetailSchema = Type.Object(
  {
    ...stationSummaryProperties,
    intro: Type.String(),
    ancestors: Type.Array(StationRefSchema, { description: '上级站点，从市级到直接上级' }),
    children: Type.Array(StationSummarySchema),
  },
  closed,
)

export const NearbyQuerySchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    kind: Type.Optional(StationKindSchema),
    service: Type.Optional(ServiceCategorySchema),
  },
  closed,
)

export const NearbyResponseSchema = Type.Object(
  { items: Type.Array(NearbyStationSchema) },
  closed,
)

export const StationListQuerySchema = Type.Object(
  {
    parent: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    area: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '行政区划名称，如“金普新区”或“先进街道”' })),
    kind: Type.Optional(StationKindSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  closed,
)

export const StationListResponseSchema = Type.Object(
  { items: Type.Array(StationSummarySchema), total: Type.Integer({ minimum: 0 }) },
  closed,
)

export const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) }, closed)

export interface AreaNodeShape {
  name: string
  level: 'province' | 'city' | 'district' | 'street'
  center: { lat: number; lng: number }
  stationCount: number
  children: AreaNodeShape[]
}

/** The area tree has a fixed depth (province → city → district → street), spelled out level by level. */
const areaNode = (level: 'province' | 'city' | 'district' | 'street', children: TSchema) =>
  Type.Object(
    {
      name: Type.String(),
      level: Type.Literal(level),
      center: LatLngSchema,
      stationCount: Type.Integer({ minimum: 0, description: '该地区内的站点数' }),
      children: Type.Array(children),
    },
    closed,
  )

export const StreetAreaSchema = areaNode('street', Type.Never())
export const DistrictAreaSchema = areaNode('district', StreetAreaSchema)
export const CityAreaSchema = areaNode('city', DistrictAreaSchema)
export const ProvinceAreaSchema = areaNode('province', CityAreaSchema)

export const AreasResponseSchema = Type.Object(
  { items: Type.Array(ProvinceAreaSchema) },
  closed,
)

export const UserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    nickname: Type.String(),
    role: UserRoleSchema,
  },
  closed,
)

export const WechatLoginBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, description: 'Taro.login 返回的 code' }) },
  closed,
)

export const DevLoginBodySchema = Type.Object(
  { nickname: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })) },
  closed,
)

export const SessionSchema = Type.Object(
  {
    token: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    user: UserSchema,
  },
  closed,
)

export const MeResponseSchema = Type.Object({ user: UserSchema }, closed)

export const HealthResponseSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    version: Type.String(),
  },
  closed,
)

export const OkResponseSchema = Type.Object({ ok: Type.Literal(true) }, closed)

// ───────────────────────── help requests ("有问题找社工") ─────────────────────────

export const UrgencySchema = literalUnion(URGENCIES, '紧急程度')
export const RequesterSchema = literalUnion(REQUESTERS, '本人或家人代办')
export const RequestStatusSchema = literalUnion(REQUEST_STATUSES, '求助状态')
export const RequestEventTypeSchema = literalUnion(REQUEST_EVENT_TYPES, '事件类型')
export const RequestChannelSchema = literalUnion(REQUEST_CHANNELS, '来源渠道')

const uuid = () => Type.String({ format: 'uuid' })
const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength })

export const ResidentAreaSchema = Type.Object(
  {
    province: Type.Optional(text(20, 1)),
    city: Type.Optional(text(20, 1)),
    district: Type.Optional(text(20, 1)),
    street: Type.Optional(text(30, 1)),
    community: Type.Optional(text(30, 1)),
  },
  closed,
)

export const HelpedPersonSchema = Type.Object(
  {
    name: text(20, 1),
    relationship: literalUnion(RELATIONSHIPS, '与您的关系'),
    phone: Type.Optional(text(20)),
    address: Type.Optional(text(100)),
    /** The helped person agrees that the family member asks on their behalf. */
    consent: Type.Literal(true),
  },
  closed,
)

export const CreateRequestBodySchema = Type.Object(
  {
    stationId: Type.Optional(uuid()),
    category: ServiceCategorySchema,
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 }), { maxProperties: 10 })),
    description: text(1000, 1),
    photoIds: Type.Optional(Type.Array(uuid(), { maxItems: 3 })),
    requester: RequesterSchema,
    helped: Type.Optional(HelpedPersonSchema),
    contactName: text(20, 1),
    contactPhone: text(20, 1),
    preferredTime: Type.Optional(text(40)),
    area: Type.Optional(ResidentAreaSchema),
    location: Type.Optional(LatLngSchema),
    address: Type.Optional(text(100)),
    urgency: UrgencySchema,
  },
  closed,
)

export const RequestEventSchema = Type.Object(
  {
    id: Type.Integer(),
    type: RequestEventTypeSchema,
    body: Type.String(),
    actorName: Type.Union([Type.String(), Type.Null()]),
    stationName: Type.Union([Type.String(), Type.Null()]),
    toStationName: Type.Union([Type.String(), Type.Null()]),
    internal: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  closed,
)

const requestSummaryProperties = {
  id: uuid(),
  number: Type.String(),
  status: RequestStatusSchema,
  category: ServiceCategorySchema,
  urgency: UrgencySchema,
  requester: RequesterSchema,
  description: Type.String(),
  station: Type.Object({ id: uuid(), name: Type.String(), phone: Type.String() }, closed),
  helpedName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  dueAt: Type.String({ format: 'date-time' }),
}

export const HelpRequestSummarySchema = Type.Object(requestSummaryProperties, closed)

const requestDetailProperties = {
  ...requestSummaryProperties,
  channel: RequestChannelSchema,
  attributes: Type.Record(Type.String(), Type.String()),
  emergency: Type.Array(Type.String()),
  contactName: Type.String(),
  contactPhone: Type.String(),
  preferredTime: Type.String(),
  helped: Type.Union([
    Type.Object(
      {
        name: Type.String(),
        relationship: Type.String(),
        phone: Type.Union([Type.String(), Type.Null()]),
        address: Type.Union([Type.String(), Type.Null()]),
      },
      closed,
    ),
    Type.Null(),
  ]),
  area: ResidentAreaSchema,
  address: Type.String(),
  location: Type.Union([LatLngSchema, Type.Null()]),
  photoIds: Type.Array(uuid()),
  routingReason: Type.String(),
  expectedResponse: Type.String({ description: '响应时限，如“2 小时内”' }),
  acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  canCancel: Type.Boolean(),
  events: Type.Array(RequestEventSchema),
}

export const HelpRequestSchema = Type.Object(requestDetailProperties, closed)

export const HelpRequestListSchema = Type.Object({ items: Type.Array(HelpRequestSummarySchema) }, closed)

export const MessageBodySchema = Type.Object({ body: text(1000, 1) }, closed)

export const UploadSchema = Type.Object(
  { id: uuid(), mime: Type.String(), size: Type.Integer() },
  closed,
)

// ───────────────────────── the workbench (staff) ─────────────────────────

export const StaffLoginBodySchema = Type.Object(
  { username: text(40, 1), password: text(200, 1) },
  closed,
)

export const StaffMeSchema = Type.Object(
  {
    user: UserSchema,
    station: StationRefSchema,
    /** Stations whose queues this account sees (its own, plus the subtree for supervisors). */
    scope: Type.Array(StationRefSchema),
  },
  closed,
)

export const StaffRequestSummarySchema = Type.Object(
  {
    ...requestSummaryProperties,
    assigneeName: Type.Union([Type.String(), Type.Null()]),
    overdue: Type.Boolean(),
    sensitive: Type.Boolean(),
  },
  closed,
)

export const StaffRequestSchema = Type.Object(
  {
    ...requestDetailProperties,
    assigneeId: Type.Union([uuid(), Type.Null()]),
    assigneeName: Type.Union([Type.String(), Type.Null()]),
    overdue: Type.Boolean(),
    sensitive: Type.Boolean(),
    escalations: Type.Integer(),
  },
  closed,
)

export const StaffQueueQuerySchema = Type.Object(
  {
    status: Type.Optional(RequestStatusSchema),
    category: Type.Optional(ServiceCategorySchema),
    urgency: Type.Optional(UrgencySchema),
    overdue: Type.Optional(Type.Boolean()),
    stationId: Type.Optional(uuid()),
    mine: Type.Optional(Type.Boolean()),
  },
  closed,
)

export const StaffQueueSchema = Type.Object({ items: Type.Array(StaffRequestSummarySchema) }, closed)

export const TransferBodySchema = Type.Object({ stationId: uuid(), reason: text(500, 1) }, closed)
export const ReasonBodySchema = Type.Object({ reason: text(500, 1) }, closed)
export const ResolveBodySchema = Type.Object({ summary: text(1000, 1) }, closed)

export const CounterRequestBodySchema = Type.Object(
  {
    channel: Type.Union([Type.Literal('phone'), Type.Literal('counter')]),
    category: ServiceCategorySchema,
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 }), { maxProperties: 10 })),
    description: text(1000, 1),
    requester: RequesterSchema,
    helped: Type.Optional(HelpedPersonSchema),
    contactName: text(20, 1),
    contactPhone: text(20, 1),
    preferredTime: Type.Optional(text(40)),
    address: Type.Optional(text(100)),
    urgency: UrgencySchema,
  },
  closed,
)
