/**
 * Activity rules, pure: ages, the registration window, who may enroll, and the
 * words residents see. Times are China Standard Time (UTC+8, no DST).
 */
import { CHILD_AGE_LIMIT, CHILD_NOTICE_VERSION } from '../contract/activities'
import { LIMITS } from '../contract/limits'
import { cstDate, cstToIso, cstWeekday, formatCstDateTime, isoToCst } from './chinaTime'
import { fieldInvalid, refusal, type Refusal } from './refusal'

/** Whole years of age on `onDate` of someone born on `birthDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number]
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age--
  return age
}

export const isChildAge = (age: number) => age < CHILD_AGE_LIMIT

/** A real calendar date, not in the future, at most 120 years ago. */
export function checkBirthDate(birthDate: string, today: string): string | null {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const probe = new Date(Date.UTC(y, m - 1, d))
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return '出生日期不是有效的日期'
  if (birthDate > today) return '出生日期不能晚于今天'
  if (ageOn(birthDate, today) > 120) return '出生日期不正确'
  return null
}

export type RegistrationState = 'upcoming' | 'open' | 'closed' | 'ended' | 'cancelled'

export interface RegistrationWindow {
  status: 'open' | 'closed' | 'cancelled'
  opensAt: Date
  closesAt: Date
  endsAt: Date
}

export function registrationState(a: RegistrationWindow, now: Date): RegistrationState {
  if (a.status === 'cancelled') return 'cancelled'
  if (now >= a.endsAt) return 'ended'
  if (a.status === 'closed' || now >= a.closesAt) return 'closed'
  if (now < a.opensAt) return 'upcoming'
  return 'open'
}

/** Why registration in this state is refused, in words; null while it is open. */
export function refusalFor(state: RegistrationState, opensAt: Date): string | null {
  switch (state) {
    case 'open':
      return null
    case 'upcoming':
      return `报名尚未开始，将于 ${formatCstDateTime(opensAt)} 开放报名`
    case 'closed':
      return '报名已截止'
    case 'ended':
      return '活动已结束'
    case 'cancelled':
      return '活动已取消'
  }
}

/** Why registration is refused now, in words; null while it is open. */
export function registrationRefusal(a: RegistrationWindow, now: Date): string | null {
  return refusalFor(registrationState(a, now), a.opensAt)
}

export interface AgeRange {
  minAge: number | null
  maxAge: number | null
}

/** "6–12 岁" / "60 岁以上" / "12 岁以下" / "不限年龄" */
export function formatAgeRange(r: AgeRange): string {
  if (r.minAge !== null && r.maxAge !== null) return `${r.minAge}–${r.maxAge} 岁`
  if (r.minAge !== null) return `${r.minAge} 岁以上`
  if (r.maxAge !== null) return `${r.maxAge} 岁以下`
  return '不限年龄'
}

/** How an age rule speaks of what it guards: an activity (报名) or a bookable service (预约). */
export interface AgeWording {
  /** 这个活动 / 这项服务 */
  what: string
  /** when the age counts: 活动时 / 预约当天 */
  when: string
  /** 报名 / 预约 */
  act: string
}
export const ACTIVITY_WORDING: AgeWording = { what: '这个活动', when: '活动时', act: '报名' }

/**
 * Whether a participant of this age may join (age on the activity's first
 * day). null = fine; otherwise the reason in words.
 */
export function ageRefusal(r: AgeRange, age: number | null, name: string, w: AgeWording = ACTIVITY_WORDING): string | null {
  if (r.minAge === null && r.maxAge === null) return null
  if (age === null) return `${w.what}面向 ${formatAgeRange(r)}，请填写出生日期`
  if ((r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge)) {
    return `${w.what}面向 ${formatAgeRange(r)}，${name}${w.when} ${age} 岁，不符合年龄要求`
  }
  return null
}

/**
 * An activity's title as residents read it: its brand project first ("东山小学堂·节气美育"),
 * but once only — a title that already begins with the project stands alone ("守好养老钱·防诈骗讲座").
 */
export function activityTitle(a: { title: string; project?: string | null }): string {
  const project = a.project?.trim()
  return project && !a.title.startsWith(project) ? `${project}·${a.title}` : a.title
}

/** Who may take part in an activity: 本人 or a family member, and why not when they may not. */
export interface ParticipantChoice {
  /** 'self' or the family member's id. */
  value: string
  name: string
  /** null: may be enrolled; otherwise why not, in words. */
  refusal: string | null
}

/**
 * 本人 and each family member, each with whether they fit the activity (age on its first day).
 * 本人 is the account's holder, an adult or a teenager: never offered for a children's activity
 * (儿童, or an age range that ends below 14), nor when the birth date they gave before does not fit.
 */
