/**
 * The API contract as TypeBox schemas: the server validates requests and
 * serializes responses with them, and `types.ts` derives the TypeScript types
 * the mini-program uses (type-only, so none of this reaches the app bundle).
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox'
import { SERVICE_CATEGORIES, STATION_KINDS, AREA_LEVELS, USER_ROLES, ERROR_CODES } from './enums'
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, AUDIENCES, ENROLLMENT_STATUSES, FAMILY_RELATIONSHIPS } from './activities'
import { RELATIONSHIPS, REQUESTERS, REQUEST_CHANNELS, REQUEST_EVENT_TYPES, REQUEST_STATUSES, URGENCIES } from './requests'
import { CONSENT_PURPOSES } from './consents'
import { ALL_RATING_TAGS, COMMENT_REVIEWS, RATING_COMMENT_MAX, RATING_OUTCOMES, RATING_REPLY_MAX, RATING_SUBJECTS } from './ratings'

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
    code: literalUnion(ERROR_CODES, '错误码'),
    message: Type.String({ description: '给居民看的中文说明' }),
    field: Type.Optional(Type.String({ description: '出错的输入项（请求内容或查询参数中的路径，如 contactPhone、helped.phone）' })),
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

// A resident's rating of a resolved request or an attended activity (defined here: requests and enrollments carry it).
export const RatingSubjectSchema = literalUnion(RATING_SUBJECTS, '评价对象')
export const RatingOutcomeSchema = literalUnion(RATING_OUTCOMES, '问题解决了吗')
export const CommentReviewSchema = literalUnion(COMMENT_REVIEWS, '评价内容安全审核结果')

export const RatingReplySchema = Type.Object(
  { body: Type.String(), stationName: Type.String(), createdAt: Type.String({ format: 'date-time' }) },
  { ...closed, description: '社工站的公开回复或感谢' },
)

export const RatingSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    subject: RatingSubjectSchema,
    outcome: Type.Union([RatingOutcomeSchema, Type.Null()], { description: '求助评价必填；活动评价为空' }),
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Array(Type.String()),
    comment: Type.String(),
    anonymous: Type.Boolean({ description: '对社工站匿名：工作人员看得到内容，看不到姓名' }),
    commentPublic: Type.Boolean({ description: '允许在站点页面公开展示评价内容（不显示姓名）' }),
    commentReview: CommentReviewSchema,
    reply: Type.Union([RatingReplySchema, Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    editableUntil: Type.String({ format: 'date-time' }),
  },
  closed,
)

export const RatingBodySchema = Type.Object(
  {
    outcome: Type.Optional(RatingOutcomeSchema),
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Optional(Type.Array(literalUnion(ALL_RATING_TAGS as string[], '评价标签'), { maxItems: 7, uniqueItems: true })),
    comment: Type.Optional(Type.String({ maxLength: RATING_COMMENT_MAX })),
    anonymous: Type.Optional(Type.Boolean()),
    commentPublic: Type.Optional(Type.Boolean()),
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
  /** Resolved and not yet rated: the badge in 我的求助. */
  ratingDue: Type.Boolean(),
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
  /** The resident's rating of the current resolution (null before one is given; hidden from staff when anonymous). */
  rating: Type.Union([RatingSchema, Type.Null()]),
}

export const HelpRequestSchema = Type.Object(requestDetailProperties, closed)

export const HelpRequestListSchema = Type.Object({ items: Type.Array(HelpRequestSummarySchema) }, closed)

export const MessageBodySchema = Type.Object({ body: text(1000, 1) }, closed)

/**
 * The resident corrects the personal details of a request they submitted
 * (PIPL right to correction): only the fields sent change. `helped` only for
 * 家人代办; an empty phone or address there clears it.
 */
export const CorrectRequestBodySchema = Type.Object(
  {
    contactName: Type.Optional(text(20, 1)),
    contactPhone: Type.Optional(text(20, 1)),
    preferredTime: Type.Optional(text(40)),
    address: Type.Optional(text(100)),
    helped: Type.Optional(
      Type.Object({ phone: Type.Optional(text(20)), address: Type.Optional(text(100)) }, { ...closed, minProperties: 1 }),
    ),
  },
  { ...closed, minProperties: 1 },
)

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

