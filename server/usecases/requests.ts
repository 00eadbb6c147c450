/**
 * Help requests, end to end: load what a decision needs, ask the lifecycle
 * (domain/requests.ts), save what it decided — in one transaction — and read
 * the result back as the caller may see it. Refusals are thrown as they come
 * from the rules; server/errors.ts gives them their HTTP status.
 */
import { LIMITS } from '../../contract/limits'
import { SENSITIVE_CATEGORIES } from '../../contract/requests'
import type {
  CorrectRequestBody,
  CounterRequestBody,
  CreateRequestBody,
  HelpRequest,
  HelpRequestSummary,
  RequestEvent,
  StaffActionResult,
  StaffQueueQuery,
  StaffRequest,
  StaffRequestSummary,
} from '../../contract/types'
import { cstDate } from '../../domain/chinaTime'
import {
  accepted,
  checkCorrection,
  intake,
  NO_STATION_FOR_SERVICE,
  outOfSight,
  overdueEscalation,
  residentCancel,
  residentCorrection,
  residentMessage,
  returnedToQueue,
  staffAction,
  submitted,
  unresolvedByResident,
  type DecisionContext,
  type RequestChange,
  type StaffAction,
} from '../../domain/requests'
import { inferredArea, routeRequest } from '../../domain/routing'
import { canSee, type Staff } from '../../domain/staff'
import { claimOverCap } from '../../domain/assignment'
import { DUPLICATES_LISTED } from '../../domain/duplicates'
import { can, capabilityRefusal } from '../../domain/permissions'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { fail, forbidden, notFound, refuse, unwrap } from '../errors'
import {
  acceptedBy,
  accessLogOf,
  areaCentre,
  attachPhotos,
  insertEventOf,
  insertRequest,
  loadEvents,
  loadRequest,
  loadStation,
  movedFrom,
  stationOpen,
  hasUnassignedWaiting,
  nextWaiting,
  overdueRequests,
  personalDetailsOf,
  queueRows,
  recordStaffAccess,
  requestsOf,
  saveChange,
  scopeOf,
  stateOf,
  type RequestRow,
  type StationRow,
} from '../repositories/requests'
import {
  cityStationsIn,
  freshForRouting,
  heldForRouting,
  nearestLocalIn,
  nearestOfferingIn,
  openStationIn,
  type RoutingStations,
} from '../services/routingStations'
import { scheduleFollowUp } from './followups'
import { colleaguesOf } from '../repositories/workload'
import { toHelpRequest, toStaffRequest, toStaffSummary, toSummary } from '../views/requests'
import { duplicatesOf, relatedOf, sightOf } from './duplicates'

const decisionContext = (ctx: AppContext): DecisionContext => ({
  now: ctx.clock(),
  targets: ctx.targets,
  calendar: ctx.calendar,
  resolutionTargets: ctx.config.resolutionTargets,
})
const NOT_FOUND_MESSAGE = '没有找到这条求助'

// ───────────────────────── submission ─────────────────────────

export interface Submission {
  /** The new request's id when the caller chose it (kept with its Idempotency-Key before the insert). */
  id?: string
  userId: string | null
  channel: HelpRequest['channel']
  /** Checked by domain/requests' checkSubmission. */
  body: CreateRequestBody | (CounterRequestBody & { stationId: string })
  actorId: string | null
}

/**
 * Where a submission goes, decided on `stations` (held in memory, services/routingStations.ts): the chosen
 * station, else the stations of the resident's city by area, else the nearest offering the category.
 */
