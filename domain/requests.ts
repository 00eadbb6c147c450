/**
 * The help-request lifecycle, pure: which action is allowed from which status
 * for whom, what it changes, the timeline entry it writes and what the
 * resident is told — or why it is refused. Also the checks of a submission
 * and of a correction beyond their schemas. The server loads the request,
 * asks here, and saves what comes back in one transaction; nothing here reads
 * a clock or a database.
 */
import type { ServiceCategory } from '../contract/enums'
import type { RequestEventType, RequestStatus, Requester, Urgency } from '../contract/requests'
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS } from '../contract/requests'
import { detectEmergency } from './emergency'
import { normalizePhone, phoneRefusal } from './phone'
import { decided, fieldInvalid, refusal, refused, type Decided, type Refusal } from './refusal'
import { describeTarget, responseDueAt, targetFor, type ResponseTargets } from './sla'
import { canSee, type Staff } from './staff'
import type { WorkCalendar } from './calendar'

/** Statuses in which a station still works on a request. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'in_progress']

/** The moment of a decision, the response targets it measures against and the calendar it counts working days on. */
export interface DecisionContext {
  now: Date
  targets: ResponseTargets
  /** China's working calendar, for working-day targets. */
  calendar: WorkCalendar
  /** The resolution targets (the second clock); without them a resolution is not timed. */
  resolutionTargets?: ResponseTargets
}

/** What the lifecycle reads of a request (its row, locked). */
export interface RequestState {
  id: string
  number: string
  /** The submitter; null for requests taken by phone or at the counter. */
  userId: string | null
  status: RequestStatus
  stationId: string
  category: ServiceCategory
  urgency: Urgency
  requester: Requester
  /** Who has it (accepted it, or was assigned it by the station head). */
  assigneeId: string | null
  assigneeName: string | null
  acceptedAt: Date | null
  /** Since when it waits in its station's queue. */
  queuedAt: Date
  dueAt: Date
  escalations: number
  resolutions: number
  /** When it was submitted: the resolution clock runs from here… */
  createdAt?: Date
  /** …or from here, once it was reopened after a resolution (null: never). */
  resolutionFrom?: Date | null
  /** Its personal fields were erased (retention, account deletion). */
  purged: boolean
}

/** The personal details a resident may correct, as plain text (the server seals phones and addresses). */
export interface PersonalDetails {
  contactName: string
  contactPhone: string
  preferredTime: string
  address: string
  helpedPhone: string | null
  helpedAddress: string | null
}

/** The columns a change sets; `updatedAt` only when the request counts as changed. */
export interface RequestUpdate extends Partial<PersonalDetails> {
  status?: RequestStatus
  stationId?: string
  assigneeId?: string | null
  acceptedAt?: Date
  resolvedAt?: Date | null
  dueAt?: Date
  queuedAt?: Date
  resolutionFrom?: Date
  escalations?: number
  resolutions?: number
  updatedAt?: Date
}

export interface TimelineEntry {
  type: RequestEventType
  actorId: string | null
  /** Where it happened (for a move: the station it left). */
  stationId: string
  toStationId: string | null
  body: string
  /** Staff only (an internal note). */
  internal: boolean
  at: Date
  /** accepted, resolved: seconds the request had waited in the station's queue. */
  elapsedSeconds: number | null
  /** accepted: within the response target. */
  onTime: boolean | null
}

/** A subscribe message for the resident who submitted the request (through the outbox). */
export interface ResidentNotice {
  userId: string
  topic: 'request_status' | 'rating_invite'
  payload: Record<string, string>
}

/** What a decision does: the columns it sets, its timeline entry, what the resident is told. */
export interface RequestChange {
  set: RequestUpdate
  event: TimelineEntry
  notices: ResidentNotice[]
}

/** A timeline entry with its defaults (public, no move, no timing unless given). */
export function entry(
  e: Pick<TimelineEntry, 'type' | 'actorId' | 'stationId' | 'at'> & Partial<Pick<TimelineEntry, 'toStationId' | 'body' | 'internal'>>,
  timing: { queuedAt?: Date; dueAt?: Date } = {},
): TimelineEntry {
  return {
    toStationId: null,
    body: '',
    internal: false,
    ...e,
    elapsedSeconds: timing.queuedAt ? Math.max(0, Math.round((e.at.getTime() - timing.queuedAt.getTime()) / 1000)) : null,
    onTime: timing.dueAt ? e.at.getTime() <= timing.dueAt.getTime() : null,
  }
}

