/**
 * Fake API answers for 服务评价 (packages/rating, the rating parts of the
 * request and activity pages, 居民评价 on a station's page, and the
 * workbench's ratings and report pages), typed with the API contract. The
 * phone's clock is NOW (activity-fixtures.ts): Tuesday 24 November 2026,
 * 10:00 in Beijing.
 */
import { capabilitiesOf } from '../../domain/permissions'
import type {
  Enrollment,
  HelpRequest,
  Rating,
  StaffMe,
  StaffRating,
  StationRatings,
  StationReport,
  StationReportRow,
} from '../../contract/types'
import { JIEQI, SON_CONFIRMED } from './activity-fixtures'
import { DALIAN, DONGSHAN, JINPU, MINXIN, XIANJIN } from './fixtures'
import { persisted, RESOLVED_DETAIL, STAFF_SESSION, STAFF_ME } from './request-fixtures'

const ref = (s: { id: string; code: string; name: string; kind: StationReportRow['station']['kind'] }) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  kind: s.kind,
})

// ───────────────────────── the resident's ratings ─────────────────────────

/** 刘先生's rating of his 低保 request, given the day before NOW: still editable. */
export const GIVEN_RATING: Rating = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  subject: 'request',
  outcome: 'partly',
  stars: 4,
  tags: ['态度好', '耐心细致'],
  comment: '社工很耐心，材料还差一份在补',
  anonymous: false,
  commentPublic: true,
  commentReview: 'pass',
  reply: null,
  createdAt: '2026-11-23T02:00:00.000Z',
  updatedAt: '2026-11-23T02:00:00.000Z',
  editableUntil: '2026-11-30T02:00:00.000Z',
}

/** The finished request, already rated (not due): the rating with 修改. */
export const RATED_DETAIL: HelpRequest = { ...RESOLVED_DETAIL, ratingDue: false, rating: GIVEN_RATING }

/** What POST /api/requests/:id/rating answers to 未解决: back in the station's queue, the comment on the timeline. */
export function reopenedBy(body: { stars: number; tags?: string[]; comment?: string }): HelpRequest {
  return {
    ...RESOLVED_DETAIL,
    status: 'submitted',
    ratingDue: false,
    resolvedAt: null,
    rating: {
      ...GIVEN_RATING,
      id: 'a1b2c3d4-0000-4000-8000-000000000002',
      outcome: 'unresolved',
      stars: body.stars,
      tags: body.tags ?? [],
      comment: body.comment ?? '',
      commentPublic: false,
      createdAt: '2026-11-24T02:00:00.000Z',
      updatedAt: '2026-11-24T02:00:00.000Z',
      editableUntil: '2026-12-01T02:00:00.000Z',
    },
    events: [
      ...RESOLVED_DETAIL.events,
      {
        id: 15,
        type: 'reopened',
        body: body.comment ?? '',
        actorName: null,
        stationName: null,
        toStationName: null,
        internal: false,
        createdAt: '2026-11-24T02:00:00.000Z',
      },
    ],
  }
}

/** 张小明 took part in 节气美育 (checked in once): he can be rated. */
export const SON_ATTENDED: Enrollment = { ...SON_CONFIRMED, attendedSessions: 1, ratingDue: true }

export const ENROLLMENT_RATING: Rating = {
  ...GIVEN_RATING,
  id: 'a1b2c3d4-0000-4000-8000-000000000003',
  subject: 'enrollment',
  outcome: null,
  stars: 5,
  tags: ['孩子喜欢'],
  comment: '孩子回家一直在说节气的故事',
  commentPublic: false,
}

export const SON_RATED: Enrollment = { ...SON_ATTENDED, ratingDue: false, rating: ENROLLMENT_RATING }

// ───────────────────────── 居民评价 on a station's page ─────────────────────────

export const FEW_RATINGS: StationRatings = { count: 3, minimum: 5, summary: null, comments: [] }

