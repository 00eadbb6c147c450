/**
 * The activity form, pure: its fields as typed, the form of a loaded activity,
 * the sessions and registration times it describes, what to fix before
 * saving, and where a refusal from the server goes.
 */
import { LIMITS } from '@contract/limits'
import type { ActivityBody, ActivityCategory, ActivityDetail, Audience } from '@contract/types'
import {
  activityTimeErrors,
  defaultRegistrationTimes,
  weeklyPattern,
  weeklySessions,
  type RegistrationTimes,
  type SessionInput,
} from '@domain/activities'
import { isoToCst } from '@domain/chinaTime'
import { describeError, type FieldMap } from '@/services/errors'

export type ScheduleMode = 'single' | 'weekly' | 'custom'
export type ErrorKey =
  | 'title'
  | 'project'
  | 'category'
  | 'audience'
  | 'age'
  | 'description'
  | 'bring'
  | 'place'
  | 'capacity'
  | 'date'
  | 'sessions'
  | 'weeks'
  | 'opensAt'
  | 'closesAt'
  | 'cancelDeadline'
  | 'confirmWithinHours'
  | 'form'
export type Errors = Partial<Record<ErrorKey, string>>

export interface ActivityForm {
  title: string
  project: string
  category: ActivityCategory | null
  audience: Audience | null
  minAge: string
  maxAge: string
  description: string
  bring: string
  place: string
  capacity: string
  mode: ScheduleMode
  date: string
  startTime: string
  endTime: string
  weeks: string
  /** The sessions as loaded when they follow no weekly pattern (kept unless the schedule is set again). */
  customSessions: SessionInput[]
  /** null: follow the defaults derived from the first session. */
  times: RegistrationTimes | null
  photoConsentRequired: boolean
  confirmRequired: boolean
  confirmWithinHours: string
}

export const EMPTY_FORM: ActivityForm = {
  title: '',
  project: '',
  category: null,
  audience: null,
  minAge: '',
  maxAge: '',
  description: '',
  bring: '',
  place: '',
  capacity: '',
  mode: 'single',
  date: '',
  startTime: '09:00',
  endTime: '10:30',
  weeks: '8',
  customSessions: [],
  times: null,
  photoConsentRequired: false,
  confirmRequired: false,
  confirmWithinHours: '24',
}

/** The errors a change of the schedule may settle. */
export const SCHEDULE_ERRORS: ErrorKey[] = ['date', 'weeks', 'sessions', 'closesAt', 'cancelDeadline']

/** The body's field paths, as the server names them in a refusal → the form's fields. */
export const ACTIVITY_FIELDS: FieldMap<Exclude<ErrorKey, 'form'>> = {
  title: 'title',
  project: 'project',
  category: 'category',
  audience: 'audience',
  minAge: 'age',
  maxAge: 'age',
  description: 'description',
  bring: 'bring',
  place: 'place',
  capacity: 'capacity',
  sessions: 'sessions',
  opensAt: 'opensAt',
  closesAt: 'closesAt',
  cancelDeadline: 'cancelDeadline',
  confirmWithinHours: 'confirmWithinHours',
}

export function formOf(a: ActivityDetail): ActivityForm {
  const sessions = a.sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt }))
  const pattern = weeklyPattern(sessions)
  return {
    title: a.title,
    project: a.project ?? '',
    category: a.category,
    audience: a.audience,
    minAge: a.minAge === null ? '' : String(a.minAge),
    maxAge: a.maxAge === null ? '' : String(a.maxAge),
    description: a.description,
    bring: a.bring,
    place: a.place,
    capacity: String(a.capacity),
    mode: !pattern ? 'custom' : pattern.weeks > 1 ? 'weekly' : 'single',
    date: pattern?.firstDate ?? isoToCst(a.startsAt).date,
    startTime: pattern?.startTime ?? isoToCst(a.startsAt).time,
    endTime: pattern?.endTime ?? isoToCst(sessions[0]?.endsAt ?? a.endsAt).time,
    weeks: String(pattern && pattern.weeks > 1 ? pattern.weeks : 8),
    customSessions: pattern ? [] : sessions,
    times: { opensAt: a.opensAt, closesAt: a.closesAt, cancelDeadline: a.cancelDeadline },
    photoConsentRequired: a.photoConsentRequired,
    confirmRequired: a.confirmWithinHours !== null,
    confirmWithinHours: String(a.confirmWithinHours ?? 24),
  }
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
/** 周一 … 周日 of a calendar date (YYYY-MM-DD). */
export const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]

/** How many digits a number field takes for numbers up to `max` (its maxlength). */
export const digitsOf = (max: number) => String(max).length

/** A whole number written in the field, or null (empty) / NaN (not a whole number). */
export function wholeNumber(s: string): number | null {
  const t = s.trim()
  if (!t) return null
  return /^\d+$/.test(t) ? Number(t) : NaN
}

const validWeeks = (weeks: number | null): weeks is number => weeks !== null && weeks >= 2 && weeks <= LIMITS.activitySessions

