/**
 * The workbench (staff): login, the queue, a request as staff see it, every
 * action on it and what it answers, requests taken by phone or at the
 * counter, who opened a request's personal data, and the supervisors' report.
 */
import { Type } from '@sinclair/typebox'
import { LIMITS } from '../limits'
import { CAPABILITIES } from '../permissions'
import { closed, date, dateTime, literalUnion, nullable, ServiceCategorySchema, text, UserSchema, uuid } from './common'
import {
  HelpedPersonSchema,
  requestDetailProperties,
  RequesterSchema,
  RequestStatusSchema,
  requestSummaryProperties,
  UrgencySchema,
} from './requests'
import { DuplicateRefSchema, RelatedRefSchema } from './duplicates'
import { StationRefSchema } from './stations'

export const StaffLoginBodySchema = Type.Object({ username: text(LIMITS.username, 1), password: text(LIMITS.password, 1) }, closed)

export const StaffMeSchema = Type.Object(
  {
    user: UserSchema,
    station: StationRefSchema,
    /** Stations this account acts on (its own, plus the subtree for supervisors and admins). */
    scope: Type.Array(StationRefSchema),
    /** What the account's role may do (domain/permissions.ts): the workbench shows only these. */
    capabilities: Type.Array(literalUnion(CAPABILITIES, '权限')),
    /** The login name (我的账号). */
    username: Type.String(),
    /** A first or reset password: every route but 我的账号 answers 403 until it is changed. */
    mustChangePassword: Type.Boolean(),
  },
  closed,
)

/** One of a request's two clocks (受理, 办结), read in words for its chip. */
export const RequestClockSchema = Type.Object(
  {
    kind: literalUnion(['acceptance', 'resolution']),
    dueAt: dateTime(),
    /** Stopped: accepted, or resolved. */
    done: Type.Boolean(),
    /** Past its target (running), or stopped after it. */
    overdue: Type.Boolean(),
    /** 「受理：剩 2 小时」, 「办结：剩 3 个工作日」, 「受理：已超时 3 小时」, 「受理：按时」. */
    text: Type.String(),
  },
  closed,
)
/** Both clocks; null for a cancelled request. */
export const RequestClocksSchema = nullable(Type.Object({ acceptance: RequestClockSchema, resolution: RequestClockSchema }, closed))

export const StaffRequestSummarySchema = Type.Object(
  {
    ...requestSummaryProperties,
    assigneeName: nullable(Type.String()),
    overdue: Type.Boolean(),
    /** Minutes a waiting request is past its response target (「已超时 3 小时」); null when not overdue. */
    overdueMinutes: nullable(Type.Integer()),
    sensitive: Type.Boolean(),
    /** 「可能重复」: other requests in sight from the same phone or for the same helped person within 30 days. */
    duplicates: Type.Optional(Type.Array(DuplicateRefSchema)),
    clocks: RequestClocksSchema,
  },
  closed,
)

export const StaffRequestSchema = Type.Object(
  {
    ...requestDetailProperties,
    assigneeId: nullable(uuid()),
    assigneeName: nullable(Type.String()),
    overdue: Type.Boolean(),
    /** Minutes a waiting request is past its response target (「已超时 3 小时」); null when not overdue. */
    overdueMinutes: nullable(Type.Integer()),
    sensitive: Type.Boolean(),
    escalations: Type.Integer(),
    /** 「可能重复」: other requests in sight from the same phone or for the same helped person within 30 days. */
    duplicates: Type.Optional(Type.Array(DuplicateRefSchema)),
    /** 相关求助 in sight, linked by a worker. */
    related: Type.Optional(Type.Array(RelatedRefSchema)),
    clocks: RequestClocksSchema,
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
    /** 未分配: requests nobody has. */
    unassigned: Type.Optional(Type.Boolean()),
    /** How many to list, in queue order (default LIMITS.queuePage). */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.queueMax })),
  },
  closed,
)

/** `more`: requests beyond `limit` match too (the page offers to show more). */
export const StaffQueueSchema = Type.Object({ items: Type.Array(StaffRequestSummarySchema), more: Type.Boolean() }, closed)

export const TransferBodySchema = Type.Object({ stationId: uuid(), reason: text(LIMITS.reason, 1) }, closed)
export const ReasonBodySchema = Type.Object({ reason: text(LIMITS.reason, 1) }, closed)
export const ResolveBodySchema = Type.Object(
  {
    summary: text(LIMITS.resolutionSummary, 1),
    /** 「N 天后回访」: schedule a follow-up call N days after resolving (absent or 0: 不回访). */
    followUpDays: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.followUpDays })),
  },
  closed,
)