// ───────────────────────── activities, family members, enrollments ─────────────────────────

export const AudienceSchema = literalUnion(AUDIENCES, '面向人群')
export const ActivityCategorySchema = literalUnion(ACTIVITY_CATEGORIES, '活动类别')
export const ActivityStatusSchema = literalUnion(ACTIVITY_STATUSES, '活动状态')
export const EnrollmentStatusSchema = literalUnion(ENROLLMENT_STATUSES, '报名状态')
/** Where registration stands now: not yet open, open, closed (window over or closed by the station), or the activity is over. */
export const RegistrationStateSchema = literalUnion(['upcoming', 'open', 'closed', 'ended', 'cancelled'] as const, '报名状态')
const dateTime = () => Type.String({ format: 'date-time' })
const date = () => Type.String({ format: 'date', description: 'YYYY-MM-DD' })
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const ActivitySessionSchema = Type.Object(
  { id: uuid(), seq: Type.Integer({ minimum: 1 }), startsAt: dateTime(), endsAt: dateTime() },
  closed,
)

const activitySummaryProperties = {
  id: uuid(),
  title: Type.String(),
  project: nullable(Type.String({ description: '所属品牌项目，如 东山小学堂' })),
  category: ActivityCategorySchema,
  audience: AudienceSchema,
  minAge: nullable(Type.Integer()),
  maxAge: nullable(Type.Integer()),
  station: Type.Object({ id: uuid(), name: Type.String(), phone: Type.String() }, closed),
  place: Type.String(),
  startsAt: dateTime(),
  endsAt: dateTime(),
  sessionCount: Type.Integer({ minimum: 1 }),
  capacity: Type.Integer({ minimum: 1 }),
  seatsLeft: Type.Integer({ minimum: 0 }),
  waitlistCount: Type.Integer({ minimum: 0 }),
  opensAt: dateTime(),
  closesAt: dateTime(),
  status: ActivityStatusSchema,
  registration: RegistrationStateSchema,
  distanceMeters: nullable(Type.Number({ minimum: 0 })),
}
export const ActivitySummarySchema = Type.Object(activitySummaryProperties, closed)

const activityDetailProperties = {
  ...activitySummaryProperties,
  description: Type.String(),
  bring: Type.String({ description: '需要携带的物品' }),
  location: nullable(LatLngSchema),
  sessions: Type.Array(ActivitySessionSchema),
  cancelDeadline: dateTime(),
  photoConsentRequired: Type.Boolean({ description: '活动会拍照并公开宣传（如小小主播），报名时需单独同意' }),
  confirmWithinHours: nullable(Type.Integer({ description: '候补转正后须在几小时内确认；为空则自动转正' })),
}
export const ActivityDetailSchema = Type.Object(activityDetailProperties, closed)

