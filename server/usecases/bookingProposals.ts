/**
 * Booking from a help request (预约服务): the request's own station proposes
 * 1–3 times of one of its bookable services (a home visit also at free times);
 * the resident who submitted the request picks one on its page, which books it
 * for the person the request is about — under the service's row lock, with the
 * capacity and one-per-day rules of every booking — and both steps go into the
 * request's timeline.
 */
import type { BookingProposal, ChooseProposalBody, ProposalBody, SlotState } from '../../contract/types'
import {
  blockAt,
  bookedElsewhere,
  lastBookableDate,
  perPersonRefusal,
  pickSlot,
  slotDays,
  slotRefusal,
  type SlotWorker,
} from '../../domain/booking'
import {
  chooseRefusal,
  proposalExpiry,
  proposalStatusAt,
  proposalText,
  proposalTimeState,
  proposalTimesRefusal,
  requestProposalRefusal,
} from '../../domain/bookingProposals'
import { cstDate, formatCstDateTime, startOfCstDay } from '../../domain/chinaTime'
import { fieldInvalid, type Refusal } from '../../domain/refusal'
import { isSensitive, type Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { fail, failWith, forbidden, notFound, reject } from '../errors'
import {
  heldByPerson,
  insertBooking,
  loadService,
  lockStationBookings,
  notifyBooking,
  rulesOf,
  type ServiceRow,
} from '../repositories/bookings'
import {
  heldDuring,
  insertProposal,
  keepEventInStation,
  listProposals,
  lockProposal,
  markChosen,
  type ProposalRow,
} from '../repositories/bookingProposals'
import { enqueue } from '../repositories/outbox'
import { insertEvent, loadRequest, type RequestRow } from '../repositories/requests'
import { unseal } from '../services/fieldCrypto'
import { requireService, requireWorker, residentPersonKey, slotSource } from './bookings'
import { lockOwnRequest, visibleRequest } from './requests'

const MINUTE = 60_000
const end = (s: Pick<ServiceRow, 'duration_minutes'>, startsAt: Date) => new Date(startsAt.getTime() + s.duration_minutes * MINUTE)

/** A proposed time as it stands now for the proposal's worker (null: any worker): free (with whose place and how many held), full, or not to be had. */
type TimeState = { kind: 'free'; slot: SlotState } | { kind: 'full' } | { kind: 'unavailable'; refusal: Refusal }

/**
 * A proposed time, as a booking would find it (the station's own: no
 * cut-off): a slot of the service — the worker's when the proposal is one
 * worker's, else any worker's with a place — counted per worker as every
 * booking is; or, for a home visit, a time to come within its horizon that no
 * block (the station's, the service's, the worker's leave) takes away, with
 * the places held then (the worker's own bookings when it is theirs).
 */
async function timeState(
  ctx: AppContext,
  db: Queryable,
  service: ServiceRow,
  worker: SlotWorker | null,
  startsAt: Date,
  now: Date,
  field: string,
): Promise<TimeState> {
  const date = cstDate(startsAt)
  const rules = { ...rulesOf(service), cutoffMinutes: 0 }
  const source = { ...(await slotSource(ctx, db, service, date < cstDate(now) ? cstDate(now) : date, date)), rules }
  const notSlot = slotRefusal(startsAt, now, source, field, worker?.id)
  if (!notSlot) {
    const slot = pickSlot(slotDays(date, date, now, source)[0]?.slots ?? [], startsAt.toISOString(), worker?.id)
    return slot && slot.taken < slot.capacity ? { kind: 'free', slot } : { kind: 'full' }
  }
  if (service.kind !== 'home_visit' || startsAt.getTime() <= now.getTime()) return { kind: 'unavailable', refusal: notSlot }
  if (date > lastBookableDate(now, rules))
    return { kind: 'unavailable', refusal: fieldInvalid(field, `入户探访只能约 ${service.horizon_days} 天内的时间`) }
  const endsAt = end(service, startsAt)
  const block = blockAt(source.blocks, service.id, worker?.id ?? null, startsAt, endsAt)
  if (block) return { kind: 'unavailable', refusal: fieldInvalid(field, `${formatCstDateTime(startsAt)} 已停约（${block.reason}）`) }
  // The worker is booked in another service of the station then.
  if (bookedElsewhere(source, worker?.id ?? null, startsAt, endsAt)) return { kind: 'full' }
  const taken = await heldDuring(db, service.id, startsAt, endsAt, worker?.id)
  if (taken >= service.capacity) return { kind: 'full' }
  const slot: SlotState = {
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    worker,
    capacity: service.capacity,
    taken,
    state: 'free',
  }
  return { kind: 'free', slot }
}

const workerOf = (p: ProposalRow): SlotWorker | null => (p.worker_id ? { id: p.worker_id, name: p.worker_name ?? '社工' } : null)

async function toProposal(ctx: AppContext, db: Queryable, p: ProposalRow, now: Date): Promise<BookingProposal> {
  const service = (await loadService(db, p.service_id))!
  const times = []
  for (const startsAt of p.times) {
    const free = startsAt > now && (await timeState(ctx, db, service, workerOf(p), startsAt, now, 'startsAt')).kind === 'free'
    times.push({
      startsAt: startsAt.toISOString(),
      endsAt: end(service, startsAt).toISOString(),
      state: proposalTimeState(startsAt, free, now),
    })
  }
  return {
    id: p.id,
    requestId: p.request_id,
    service: { id: p.service_id, name: p.service_name, kind: p.service_kind },
    station: { id: p.station_id, name: p.station_name },
    worker: workerOf(p),
    times,
    note: p.note,
    status: proposalStatusAt({ status: p.status, expiresAt: new Date(p.expires_at) }, now),
    expiresAt: new Date(p.expires_at).toISOString(),
    proposedBy: p.proposed_by_name,
    bookingId: p.booking_id,
    chosenStartsAt: p.chosen_starts_at ? new Date(p.chosen_starts_at).toISOString() : null,
    createdAt: new Date(p.created_at).toISOString(),
  }
}

/**
 * The request's proposals; for staff (`stationId`: theirs), a sensitive
 * category's (心理疏导, 婚姻家庭, 儿童关爱保护) only at the station holding it.
 */
async function proposalsOf(ctx: AppContext, db: Queryable, requestId: string, stationId?: string): Promise<BookingProposal[]> {
  const now = ctx.clock()
  const out = []
  for (const row of await listProposals(db, requestId)) {
    if (stationId !== undefined && !proposalSeenAt(row, stationId)) continue
    out.push(await toProposal(ctx, db, row, now))
  }
  return out
}

/** Whether staff of `stationId` see a proposal: a sensitive category's only at its own station, as its booking. */
const proposalSeenAt = (p: Pick<ProposalRow, 'service_category' | 'station_id'>, stationId: string) =>
  !isSensitive(p.service_category) || p.station_id === stationId

/** The timeline entry of a sensitive category's proposal or pick: staff see it only at the station (request_events.only_station_id). */
async function keepSensitiveEntry(tx: Queryable, eventId: number, s: Pick<ServiceRow, 'category' | 'station_id'>) {
  if (isSensitive(s.category)) await keepEventInStation(tx, eventId, s.station_id)
}

/** Each time can be had now by the proposal's worker (timeState), and none is taken already. */
async function checkTimes(
  ctx: AppContext,
  tx: Queryable,
  service: ServiceRow,
  worker: SlotWorker | null,
  times: Date[],
  now: Date,
): Promise<void> {
  reject(proposalTimesRefusal(times, now))
  for (const startsAt of times) {
    const state = await timeState(ctx, tx, service, worker, startsAt, now, 'times')
    if (state.kind === 'unavailable') reject(state.refusal)
    if (state.kind === 'full')
      throw fail('FIELD_INVALID', `${formatCstDateTime(startsAt)} ${worker ? `${worker.name}已经约满了` : '已经约满了'}`, 'times')
  }
}

/**
 * Whose times a proposal offers: the worker named (a worker of the station in
 * use), else the proposer when the service's windows name them, else any
 * worker with a place (null).
 */
async function proposalWorker(tx: Queryable, staff: Staff, service: ServiceRow, workerId: string | undefined): Promise<SlotWorker | null> {
  if (workerId) {
    const named = await requireWorker(tx, staff.stationId, workerId, 'workerId', '所选社工不是本站的工作人员')
    return { id: named.id, name: named.nickname }
  }
  if (!service.availability.some((w) => w.workerId === staff.id)) return null
  return { id: staff.id, name: service.window_workers[staff.id] ?? '社工' }
}

/** The station proposes times; a newer proposal replaces the open one. The resident is told through the outbox. */
export function proposeBooking(ctx: AppContext, staff: Staff, requestId: string, body: ProposalBody): Promise<BookingProposal[]> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    const row = await visibleRequest(tx, staff, requestId, { forUpdate: true })
    if (row.station_id !== staff.stationId) throw forbidden('只有受理这条求助的站点可以提议预约时间')
    reject(requestProposalRefusal(row.status))
    if (!row.user_id) throw fail('BOOKING_STATE', '这条求助是窗口或电话登记的，请在预约管理中直接为居民登记预约')
    const service = await requireService(tx, body.serviceId, { stationId: staff.stationId, active: true, forUpdate: true })
    const times = body.times.map((t) => new Date(t)).sort((a, b) => a.getTime() - b.getTime())
    const worker = await proposalWorker(tx, staff, service, body.workerId)
    await checkTimes(ctx, tx, service, worker, times, now)
    const note = body.note?.trim() ?? ''
    await insertProposal(tx, {
      requestId,
      serviceId: service.id,
      stationId: staff.stationId,
      workerId: worker?.id ?? null,
      times,
      note,
      by: staff.id,
      at: now,
      expiresAt: proposalExpiry(now, times),
    })
    const proposed = await insertEvent(tx, requestId, {
      type: 'booking_proposed',
      actorId: staff.id,
      stationId: staff.stationId,
      toStationId: null,
      body: proposalText(service.name, times, note),
      internal: false,
      at: now,
      elapsedSeconds: null,
      onTime: null,
    })
    await keepSensitiveEntry(tx, proposed, service)
    await enqueue(
      tx,
      row.user_id,
      'request_status',
      { requestId, number: row.number, status: '请选择预约时间', note: service.name.slice(0, 20) },
      now,
    )
    return proposalsOf(ctx, tx, requestId, staff.stationId)
  })
}

