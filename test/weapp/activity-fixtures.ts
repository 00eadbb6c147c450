/**
 * Fake API answers for the resident's 活动 pages (pages/activities,
 * packages/activity), typed with the API contract. Stations follow
 * fixtures.ts (先进街道 and 民馨社区); the phone's clock in these tests is
 * NOW, Tuesday 24 November 2026, 10:00 in Beijing.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { ActivityDetail, ActivitySession, ActivitySummary, Enrollment, FamilyMember } from '../../contract/types'
import { MINXIN, XIANJIN } from './fixtures'

export const NOW = '2026-11-24T02:00:00.000Z'

const XIANJIN_REF = { id: XIANJIN.id, name: XIANJIN.name, phone: XIANJIN.phone }
const MINXIN_REF = { id: MINXIN.id, name: MINXIN.name, phone: MINXIN.phone }

/** 东山小学堂·节气美育: a course of 8 Saturday mornings for children 6–12, 5 seats left, photos published. */
export const JIEQI: ActivitySummary = {
  id: '7a0c5e21-0000-4000-8000-000000000001',
  title: '节气美育',
  project: '东山小学堂',
  category: 'class',
  audience: 'children',
  minAge: 6,
  maxAge: 12,
  station: XIANJIN_REF,
  place: '先进街道党群服务中心2楼 活动室',
  startsAt: '2026-11-28T01:30:00.000Z', // 09:30 in Beijing
  endsAt: '2027-01-16T03:00:00.000Z',
  sessionCount: 8,
  capacity: 20,
  seatsLeft: 5,
  waitlistCount: 0,
  opensAt: '2026-11-20T01:00:00.000Z',
  closesAt: '2026-11-27T10:00:00.000Z',
  status: 'open',
  registration: 'open',
  distanceMeters: 1345,
}

/** 8 Saturdays, 09:30–11:00 Beijing time. */
export const JIEQI_SESSIONS: ActivitySession[] = Array.from({ length: 8 }, (_, i) => {
  const start = new Date(Date.parse(JIEQI.startsAt) + i * 7 * 86_400_000)
  return {
    id: `7a0c5e21-0000-4000-8000-0000000001${String(i + 1).padStart(2, '0')}`,
    seq: i + 1,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
  }
})

export const JIEQI_DETAIL: ActivityDetail = {
  ...JIEQI,
  description: '跟着二十四节气认识自然：每次课讲一个节气的故事，再用彩纸、树叶和水彩做一件作品。由社工和美术志愿者带领。',
  bring: '水杯、旧衣服或罩衣',
  location: { lat: 39.0535, lng: 121.779 },
  sessions: JIEQI_SESSIONS,
  cancelDeadline: '2026-11-27T10:00:00.000Z',
  photoConsentRequired: true,
  confirmWithinHours: 24,
}

/** 防诈宣传 for older residents at 民馨: one afternoon, full, 3 waiting. */
export const ANTI_FRAUD: ActivitySummary = {
  id: '7a0c5e21-0000-4000-8000-000000000002',
  title: '识破养老骗局 守好养老钱',
  project: null,
  category: 'anti_fraud',
  audience: 'elderly',
  minAge: 60,
  maxAge: null,
  station: MINXIN_REF,
  place: '民馨社区居委会1楼 会议室',
  startsAt: '2026-11-26T06:00:00.000Z', // 14:00
  endsAt: '2026-11-26T07:30:00.000Z',
  sessionCount: 1,
  capacity: 30,
  seatsLeft: 0,
  waitlistCount: 3,
  opensAt: '2026-11-18T01:00:00.000Z',
  closesAt: '2026-11-26T04:00:00.000Z',
  status: 'open',
  registration: 'open',
  distanceMeters: 812,
}

export const ANTI_FRAUD_DETAIL: ActivityDetail = {
  ...ANTI_FRAUD,
  description: '民警和社工讲解“以房养老”“保健品”“高息理财”等常见骗局，现场答疑。',
  bring: '',
  location: null,
  sessions: [{ id: '7a0c5e21-0000-4000-8000-000000000201', seq: 1, startsAt: ANTI_FRAUD.startsAt, endsAt: ANTI_FRAUD.endsAt }],
  cancelDeadline: '2026-11-26T04:00:00.000Z',
  photoConsentRequired: false,
  confirmWithinHours: null,
}

/** 四季欢乐节: registration opens tomorrow at 09:00. */
export const FESTIVAL: ActivitySummary = {
  id: '7a0c5e21-0000-4000-8000-000000000003',
  title: '四季欢乐节·冬至包饺子',
  project: '东山小学堂',
  category: 'festival',
  audience: 'all',
  minAge: null,
  maxAge: null,
  station: XIANJIN_REF,
  place: '先进街道党群服务中心1楼',
  startsAt: '2026-12-21T01:00:00.000Z',
  endsAt: '2026-12-21T03:30:00.000Z',
  sessionCount: 1,
  capacity: 40,
  seatsLeft: 40,
  waitlistCount: 0,
  opensAt: '2026-11-25T01:00:00.000Z',
  closesAt: '2026-12-19T10:00:00.000Z',
  status: 'open',
  registration: 'upcoming',
  distanceMeters: 1345,
}

