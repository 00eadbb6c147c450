/**
 * Duplicates (issue 16): 「可能重复」 for the queue, the request page and counter
 * entry (matched through the blind indexes, never by opening phones), merging
 * a duplicate into its original, and linking related requests.
 */
import { SENSITIVE_CATEGORIES } from '../../contract/requests'
import type { DuplicateCheckBody, DuplicateRef, RelatedRef, RequestLookup, StaffActionResult } from '../../contract/types'
import {
  DUPLICATE_WINDOW_DAYS,
  DUPLICATES_LISTED,
  linkDecision,
  mergeDecision,
  possibleDuplicates,
  type DuplicateMatch,
  type MergeParty,
} from '../../domain/duplicates'
import { normalizePhone } from '../../domain/phone'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { fail, notFound, unwrap } from '../errors'
import {
  candidatesByIndex,
  candidatesOf,
  deleteLink,
  findByNumber,
  insertLink,
  linksOf,
  relatedInSight,
  setMergedInto,
  type CandidateRow,
  type Sight,
} from '../repositories/duplicates'
import { insertEvent, saveChange, scopeOf, stateOf, type RequestRow } from '../repositories/requests'
import { helpedIndex, helpedIndexes, phoneIndex, phoneIndexes } from '../services/blindIndex'
import { openForStaff, visibleRequest } from './requests'

const DAY_MS = 24 * 60 * 60 * 1000

export async function sightOf(db: Queryable, staff: Staff): Promise<Sight> {
  return { stationIds: await scopeOf(db, staff), ownStationId: staff.stationId, sensitive: SENSITIVE_CATEGORIES }
}

const subjectOf = (r: Pick<RequestRow, 'id' | 'created_at' | 'contact_phone_bidx' | 'helped_bidx' | 'merged_into_id'>) => ({
  id: r.id,
  createdAt: new Date(r.created_at),
  phoneKey: r.contact_phone_bidx,
  helpedKey: r.helped_bidx,
  mergedIntoId: r.merged_into_id,
})
const candidateOf = (c: CandidateRow) => ({ ...subjectOf(c), number: c.number, status: c.status })
/** A match as the API says it, with its station's name. */
const toRef =
  (stationOf: Map<string, string>) =>
  (m: DuplicateMatch): DuplicateRef => ({
    id: m.id,
    number: m.number,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    stationName: stationOf.get(m.id) ?? '',
    reasons: m.reasons,
  })

/** 「可能重复」 of each row (at most `listed` each, newest first), by the rule of domain/duplicates.ts, among the requests in the reader's sight. */
export async function duplicatesOf(
  db: Queryable,
  sight: Sight,
  rows: RequestRow[],
  listed: number = DUPLICATES_LISTED.request,
): Promise<Map<string, DuplicateRef[]>> {
  const withKeys = rows.filter((r) => (r.contact_phone_bidx || r.helped_bidx) && !r.merged_into_id)
  const ids = withKeys.map((r) => r.id)
  const [found, links] = await Promise.all([candidatesOf(db, ids, sight, DUPLICATE_WINDOW_DAYS, listed), linksOf(db, ids)])
  const byOf = new Map<string, CandidateRow[]>()
  for (const candidate of found) {
    const list = byOf.get(candidate.of_id!)
    if (list) list.push(candidate)
    else byOf.set(candidate.of_id!, [candidate])
  }
  const out = new Map<string, DuplicateRef[]>()
  for (const row of withKeys) {
    const candidates = byOf.get(row.id) ?? []
    const stationOf = new Map(candidates.map((c) => [c.id, c.station_name]))
    const matches = possibleDuplicates(subjectOf(row), candidates.map(candidateOf), links.get(row.id))
    out.set(row.id, matches.map(toRef(stationOf)))
  }
  return out
}

/** The related requests of one request, in sight. */
export async function relatedOf(db: Queryable, sight: Sight, id: string): Promise<RelatedRef[]> {
  return relatedInSight(db, id, sight)
}

/**
 * Counter entry, before submitting: the requests in sight from this phone (or
 * for this helped person) within the last 30 days. The typed-in values are
 * hashed under every configured key, so rows not yet re-indexed after a key
 * rotation are found too.
 */