export const ActivityListQuerySchema = Type.Object(
  {
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    stationId: Type.Optional(uuid()),
    audience: Type.Optional(AudienceSchema),
    category: Type.Optional(ActivityCategorySchema),
    from: Type.Optional(date()),
    to: Type.Optional(date()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  },
  closed,
)
export const ActivityListSchema = Type.Object({ items: Type.Array(ActivitySummarySchema) }, closed)

export const FamilyMemberSchema = Type.Object(
  {
    id: uuid(),
    name: Type.String(),
    birthDate: date(),
    relationship: literalUnion(FAMILY_RELATIONSHIPS, '与您的关系'),
    notes: Type.String({ description: '特殊需要（如过敏、行动不便），仅报名的社工站可见' }),
    age: Type.Integer({ minimum: 0 }),
    isChild: Type.Boolean({ description: '未满 14 周岁' }),
    childNoticeVersion: nullable(Type.String({ description: '监护人同意的儿童个人信息保护规则版本' })),
    createdAt: dateTime(),
  },
  closed,
)
export const FamilyListSchema = Type.Object({ items: Type.Array(FamilyMemberSchema) }, closed)

const familyFields = {
  name: text(20, 1),
  birthDate: date(),
  relationship: literalUnion(FAMILY_RELATIONSHIPS, '与您的关系'),
  notes: Type.Optional(text(200)),
  /** Required for a child under 14: the guardian agrees to this version of the children's privacy notice. */
  childNoticeVersion: Type.Optional(text(20, 1)),
}
export const FamilyMemberBodySchema = Type.Object(familyFields, closed)
export const FamilyMemberPatchSchema = Type.Object(
  {
    name: Type.Optional(familyFields.name),
    birthDate: Type.Optional(familyFields.birthDate),
    relationship: Type.Optional(familyFields.relationship),
    notes: familyFields.notes,
    childNoticeVersion: familyFields.childNoticeVersion,
  },
  { ...closed, minProperties: 1 },
)

export const EnrollBodySchema = Type.Object(
  {
    /** A family member the resident manages; omitted for 本人. */
    familyMemberId: Type.Optional(uuid()),
    /** For 本人: the name to put on the roster. */
    name: Type.Optional(text(20, 1)),
    /** For 本人, when the activity has an age range. */
    birthDate: Type.Optional(date()),
    contactPhone: text(20, 1),
    /** Agreement to the activity's photo/publicity use (only where photos are published). */
    photoConsent: Type.Optional(Type.Boolean()),
  },
  closed,
)

export const EnrollmentSchema = Type.Object(
  {
    id: uuid(),
    status: EnrollmentStatusSchema,
    activity: ActivitySummarySchema,
    participant: Type.Object(
      { name: Type.String(), familyMemberId: nullable(uuid()), relationship: nullable(Type.String()) },
      closed,
    ),
    waitlistPosition: nullable(Type.Integer({ minimum: 1 })),
    offerExpiresAt: nullable(dateTime()),
    /** Content of the check-in QR code: a signed token, only while confirmed. */
    checkinCode: nullable(Type.String()),
    photoConsent: Type.Boolean(),
    cancelDeadline: dateTime(),
    canCancel: Type.Boolean(),
    attendedSessions: Type.Integer({ minimum: 0 }),
    createdAt: dateTime(),
    /** Attended and not yet rated: the badge in 我的报名. */
    ratingDue: Type.Boolean(),
    rating: nullable(RatingSchema),
  },
  closed,
)
export const EnrollmentListSchema = Type.Object({ items: Type.Array(EnrollmentSchema) }, closed)

// The station's side.

const sessionInput = Type.Object({ startsAt: dateTime(), endsAt: dateTime() }, closed)
const activityFields = {
  title: text(40, 1),
  project: Type.Optional(text(30)),
  category: ActivityCategorySchema,
  audience: AudienceSchema,
  minAge: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  maxAge: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  description: text(2000, 1),
  bring: Type.Optional(text(200)),
  place: text(100, 1),
  location: Type.Optional(nullable(LatLngSchema)),
  capacity: Type.Integer({ minimum: 1, maximum: 2000 }),
  opensAt: dateTime(),
  closesAt: dateTime(),
  cancelDeadline: dateTime(),
  sessions: Type.Array(sessionInput, { minItems: 1, maxItems: 60 }),
  photoConsentRequired: Type.Optional(Type.Boolean()),
  confirmWithinHours: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: 168 }))),
}
export const ActivityBodySchema = Type.Object(activityFields, closed)
export const ActivityPatchSchema = Type.Partial(Type.Object(activityFields, closed), { ...closed, minProperties: 1 })

export const StaffActivityListSchema = Type.Object({ items: Type.Array(ActivitySummarySchema) }, closed)