/** "已受理 · 社工会尽快联系您": a status change as the subscribe message shows it (WeChat takes 20 characters). */
export function statusNotice(r: Pick<RequestState, 'id' | 'number' | 'userId'>, status: string, note: string): ResidentNotice[] {
  if (!r.userId) return []
  return [{ userId: r.userId, topic: 'request_status', payload: { requestId: r.id, number: r.number, status, note: note.slice(0, 20) } }]
}

// ───────────────────────── submission ─────────────────────────

/** The fields every submission carries, from the app or entered by staff at the counter. */
export interface SubmissionFields {
  requester: Requester
  helped?: { phone?: string; name: string }
  contactName: string
  contactPhone: string
  description: string
}

const HELPED_PHONE_MESSAGE = '被帮助人的电话格式不正确'

/** A submission checked beyond its schema, phones normalized; refusals name the field to fix. */
export function checkSubmission<B extends SubmissionFields>(body: B): Decided<B> {
  if (!body.contactName.trim()) return refused(fieldInvalid('contactName', '请填写联系人，社工会这样称呼您'))
  const phone = phoneRefusal('contactPhone', body.contactPhone)
  if (phone) return refused(phone)
  if (body.requester === 'family' && !body.helped)
    return refused(fieldInvalid('helped', '家人代办时请填写被帮助人的姓名、关系，并确认对方同意'))
  if (body.requester === 'self' && body.helped) return refused(fieldInvalid('helped', '本人求助时不需要填写被帮助人'))
  if (body.helped && !body.helped.name.trim()) return refused(fieldInvalid('helped.name', '请填写被帮助人的姓名'))
  const helpedPhone = body.helped?.phone ? phoneRefusal('helped.phone', body.helped.phone, HELPED_PHONE_MESSAGE) : null
  if (helpedPhone) return refused(helpedPhone)
  if (!body.description.trim()) return refused(fieldInvalid('description', '请说说遇到了什么问题'))
  return decided({
    ...body,
    contactPhone: normalizePhone(body.contactPhone),
    ...(body.helped ? { helped: { ...body.helped, phone: body.helped.phone ? normalizePhone(body.helped.phone) : undefined } } : {}),
  })
}

/** How urgent a new request is, and when its station must have accepted it. */
export function intake(
  body: { category: ServiceCategory; attributes?: Record<string, string>; description: string; urgency: Urgency },
  ctx: DecisionContext,
): { urgency: Urgency; emergency: string[]; dueAt: Date } {
  const emergency = detectEmergency(body.category, body.attributes ?? {}, body.description)
  const urgency: Urgency = emergency.length > 0 ? 'urgent' : body.urgency
  return { urgency, emergency, dueAt: responseDueAt(ctx.now, targetFor(ctx.targets, body.category, urgency), ctx.calendar) }
}

/** The first entry of the timeline, and the resident's first notice. */
export function submitted(
  r: Pick<RequestState, 'id' | 'number' | 'userId' | 'stationId'>,
  actorId: string | null,
  routingReason: string,
  now: Date,
): { event: TimelineEntry; notices: ResidentNotice[] } {
  return {
    event: entry({ type: 'submitted', actorId, stationId: r.stationId, body: routingReason, at: now }),
    notices: statusNotice(r, '已提交', '等待社工站受理'),
  }
}

export const NO_STATION_FOR_SERVICE: Refusal = refusal(
  'NO_STATION_FOR_SERVICE',
  '附近暂时没有提供这项服务的社工站，请换一个服务类别，或拨打所在街道社工站的电话',
)

/** "1 个工作日内": the response target of a request, in words. */
export const expectedResponse = (r: { category: ServiceCategory; urgency: Urgency }, targets: ResponseTargets) =>
  describeTarget(targetFor(targets, r.category, r.urgency))

/** Waiting past its response target. */
export const isOverdue = (r: { status: RequestStatus; dueAt: Date }, now: Date) => r.status === 'submitted' && r.dueAt < now

/** How many whole minutes a waiting request is past its response target; null when it is not overdue. */
export const overdueMinutes = (r: { status: RequestStatus; dueAt: Date }, now: Date): number | null =>
  isOverdue(r, now) ? Math.floor((now.getTime() - r.dueAt.getTime()) / 60_000) : null