export async function staffProposals(ctx: AppContext, staff: Staff, requestId: string): Promise<BookingProposal[]> {
  await visibleRequest(ctx.db, staff, requestId)
  return proposalsOf(ctx, ctx.db, requestId, staff.stationId)
}

export async function residentProposals(ctx: AppContext, userId: string, requestId: string): Promise<BookingProposal[]> {
  const row = await loadRequest(ctx.db, requestId)
  if (!row || row.user_id !== userId) throw notFound('没有找到这条求助')
  return proposalsOf(ctx, ctx.db, requestId)
}

/** Who the booking is for: the person the request is about (a family member's, by their relationship), and the request's contact. */
function personOf(row: RequestRow, userId: string) {
  const family = row.requester === 'family' && !!row.helped_name
  const personName = family ? row.helped_name! : row.contact_name
  return {
    forWhom: family ? ('family' as const) : ('self' as const),
    personName,
    relationship: family ? row.helped_relationship || '家人' : null,
    personKey: residentPersonKey(userId, personName),
    contactName: row.contact_name,
    contactPhone: unseal(row.contact_phone) ?? '',
  }
}

/**
 * The resident picks one of the proposed times: the booking is made in the
 * same transaction. A time taken meanwhile answers 409 SLOT_FULL with the
 * proposal's other free times. The same pick again gives the same booking.
 */