async function routeSubmission(tx: Queryable, submission: Submission, stations: RoutingStations) {
  const { body } = submission
  const rawArea = 'area' in body ? body.area : undefined
  const location = 'location' in body ? body.location : undefined
  // 为家人代办 with the helped person's place: that place decides, never the submitter's own position
  // (nor the station pre-filled as the one nearest to the submitter).
  const forHelped = body.requester === 'family' && !!rawArea?.city
  const stationSource = 'stationSource' in body ? (body.stationSource ?? 'chosen') : 'chosen'
  const stationId = forHelped && stationSource === 'nearest' ? undefined : body.stationId
  const chosen = stationId ? openStationIn(stations, stationId) : null
  if (stationId && !chosen) return null // not held here: maybe new (another instance), or closed
  const area = forHelped || rawArea?.street || !location ? rawArea : { ...inferredArea(nearestLocalIn(stations, location)), ...rawArea }
  if (submission.channel !== 'miniprogram') {
    const reason = chosen && `由「${chosen.name}」${submission.channel === 'phone' ? '电话' : '窗口'}登记受理`
    return { chosen, area, decision: chosen && { station: chosen, rule: 'chosen' as const, reason: reason! } }
  }
  // The nearest fallback is measured from the helped person's area, not from the submitter.
  const measuredFrom = forHelped ? ((await areaCentre(tx, rawArea!)) ?? undefined) : location
  const route = (candidates: StationRow[]) => {
    const routed = routeRequest({ category: body.category, chosen, chosenBy: stationSource, forHelped, area: area ?? {}, candidates })
    const station = routed && (routed.stationId === chosen?.id ? chosen : candidates.find((one) => one.id === routed.stationId)!)
    return routed && station && { station, rule: routed.rule, reason: routed.reason }
  }
  const ofCity = area?.city ? cityStationsIn(stations, area.city, measuredFrom) : []
  let decision = route(ofCity)
  // No station of the area offers it: the nearest one may be in another city.
  if ((!decision || decision.rule === 'nearest') && measuredFrom) {
    const byId = new Map<string, StationRow>(ofCity.map((station) => [station.id, station]))
    for (const near of nearestOfferingIn(stations, body.category, measuredFrom)) byId.set(near.id, near)
    decision = route([...byId.values()])
  }
  return { chosen, area, decision }
}

/**
 * Creates a request in the caller's transaction: routed to the right station
 * (from the app), or to the staff's own station (by phone or at the counter),
 * with its first timeline entry and the resident's notice. Returns it as its
 * submitter sees it, built from what was written (nothing is read back);
 * `actorName` is the name its first timeline entry shows.
 */
export async function submitRequest(
  ctx: AppContext,
  tx: Queryable,
  submission: Submission & { actorName: string | null },
): Promise<HelpRequest> {
  const { body } = submission
  const now = ctx.clock()
  const { urgency, emergency, dueAt } = intake(body, decisionContext(ctx))
  const helped = body.helped
  // Routed on the stations held in memory, then checked in the statement that locks the station against
  // closing until this transaction ends: when any station changed since they were read (station_writes moved:
  // a station closed, opened or edited anywhere), or none was found, the changes are read and it is routed again.
  const held = await heldForRouting(ctx, tx)
  let routed = await routeSubmission(tx, submission, held)
  const writes = routed?.decision ? await stationOpen(tx, routed.decision.station.id) : null
  if (!routed || writes === null || writes !== held.writes) {
    routed = await routeSubmission(tx, submission, await freshForRouting(ctx, tx))
    if (!routed) throw fail('NOT_FOUND', '没有找到您选择的社工站', 'stationId')
    if (routed.decision && (await stationOpen(tx, routed.decision.station.id)) === null) {
      throw fail('UNAVAILABLE', '社工站信息刚刚有变动，请稍后重新提交')
    }
  }
  const { chosen, area, decision } = routed
  if (!decision) throw refuse(NO_STATION_FOR_SERVICE)
  const created = await insertRequest(tx, {
    id: submission.id,
    numberPrefix: `QZ-${cstDate(now).replace(/-/g, '')}-`,
    userId: submission.userId,
    channel: submission.channel,
    station: decision.station,
    chosenStationId: chosen?.id ?? null,
    routingRule: decision.rule,
    routingReason: decision.reason,
    category: body.category,
    attributes: body.attributes ?? {},
    description: body.description.trim(),
    urgency,
    emergency,
    requester: body.requester,
    contactName: body.contactName.trim(),
    contactPhone: body.contactPhone,
    preferredTime: body.preferredTime ?? '',
    helped: helped
      ? {
          name: helped.name,
          relationship: helped.relationship,
          phone: helped.phone ?? null,
          address: helped.address ?? null,
          consent: helped.consent,
        }
      : null,
    area: area ?? {},
    address: body.address ?? '',
    location: ('location' in body ? body.location : undefined) ?? null,
    dueAt,
    at: now,
  })
  const photoIds = 'photoIds' in body ? (body.photoIds ?? []) : []
  if (photoIds.length > 0) {
    created.photo_ids = await attachPhotos(tx, created.id, photoIds, submission.userId)
    if (created.photo_ids.length !== new Set(photoIds).size) throw fail('PHOTO_EXPIRED', '有照片已失效，请重新上传', 'photoIds')
  }
  const first = submitted(
    { id: created.id, number: created.number, userId: submission.userId, stationId: created.station_id },
    submission.actorId,
    created.routing_reason,
    now,
  )
  const eventId = await insertEventOf(tx, created, first.event, first.notices)
  const event: RequestEvent = {
    id: eventId,
    type: first.event.type,
    body: first.event.body,
    actorName: submission.actorId ? submission.actorName : null,
    stationName: created.station_name,
    toStationName: null,
    internal: first.event.internal,
    createdAt: now.toISOString(),
  }
  return toHelpRequest(created, first.event.internal ? [] : [event], ctx)
}