// ───────────────────────── the resident ─────────────────────────

export function residentCancel(r: RequestState, userId: string, now: Date): Decided<RequestChange> {
  if (r.status !== 'submitted') {
    return refused(
      refusal(
        'REQUEST_STATE',
        r.status === 'cancelled' ? '这条求助已经取消了' : '社工已受理这条求助，不能再取消；如不再需要，请在下方留言告知社工',
      ),
    )
  }
  return decided({
    set: { status: 'cancelled', updatedAt: now },
    event: entry({ type: 'cancelled', actorId: userId, stationId: r.stationId, body: '居民取消了求助', at: now }),
    notices: [],
  })
}

export function residentMessage(r: RequestState, userId: string, body: string, now: Date): Decided<RequestChange> {
  if (r.status === 'cancelled') return refused(refusal('REQUEST_STATE', '这条求助已取消，不能再补充说明'))
  const text = body.trim()
  if (!text) return refused(fieldInvalid('body', '请填写要补充的内容'))
  return decided({
    set: { updatedAt: now },
    event: entry({ type: 'message', actorId: userId, stationId: r.stationId, body: text, at: now }),
    notices: [],
  })
}

/** What a correction may change, and how the timeline names each one (never its value). */
export const CORRECTED_FIELD_LABELS: Record<keyof PersonalDetails, string> = {
  contactName: '联系人',
  contactPhone: '联系电话',
  preferredTime: '方便联系的时间',
  address: '地址',
  helpedPhone: '被帮助人电话',
  helpedAddress: '被帮助人地址',
}

export interface CorrectionBody {
  contactName?: string
  contactPhone?: string
  preferredTime?: string
  address?: string
  helped?: { phone?: string; address?: string }
}

/** A correction's phones checked as a submission's, and normalized (an empty phone of the helped person clears it). */
export function checkCorrection<B extends CorrectionBody>(body: B): Decided<B> {
  const phone = body.contactPhone === undefined ? null : phoneRefusal('contactPhone', body.contactPhone)
  if (phone) return refused(phone)
  if (body.contactName !== undefined && !body.contactName.trim())
    return refused(fieldInvalid('contactName', '请填写联系人，社工会这样称呼您'))
  const helpedPhone = body.helped?.phone?.trim()
  const helpedRefusal = helpedPhone ? phoneRefusal('helped.phone', helpedPhone, HELPED_PHONE_MESSAGE) : null
  if (helpedRefusal) return refused(helpedRefusal)
  return decided({
    ...body,
    ...(body.contactPhone !== undefined ? { contactPhone: normalizePhone(body.contactPhone) } : {}),
    ...(body.helped
      ? { helped: { ...body.helped, ...(helpedPhone !== undefined ? { phone: helpedPhone && normalizePhone(helpedPhone) } : {}) } }
      : {}),
  })
}

/**
 * PIPL right to correction: the resident changes the personal details of
 * their own request (`body` already checked by checkCorrection). Only what
 * changes is written, and the timeline says which fields changed, not their
 * values, so the station notices. Nothing changed: no change (null).
 */
export function residentCorrection(
  r: RequestState,
  current: PersonalDetails,
  userId: string,
  body: CorrectionBody,
  now: Date,
): Decided<RequestChange | null> {
  if (r.purged) return refused(refusal('REQUEST_STATE', '这条求助的个人信息已按保存期限清除，不能再更正'))
  if (r.status === 'cancelled') return refused(refusal('REQUEST_STATE', '这条求助已取消，不能再更正联系方式'))
  if (body.helped && r.requester !== 'family') return refused(fieldInvalid('helped', '本人求助没有被帮助人，不能更正被帮助人的信息'))
  // The helped person's phone and address are null when not given (as on creation).
  const orNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null)
  const next: Partial<PersonalDetails> = {
    contactName: body.contactName?.trim(),
    contactPhone: body.contactPhone,
    preferredTime: body.preferredTime?.trim(),
    address: body.address?.trim(),
    helpedPhone: orNull(body.helped?.phone),
    helpedAddress: orNull(body.helped?.address),
  }
  const set: RequestUpdate = {}
  const labels: string[] = []
  for (const key of Object.keys(CORRECTED_FIELD_LABELS) as (keyof PersonalDetails)[]) {
    const value = next[key]
    if (value === undefined || value === current[key]) continue
    ;(set as Record<string, string | null>)[key] = value
    labels.push(CORRECTED_FIELD_LABELS[key])
  }
  if (labels.length === 0) return decided(null)
  return decided({
    set: { ...set, updatedAt: now },
    event: entry({ type: 'message', actorId: userId, stationId: r.stationId, body: `居民更正了：${labels.join('、')}`, at: now }),
    notices: [],
  })
}

