/**
 * 回访 (follow-up calls): when a call scheduled on resolving falls due, what
 * an outcome must say, and what it does. Pure: no clock, no database.
 *
 * - A call is due at the start (China time) of the day N days after the
 *   resolution, so it is in the list for the whole of that day.
 * - Not reached: the call stays in the list, one attempt more, to be tried
 *   again later; nothing else may be said about a call nobody answered.
 * - Reached: 满意 or 不满意 must be said; the call is done and leaves the
 *   list. 还需要帮助 also sends the request back to its station's queue
 *   (domain/requests' reopenedOnFollowUp).
 * - Only a call whose request is still resolved can be recorded: a request
 *   reopened meanwhile (by the resident's 未解决, or by a worker) needs no call.
 */
import type { RequestStatus } from '../contract/requests'
import { addDays, cstDate, cstDayStart, startOfCstDay } from './chinaTime'
import { decided, fieldInvalid, refusal, refused, type Decided } from './refusal'

/** When a call scheduled `days` days after a resolution at `resolvedAt` falls due. */
export function followUpDueAt(resolvedAt: Date, days: number): Date {
  return startOfCstDay(addDays(resolvedAt, days))
}

export interface OutcomeInput {
  reached: boolean
  satisfied?: boolean
  needsMoreHelp?: boolean
  note?: string
}

export type Outcome = { reached: false; note: string } | { reached: true; satisfied: boolean; needsMoreHelp: boolean; note: string }

/** The outcome as the rules read it, or why it cannot be recorded (naming the field). */
export function checkOutcome(input: OutcomeInput): Decided<Outcome> {
  const note = (input.note ?? '').trim()
  if (!input.reached) {
    if (input.satisfied !== undefined) return refused(fieldInvalid('satisfied', '未接通时不能记录是否满意'))
    if (input.needsMoreHelp !== undefined) return refused(fieldInvalid('needsMoreHelp', '未接通时不能记录是否还需要帮助'))
    return decided({ reached: false, note })
  }
  if (input.satisfied === undefined) return refused(fieldInvalid('satisfied', '请选择居民是否满意'))
  return decided({ reached: true, satisfied: input.satisfied, needsMoreHelp: input.needsMoreHelp ?? false, note })
}

export interface FollowUpState {
  closed: boolean
  requestStatus: RequestStatus
  /** The request's resolution this call follows, and the request's current one. */
  resolution: number
  requestResolutions: number
  /** The request's personal fields were erased: nobody to call. */
  purged: boolean
}

/** Whether a call can still be recorded, or why not. */
export function outcomeRefusal(f: FollowUpState) {
  if (f.closed) return refusal('CONFLICT', '这次回访已经记录过结果')
  if (f.purged) return refusal('REQUEST_STATE', '这条求助的个人信息已清除，无法回访')
  if (f.requestStatus !== 'resolved' || f.resolution !== f.requestResolutions)
    return refusal('REQUEST_STATE', '这条求助已重新处理，不需要再回访')
  return null
}

/** 「已拨打 2 次未接通」 — said next to a call that was tried before. */
export function attemptsLabel(attempts: number): string {
  return attempts > 0 ? `已拨打 ${attempts} 次未接通` : ''
}

/**
 * When a call is due, as a chip says it: 「今天回访」, 「逾期 2 天」 (due on an
 * earlier day, still not reached), 「明天回访」, 「12月8日回访」.
 */
export function dueWords(dueAt: Date, now: Date): { text: string; tone: 'danger' | 'warn' | 'normal' } {
  const days = Math.round((cstDayStart(cstDate(dueAt)).getTime() - cstDayStart(cstDate(now)).getTime()) / 86_400_000)
  if (days < 0) return { text: `逾期 ${-days} 天`, tone: 'danger' }
  if (days === 0) return { text: '今天回访', tone: 'warn' }
  if (days === 1) return { text: '明天回访', tone: 'normal' }
  const [, m, d] = cstDate(dueAt).split('-').map(Number)
  return { text: `${m}月${d}日回访`, tone: 'normal' }
}
