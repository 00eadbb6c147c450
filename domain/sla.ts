/**
 * Response targets: how long a station has to accept a request before it
 * escalates to the parent station's queue. Urgent: 2 hours; normal: one
 * working day (China's calendar: Monday–Friday, less public holidays, plus
 * 调休 weekend days). Configurable per category.
 */
import type { ServiceCategory } from '../contract/enums'
import type { Urgency } from '../contract/requests'
import { addWorkingDays, type WorkCalendar } from './calendar'
import { addDays, cstDate, cstInstant } from './chinaTime'

export interface ResponseTarget {
  /** Minutes of wall-clock time, or working days. */
  minutes?: number
  workingDays?: number
}

export type ResponseTargets = Record<Urgency, ResponseTarget> & Partial<Record<`${ServiceCategory}:${Urgency}`, ResponseTarget>>

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  urgent: { minutes: 120 },
  normal: { workingDays: 1 },
}

export function targetFor(targets: ResponseTargets, category: ServiceCategory, urgency: Urgency): ResponseTarget {
  return targets[`${category}:${urgency}`] ?? targets[urgency]
}

/**
 * When a request received at `from` must have been accepted: wall-clock
 * minutes, or working days on China's calendar (holidays off, 调休 weekend
 * days on; see ./calendar).
 */
export function responseDueAt(from: Date, target: ResponseTarget, calendar: WorkCalendar): Date {
  if (target.minutes !== undefined) return new Date(from.getTime() + target.minutes * 60_000)
  return addWorkingDays(from, target.workingDays ?? 1, calendar)
}

export function describeTarget(target: ResponseTarget): string {
  if (target.minutes !== undefined) return target.minutes % 60 === 0 ? `${target.minutes / 60} 小时内` : `${target.minutes} 分钟内`
  return `${target.workingDays ?? 1} 个工作日内`
}

// ───────────────────────── two clocks: acceptance and resolution ─────────────────────────

/**
 * Resolution targets (办结时限), counted from submission the same way: urgent
 * in wall-clock time, normal in working days on China's calendar.
 */
export const DEFAULT_RESOLUTION_TARGETS: ResponseTargets = {
  urgent: { minutes: 24 * 60 },
  normal: { workingDays: 5 },
}

export type ClockKind = 'acceptance' | 'resolution'
export const CLOCK_LABELS: Record<ClockKind, string> = { acceptance: '受理', resolution: '办结' }

/** One clock as the workbench shows it. */
export interface ClockReading {
  kind: ClockKind
  dueAt: Date
  /** Stopped: accepted (acceptance) or resolved (resolution). */
  done: boolean
  /** Running past its target, or stopped after it. */
  overdue: boolean
  /** 「受理：剩 2 小时」, 「办结：剩 3 个工作日」, 「受理：已超时 3 小时」, 「受理：按时」, 「办结：超时」. */
  text: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** 「3 小时」, 「45 分钟」, 「2 天」 — a wall-clock span as a chip says it (rounded down, at least 1 minute). */
export function spanWords(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / MINUTE))} 分钟`
  if (ms < 48 * HOUR) return `${Math.floor(ms / HOUR)} 小时`
  return `${Math.floor(ms / (24 * HOUR))} 天`
}

/** Working days on China's calendar after `from`'s China date up to and including `to`'s. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  const last = cstDate(to)
  let count = 0
  for (let day = cstDate(addDays(cstInstant(cstDate(from)), 1)); day <= last; day = cstDate(addDays(cstInstant(day), 1))) {
    if (calendar.isWorkingDay(day)) count++
  }
  return count
}

/**
 * What is left before `dueAt`, in the target's own time: a wall-clock target
 * in hours and minutes; a working-day target in working days (holidays off,
 * 调休 weekend days on) once more than a day is left, else in hours.
 */
export function remainingWords(now: Date, dueAt: Date, target: ResponseTarget, calendar: WorkCalendar): string {
  const left = dueAt.getTime() - now.getTime()
  if (target.minutes !== undefined || left < 24 * HOUR) return `剩 ${spanWords(left)}`
  return `剩 ${Math.max(1, workingDaysBetween(now, dueAt, calendar))} 个工作日`
}

/**
 * A clock: running (剩… / 已超时…) until `doneAt`, then stopped (按时 / 超时).
 * Pure: the caller gives the moment, the due time and the calendar.
 */
export function readClock(
  kind: ClockKind,
  c: { dueAt: Date; doneAt: Date | null; now: Date; target: ResponseTarget; calendar: WorkCalendar },
): ClockReading {
  const label = CLOCK_LABELS[kind]
  if (c.doneAt) {
    const late = c.doneAt.getTime() > c.dueAt.getTime()
    return { kind, dueAt: c.dueAt, done: true, overdue: late, text: `${label}：${late ? '超时' : '按时'}` }
  }
  const late = c.now.getTime() > c.dueAt.getTime()
  return {
    kind,
    dueAt: c.dueAt,
    done: false,
    overdue: late,
    text: `${label}：${late ? `已超时 ${spanWords(c.now.getTime() - c.dueAt.getTime())}` : remainingWords(c.now, c.dueAt, c.target, c.calendar)}`,
  }
}