/**
 * 未解决: the resident's rating sends a resolved request back to the same
 * station's queue, to be accepted again with a fresh response target; the
 * timeline carries the resident's words.
 */
export function unresolvedByResident(r: RequestState, userId: string, comment: string, ctx: DecisionContext): RequestChange {
  const words = comment.trim()
  return {
    set: { ...backInQueue(r, ctx), resolutionFrom: ctx.now },
    event: entry({
      type: 'reopened',
      actorId: userId,
      stationId: r.stationId,
      body: `居民反馈问题未解决${words ? `：${words}` : ''}`,
      at: ctx.now,
    }),
    notices: [],
  }
}

/**
 * 回访: the resident, reached by a follow-up call, still needs help — the
 * request goes back to the same station's queue, and their timeline says so.
 */
export function reopenedOnFollowUp(r: RequestState, staff: Pick<Staff, 'id' | 'stationId'>, ctx: DecisionContext): RequestChange {
  return {
    set: { ...backInQueue(r, ctx), resolutionFrom: ctx.now },
    event: entry({
      type: 'reopened',
      actorId: staff.id,
      stationId: r.stationId,
      body: '社工回访时您表示还需要帮助，求助已重新进入本站队列，社工会再联系您',
      at: ctx.now,
    }),
    notices: statusNotice(r, '重新处理', '回访后继续为您跟进'),
  }
}

/** Waiting in the same station's queue again, for anyone there to accept, with a fresh response target. */
function backInQueue(r: RequestState, ctx: DecisionContext): RequestChange['set'] {
  return {
    status: 'submitted',
    assigneeId: null,
    resolvedAt: null,
    dueAt: responseDueAt(ctx.now, targetFor(ctx.targets, r.category, r.urgency), ctx.calendar),
    queuedAt: ctx.now,
    updatedAt: ctx.now,
  }
}

/**
 * The worker who had accepted a request no longer works it (their account was
 * disabled, or moved to another station): it goes back to its station's
 * queue, and the timeline — the resident's too — says so, without names.
 */
export function returnedToQueue(r: RequestState, stationName: string, ctx: DecisionContext): RequestChange {
  return {
    set: backInQueue(r, ctx),
    event: entry({
      type: 'reopened',
      actorId: null,
      stationId: r.stationId,
      body: `原负责的社工已不再跟进，求助回到「${stationName}」的队列，等待其他社工受理`,
      at: ctx.now,
    }),
    notices: [],
  }
}

/** The timeline's line when a resident's account deletion withdraws an open request (kept when its words are erased). */
export const WITHDRAWN_ON_DELETION = '居民已注销账号，求助自动撤回'

/** An open request withdrawn because its resident deleted their account. */
export function withdrawnOnDeletion(r: RequestState, now: Date): RequestChange | null {
  if (!OPEN_STATUSES.includes(r.status)) return null
  return {
    set: { status: 'cancelled', updatedAt: now },
    event: entry({ type: 'cancelled', actorId: null, stationId: r.stationId, body: WITHDRAWN_ON_DELETION, at: now }),
    notices: [],
  }
}

// ───────────────────────── the station ─────────────────────────

export type StaffAction =
  | { type: 'accept' }
  | { type: 'reply'; body: string }
  | { type: 'note'; body: string }
  | { type: 'transfer'; stationId: string; reason: string }
  | { type: 'escalate'; reason: string }
  | { type: 'resolve'; summary: string; followUpDays?: number }
  | { type: 'reopen'; reason: string }

export type StaffActionType = StaffAction['type']

/** From which statuses each action may be taken. */
export const ALLOWED_FROM: Record<StaffActionType, readonly RequestStatus[]> = {
  accept: ['submitted'],
  reply: OPEN_STATUSES,
  note: REQUEST_STATUSES,
  transfer: OPEN_STATUSES,
  escalate: OPEN_STATUSES,
  resolve: ['accepted', 'in_progress'],
  reopen: ['resolved'],
}