export const RosterEntrySchema = Type.Object(
  {
    enrollmentId: uuid(),
    status: EnrollmentStatusSchema,
    participantName: Type.String(),
    age: nullable(Type.Integer()),
    relationship: nullable(Type.String({ description: '与报名人的关系；本人为空' })),
    guardianName: Type.String({ description: '报名人（家长或本人）' }),
    contactPhone: Type.String(),
    notes: Type.String(),
    photoConsent: Type.Boolean(),
    waitlistPosition: nullable(Type.Integer({ minimum: 1 })),
    attendedSessionIds: Type.Array(uuid()),
    createdAt: dateTime(),
  },
  closed,
)
export const RosterSchema = Type.Object(
  { activity: ActivityDetailSchema, entries: Type.Array(RosterEntrySchema) },
  closed,
)

export const CheckinBodySchema = Type.Object(
  {
    /** The QR code's content (scanCode), or … */
    code: Type.Optional(text(200, 1)),
    /** … an enrollment ticked by name on the roster. */
    enrollmentId: Type.Optional(uuid()),
    /** Which session of a course; defaults to today's. */
    sessionId: Type.Optional(uuid()),
  },
  closed,
)
export const CheckinResultSchema = Type.Object(
  {
    enrollmentId: uuid(),
    activityId: uuid(),
    participantName: Type.String(),
    session: ActivitySessionSchema,
    alreadyCheckedIn: Type.Boolean(),
  },
  closed,
)

// ───────────────────────── ratings: stations answer, supervisors evaluate ─────────────────────────

export const StationRatingsSchema = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    minimum: Type.Integer({ description: '满这么多条评价才公开统计' }),
    summary: nullable(
      Type.Object(
        {
          average: Type.Number({ description: '平均星级，保留一位小数' }),
          distribution: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 5, maxItems: 5, description: '1～5 星各多少条' }),
          resolvedShare: nullable(Type.Number({ description: '求助评价中“已解决”的比例（0～1）' })),
        },
        closed,
      ),
    ),
    comments: Type.Array(
      Type.Object(
        {
          id: uuid(),
          subject: RatingSubjectSchema,
          subjectLabel: Type.String({ description: '服务类别或活动名称' }),
          stars: Type.Integer(),
          tags: Type.Array(Type.String()),
          comment: Type.String(),
          createdAt: dateTime(),
          reply: nullable(RatingReplySchema),
        },
        closed,
      ),
    ),
  },
  closed,
)

export const StaffRatingSchema = Type.Object(
  {
    id: uuid(),
    subject: RatingSubjectSchema,
    subjectLabel: Type.String(),
    station: StationRefSchema,
    outcome: nullable(RatingOutcomeSchema),
    stars: Type.Integer(),
    tags: Type.Array(Type.String()),
    comment: Type.String(),
    anonymous: Type.Boolean(),
    /** Who rated, and what: null when the resident rated anonymously. */
    residentName: nullable(Type.String()),
    requestId: nullable(uuid()),
    requestNumber: nullable(Type.String()),
    activityId: nullable(uuid()),
    commentPublic: Type.Boolean(),
    commentReview: CommentReviewSchema,
    /** ≤ 2 stars or 未解决: flagged for the station head. */
    low: Type.Boolean(),
    reply: nullable(RatingReplySchema),
    canReply: Type.Boolean(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  },
  closed,
)

export const StaffRatingsQuerySchema = Type.Object(
  {
    stationId: Type.Optional(uuid()),
    subject: Type.Optional(RatingSubjectSchema),
    low: Type.Optional(Type.Boolean()),
    unreplied: Type.Optional(Type.Boolean()),
    stars: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    from: Type.Optional(date()),
    to: Type.Optional(date()),
  },
  closed,
)

export const StaffRatingListSchema = Type.Object(
  {
    items: Type.Array(StaffRatingSchema),
    /** Low ratings without a reply, in the whole scope (the station head's badge). */
    lowUnreplied: Type.Integer({ minimum: 0 }),
  },
  closed,
)

export const RatingReplyBodySchema = Type.Object({ body: text(RATING_REPLY_MAX, 1) }, closed)
export const CommentReviewBodySchema = Type.Object({ approve: Type.Boolean() }, { ...closed, description: '审核待定的公开评价内容' })

export const StationReportQuerySchema = Type.Object(
  {
    from: date(),
    to: date(),
    /** Narrow to one station and the stations below it (drill-down). */
    stationId: Type.Optional(uuid()),
  },
  closed,
)

const reportFigures = {
  received: Type.Integer({ description: '收到的求助（新提交、转介或升级进入本站队列）' }),
  accepted: Type.Integer(),
  acceptedOnTime: Type.Integer(),
  onTimeRate: nullable(Type.Number({ description: '按时受理率（0～1）' })),
  medianAcceptMinutes: nullable(Type.Number()),
  resolved: Type.Integer(),
  medianResolveMinutes: nullable(Type.Number()),
  overdue: Type.Integer({ description: '超时：超过时限才受理、超时被自动升级，或至今超时未受理' }),
  escalations: Type.Integer(),
  ratings: Type.Integer(),
  averageStars: nullable(Type.Number()),
  resolvedShare: nullable(Type.Number({ description: '求助评价中“已解决”的比例（0～1）' })),
  activitiesHeld: Type.Integer(),
  expectedAttendance: Type.Integer(),
  attended: Type.Integer(),
  attendanceRate: nullable(Type.Number({ description: '出勤率（0～1）' })),
}
export const StationReportRowSchema = Type.Object(
  { station: StationRefSchema, parentId: nullable(uuid()), ...reportFigures },
  closed,
)
export const StationReportSchema = Type.Object(
  {
    from: date(),
    to: date(),
    items: Type.Array(StationReportRowSchema),
    total: Type.Object(reportFigures, closed),
  },
  closed,
)

// ───────────────────────── privacy ─────────────────────────

export const AccessLogSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({ staffName: Type.String(), stationName: Type.String(), accessedAt: dateTime() }, closed),
    ),
  },
  { ...closed, description: '工作人员查看这条求助个人信息的记录' },
)