/** submitRequest, for callers that read the request back themselves: returns its id. */
export async function createRequest(ctx: AppContext, tx: Queryable, submission: Submission): Promise<string> {
  return (await submitRequest(ctx, tx, { ...submission, actorName: null })).id
}

/** A request taken by phone or at the counter joins the staff's own station's queue and timeline. */
export async function createCounterRequest(ctx: AppContext, staff: Staff, body: CounterRequestBody): Promise<HelpRequest> {
  const id = await ctx.db.transaction((tx) =>
    createRequest(ctx, tx, { userId: null, channel: body.channel, body: { ...body, stationId: staff.stationId }, actorId: staff.id }),
  )
  return (await getRequest(ctx, ctx.db, id, { internal: false }))!
}

// ───────────────────────── the resident ─────────────────────────

/** Any request as its submitter sees it (the jobs and the tests read it this way). */
export async function getRequest(ctx: AppContext, db: Queryable, id: string, opts: { internal: boolean }): Promise<HelpRequest | null> {
  const row = await loadRequest(db, id)
  return row ? toHelpRequest(row, await loadEvents(db, id, opts), ctx) : null
}

/** The resident's own request, or null (someone else's request is "not found", never "forbidden"). */
export async function getOwnRequest(ctx: AppContext, db: Queryable, id: string, userId: string): Promise<HelpRequest | null> {
  const row = await loadRequest(db, id)
  if (!row || row.user_id !== userId) return null
  return toHelpRequest(row, await loadEvents(db, id, { internal: false }), ctx)
}

export async function requireOwnRequest(ctx: AppContext, id: string, userId: string): Promise<HelpRequest> {
  const r = await getOwnRequest(ctx, ctx.db, id, userId)
  if (!r) throw notFound(NOT_FOUND_MESSAGE)
  return r
}

export async function listOwnRequests(ctx: AppContext, userId: string): Promise<HelpRequestSummary[]> {
  return (await requestsOf(ctx.db, userId)).map(toSummary)
}

/** The resident's own request, locked for a change (someone else's: not found). */
export async function lockOwnRequest(tx: Queryable, id: string, userId: string): Promise<RequestRow> {
  const row = await loadRequest(tx, id, { forUpdate: true })
  if (!row || row.user_id !== userId) throw notFound(NOT_FOUND_MESSAGE)
  return row
}

/** Loads the resident's request, decides, saves — one transaction — and returns the request as they now see it. */
async function residentChange(
  ctx: AppContext,
  id: string,
  userId: string,
  decide: (row: RequestRow, now: Date) => RequestChange | null,
): Promise<HelpRequest> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockOwnRequest(tx, id, userId)
    const change = decide(row, ctx.clock())
    if (change) await saveChange(tx, id, change)
  })
  return requireOwnRequest(ctx, id, userId)
}

export const addResidentMessage = (ctx: AppContext, id: string, userId: string, body: string) =>
  residentChange(ctx, id, userId, (row, now) => unwrap(residentMessage(stateOf(row), userId, body, now)))

export const cancelRequest = (ctx: AppContext, id: string, userId: string) =>
  residentChange(ctx, id, userId, (row, now) => unwrap(residentCancel(stateOf(row), userId, now)))

/** PIPL right to correction: see domain/requests' residentCorrection. Phones are checked and normalized first. */
export function correctRequest(ctx: AppContext, id: string, userId: string, body: CorrectRequestBody): Promise<HelpRequest> {
  const checked = unwrap(checkCorrection(body))
  return residentChange(ctx, id, userId, (row, now) =>
    unwrap(residentCorrection(stateOf(row), personalDetailsOf(row), userId, checked, now)),
  )
}

