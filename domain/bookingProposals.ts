/**
 * Booking from a help request (预约服务): the station proposes 1–3 times, the
 * resident picks one. Pure rules: which times may be proposed, until when a
 * proposal stays open, how it reads now, and whether a pick may be made.
 * The places themselves are counted under the service's row lock (server).
 */
import { PROPOSAL_TIMES_MAX, PROPOSAL_VALID_HOURS, type ProposalStatus, type ProposalTimeState } from '../contract/bookings'
import { formatCstDateTime } from './chinaTime'
import { fieldInvalid, refusal, type Refusal } from './refusal'

const HOUR = 3600_000

/** The request statuses in which the station may propose times and the resident may pick one. */
const OPEN_REQUEST = ['submitted', 'accepted', 'in_progress']

/** The proposal's own checks of its times: 1–3, all different, all still to come. */
export function proposalTimesRefusal(times: readonly Date[], now: Date): Refusal | null {
  if (times.length < 1 || times.length > PROPOSAL_TIMES_MAX) return fieldInvalid('times', `请提议 1 到 ${PROPOSAL_TIMES_MAX} 个时间`)
  if (new Set(times.map((t) => t.getTime())).size !== times.length) return fieldInvalid('times', '提议的时间有重复')
  const past = times.find((t) => t.getTime() <= now.getTime())
  if (past) return fieldInvalid('times', `${formatCstDateTime(past)} 已经过去，请提议以后的时间`)
  return null
}

/** Why the request takes no proposal (or pick) now, or null. */
export function requestProposalRefusal(status: string): Refusal | null {
  if (OPEN_REQUEST.includes(status)) return null
  return refusal('BOOKING_STATE', status === 'cancelled' ? '这条求助已取消，不能再约时间' : '这条求助已办结，不能再约时间')
}

/** Open for PROPOSAL_VALID_HOURS, or until its last time begins if that is sooner. */
export function proposalExpiry(createdAt: Date, times: readonly Date[]): Date {
  const last = Math.max(...times.map((t) => t.getTime()))
  return new Date(Math.min(createdAt.getTime() + PROPOSAL_VALID_HOURS * HOUR, last))
}

/** The status as the resident reads it now: an open proposal past its expiry is 'expired'. */
export function proposalStatusAt(p: { status: 'open' | 'chosen' | 'withdrawn'; expiresAt: Date }, now: Date): ProposalStatus {
  return p.status === 'open' && now.getTime() >= p.expiresAt.getTime() ? 'expired' : p.status
}

/** A proposed time now: gone by, taken meanwhile (or no longer to be had: its worker on leave), or free. */
export function proposalTimeState(startsAt: Date, free: boolean, now: Date): ProposalTimeState {
  if (startsAt.getTime() <= now.getTime()) return 'past'
  return free ? 'free' : 'full'
}

/**
 * Why this pick cannot be made (the proposal chosen already, replaced, expired,
 * or a time it did not offer), or null. Whether the time is still free is
 * decided under the service's lock.
 */
export function chooseRefusal(
  p: { status: 'open' | 'chosen' | 'withdrawn'; expiresAt: Date; times: readonly Date[] },
  startsAt: Date,
  now: Date,
): Refusal | null {
  const status = proposalStatusAt(p, now)
  if (status === 'chosen') return refusal('BOOKING_STATE', '这次提议已经选定了时间，请在“我的预约”中查看')
  if (status === 'withdrawn') return refusal('BOOKING_STATE', '社工已经重新提议了时间，请从最新的提议中选择')
  if (status === 'expired') return refusal('BOOKING_STATE', '这次提议的时间已过期，请联系社工重新约时间')
  if (!p.times.some((t) => t.getTime() === startsAt.getTime())) return fieldInvalid('startsAt', '请从社工提议的时间中选择')
  if (startsAt.getTime() <= now.getTime()) return refusal('SLOT_UNAVAILABLE', '这个时间已经过去，请选择其他时间', 'startsAt')
  return null
}

/** 「入户探访：10月8日 14:00、10月9日 15:00」 — the timeline's words for a proposal. */
export function proposalText(serviceName: string, times: readonly Date[], note: string): string {
  const words = `${serviceName}：${times.map(formatCstDateTime).join('、')}，请在求助详情中选择一个时间`
  return note.trim() ? `${words}。${note.trim()}` : words
}
