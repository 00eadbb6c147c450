/**
 * Response targets: how long a station has to accept a request before it
 * escalates to the parent station's queue. Urgent: 2 hours; normal: one
 * working day (China's calendar: Monday–Friday, less public holidays, plus
 * 调休 weekend days). Configurable per category.
 */
import type { ServiceCategory } from '../contract/enums'
import type { Urgency } from '../contract/requests'
import { addWorkingDays, type WorkCalendar } from './calendar'

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