/** 未解决 (in the rating's transaction, the row locked): back to the same station's queue. */
export async function reopenUnresolved(ctx: AppContext, tx: Queryable, row: RequestRow, userId: string, comment: string): Promise<void> {
  await saveChange(tx, row.id, unresolvedByResident(stateOf(row), userId, comment, decisionContext(ctx)))
}

// ───────────────────────── the station ─────────────────────────

export async function staffQueue(
  ctx: AppContext,
  staff: Staff,
  q: StaffQueueQuery,
): Promise<{ items: StaffRequestSummary[]; more: boolean }> {
  const scope = await scopeOf(ctx.db, staff)
  if (q.stationId && !scope.includes(q.stationId)) return { items: [], more: false }
  const limit = q.limit ?? LIMITS.queuePage
  const now = ctx.clock()
  const rows = await queueRows(ctx.db, {
    stationIds: q.stationId ? [q.stationId] : scope,
    ownStationId: staff.stationId,
    sensitive: SENSITIVE_CATEGORIES,
    status: q.status,
    category: q.category,
    urgency: q.urgency,
    overdueAt: q.overdue ? now : undefined,
    assigneeId: q.mine ? staff.id : undefined,
    unassigned: q.unassigned,
    // One more than listed: whether there are more.
    limit: limit + 1,
  })
  const more = rows.length > limit
  if (more) rows.length = limit
  const sight = { stationIds: scope, ownStationId: staff.stationId, sensitive: SENSITIVE_CATEGORIES }
  const duplicates = await duplicatesOf(ctx.db, sight, rows, DUPLICATES_LISTED.queue)
  return { items: rows.map((r) => ({ ...toStaffSummary(r, now, ctx), duplicates: duplicates.get(r.id) ?? [] })), more }
}

/** The request, if the staff can see it; else why not (moved away from them, or simply not found). */
export async function visibleRequest(db: Queryable, staff: Staff, id: string, opts: { forUpdate?: boolean } = {}): Promise<RequestRow> {
  const row = await loadRequest(db, id, opts)
  if (!row) throw notFound(NOT_FOUND_MESSAGE)
  const scope = await scopeOf(db, staff)
  if (!canSee(staff, scope, { stationId: row.station_id, category: row.category })) {
    throw refuse(outOfSight(staff, scope, { category: row.category, stationName: row.station_name }, await movedFrom(db, id)))
  }
  return row
}

/** Whether the staff can see the request (a photo of it, say), without reading it. */
export async function staffCanSee(ctx: AppContext, staff: Staff, id: string): Promise<boolean> {
  const row = await loadRequest(ctx.db, id)
  return !!row && canSee(staff, await scopeOf(ctx.db, staff), { stationId: row.station_id, category: row.category })
}

/** Every time staff open a request's personal data, it is recorded: who, when, which request. */
export async function openForStaff(ctx: AppContext, staff: Staff, id: string): Promise<StaffRequest> {
  const row = await visibleRequest(ctx.db, staff, id)
  await recordStaffAccess(ctx.db, staff.id, id, ctx.clock())
  const sight = await sightOf(ctx.db, staff)
  return {
    ...toStaffRequest(row, await loadEvents(ctx.db, id, { internal: true, stationId: staff.stationId }), ctx),
    duplicates: (await duplicatesOf(ctx.db, sight, [row])).get(id) ?? [],
    related: await relatedOf(ctx.db, sight, id),
  }
}

/**
 * A staff action, decided and saved in one transaction; then the request as
 * the caller now sees it — or, when the action took it out of their sight,
 * where it went.
 */