export function participantChoices(
  a: AgeRange & { audience: string; startsAt: Date },
  self: { birthDate: string | null },
  family: readonly { id: string; name: string; birthDate: string }[],
  w: AgeWording = ACTIVITY_WORDING,
): ParticipantChoice[] {
  const firstDay = cstDate(a.startsAt)
  return [
    { value: 'self', name: '本人', refusal: selfAgeRefusal(a, self.birthDate ? ageOn(self.birthDate, firstDay) : null, w) },
    ...family.map((m) => ({ value: m.id, name: m.name, refusal: ageRefusal(a, ageOn(m.birthDate, firstDay), m.name, w) })),
  ]
}

/** Whether the account's holder (an adult or a teenager) fits: never for children (儿童, or a range ending below 14); else by age when known. */
export function selfAgeRefusal(a: AgeRange & { audience: string }, age: number | null, w: AgeWording = ACTIVITY_WORDING): string | null {
  const forChildren = a.audience === 'children' || (a.maxAge !== null && a.maxAge < CHILD_AGE_LIMIT)
  if (forChildren)
    return `${w.what}面向${a.minAge !== null || a.maxAge !== null ? ` ${formatAgeRange(a)}的` : ''}儿童，本人不能${w.act}，请为孩子${w.act}`
  return age === null ? null : ageRefusal(a, age, '您', w)
}

/** Seats left, or how the waitlist reads on a card. */
export function seatsLabel(seatsLeft: number, waitlistCount: number): string {
  if (seatsLeft > 0) return `余 ${seatsLeft} 个名额`
  return waitlistCount > 0 ? `名额已满 · ${waitlistCount} 人候补` : '名额已满 · 可候补'
}

/** "11月28日 09:30–11:00", or "11月28日 09:30 起，共 8 次课" for a course. */
export function formatSchedule(sessionCount: number, startsAt: Date, endsAt: Date): string {
  const start = formatCstDateTime(startsAt)
  if (sessionCount > 1) return `${start} 起，共 ${sessionCount} 次课`
  const endClock = formatCstDateTime(endsAt).split(' ')[1]
  return `${start}–${endClock}`
}

// ───────────────────────── words and ranges for the resident's pages ─────────────────────────

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** "11月25日（周二）09:00–10:30" in China Standard Time; an end on another day keeps its date. */
export function formatSessionTime(startsAt: Date, endsAt: Date): string {
  const [date, clock] = formatCstDateTime(startsAt).split(' ')
  const end = formatCstDateTime(endsAt)
  const sameDay = cstDate(startsAt) === cstDate(endsAt)
  return `${date}（${WEEKDAYS[cstWeekday(startsAt)]}）${clock}–${sameDay ? end.split(' ')[1] : end}`
}

/** The date filter of the 活动 tab. */
export type ActivityDateFilter = 'all' | 'week' | 'month'

/**
 * from/to (YYYY-MM-DD, China Standard Time) for a date filter: 本周 runs from
 * today to Sunday, 本月 from today to the month's last day; 全部 has no bounds.
 */
export function activityDateRange(filter: ActivityDateFilter, now: Date): { from?: string; to?: string } {
  if (filter === 'all') return {}
  const today = cstDate(now)
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const base = Date.UTC(y, m - 1, d)
  const end =
    filter === 'week'
      ? base + (7 - (new Date(base).getUTCDay() || 7)) * 86_400_000 // ISO week: Monday … Sunday
      : Date.UTC(y, m, 0) // day 0 of next month = last day of this one
  return { from: today, to: new Date(end).toISOString().slice(0, 10) }
}

/** Where registration stands, in words, with the time that matters: "未开始 · 11月25日 09:00 开放报名". */
export function registrationText(a: { registration: RegistrationState; opensAt: string | Date; closesAt: string | Date }): string {
  switch (a.registration) {
    case 'upcoming':
      return `未开始 · ${formatCstDateTime(new Date(a.opensAt))} 开放报名`
    case 'open':
      return `报名中 · ${formatCstDateTime(new Date(a.closesAt))} 截止`
    case 'closed':
      return '报名已截止'
    case 'ended':
      return '活动已结束'
    case 'cancelled':
      return '活动已取消'
  }
}

export interface EnrollmentStanding {
  status: 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired'
  waitlistPosition: number | null
  offerExpiresAt: string | null
}