export function chooseProposal(
  ctx: AppContext,
  userId: string,
  requestId: string,
  body: ChooseProposalBody,
): Promise<{ bookingId: string; created: boolean }> {
  const now = ctx.clock()
  const startsAt = new Date(body.startsAt)
  return ctx.db.transaction(async (tx) => {
    const row = await lockOwnRequest(tx, requestId, userId)
    const proposal = await lockProposal(tx, body.proposalId, requestId)
    if (!proposal) throw notFound('没有找到这次预约提议')
    if (
      proposal.status === 'chosen' &&
      proposal.booking_id &&
      proposal.chosen_starts_at &&
      new Date(proposal.chosen_starts_at).getTime() === startsAt.getTime()
    )
      return { bookingId: proposal.booking_id, created: false }
    reject(requestProposalRefusal(row.status))
    reject(chooseRefusal({ status: proposal.status, expiresAt: new Date(proposal.expires_at), times: proposal.times }, startsAt, now))
    const service = (await loadService(tx, proposal.service_id, { forUpdate: true }))!
    // Then the station's booking lock, in takeSlot's order: a worker who receives in two services is counted once.
    await lockStationBookings(tx, service.station_id)
    if (!service.active) throw fail('BOOKING_STATE', '这项服务已停用，请联系社工重新约时间')
    // Under the service's lock, as every booking: the proposal's worker's place (any worker's when it names none).
    const worker = workerOf(proposal)
    const state = await timeState(ctx, tx, service, worker, startsAt, now, 'startsAt')
    if (state.kind === 'unavailable') reject(state.refusal)
    if (state.kind !== 'free') {
      const alternatives: SlotState[] = []
      for (const other of proposal.times) {
        if (other.getTime() === startsAt.getTime() || other.getTime() <= now.getTime()) continue
        const then = await timeState(ctx, tx, service, worker, other, now, 'startsAt')
        if (then.kind === 'free') alternatives.push(then.slot)
      }
      const more = alternatives.length
        ? `，还可以选 ${alternatives.map((a) => formatCstDateTime(new Date(a.startsAt))).join('、')}`
        : '，社工提议的其他时间也没有空了，请联系社工重新约时间'
      throw failWith('SLOT_FULL', `这个时间刚刚被约满了${more}`, 'startsAt', { alternatives })
    }
    const who = personOf(row, userId)
    reject(perPersonRefusal(await heldByPerson(tx, service.id, who.personKey, startOfCstDay(startsAt), null), service.per_person_per_day))
    const bookingId = await insertBooking(tx, {
      serviceId: service.id,
      stationId: service.station_id,
      userId,
      channel: 'miniprogram',
      ...who,
      note: '',
      startsAt,
      endsAt: end(service, startsAt),
      // The worker whose place it is (the proposal's, or the one with a place at that time); a request holds no birth date.
      workerId: state.slot.worker?.id ?? null,
      birthDate: null,
      createdBy: userId,
      at: now,
    })
    await notifyBooking(tx, { id: bookingId, user_id: userId, service_name: service.name }, '预约成功', formatCstDateTime(startsAt), now)
    await markChosen(tx, proposal.id, bookingId, now)
    const chosen = await insertEvent(tx, requestId, {
      type: 'booking_chosen',
      actorId: userId,
      stationId: row.station_id,
      toStationId: null,
      body: `${service.name}：${formatCstDateTime(startsAt)}`,
      internal: false,
      at: now,
      elapsedSeconds: null,
      onTime: null,
    })
    await keepSensitiveEntry(tx, chosen, service)
    return { bookingId, created: true }
  })
}