export async function applyStaffAction(ctx: AppContext, staff: Staff, id: string, action: StaffAction): Promise<StaffActionResult> {
  await ctx.db.transaction(async (tx) => {
    const row = await visibleRequest(tx, staff, id, { forUpdate: true })
    // 受理 of an unassigned waiting request takes it on: within the worker's cap, as 领取下一条 and 我来负责.
    if (action.type === 'accept' && row.status === 'submitted' && !row.assignee_id && row.station_id === staff.stationId) {
      const overCap = await ownCapRefusal(tx, staff)
      if (overCap) throw refuse(overCap)
    }
    const transferTo = action.type === 'transfer' ? await loadStation(tx, action.stationId) : undefined
    const parentStationId = action.type === 'escalate' ? ((await loadStation(tx, row.station_id))?.parentId ?? null) : undefined
    const decisionCtx = decisionContext(ctx)
    await saveChange(tx, id, unwrap(staffAction(stateOf(row), staff, action, { transferTo, parentStationId }, decisionCtx)))
    if (action.type === 'resolve' && action.followUpDays) await scheduleFollowUp(tx, row, staff, action.followUpDays, decisionCtx.now)
  })
  const after = (await loadRequest(ctx.db, id))!
  if (!canSee(staff, await scopeOf(ctx.db, staff), { stationId: after.station_id, category: after.category })) {
    return { request: null, movedTo: { id: after.station_id, name: after.station_name } }
  }
  return { request: await openForStaff(ctx, staff, id), movedTo: null }
}

/**
 * Whether taking one more request would take the worker over their cap (domain/assignment.ts): their row is locked
 * first, so two takes of the same worker are counted one after the other.
 */
async function ownCapRefusal(tx: Queryable, staff: Staff) {
  const [me] = await colleaguesOf(tx, staff.stationId, { userId: staff.id, forUpdate: true })
  return me ? claimOverCap({ openCount: me.open_count, workloadCap: me.workload_cap }) : null
}

/**
 * 领取下一条: the most urgent, oldest waiting request of the worker's station, to
 * exactly one worker — within the worker's cap (domain/assignment.ts): at the
 * cap, only a request already assigned to them. The worker's row is locked
 * first, so two claims of the same worker are counted one after the other.
 */
export async function claimNext(ctx: AppContext, staff: Staff): Promise<StaffRequest> {
  const id = await ctx.db.transaction(async (tx) => {
    const overCap = await ownCapRefusal(tx, staff)
    const next = await nextWaiting(tx, staff.stationId, staff.id, { onlyAssigned: overCap !== null })
    if (!next && overCap && (await hasUnassignedWaiting(tx, staff.stationId))) throw refuse(overCap)
    if (!next) return null
    const row = (await loadRequest(tx, next))!
    await saveChange(tx, next, accepted(stateOf(row), staff, ctx.clock()))
    return next
  })
  if (!id) throw fail('QUEUE_EMPTY', '队列中暂时没有待受理的求助')
  return openForStaff(ctx, staff, id)
}

/**
 * A worker's account disabled or moved to another station (in that change's
 * transaction): the requests they had accepted and not finished go back to
 * their station's queue. Returns how many.
 */
export async function returnClaimedToQueue(ctx: AppContext, tx: Queryable, userId: string): Promise<number> {
  const ids = await acceptedBy(tx, userId)
  for (const id of ids) {
    const row = (await loadRequest(tx, id, { forUpdate: true }))!
    await saveChange(tx, id, returnedToQueue(stateOf(row), row.station_name, decisionContext(ctx)))
  }
  return ids.length
}

/**
 * Who opened a request's personal data and when — for supervisors whose
 * subtree holds the request's station (the station's own staff: 403).
 */
export async function accessLog(ctx: AppContext, staff: Staff, id: string) {
  const row = await loadRequest(ctx.db, id)
  // A request the staff cannot see — outside their subtree, or in a sensitive category below them — is not found:
  // an empty log would tell that it exists.
  if (!row || !canSee(staff, await scopeOf(ctx.db, staff), { stationId: row.station_id, category: row.category })) {
    throw notFound(NOT_FOUND_MESSAGE)
  }
  if (!can(staff.role, 'accessLog.view')) throw forbidden(capabilityRefusal('accessLog.view'))
  return accessLogOf(ctx.db, id)
}

/**
 * The escalation job: requests not accepted within their response target move
 * to the parent station's queue, and the timeline says why. Returns how many moved.
 */
export async function escalateOverdue(ctx: AppContext, tx: Queryable): Promise<number> {
  const d = decisionContext(ctx)
  const rows = await overdueRequests(tx, d.now)
  for (const r of rows) {
    await saveChange(tx, r.id, overdueEscalation(stateOf(r), { name: r.station_name }, { id: r.parent_id, name: r.parent_name }, d))
  }
  return rows.length
}