export const FESTIVAL_DETAIL: ActivityDetail = {
  ...FESTIVAL,
  description: '和邻居们一起包饺子、写春联，老人孩子都欢迎。',
  bring: '',
  location: { lat: 39.0535, lng: 121.779 },
  sessions: [{ id: '7a0c5e21-0000-4000-8000-000000000301', seq: 1, startsAt: FESTIVAL.startsAt, endsAt: FESTIVAL.endsAt }],
  cancelDeadline: '2026-12-20T10:00:00.000Z',
  photoConsentRequired: false,
  confirmWithinHours: null,
}

export const ACTIVITIES = { items: [ANTI_FRAUD, JIEQI, FESTIVAL] }

// ───────────────────────── 我的家人 ─────────────────────────

/** A boy of 9, whose guardian agreed to the current children's notice. */
export const SON: FamilyMember = {
  id: '3f2b9d40-0000-4000-8000-000000000001',
  name: '张小明',
  birthDate: '2017-05-10',
  relationship: '儿子',
  notes: '对花生过敏',
  age: 9,
  isChild: true,
  childNoticeVersion: CHILD_NOTICE_VERSION,
  createdAt: '2026-11-01T02:00:00.000Z',
}

export const MOTHER: FamilyMember = {
  id: '3f2b9d40-0000-4000-8000-000000000002',
  name: '王秀英',
  birthDate: '1955-03-02',
  relationship: '母亲',
  notes: '腿脚不便，需要坐着',
  age: 71,
  isChild: false,
  childNoticeVersion: null,
  createdAt: '2026-11-01T02:05:00.000Z',
}

export const FAMILY = { items: [SON, MOTHER] }

// ───────────────────────── 我的报名 ─────────────────────────

/** 张小明 in 节气美育: confirmed, with his check-in code. */
export const SON_CONFIRMED: Enrollment = {
  id: '9c4d1e70-0000-4000-8000-000000000001',
  status: 'confirmed',
  activity: JIEQI,
  participant: { name: SON.name, familyMemberId: SON.id, relationship: SON.relationship },
  waitlistPosition: null,
  offerExpiresAt: null,
  checkinCode: 'CK1.9c4d1e70-0000-4000-8000-000000000001.Jx7sQm2Lw0c',
  photoConsent: false,
  cancelDeadline: JIEQI_DETAIL.cancelDeadline,
  canCancel: true,
  attendedSessions: 0,
  ratingDue: false,
  rating: null,
  createdAt: '2026-11-24T02:00:00.000Z',
}

/** What enrolling 张小明 answers when the class is full. */
export const SON_WAITLISTED: Enrollment = { ...SON_CONFIRMED, status: 'waitlisted', waitlistPosition: 1, checkinCode: null }

/** 王秀英 waits for the full anti-fraud talk. */
export const MOTHER_WAITLISTED: Enrollment = {
  id: '9c4d1e70-0000-4000-8000-000000000002',
  status: 'waitlisted',
  activity: ANTI_FRAUD,
  participant: { name: MOTHER.name, familyMemberId: MOTHER.id, relationship: MOTHER.relationship },
  waitlistPosition: 2,
  offerExpiresAt: null,
  checkinCode: null,
  photoConsent: false,
  cancelDeadline: ANTI_FRAUD_DETAIL.cancelDeadline,
  canCancel: true,
  attendedSessions: 0,
  ratingDue: false,
  rating: null,
  createdAt: '2026-11-23T02:00:00.000Z',
}

/** An earlier health talk the resident cancelled. */
export const PAST_CANCELLED: Enrollment = {
  id: '9c4d1e70-0000-4000-8000-000000000003',
  status: 'cancelled',
  activity: {
    ...ANTI_FRAUD,
    id: '7a0c5e21-0000-4000-8000-000000000009',
    title: '冬季慢病防护讲座',
    category: 'health',
    startsAt: '2026-11-10T06:00:00.000Z',
    endsAt: '2026-11-10T07:30:00.000Z',
    seatsLeft: 4,
    waitlistCount: 0,
    registration: 'ended',
  },
  participant: { name: '李桂芝', familyMemberId: null, relationship: null },
  waitlistPosition: null,
  offerExpiresAt: null,
  checkinCode: null,
  photoConsent: false,
  cancelDeadline: '2026-11-10T04:00:00.000Z',
  canCancel: false,
  attendedSessions: 0,
  ratingDue: false,
  rating: null,
  createdAt: '2026-11-05T02:00:00.000Z',
}

export const MY_ENROLLMENTS = { items: [SON_CONFIRMED, MOTHER_WAITLISTED, PAST_CANCELLED] }
