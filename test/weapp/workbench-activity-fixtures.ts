/**
 * Fake API answers for the workbench's activity pages (packages/workbench/
 * activities, activity-edit, roster), typed with the API contract. The staff
 * account is 先进街道社工站's (request-fixtures.ts). The phone's clock is NOW,
 * Tuesday 24 November 2026, 10:00 in Beijing, or SECOND_SATURDAY for check-in.
 */
import type { ActivityDetail, ActivitySession, ActivitySummary, CheckinResult, Roster, RosterEntry } from '../../contract/types'
import { XIANJIN } from './fixtures'

export const NOW = '2026-11-24T02:00:00.000Z'
/** Tuesday 1 December 2026, 10:00 in Beijing: after the course's 1st session, before the 2nd. */
export const AFTER_FIRST = '2026-12-01T02:00:00.000Z'
/** Saturday 5 December 2026, 09:00 in Beijing: the day of the course's 2nd session. */
export const SECOND_SATURDAY = '2026-12-05T01:00:00.000Z'

const STATION = { id: XIANJIN.id, name: XIANJIN.name, phone: XIANJIN.phone }

/** 东山小学堂·节气美育: 8 Saturday mornings (09:30–11:00) for children 6–12; 3 seats, all taken, 2 waiting; photos published. */
export const COURSE: ActivitySummary = {
  id: '5d1e0000-0000-4000-8000-000000000001',
  title: '节气美育',
  project: '东山小学堂',
  category: 'class',
  audience: 'children',
  minAge: 6,
  maxAge: 12,
  station: STATION,
  place: '先进街道党群服务中心2楼 活动室',
  startsAt: '2026-11-28T01:30:00.000Z',
  endsAt: '2027-01-16T03:00:00.000Z',
  sessionCount: 8,
  capacity: 4,
  seatsLeft: 0,
  waitlistCount: 2,
  opensAt: '2026-11-20T01:00:00.000Z',
  closesAt: '2026-11-27T10:00:00.000Z',
  status: 'open',
  registration: 'open',
  distanceMeters: null,
}

export const COURSE_SESSIONS: ActivitySession[] = Array.from({ length: 8 }, (_, i) => {
  const start = Date.parse(COURSE.startsAt) + i * 7 * 86_400_000
  return {
    id: `5d1e0000-0000-4000-8000-0000000001${String(i + 1).padStart(2, '0')}`,
    seq: i + 1,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 90 * 60_000).toISOString(),
  }
})

export const COURSE_DETAIL: ActivityDetail = {
  ...COURSE,
  description: '跟着二十四节气认识自然：每次课讲一个节气的故事，再用彩纸、树叶和水彩做一件作品。',
  bring: '水杯、旧衣服或罩衣',
  location: null,
  sessions: COURSE_SESSIONS,
  cancelDeadline: '2026-11-27T10:00:00.000Z',
  photoConsentRequired: true,
  confirmWithinHours: 24,
}

/** 冬季养生讲座: a single afternoon for older residents, registration not open yet. */
export const LECTURE: ActivitySummary = {
  id: '5d1e0000-0000-4000-8000-000000000002',
  title: '冬季养生讲座',
  project: null,
  category: 'health',
  audience: 'elderly',
  minAge: 60,
  maxAge: null,
  station: STATION,
  place: '先进街道党群服务中心1楼 多功能厅',
  startsAt: '2026-11-26T06:00:00.000Z',
  endsAt: '2026-11-26T07:30:00.000Z',
  sessionCount: 1,
  capacity: 50,
  seatsLeft: 38,
  waitlistCount: 0,
  opensAt: '2026-11-24T04:00:00.000Z',
  closesAt: '2026-11-25T10:00:00.000Z',
  status: 'open',
  registration: 'upcoming',
  distanceMeters: null,
}

/** 防范电信诈骗宣讲: over (October). */
export const PAST: ActivitySummary = {
  ...LECTURE,
  id: '5d1e0000-0000-4000-8000-000000000003',
  title: '防范电信诈骗宣讲',
  category: 'anti_fraud',
  audience: 'all',
  minAge: null,
  startsAt: '2026-10-15T06:00:00.000Z',
  endsAt: '2026-10-15T07:00:00.000Z',
  capacity: 40,
  seatsLeft: 4,
  opensAt: '2026-10-01T01:00:00.000Z',
  closesAt: '2026-10-14T10:00:00.000Z',
  registration: 'ended',
}

/** As the server lists them: not yet over first, latest start first. */
export const STATION_ACTIVITIES: ActivitySummary[] = [COURSE, LECTURE, PAST]

const entry = (n: number, e: Partial<RosterEntry>): RosterEntry => ({
  enrollmentId: `5d1e0000-0000-4000-8000-0000000002${String(n).padStart(2, '0')}`,
  status: 'confirmed',
  participantName: '',
  age: 8,
  relationship: '儿子',
  guardianName: '家长',
  contactPhone: '13800000000',
  notes: '',
  photoConsent: true,
  waitlistPosition: null,
  attendedSessionIds: [],
  createdAt: `2026-11-2${Math.min(n, 3)}T0${n}:00:00.000Z`,
  ...e,
})

export const ZHANG = entry(1, {
  participantName: '张小明',
  age: 8,
  relationship: '儿子',
  guardianName: '张丽',
  contactPhone: '13812345678',
  notes: '对花生过敏',
  attendedSessionIds: [COURSE_SESSIONS[0]!.id],
})
export const LI = entry(2, {
  participantName: '李朵朵',
  age: 7,
  relationship: '女儿',
  guardianName: '李强',
  contactPhone: '13987654321',
  photoConsent: false,
  attendedSessionIds: [COURSE_SESSIONS[0]!.id],
})
export const WANG = entry(3, {
  participantName: '王子涵',
  age: 10,
  relationship: '孙子',
  guardianName: '王秀英',
  contactPhone: '13700001111',
})
export const ZHAO = entry(4, {
  status: 'offered',
  participantName: '赵一诺',
  age: 9,
  relationship: '女儿',
  guardianName: '赵敏',
  contactPhone: '13600002222',
})
export const SUN = entry(5, {
  status: 'waitlisted',
  participantName: '孙浩然',
  age: 11,
  relationship: '儿子',
  guardianName: '孙伟',
  contactPhone: '13500003333',
  waitlistPosition: 1,
  photoConsent: false,
})
export const ZHOU = entry(6, {
  status: 'waitlisted',
  participantName: '周可欣',
  age: 6,
  relationship: '外孙女',
  guardianName: '周建国',
  contactPhone: '13400004444',
  waitlistPosition: 2,
})

/** As the server answers: confirmed, then offered, then the waitlist in order. */
export const COURSE_ROSTER: Roster = { activity: COURSE_DETAIL, entries: [ZHANG, LI, WANG, ZHAO, SUN, ZHOU] }

export const checkinOf = (e: RosterEntry, session: ActivitySession, alreadyCheckedIn = false): CheckinResult => ({
  enrollmentId: e.enrollmentId,
  activityId: COURSE.id,
  participantName: e.participantName,
  session,
  alreadyCheckedIn,
})