/** Why `action` cannot be taken from the request's status, in words. */
function statusRefusal(type: StaffActionType, r: RequestState): Refusal {
  const state = (message: string) => refusal('REQUEST_STATE', message)
  switch (type) {
    case 'accept':
      return state(
        r.assigneeName && r.status !== 'cancelled'
          ? `这条求助已由${r.assigneeName}受理`
          : `这条求助${REQUEST_STATUS_LABELS[r.status]}，当前不能受理`,
      )
    case 'reply':
      return state('这条求助已结束，请先重新处理再回复')
    case 'transfer':
    case 'escalate':
      return state('这条求助已结束，不能再转介')
    case 'resolve':
      return state(r.status === 'submitted' ? '请先受理这条求助，再办结' : '这条求助已经结束')
    case 'reopen':
      return state('只有已办结的求助可以重新处理')
    case 'note':
      return state('这条求助当前不能添加备注')
  }
}

/** The text field of an action that holds only spaces, if any. */
function blankText(action: StaffAction): string | null {
  for (const field of ['body', 'reason', 'summary'] as const) {
    const value = (action as Partial<Record<typeof field, string>>)[field]
    if (value !== undefined && !value.trim()) return field
  }
  return null
}

/** Around a request, what a transfer or an escalation needs to know (loaded by the server). */
export interface Surroundings {
  /** transfer: the station asked for, or null when there is none with that id. */
  transferTo?: { id: string } | null
  /** escalate: the parent of the request's current station (null: it has none). */
  parentStationId?: string | null
}

/**
 * A staff action on a request the staff can see (canSee): the change it
 * makes, or why not. Accepting is for the request's own station; every other
 * action is open to anyone who sees it (a supervisor above, too).
 */
export function staffAction(
  r: RequestState,
  staff: Staff,
  action: StaffAction,
  around: Surroundings,
  ctx: DecisionContext,
): Decided<RequestChange> {
  if (!ALLOWED_FROM[action.type].includes(r.status)) return refused(statusRefusal(action.type, r))
  const blank = blankText(action)
  if (blank) return refused(fieldInvalid(blank, '请填写内容'))
  const { now } = ctx
  const at = { actorId: staff.id, stationId: staff.stationId, at: now }
  switch (action.type) {
    case 'accept':
      if (r.stationId !== staff.stationId) return refused(refusal('FORBIDDEN', '只能受理本站队列中的求助'))
      if (r.assigneeId && r.assigneeId !== staff.id)
        return refused(refusal('REQUEST_STATE', `这条求助已分派给${r.assigneeName ?? '其他同事'}`))
      return decided(accepted(r, staff, now))
    case 'reply':
      return decided({
        set: { ...(r.status === 'accepted' ? { status: 'in_progress' as const } : {}), updatedAt: now },
        event: entry({ type: 'replied', ...at, body: action.body.trim() }),
        notices: statusNotice(r, '社工回复', action.body),
      })
    case 'note':
      return decided({ set: {}, event: entry({ type: 'note', ...at, body: action.body.trim(), internal: true }), notices: [] })
    case 'transfer':
      if (!around.transferTo) return refused(refusal('NOT_FOUND', '没有找到要转介的社工站', 'stationId'))
      if (around.transferTo.id === r.stationId) return refused(fieldInvalid('stationId', '不能转介给当前站点'))
      return decided(moved(r, around.transferTo.id, 'transferred', staff.id, action.reason, ctx))
    case 'escalate':
      if (!around.parentStationId) return refused(refusal('CONFLICT', '当前站点没有上级站点，无法升级'))
      return decided(moved(r, around.parentStationId, 'escalated', staff.id, action.reason, ctx))
    case 'resolve':
      return decided({
        set: { status: 'resolved', resolvedAt: now, updatedAt: now, resolutions: r.resolutions + 1 },
        event: entry({ type: 'resolved', ...at, body: action.summary.trim() }, { queuedAt: r.queuedAt, dueAt: resolutionDueAt(r, ctx) }),
        notices: [
          ...statusNotice(r, '已办结', action.summary),
          // The rating prompt: "问题解决了吗？"
          ...(r.userId ? [{ userId: r.userId, topic: 'rating_invite' as const, payload: { requestId: r.id, number: r.number } }] : []),
        ],
      })
    case 'reopen':
      return decided({
        set: { status: 'in_progress', resolvedAt: null, updatedAt: now, queuedAt: now, resolutionFrom: now },
        event: entry({ type: 'reopened', ...at, body: action.reason.trim() }),
        notices: statusNotice(r, '重新处理', action.reason),
      })
  }
}