/** The sessions the form describes (none until a date is chosen, or while the number of weeks is wrong). */
export function sessionsOf(f: ActivityForm): SessionInput[] {
  if (f.mode === 'custom') return f.customSessions
  if (!f.date) return []
  if (f.mode === 'single') return weeklySessions(f.date, f.startTime, f.endTime, 1)
  const weeks = wholeNumber(f.weeks)
  return validWeeks(weeks) ? weeklySessions(f.date, f.startTime, f.endTime, weeks) : []
}

/** The registration times: as set, else the usual ones for the first session (null before it is known). */
export function registrationTimesOf(f: ActivityForm, sessions: SessionInput[], now: Date): RegistrationTimes | null {
  const first = sessions[0]
  return f.times ?? (first ? defaultRegistrationTimes(first.startsAt, now) : null)
}

/** What to fix before saving, field by field, and the body to send. */
export function validateActivity(f: ActivityForm, editing: boolean, now: Date): { body: ActivityBody; errors: Errors } {
  const e: Errors = {}
  const sessions = sessionsOf(f)
  const times = registrationTimesOf(f, sessions, now)
  if (!f.title.trim()) e.title = '请填写活动名称'
  else if (f.title.trim().length > LIMITS.activityTitle) e.title = `活动名称不能超过 ${LIMITS.activityTitle} 个字`
  if (f.project.trim().length > LIMITS.activityProject) e.project = `项目名称不能超过 ${LIMITS.activityProject} 个字`
  if (!f.category) e.category = '请选择活动类别'
  if (!f.audience) e.audience = '请选择面向人群'
  const minAge = wholeNumber(f.minAge)
  const maxAge = wholeNumber(f.maxAge)
  if (Number.isNaN(minAge) || Number.isNaN(maxAge)) e.age = '年龄请填写整数'
  else if ((minAge ?? 0) > LIMITS.age || (maxAge ?? 0) > LIMITS.age) e.age = `年龄不能超过 ${LIMITS.age} 岁`
  else if (minAge !== null && maxAge !== null && minAge > maxAge) e.age = '最小年龄不能大于最大年龄'
  if (!f.description.trim()) e.description = '请填写活动介绍'
  else if (f.description.length > LIMITS.activityDescription) e.description = `活动介绍请删减到 ${LIMITS.activityDescription} 字以内`
  if (!f.place.trim()) e.place = '请填写活动地点'
  const capacity = wholeNumber(f.capacity)
  if (capacity === null) e.capacity = '请填写名额'
  else if (Number.isNaN(capacity) || capacity < 1) e.capacity = '名额请填写大于 0 的整数'
  else if (capacity > LIMITS.activityCapacity) e.capacity = `名额不能超过 ${LIMITS.activityCapacity}`
  if (f.mode !== 'custom') {
    if (!f.date) e.date = f.mode === 'weekly' ? '请选择第一次课的日期' : '请选择活动日期'
    if (f.endTime <= f.startTime) e.sessions = '结束时间必须晚于开始时间'
    if (f.mode === 'weekly' && !validWeeks(wholeNumber(f.weeks))) e.weeks = `课程周数请填写 2 到 ${LIMITS.activitySessions} 之间的整数`
  }
  const first = sessions[0]
  if (!editing && first && Date.parse(first.startsAt) <= now.getTime()) e.sessions = '活动开始时间已经过去，请重新选择日期和时间'
  if (times && sessions.length > 0) {
    const t = activityTimeErrors({ ...times, sessions })
    if (t.sessions) e.sessions = t.sessions
    if (t.closesAt) e.closesAt = t.closesAt
    if (t.cancelDeadline) e.cancelDeadline = t.cancelDeadline
  }
  let confirmWithinHours: number | null = null
  if (f.confirmRequired) {
    const h = wholeNumber(f.confirmWithinHours)
    if (h === null || Number.isNaN(h) || h < 1 || h > LIMITS.activityConfirmHours)
      e.confirmWithinHours = `请填写 1 到 ${LIMITS.activityConfirmHours} 之间的小时数`
    else confirmWithinHours = h
  }
  const body: ActivityBody = {
    title: f.title.trim(),
    ...(f.project.trim() || editing ? { project: f.project.trim() } : {}),
    category: f.category ?? 'class',
    audience: f.audience ?? 'all',
    minAge: Number.isNaN(minAge) ? null : minAge,
    maxAge: Number.isNaN(maxAge) ? null : maxAge,
    description: f.description.trim(),
    bring: f.bring.trim(),
    place: f.place.trim(),
    capacity: capacity ?? 0,
    opensAt: times?.opensAt ?? '',
    closesAt: times?.closesAt ?? '',
    cancelDeadline: times?.cancelDeadline ?? '',
    sessions,
    photoConsentRequired: f.photoConsentRequired,
    confirmWithinHours,
  }
  return { body, errors: e }
}

/** A refusal to save: next to the field the server names (and said again above the button), else above the button. */
export function saveErrors(err: unknown): Errors {
  const { message, field } = describeError(err, ACTIVITY_FIELDS)
  return field ? { [field]: message, form: `未能保存：${message}` } : { form: message }
}
