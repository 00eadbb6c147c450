/**
 * Response targets: how long a station has to accept a request before it
 * escalates to the parent station's queue. Urgent: 2 hours; normal: one
 * working day (Monday–Friday, China Standard Time). Configurable per category.
 */
import type { ServiceCategory } from '../contract/enums'
import type { Urgency } from '../contract/requests'
import { cstWeekday, startOfNextCstDay } from './chinaTime'

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

/** When a request received at `from` must have been accepted. */
export function responseDueAt(from: Date, target: ResponseTarget): Date {
  if (target.minutes !== undefined) return new Date(from.getTime() + target.minutes * 60_000)
  let t = from.getTime()
  // A request that arrives at the weekend counts from Monday 00:00.
  while (cstWeekday(t) > 5) t = startOfNextCstDay(t)
  let days = target.workingDays ?? 1
  while (days > 0) {
    t += 24 * 3600_000
    if (cstWeekday(t) <= 5) days--
  }
  return new Date(t)
}

export function describeTarget(target: ResponseTarget): string {
  if (target.minutes !== undefined) return target.minutes % 60 === 0 ? `${target.minutes / 60} 小时内` : `${target.minutes} 分钟内`
  return `${target.workingDays ?? 1} 个工作日内`
}
