/**
 * Activity rules, pure: ages, the registration window, who may enroll, and the
 * words residents see. Times are China Standard Time (UTC+8, no DST).
 */
import { CHILD_AGE_LIMIT } from '../contract/activities'

const CST_OFFSET_MS = 8 * 3600_000

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function cstDate(t: Date): string {
  return new Date(t.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/** "11月25日 09:00" in China Standard Time. */
export function formatCstDateTime(t: Date): string {
  const d = new Date(t.getTime() + CST_OFFSET_MS)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`
}

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

/** Why registration is refused now, in words; null while it is open. */
export function registrationRefusal(a: RegistrationWindow, now: Date): string | null {
  switch (registrationState(a, now)) {
    case 'open':
      return null
    case 'upcoming':
      return `报名尚未开始，将于 ${formatCstDateTime(a.opensAt)} 开放报名`
    case 'closed':
      return '报名已截止'
    case 'ended':
      return '活动已结束'
    case 'cancelled':
      return '活动已取消'
  }
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

/**
 * Whether a participant of this age may join (age on the activity's first
 * day). null = fine; otherwise the reason in words.
 */
export function ageRefusal(r: AgeRange, age: number | null, name: string): string | null {
  if (r.minAge === null && r.maxAge === null) return null
  if (age === null) return `这个活动面向 ${formatAgeRange(r)}，请填写出生日期`
  if ((r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge)) {
    return `这个活动面向 ${formatAgeRange(r)}，${name}活动时 ${age} 岁，不符合年龄要求`
  }
  return null
}

/** Seats left, or how the waitlist reads on a card. */
export function seatsLabel(seatsLeft: number, waitlistCount: number): string {
  if (seatsLeft > 0) return `余 ${seatsLeft} 个名额`
  return waitlistCount > 0 ? `名额已满 · ${waitlistCount} 人候补` : '名额已满 · 可候补'
}

/** Whether an activity checks a course: more than one session. */
export function formatSchedule(sessionCount: number, startsAt: Date, endsAt: Date): string {
  const start = formatCstDateTime(startsAt)
  if (sessionCount > 1) return `${start} 起，共 ${sessionCount} 次课`
  const endClock = formatCstDateTime(endsAt).split(' ')[1]
  return `${start}–${endClock}`
}