export const CounterRequestBodySchema = Type.Object(
  {
    channel: literalUnion(['phone', 'counter']),
    category: ServiceCategorySchema,
    attributes: Type.Optional(
      Type.Record(Type.String({ maxLength: LIMITS.attributeText }), Type.String({ maxLength: LIMITS.attributeText }), {
        maxProperties: LIMITS.attributeCount,
      }),
    ),
    description: text(LIMITS.requestText, 1),
    requester: RequesterSchema,
    helped: Type.Optional(HelpedPersonSchema),
    contactName: text(LIMITS.personName, 1),
    contactPhone: text(LIMITS.phone, 1),
    preferredTime: Type.Optional(text(LIMITS.preferredTime)),
    address: Type.Optional(text(LIMITS.address)),
    urgency: UrgencySchema,
  },
  closed,
)

/**
 * What every action on a request (accept, reply, note, transfer, escalate,
 * resolve, reopen) answers: the request as the caller now sees it, or — when
 * the action took it out of the caller's sight (a transfer, an escalation) —
 * null, with the station it went to.
 */
export const StaffActionResultSchema = Type.Object(
  {
    request: nullable(StaffRequestSchema),
    movedTo: nullable(Type.Object({ id: uuid(), name: Type.String() }, closed)),
  },
  closed,
)

export const AccessLogSchema = Type.Object(
  {
    items: Type.Array(Type.Object({ staffName: Type.String(), stationName: Type.String(), accessedAt: dateTime() }, closed)),
  },
  { ...closed, description: '工作人员查看这条求助个人信息的记录' },
)

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
  resolvedOnTime: Type.Integer({ description: '在办结时限内办结的' }),
  resolvedTimed: Type.Integer({ description: '有办结时限记录的办结（按时办结率的分母）' }),
  resolvedOnTimeRate: nullable(Type.Number({ description: '按时办结率（0～1）：resolvedOnTime ÷ resolvedTimed' })),
  overdue: Type.Integer({ description: '超时：超过时限才受理、超时被自动升级，或至今超时未受理' }),
  escalations: Type.Integer(),
  ratings: Type.Integer(),
  averageStars: nullable(Type.Number()),
  resolvedShare: nullable(Type.Number({ description: '求助评价中“已解决”的比例（0～1）' })),
  activitiesHeld: Type.Integer(),
  expectedAttendance: Type.Integer(),
  attended: Type.Integer(),
  attendanceRate: nullable(Type.Number({ description: '出勤率（0～1）' })),
  bookingsMade: Type.Integer({ description: '期间新增的预约（含窗口、电话登记）' }),
  bookingsAttended: Type.Integer({ description: '期间到场的预约' }),
  bookingsNoShow: Type.Integer({ description: '期间未到场的预约' }),
  noShowRate: nullable(Type.Number({ description: '未到场率：未到场 ÷（到场 + 未到场）（0～1）' })),
  bookingsCancelled: Type.Integer({ description: '期间取消的预约' }),
  followUps: Type.Integer({ description: '本时段办结时安排的回访' }),
  followedUp: Type.Integer({ description: '其中已接通的回访' }),
  followUpShare: nullable(Type.Number({ description: '本时段办结的求助中已回访（接通）的比例（0～1）' })),
  followUpSatisfied: Type.Integer({ description: '回访时表示满意的' }),
  followUpSatisfaction: nullable(Type.Number({ description: '回访满意率：接通的回访中表示满意的比例（0～1）' })),
}
export const StationReportRowSchema = Type.Object({ station: StationRefSchema, parentId: nullable(uuid()), ...reportFigures }, closed)
export const StationReportSchema = Type.Object(
  {
    from: date(),
    to: date(),
    items: Type.Array(StationReportRowSchema),
    total: Type.Object(reportFigures, closed),
    /** Per worker: accepted and resolved within target. */
    workers: Type.Array(
      Type.Object(
        {
          id: uuid(),
          nickname: Type.String(),
          station: StationRefSchema,
          accepted: Type.Integer(),
          acceptedOnTime: Type.Integer(),
          onTimeRate: nullable(Type.Number()),
          resolved: Type.Integer(),
          resolvedOnTime: Type.Integer(),
          resolvedTimed: Type.Integer(),
          resolvedOnTimeRate: nullable(Type.Number()),
        },
        closed,
      ),
    ),
  },
  closed,
)