/**
 * When a request must be resolved — the resolution target counted from its submission, or from its latest
 * reopening after a resolution — if the context knows the resolution targets.
 */
export function resolutionDueAt(
  r: Pick<RequestState, 'category' | 'urgency' | 'createdAt' | 'resolutionFrom'>,
  ctx: Pick<DecisionContext, 'resolutionTargets' | 'calendar'>,
): Date | undefined {
  const from = r.resolutionFrom ?? r.createdAt
  if (!ctx.resolutionTargets || !from) return undefined
  return responseDueAt(from, targetFor(ctx.resolutionTargets, r.category, r.urgency), ctx.calendar)
}

/**
 * A worker takes a request from the station's queue (an action, or 领取下一条). `acceptedAt` is this acceptance: a
 * request accepted again after a reopening or a transfer is read (its 受理 chip) against its fresh target.
 */
export function accepted(r: RequestState, staff: Staff, now: Date): RequestChange {
  return {
    set: { status: 'accepted', assigneeId: staff.id, acceptedAt: now, updatedAt: now },
    event: entry({ type: 'accepted', actorId: staff.id, stationId: staff.stationId, at: now }, { queuedAt: r.queuedAt, dueAt: r.dueAt }),
    notices: statusNotice(r, '已受理', '社工会尽快联系您'),
  }
}

/** A move to another station's queue: waiting again, with a fresh response target. */
function moved(
  r: RequestState,
  toId: string,
  type: 'transferred' | 'escalated',
  actorId: string | null,
  reason: string,
  ctx: DecisionContext,
): RequestChange {
  return {
    set: {
      stationId: toId,
      status: 'submitted',
      assigneeId: null,
      dueAt: responseDueAt(ctx.now, targetFor(ctx.targets, r.category, r.urgency), ctx.calendar),
      escalations: r.escalations + (type === 'escalated' ? 1 : 0),
      updatedAt: ctx.now,
      queuedAt: ctx.now,
    },
    event: entry({ type, actorId, stationId: r.stationId, toStationId: toId, body: reason.trim(), at: ctx.now }),
    notices: statusNotice(r, type === 'transferred' ? '已转介' : '已升级', reason),
  }
}

/**
 * The escalation job: a request not accepted within its response target
 * moves to the parent station's queue, and the timeline says why.
 */
export function overdueEscalation(
  r: RequestState,
  station: { name: string },
  parent: { id: string; name: string },
  ctx: DecisionContext,
): RequestChange {
  const target = expectedResponse(r, ctx.targets)
  return moved(
    r,
    parent.id,
    'escalated',
    null,
    `「${station.name}」超过响应时限（${target}受理）未受理，已自动升级至「${parent.name}」`,
    ctx,
  )
}

/**
 * A station closes: each of its open requests moves to the parent station's
 * queue, and the resident reads why in the timeline.
 */
export function closedStationMove(
  r: RequestState,
  station: { name: string },
  parent: { id: string; name: string },
  actorId: string | null,
  ctx: DecisionContext,
): RequestChange {
  return moved(r, parent.id, 'transferred', actorId, `「${station.name}」已暂停服务，您的求助已转至「${parent.name}」继续办理`, ctx)
}

/**
 * Why staff cannot reach a request they cannot see: when it was moved away
 * (transferred, escalated) from a station where they saw it, it moved — and
 * they may know where it is now; otherwise it is simply not found.
 */
export function outOfSight(
  staff: Staff,
  scope: readonly string[],
  r: { category: ServiceCategory; stationName: string },
  movedFromStationIds: readonly string[],
): Refusal {
  if (movedFromStationIds.some((stationId) => canSee(staff, scope, { stationId, category: r.category }))) {
    return refusal('REQUEST_MOVED', `这条求助已转至「${r.stationName}」，不再在您的队列中`)
  }
  return refusal('NOT_FOUND', '没有找到这条求助')
}