// ── consents (授权与同意): GET / POST /api/me/consents ──
// Per purpose: the current version of its text, what the resident last agreed
// to and when, and whether that was withdrawn. Purposes and versions:
// contract/consents.ts.

export const ConsentPurposeSchema = literalUnion(CONSENT_PURPOSES, '同意的用途')

export const ConsentStatusSchema = Type.Object(
  {
    purpose: ConsentPurposeSchema,
    label: Type.String(),
    currentVersion: Type.String({ description: '这项用途说明的当前版本' }),
    agreedVersion: nullable(Type.String({ description: '最近一次同意的版本；从未同意为空' })),
    agreedAt: nullable(dateTime()),
    withdrawn: Type.Boolean({ description: '最近一次的决定是撤回' }),
    withdrawnAt: nullable(dateTime()),
    needsConsent: Type.Boolean({ description: '没有同意当前版本（从未同意、版本已更新或已撤回）' }),
    canWithdraw: Type.Boolean({ description: '现在可以在这里撤回' }),
  },
  closed,
)
export const ConsentListSchema = Type.Object({ items: Type.Array(ConsentStatusSchema) }, closed)

export const ConsentBodySchema = Type.Object(
  {
    purpose: ConsentPurposeSchema,
    /** The version of the text the resident read: must be the current one. */
    version: text(20, 1),
    /** true: agree; false: withdraw. */
    granted: Type.Boolean(),
  },
  closed,
)

export const AccountExportSchema = Type.Object(
  {
    exportedAt: dateTime(),
    user: Type.Object({ id: uuid(), nickname: Type.String(), role: UserRoleSchema, createdAt: dateTime() }, closed),
    consents: Type.Array(Type.Object({ purpose: Type.String(), version: Type.String(), granted: Type.Boolean(), grantedAt: dateTime() }, closed)),
    family: Type.Array(FamilyMemberSchema),
    requests: Type.Array(HelpRequestSchema),
    enrollments: Type.Array(EnrollmentSchema),
    photos: Type.Array(Type.Object({ id: uuid(), mime: Type.String(), size: Type.Integer(), createdAt: dateTime() }, closed)),
  },
  { ...closed, description: '平台保存的关于我和我管理的家人的全部个人信息' },
)