export const STATION_RATINGS: StationRatings = {
  count: 12,
  minimum: 5,
  summary: { average: 4.25, distribution: [1, 0, 1, 3, 7], resolvedShare: 0.8333 },
  comments: [
    {
      id: 'a1b2c3d4-0000-4000-8000-000000000011',
      subject: 'request',
      subjectLabel: '养老服务',
      stars: 5,
      tags: ['响应及时', '态度好'],
      comment: '当天就有社工上门，帮母亲申请了助餐',
      createdAt: '2026-11-20T02:00:00.000Z',
      reply: { body: '感谢您的认可，有需要随时联系我们', stationName: XIANJIN.name, createdAt: '2026-11-20T06:00:00.000Z' },
    },
    {
      id: 'a1b2c3d4-0000-4000-8000-000000000012',
      subject: 'enrollment',
      subjectLabel: '东山小学堂·节气美育',
      stars: 4,
      tags: ['孩子喜欢'],
      comment: '内容很好，希望多开几期',
      createdAt: '2026-11-18T02:00:00.000Z',
      reply: null,
    },
  ],
}

// ───────────────────────── the workbench ─────────────────────────

const STAFF_RATING_BASE: StaffRating = {
  id: 'b1b2c3d4-0000-4000-8000-000000000001',
  subject: 'request',
  subjectLabel: '社会救助',
  station: ref(XIANJIN),
  outcome: 'unresolved',
  stars: 1,
  tags: ['等待时间长'],
  comment: '说好三天回复，一周了还没消息',
  anonymous: false,
  residentName: '刘先生',
  requestId: RESOLVED_DETAIL.id,
  requestNumber: RESOLVED_DETAIL.number,
  activityId: null,
  commentPublic: false,
  commentReview: 'pass',
  low: true,
  reply: null,
  canReply: true,
  createdAt: '2026-11-24T01:00:00.000Z',
  updatedAt: '2026-11-24T01:00:00.000Z',
}

/** A low, named rating of a request, not yet answered. */
export const LOW_NAMED = STAFF_RATING_BASE

/** An anonymous 5-star activity rating whose public comment waits for review. */
export const ANONYMOUS_PRAISE: StaffRating = {
  ...STAFF_RATING_BASE,
  id: 'b1b2c3d4-0000-4000-8000-000000000002',
  subject: 'enrollment',
  subjectLabel: `${JIEQI.project}·${JIEQI.title}`,
  outcome: null,
  stars: 5,
  tags: ['孩子喜欢', '老师专业'],
  comment: '老师讲得生动，孩子很喜欢',
  anonymous: true,
  residentName: null,
  requestId: null,
  requestNumber: null,
  activityId: JIEQI.id,
  commentPublic: true,
  commentReview: 'review',
  low: false,
}

/** Answered already. */
export const REPLIED: StaffRating = {
  ...STAFF_RATING_BASE,
  id: 'b1b2c3d4-0000-4000-8000-000000000003',
  outcome: 'resolved',
  stars: 4,
  tags: ['专业'],
  comment: '',
  low: false,
  reply: { body: '谢谢您的评价', stationName: XIANJIN.name, createdAt: '2026-11-22T02:00:00.000Z' },
}

export const STAFF_RATINGS = { items: [LOW_NAMED, ANONYMOUS_PRAISE, REPLIED], lowUnreplied: 1 }

/** 赵督导 at 金普新区社工总站: sees 先进街道 and the rooms below it. */
export const SUPERVISOR_ME: StaffMe = {
  user: { id: '0b7c1a52-0000-4000-8000-0000000000cc', nickname: '赵督导', role: 'supervisor' },
  station: ref(JINPU),
  scope: [ref(JINPU), ref(XIANJIN), ref(MINXIN), ref(DONGSHAN)],
  capabilities: capabilitiesOf('supervisor'),
  username: 'jinpu-zhao',
  mustChangePassword: false,
}
export const SUPERVISOR_LOGGED_IN = {
  'sgz-staff-session': persisted({ token: STAFF_SESSION.token, expiresAt: STAFF_SESSION.expiresAt, me: SUPERVISOR_ME }),
}
export const WORKER_ME = STAFF_ME