/** An enrollment's status as the family reads it: "报名成功", "候补第 2 位", "待确认（11月26日 18:00 前）". */
export function enrollmentStatusText(e: EnrollmentStanding): string {
  switch (e.status) {
    case 'confirmed':
      return '报名成功'
    case 'waitlisted':
      return e.waitlistPosition ? `候补第 ${e.waitlistPosition} 位` : '候补中'
    case 'offered':
      return e.offerExpiresAt ? `待确认（${formatCstDateTime(new Date(e.offerExpiresAt))} 前）` : '待确认'
    case 'cancelled':
      return '已取消'
    case 'expired':
      return '已过期'
  }
}

/** Still ahead for the family: an active enrollment (confirmed, waitlisted or offered) of an activity not yet over. */
export function isUpcomingEnrollment(e: { status: EnrollmentStanding['status']; activity: { endsAt: string } }, now: Date): boolean {
  return (e.status === 'confirmed' || e.status === 'waitlisted' || e.status === 'offered') && new Date(e.activity.endsAt) > now
}

// ───────────────────────── the station's side: schedules and registration times ─────────────────────────

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

export interface SessionInput {
  startsAt: string
  endsAt: string
}

/**
 * The sessions of a weekly course: `weeks` sessions, the first on `firstDate`,
 * each from `startTime` to `endTime` (CST), 7 days apart. A single activity is
 * a course of one week.
 */
export function weeklySessions(firstDate: string, startTime: string, endTime: string, weeks: number): SessionInput[] {
  const start = Date.parse(cstToIso(firstDate, startTime))
  const end = Date.parse(cstToIso(firstDate, endTime))
  return Array.from({ length: Math.max(0, Math.floor(weeks)) }, (_, i) => ({
    startsAt: new Date(start + i * WEEK_MS).toISOString(),
    endsAt: new Date(end + i * WEEK_MS).toISOString(),
  }))
}

export interface WeeklyPattern {
  firstDate: string
  startTime: string
  endTime: string
  weeks: number
}

/** The weekly pattern these sessions follow (same clock times, 7 days apart), or null when they follow none. */
export function weeklyPattern(sessions: readonly SessionInput[]): WeeklyPattern | null {
  if (sessions.length === 0) return null
  const first = sessions[0]!
  const start = isoToCst(first.startsAt)
  const end = isoToCst(first.endsAt)
  if (end.date !== start.date) return null
  const pattern = { firstDate: start.date, startTime: start.time, endTime: end.time, weeks: sessions.length }
  const expected = weeklySessions(pattern.firstDate, pattern.startTime, pattern.endTime, pattern.weeks)
  const same = expected.every(
    (e, i) => Date.parse(e.startsAt) === Date.parse(sessions[i]!.startsAt) && Date.parse(e.endsAt) === Date.parse(sessions[i]!.endsAt),
  )
  return same ? pattern : null
}

export interface RegistrationTimes {
  opensAt: string
  closesAt: string
  cancelDeadline: string
}

/**
 * Registration times a station would usually pick for an activity starting at
 * `firstStart`: registration opens now (to the minute), and both registration
 * and cancellation close at 18:00 the day before; when that is already past
 * (an activity tomorrow morning published tonight), one hour before the start.
 */
export function defaultRegistrationTimes(firstStart: string, now: Date): RegistrationTimes {
  const opens = new Date(Math.floor(now.getTime() / 60_000) * 60_000)
  const startMs = Date.parse(firstStart)
  const dayBefore = isoToCst(new Date(startMs - DAY_MS)).date
  let closes = Date.parse(cstToIso(dayBefore, '18:00'))
  if (closes <= opens.getTime()) closes = startMs - 3600_000
  if (closes <= opens.getTime()) closes = startMs
  const iso = new Date(closes).toISOString()
  return { opensAt: opens.toISOString(), closesAt: iso, cancelDeadline: iso }
}

/**
 * What is wrong with an activity's times, field by field, in the words the
 * server uses (it checks the same rules): sessions end after they start and do
 * not overlap, registration closes after it opens and no later than the first
 * session, cancellation closes no later than the first session.
 */
export function activityTimeErrors(
  a: RegistrationTimes & { sessions: readonly SessionInput[] },
): Partial<Record<'sessions' | 'closesAt' | 'cancelDeadline', string>> {
  const errors: Partial<Record<'sessions' | 'closesAt' | 'cancelDeadline', string>> = {}
  if (a.sessions.length === 0) return { sessions: '请安排活动时间' }
  const sessions = [...a.sessions].sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt))
  if (sessions.some((s) => Date.parse(s.endsAt) <= Date.parse(s.startsAt))) errors.sessions = '结束时间必须晚于开始时间'
  else if (sessions.some((s, i) => i > 0 && Date.parse(s.startsAt) < Date.parse(sessions[i - 1]!.endsAt)))
    errors.sessions = '各次活动的时间不能重叠'
  const first = Date.parse(sessions[0]!.startsAt)
  if (Date.parse(a.closesAt) <= Date.parse(a.opensAt)) errors.closesAt = '报名截止时间必须晚于开放时间'
  else if (Date.parse(a.closesAt) > first) errors.closesAt = '报名截止时间不能晚于活动开始时间'
  if (Date.parse(a.cancelDeadline) > first) errors.cancelDeadline = '取消截止时间不能晚于活动开始时间'
  return errors
}

