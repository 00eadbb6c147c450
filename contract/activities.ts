/**
 * Activities (东山小学堂 classes, health lectures, anti-fraud talks, …), the
 * family members a resident enrolls, and enrollments. Plain data, shared by
 * the mini-program and the API.
 */

export const AUDIENCES = ['children', 'youth', 'elderly', 'all'] as const
export type Audience = (typeof AUDIENCES)[number]
export const AUDIENCE_LABELS: Record<Audience, string> = {
  children: '儿童',
  youth: '青少年',
  elderly: '老年人',
  all: '全部',
}

export const ACTIVITY_CATEGORIES = ['class', 'health', 'anti_fraud', 'handicraft', 'mental_health', 'festival', 'volunteer'] as const
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number]
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  class: '兴趣课堂',
  health: '健康讲座',
  anti_fraud: '防诈宣传',
  handicraft: '手工制作',
  mental_health: '心理关爱',
  festival: '节日活动',
  volunteer: '志愿服务',
}

/** 'open': registration follows its window; 'closed': the station closed it early; 'cancelled': it will not take place. */
export const ACTIVITY_STATUSES = ['open', 'closed', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

/**
 * confirmed: holds a seat · waitlisted: waits in arrival order · offered: a
 * freed seat is held for them until they confirm (when the activity asks for
 * it) · cancelled: by the family · expired: an offer not confirmed in time.
 */
export const ENROLLMENT_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]
export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  offered: '待确认',
  cancelled: '已取消',
  expired: '已过期',
}
/** The statuses that occupy a participant's one enrollment per activity. */
export const ACTIVE_ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = ['confirmed', 'waitlisted', 'offered']

export const FAMILY_RELATIONSHIPS = [
  '儿子',
  '女儿',
  '孙子',
  '孙女',
  '外孙',
  '外孙女',
  '父亲',
  '母亲',
  '祖父',
  '祖母',
  '外祖父',
  '外祖母',
  '配偶',
  '其他亲属',
] as const
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number]

/** Under this age a child's data is sensitive (PIPL art. 28, 儿童个人信息网络保护规定). */
export const CHILD_AGE_LIMIT = 14
/** Version of the children's privacy notice (src/content/childPrivacy.ts); a new version asks guardians again. */
export const CHILD_NOTICE_VERSION = '2026-11-01'
