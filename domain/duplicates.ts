/**
 * Duplicates (issue 16), pure: which requests may be the same one
 * (「可能重复」), and what merging a duplicate into its original or linking two
 * related requests does — or why it is refused. Phones arrive here as blind
 * indexes (opaque keys, server/services/blindIndex.ts), never in plain text:
 * equal keys mean equal phones.
 */
import type { RequestStatus } from '../contract/requests'
import { decided, refusal, refused, type Decided } from './refusal'
import { entry, OPEN_STATUSES, statusNotice, type RequestChange, type RequestState, type TimelineEntry } from './requests'

/** How far apart two requests may be submitted and still be flagged. */
export const DUPLICATE_WINDOW_DAYS = 30
/**
 * How many possible duplicates of one request are read and listed, newest first: in the queue, where a card
 * shows three and says how many more (「至少还有 7 条」 once the bound is reached), and on the request's page.
 */
export const DUPLICATES_LISTED = { queue: 10, request: 50 } as const
const WINDOW_MS = DUPLICATE_WINDOW_DAYS * 24 * 60 * 60 * 1000

/** What the rule reads of a request. */
export interface DuplicateSubject {
  id: string
  createdAt: Date
  /** Blind index of the submitter's phone; null when there is none (purged). */
  phoneKey: string | null
  /** Blind index of the helped person's name and phone; null without both. */
  helpedKey: string | null
  /** Set once it was merged into another request. */
  mergedIntoId: string | null
}

export interface DuplicateCandidate extends DuplicateSubject {
  number: string
  status: RequestStatus
}

/** Why two requests look like one: the same phone, or the same helped person (name and phone). */
export type DuplicateReason = 'phone' | 'helped'

export interface DuplicateMatch {
  id: string
  number: string
  status: RequestStatus
  createdAt: Date
  reasons: DuplicateReason[]
}

/** The reasons two requests look like one, or none. */
export function duplicateReasons(a: Omit<DuplicateSubject, 'id'>, b: Omit<DuplicateSubject, 'id'>): DuplicateReason[] {
  if (Math.abs(a.createdAt.getTime() - b.createdAt.getTime()) > WINDOW_MS) return []
  const reasons: DuplicateReason[] = []
  if (a.phoneKey && a.phoneKey === b.phoneKey) reasons.push('phone')
  if (a.helpedKey && a.helpedKey === b.helpedKey) reasons.push('helped')
  return reasons
}

/**
 * 「可能重复」: the other requests submitted within 30 days of `subject` from the
 * same phone, or for the same helped person; newest first. Not flagged: the
 * request itself, requests already merged (into anything), those merged into
 * this one, and requests a worker has linked to it as related (they were
 * looked at and are not the same). A merged request flags nothing.
 */
export function possibleDuplicates(
  subject: DuplicateSubject,
  candidates: readonly DuplicateCandidate[],
  linkedIds: ReadonlySet<string> = new Set(),
): DuplicateMatch[] {
  if (subject.mergedIntoId) return []
  const seen = new Set<string>()
  const out: DuplicateMatch[] = []
  for (const other of candidates) {
    if (other.id === subject.id || other.mergedIntoId || linkedIds.has(other.id) || seen.has(other.id)) continue
    const reasons = duplicateReasons(subject, other)
    if (reasons.length === 0) continue
    seen.add(other.id)
    out.push({ id: other.id, number: other.number, status: other.status, createdAt: other.createdAt, reasons })
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
}

/** What the merge reads of each request, besides its lifecycle state. */
export interface MergeParty extends RequestState {
  description: string
  mergedIntoId: string | null
}

/** What merging decides: the duplicate closes, pointing to the original; the original gains the duplicate's words. */
export interface MergeDecision {
  duplicate: RequestChange
  original: RequestChange
}

const isOpen = (status: RequestStatus) => OPEN_STATUSES.includes(status)

/**
 * Merging `dup` into `into` (both loaded and locked, both in the worker's
 * sight). Refused: into itself (SAME_REQUEST), a duplicate that is already
 * closed (REQUEST_STATE), an original that is closed or merged
 * (MERGE_TARGET_CLOSED), and an original that points back to the duplicate
 * (MERGE_CYCLE). The duplicate's submitter sees the original's number; the
 * original's timeline gains the duplicate's description — for staff only
 * when the two were submitted by different people (one resident never reads
 * another's words) — and both submitters are told.
 */
export function mergeDecision(
  dup: MergeParty,
  into: MergeParty,
  actor: { id: string; stationId: string },
  note: string,
  now: Date,
): Decided<MergeDecision> {
  if (dup.id === into.id) return refused(refusal('SAME_REQUEST', '不能把求助合并到它自己', 'intoId'))
  if (into.mergedIntoId === dup.id) return refused(refusal('MERGE_CYCLE', `求助 ${into.number} 已合并到这条求助，不能再反向合并`, 'intoId'))
  if (!isOpen(dup.status) || dup.mergedIntoId) return refused(refusal('REQUEST_STATE', '这条求助已关闭，不能再合并'))
  if (!isOpen(into.status) || into.mergedIntoId)
    return refused(refusal('MERGE_TARGET_CLOSED', `求助 ${into.number} 已关闭，请合并到仍在处理的求助`, 'intoId'))
  const said = note.trim()
  const at = { actorId: actor.id, at: now }
  const sameSubmitter = !!dup.userId && dup.userId === into.userId
  const dupEvent: TimelineEntry = entry({
    type: 'merged',
    ...at,
    stationId: dup.stationId,
    body: `与求助 ${into.number} 是同一件事，已合并，社工会在那条求助中继续跟进${said ? `。${said}` : ''}`,
  })
  const intoEvent: TimelineEntry = entry({
    type: 'merged',
    ...at,
    stationId: into.stationId,
    internal: !sameSubmitter,
    body: `求助 ${dup.number} 已合并到这条求助。其描述：${dup.description}${said ? `\n合并说明：${said}` : ''}`,
  })
  return decided({
    duplicate: {
      set: { status: 'cancelled', updatedAt: now },
      event: dupEvent,
      notices: statusNotice(dup, '已合并', `并入${into.number}继续跟进`),
    },
    original: {
      set: { updatedAt: now },
      event: intoEvent,
      notices: statusNotice(into, '已合并', `${dup.number}已并入本条`),
    },
  })
}

/** Linking (or unlinking) two related requests: refused for the request itself; an internal entry on both. */
export function linkDecision(
  a: Pick<RequestState, 'id' | 'number' | 'stationId'>,
  b: Pick<RequestState, 'id' | 'number' | 'stationId'>,
  actorId: string,
  linked: boolean,
  now: Date,
): Decided<{ a: TimelineEntry; b: TimelineEntry }> {
  if (a.id === b.id) return refused(refusal('SAME_REQUEST', '不能把求助与它自己关联', 'otherId'))
  const say = (other: string) => (linked ? `关联了相关求助 ${other}` : `取消了与求助 ${other} 的关联`)
  const one = (r: typeof a, other: typeof b) =>
    entry({ type: 'linked', actorId, stationId: r.stationId, body: say(other.number), internal: true, at: now })
  return decided({ a: one(a, b), b: one(b, a) })
}