export async function checkDuplicates(ctx: AppContext, staff: Staff, body: DuplicateCheckBody): Promise<{ items: DuplicateRef[] }> {
  const phone = normalizePhone(body.contactPhone)
  const helpedName = body.helped?.name ?? null
  const helpedPhone = body.helped?.phone ? normalizePhone(body.helped.phone) : null
  const keys = { phone: phoneIndexes(phone), helped: helpedIndexes(helpedName, helpedPhone) }
  const now = ctx.clock()
  const found = await candidatesByIndex(
    ctx.db,
    keys,
    await sightOf(ctx.db, staff),
    new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS),
  )
  // The typed-in request, as if submitted now; a row under an older key counts as the same value.
  const phoneKeys = new Set(keys.phone)
  const helpedKeys = new Set(keys.helped)
  const subject = {
    id: '',
    createdAt: now,
    phoneKey: phoneIndex(phone),
    helpedKey: helpedIndex(helpedName, helpedPhone),
    mergedIntoId: null,
  }
  const candidates = found.map((c) => ({
    ...candidateOf(c),
    phoneKey: c.contact_phone_bidx && phoneKeys.has(c.contact_phone_bidx) ? subject.phoneKey : null,
    helpedKey: c.helped_bidx && helpedKeys.has(c.helped_bidx) ? subject.helpedKey : null,
  }))
  const stationOf = new Map(found.map((c) => [c.id, c.station_name]))
  return {
    items: possibleDuplicates(subject, candidates).map(toRef(stationOf)),
  }
}

/** A request number typed in (合并到… / 关联…): found only in the worker's sight. */
export async function lookupRequest(ctx: AppContext, staff: Staff, number: string): Promise<RequestLookup> {
  const found = await findByNumber(ctx.db, number.trim().toUpperCase(), await sightOf(ctx.db, staff))
  if (!found) throw fail('NOT_FOUND', '没有找到这个编号的求助', 'number')
  return { id: found.id, number: found.number, status: found.status, stationName: found.station_name }
}

/** Both requests locked (in id order, so two merges of the same pair never wait on each other) and in sight. */
async function lockPair(tx: Queryable, staff: Staff, id: string, otherId: string): Promise<[RequestRow, RequestRow]> {
  const order = id < otherId ? [id, otherId] : [otherId, id]
  const rows = new Map<string, RequestRow>()
  for (const each of order) if (!rows.has(each)) rows.set(each, await visibleRequest(tx, staff, each, { forUpdate: true }))
  return [rows.get(id)!, rows.get(otherId)!]
}

const party = (r: RequestRow): MergeParty => ({ ...stateOf(r), description: r.description, mergedIntoId: r.merged_into_id })

/**
 * Merges request `id` (the duplicate) into `intoId` (the original), both in
 * the worker's sight: the duplicate closes pointing to the original, the
 * original's timeline gains the duplicate's words, both submitters are told
 * through the outbox. Answers the duplicate as the worker now sees it.
 */
export async function mergeRequest(ctx: AppContext, staff: Staff, id: string, intoId: string, note = ''): Promise<StaffActionResult> {
  await ctx.db.transaction(async (tx) => {
    const [dup, into] = await lockPair(tx, staff, id, intoId)
    const decision = unwrap(mergeDecision(party(dup), party(into), staff, note, ctx.clock()))
    await saveChange(tx, dup.id, decision.duplicate)
    await setMergedInto(tx, dup.id, into.id)
    await saveChange(tx, into.id, decision.original)
  })
  return { request: await openForStaff(ctx, staff, id), movedTo: null }
}

/** Links (or unlinks) two requests in sight as related (相关求助); linking twice changes nothing. */
export async function linkRequests(
  ctx: AppContext,
  staff: Staff,
  id: string,
  otherId: string,
  linked: boolean,
): Promise<StaffActionResult> {
  await ctx.db.transaction(async (tx) => {
    const [a, b] = await lockPair(tx, staff, id, otherId)
    const entries = unwrap(linkDecision(stateOf(a), stateOf(b), staff.id, linked, ctx.clock()))
    const changed = linked ? await insertLink(tx, a.id, b.id, staff.id, ctx.clock()) : await deleteLink(tx, a.id, b.id)
    if (!changed && !linked) throw notFound('这两条求助没有关联')
    if (!changed) return
    await insertEvent(tx, a.id, entries.a)
    await insertEvent(tx, b.id, entries.b)
  })
  return { request: await openForStaff(ctx, staff, id), movedTo: null }
}
