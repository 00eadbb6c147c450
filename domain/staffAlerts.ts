/**
 * Notifications for staff (issue 16, item 7): which timeline entry puts a
 * request in front of whom, and when the message may go.
 *
 * - A request that enters a station's queue (submitted there, transferred or
 *   escalated to it, back in it after 未解决 or a worker who left) alerts the
 *   station's opted-in workers — or only its assignee, when it has one.
 * - A request assigned to a worker alerts that worker (not when they took it
 *   themselves).
 * - A request still waiting close to its response target alerts the same
 *   people once (the job in server/jobs.ts).
 *
 * Urgent requests go at once, day or night; the others wait for the working
 * day (08:00–20:00 China time), so nobody's phone rings at 3 a.m. for a
 * question about 助餐.
 */
import type { RequestEventType, RequestStatus, Urgency } from '../contract/requests'
import { cstMinutesOfDay, startOfNextCstDay } from './chinaTime'

export type StaffAlertKind = 'new' | 'transferred' | 'escalated' | 'reopened' | 'assigned' | 'near_target'

/** What the worker reads in the subscribe message (WeChat's phrase field: at most 5 characters). */
export const STAFF_ALERT_LABELS: Record<StaffAlertKind, string> = {
  new: '新求助',
  transferred: '转入求助',
  escalated: '升级求助',
  reopened: '重新待办',
  assigned: '分派给您',
  near_target: '即将超时',
}

/** Whom an alert goes to: a station's opted-in workers, or one worker. */
export type StaffAlertAudience = { stationId: string } | { userId: string }

export interface StaffAlert {
  kind: StaffAlertKind
  to: StaffAlertAudience
}

/** The request as it is after the change. */
export interface AlertedRequest {
  stationId: string
  status: RequestStatus
  assigneeId: string | null
}

interface AlertingEvent {
  type: RequestEventType
  actorId: string | null
  toStationId: string | null
}

/** Its assignee when it has one (and did not act themselves), else the station. */
function queueAudience(r: AlertedRequest, actorId: string | null): StaffAlertAudience | null {
  if (r.assigneeId) return r.assigneeId === actorId ? null : { userId: r.assigneeId }
  return { stationId: r.stationId }
}

/** The alert a timeline entry raises, or null (replies, notes, acceptance, resolution…). */
/** The timeline entries that can alert staff (staffAlertFor decides whether one does); the others never load the request. */
export const ALERTING_EVENTS: ReadonlySet<string> = new Set(['submitted', 'transferred', 'escalated', 'reopened', 'assigned'])

export function staffAlertFor(event: AlertingEvent, r: AlertedRequest): StaffAlert | null {
  const waiting = r.status === 'submitted'
  switch (event.type) {
    case 'submitted':
      return { kind: 'new', to: { stationId: r.stationId } }
    case 'transferred':
    case 'escalated':
      return waiting ? { kind: event.type, to: { stationId: event.toStationId ?? r.stationId } } : null
    case 'reopened': {
      const to = queueAudience(r, event.actorId)
      return to ? { kind: 'reopened', to } : null
    }
    case 'assigned':
      return r.assigneeId && r.assigneeId !== event.actorId ? { kind: 'assigned', to: { userId: r.assigneeId } } : null
    default:
      return null
  }
}

/** The alert of a request still waiting near its target (the job), or null when nobody waits on it. */
export function nearTargetAlert(r: AlertedRequest): StaffAlert | null {
  if (r.status !== 'submitted') return null
  return { kind: 'near_target', to: queueAudience(r, null)! }
}

/** How long before its response target a waiting request alerts: 30 minutes when urgent, 2 hours otherwise. */
export const NEAR_TARGET_LEAD_MINUTES: Record<Urgency, number> = { urgent: 30, normal: 120 }

/** Working hours for alerts of requests that are not urgent, China time, in minutes of the day. */
export const ALERT_DAY = { from: 8 * 60, until: 20 * 60 }

/** When an alert may go: urgent at once; the others at once during the day, else at 08:00 China time. */
export function alertSendAt(urgency: Urgency, now: Date): Date {
  if (urgency === 'urgent') return now
  const minutes = cstMinutesOfDay(now)
  if (minutes >= ALERT_DAY.from && minutes < ALERT_DAY.until) return now
  const midnight = minutes < ALERT_DAY.from ? startOfNextCstDay(now.getTime()) - 24 * 3600_000 : startOfNextCstDay(now.getTime())
  return new Date(midnight + ALERT_DAY.from * 60_000)
}

/** alertKey's part before the occasion (SQL appends the occasion and each worker to it). */
export const alertKeyPrefix = (requestId: string) => `staff:${requestId}:`

/** The key that makes an alert once per worker and event: `staff:<request>:<what>:<worker>`. */
export function alertKey(requestId: string, occasion: string, userId: string): string {
  return `${alertKeyPrefix(requestId)}${occasion}:${userId}`
}