/** The session a check-in is for by default (the server and the roster page both use it): today's, else the next one, else the last. */
export function currentSession<S extends { startsAt: string; endsAt: string }>(sessions: readonly S[], now: Date): S | null {
  const today = cstDate(now)
  return (
    sessions.find((s) => cstDate(new Date(s.startsAt)) === today) ??
    sessions.find((s) => new Date(s.endsAt) > now) ??
    sessions[sessions.length - 1] ??
    null
  )
}

// ───────────────────────── refusals, for the server ─────────────────────────

/**
 * An activity as the station publishes or edits it, checked beyond its schema:
 * the ages in order and the time rules of activityTimeErrors. The refusal
 * names the body's field (`minAge`, `sessions`, `closesAt`, `cancelDeadline`).
 */
export function activityRefusal(
  a: { minAge?: number | null; maxAge?: number | null } & RegistrationTimes & { sessions: readonly SessionInput[] },
): Refusal | null {
  if (a.minAge != null && a.maxAge != null && a.minAge > a.maxAge) return fieldInvalid('minAge', '最小年龄不能大于最大年龄')
  const errors = activityTimeErrors(a)
  for (const field of ['sessions', 'closesAt', 'cancelDeadline'] as const) {
    const message = errors[field]
    if (message) return fieldInvalid(field, message)
  }
  return null
}

/** Capacity may not drop below the seats already held. */
export function capacityRefusal(capacity: number, taken: number): Refusal | null {
  return capacity < taken ? refusal('ACTIVITY_FULL', `已有 ${taken} 人报名成功，名额不能少于 ${taken}`, 'capacity') : null
}

/** Registration is not open now (not yet, closed, over, cancelled): why, as a refusal; null while it is open. */
export function registrationClosed(a: RegistrationWindow, now: Date): Refusal | null {
  const closed = registrationRefusal(a, now)
  return closed ? refusal('REGISTRATION_CLOSED', closed) : null
}

/**
 * Whether a participant meets the activity's age range (their age on its
 * first day); the refusal names `birthDate` when 本人 did not give one.
 */
export function eligibilityRefusal(
  a: AgeRange & { startsAt: Date },
  participant: { name: string; birthDate: string | null; isSelf: boolean },
): Refusal | null {
  const age = participant.birthDate ? ageOn(participant.birthDate, cstDate(a.startsAt)) : null
  const problem = ageRefusal(a, age, participant.isSelf ? '您' : participant.name)
  if (!problem) return null
  return refusal('NOT_ELIGIBLE', problem, age === null && participant.isSelf ? 'birthDate' : undefined)
}

/**
 * A family member as the resident adds or edits it: a real birth date, a
 * name, and — for a child under 14 — the guardian's consent to the current
 * children's privacy notice (`given` in this call, or `stored` from before).
 */
export function familyMemberRefusal(
  m: { name: string; birthDate: string },
  consent: { given: string | undefined; stored: string | null },
  today: string,
): Refusal | null {
  const birthProblem = checkBirthDate(m.birthDate, today)
  if (birthProblem) return fieldInvalid('birthDate', birthProblem)
  if (!m.name.trim()) return fieldInvalid('name', '请填写家人的姓名')
  if (!isChildAge(ageOn(m.birthDate, today))) return null
  if (consent.given === undefined) {
    return consent.stored === CHILD_NOTICE_VERSION
      ? null
      : fieldInvalid('childNoticeVersion', '添加未满 14 周岁的孩子，需要您作为监护人阅读并同意《儿童个人信息保护规则》')
  }
  return consent.given === CHILD_NOTICE_VERSION
    ? null
    : refusal('CONSENT_OUTDATED', '《儿童个人信息保护规则》已更新，请阅读最新版本后再同意', 'childNoticeVersion')
}

/** A resident manages at most LIMITS.familyMembers family members. */
export function familySizeRefusal(count: number): Refusal | null {
  return count >= LIMITS.familyMembers ? refusal('CONFLICT', `最多可以添加 ${LIMITS.familyMembers} 位家人`) : null
}
