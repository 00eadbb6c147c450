/** Activities, the family members a resident enrolls, enrollments, and the station's side: publishing, rosters, check-in. */
import { Type } from '@sinclair/typebox'
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, AUDIENCES, ENROLLMENT_STATUSES, FAMILY_RELATIONSHIPS } from '../activities'
import { LIMITS } from '../limits'
import { closed, date, dateTime, latitude, LatLngSchema, literalUnion, longitude, nullable, text, uuid } from './common'
import { RatingSchema } from './ratings'

export const AudienceSchema = literalUnion(AUDIENCES, '面向人群')
export const ActivityCategorySchema = literalUnion(ACTIVITY_CATEGORIES, '活动类别')
export const ActivityStatusSchema = literalUnion(ACTIVITY_STATUSES, '活动状态')
export const EnrollmentStatusSchema = literalUnion(ENROLLMENT_STATUSES, '报名状态')
/** Where registration stands now: not yet open, open, closed (window over or closed by the station), or the activity is over. */
export const RegistrationStateSchema = literalUnion(['upcoming', 'open', 'closed', 'ended', 'cancelled'] as const, '报名状态')
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
    lat: Type.Optional(latitude()),
    lng: Type.Optional(longitude()),
    stationId: Type.Optional(uuid()),
    audience: Type.Optional(AudienceSchema),
    category: Type.Optional(ActivityCategorySchema),
    from: Type.Optional(date()),
    to: Type.Optional(date()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.activityResults, default: LIMITS.activityResultsDefault })),
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
  name: text(LIMITS.personName, 1),
  birthDate: date(),
  relationship: literalUnion(FAMILY_RELATIONSHIPS, '与您的关系'),
  notes: Type.Optional(text(LIMITS.memberNotes)),
  /** Required for a child under 14: the guardian agrees to this version of the children's privacy notice. */
  childNoticeVersion: Type.Optional(text(LIMITS.consentVersion, 1)),
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
    name: Type.Optional(text(LIMITS.personName, 1)),
    /** For 本人, when the activity has an age range. */
    birthDate: Type.Optional(date()),
    contactPhone: text(LIMITS.phone, 1),
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
    participant: Type.Object({ name: Type.String(), familyMemberId: nullable(uuid()), relationship: nullable(Type.String()) }, closed),
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
  title: text(LIMITS.activityTitle, 1),
  project: Type.Optional(text(LIMITS.activityProject)),
  category: ActivityCategorySchema,
  audience: AudienceSchema,
  minAge: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: LIMITS.age }))),
  maxAge: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: LIMITS.age }))),
  description: text(LIMITS.activityDescription, 1),
  bring: Type.Optional(text(LIMITS.activityBring)),
  place: text(LIMITS.activityPlace, 1),
  location: Type.Optional(nullable(LatLngSchema)),
  capacity: Type.Integer({ minimum: 1, maximum: LIMITS.activityCapacity }),
  opensAt: dateTime(),
  closesAt: dateTime(),
  cancelDeadline: dateTime(),
  sessions: Type.Array(sessionInput, { minItems: 1, maxItems: LIMITS.activitySessions }),
  photoConsentRequired: Type.Optional(Type.Boolean()),
  confirmWithinHours: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: LIMITS.activityConfirmHours }))),
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
export const RosterSchema = Type.Object({ activity: ActivityDetailSchema, entries: Type.Array(RosterEntrySchema) }, closed)

export const CheckinBodySchema = Type.Object(
  {
    /** The QR code's content (scanCode), or … */
    code: Type.Optional(text(LIMITS.checkinCode, 1)),
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