const figures = (f: Partial<StationReport['total']>): StationReport['total'] => ({
  received: 0,
  accepted: 0,
  acceptedOnTime: 0,
  onTimeRate: null,
  medianAcceptMinutes: null,
  resolved: 0,
  medianResolveMinutes: null,
  overdue: 0,
  escalations: 0,
  ratings: 0,
  averageStars: null,
  resolvedShare: null,
  activitiesHeld: 0,
  expectedAttendance: 0,
  attended: 0,
  attendanceRate: null,
  bookingsMade: 0,
  bookingsAttended: 0,
  bookingsNoShow: 0,
  noShowRate: null,
  bookingsCancelled: 0,
  resolvedOnTime: 0,
  resolvedTimed: 0,
  resolvedOnTimeRate: null,
  followUps: 0,
  followedUp: 0,
  followUpShare: null,
  followUpSatisfied: 0,
  followUpSatisfaction: null,
  ...f,
})

export const REPORT_ROWS: StationReportRow[] = [
  {
    station: ref(JINPU),
    parentId: DALIAN.id,
    ...figures({
      received: 2,
      accepted: 2,
      acceptedOnTime: 1,
      onTimeRate: 0.5,
      medianAcceptMinutes: 200,
      resolved: 1,
      medianResolveMinutes: 1500,
      overdue: 1,
      escalations: 0,
    }),
  },
  {
    station: ref(XIANJIN),
    parentId: JINPU.id,
    ...figures({
      received: 10,
      accepted: 9,
      acceptedOnTime: 8,
      onTimeRate: 0.8889,
      medianAcceptMinutes: 45,
      resolved: 7,
      medianResolveMinutes: 3140,
      // One of the seven was resolved before the second clock: timed are six, four of them within target.
      resolvedOnTime: 4,
      resolvedTimed: 6,
      resolvedOnTimeRate: 0.6667,
      overdue: 1,
      escalations: 1,
      ratings: 6,
      averageStars: 4.33,
      resolvedShare: 0.8,
      activitiesHeld: 5,
      expectedAttendance: 40,
      attended: 34,
      attendanceRate: 0.85,
    }),
  },
  {
    station: ref(MINXIN),
    parentId: XIANJIN.id,
    ...figures({
      received: 4,
      accepted: 4,
      acceptedOnTime: 4,
      onTimeRate: 1,
      medianAcceptMinutes: 30,
      resolved: 4,
      medianResolveMinutes: 600,
      ratings: 2,
      averageStars: 3.5,
      resolvedShare: 0.5,
    }),
  },
]

export const REPORT: StationReport = {
  from: '2026-11-01',
  to: '2026-11-24',
  items: REPORT_ROWS,
  // 社工个人: two of 先进's workers and one of 民馨's.
  workers: [
    {
      id: '0b7c1a52-0000-4000-8000-0000000000c1',
      nickname: '李社工',
      station: ref(XIANJIN),
      accepted: 5,
      acceptedOnTime: 4,
      onTimeRate: 0.8,
      resolved: 4,
      resolvedOnTime: 3,
      resolvedTimed: 4,
      resolvedOnTimeRate: 0.75,
    },
    {
      id: '0b7c1a52-0000-4000-8000-0000000000c2',
      nickname: '王社工',
      station: ref(XIANJIN),
      accepted: 4,
      acceptedOnTime: 4,
      onTimeRate: 1,
      resolved: 3,
      resolvedOnTime: 1,
      resolvedTimed: 2,
      resolvedOnTimeRate: 0.5,
    },
    {
      id: '0b7c1a52-0000-4000-8000-0000000000c3',
      nickname: '刘社工',
      station: ref(MINXIN),
      accepted: 0,
      acceptedOnTime: 0,
      onTimeRate: null,
      resolved: 0,
      resolvedOnTime: 0,
      resolvedTimed: 0,
      resolvedOnTimeRate: null,
    },
  ],
  total: figures({
    received: 16,
    accepted: 15,
    acceptedOnTime: 13,
    onTimeRate: 0.8667,
    medianAcceptMinutes: 45,
    resolved: 12,
    medianResolveMinutes: 1500,
    resolvedOnTime: 8,
    resolvedTimed: 10,
    resolvedOnTimeRate: 0.8,
    overdue: 2,
    escalations: 1,
    ratings: 8,
    averageStars: 4.125,
    resolvedShare: 0.75,
    activitiesHeld: 5,
    expectedAttendance: 40,
    attended: 34,
    attendanceRate: 0.85,
  }),
}
