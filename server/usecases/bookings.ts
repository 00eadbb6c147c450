/**
 * 预约服务's use cases: the slots of a service, booking (resident and
 * counter), rescheduling, cancelling, the outcome, blocks, and the station's
 * services. Each change runs in one transaction under the service's row lock
 * (repositories/bookings.ts loadService forUpdate), so a slot's places are
 * counted and taken by one caller at a time, on PGlite and on PostgreSQL,
 * whichever API instance answers.
 */
import { ALTERNATIVE_SLOTS, BOOKING_STATUS_LABELS } from '../../contract/bookings'
import type {
  BookableBody,
  BookablePatch,
  BookableService,
  Booking,
  BookingBody,
  SlotDay,
  SlotState,
  StaffBookingBody,
} from '../../contract/types'
import {
  bookingEligibility,
  changeRefusal,
  datesBetween,
  lastBookableDate,
  nextFree,
  outcomeRefusal,
  perPersonRefusal,
  pickSlot,
  serviceRefusal,
  slotDays,
  slotRefusal,
  type BookingBlock,
  type SlotSource,
} from '../../domain/booking'
import { addDays, cstDate, cstInstant, formatCstDateTime, startOfCstDay } from '../../domain/chinaTime'
import { normalizePhone, phoneRefusal } from '../../domain/phone'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { fail, failWith, notFound, reject } from '../errors'
import { findFamilyMember } from '../repositories/family'
import { isOpenStation } from '../repositories/stations'
import {
  blocksBetween,
  bookingsDuring,
  cancelByStationRow,
  fieldsOf,
  heldByPerson,
  insertBlock,
  inviteBookingRating,
  insertBooking,
  listOwnBookings,
  bookingBirthDate,
  listServices,
  listStationBookings,
  loadBooking,
  lockStationBookings,
  loadService,
  notifyBooking,
  rulesOf,
  setBookingStatus,
  setBookingTime,
  takenBetween,
  toBooking,
  toService,
  updateService,
  upsertService,
  workersBookedElsewhere,
  type BookingRow,
  type ServiceFields,
  type ServiceRow,
} from '../repositories/bookings'
import { stationExceptions } from '../services/calendar'
import { requireActiveColleague } from './colleagues'

const SERVICE_NOT_FOUND = '没有找到这项预约服务'
const BOOKING_NOT_FOUND = '没有找到这条预约'

export async function requireService(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean; stationId?: string; active?: boolean } = {},
): Promise<ServiceRow> {
  const service = await loadService(db, id, opts)
  if (!service || (opts.stationId && service.station_id !== opts.stationId) || (opts.active && !service.active))
    throw notFound(SERVICE_NOT_FOUND)
  return service
}

/** What the slot rules read about a service between two China dates. */
export async function slotSource(ctx: AppContext, db: Queryable, s: ServiceRow, from: string, to: string): Promise<SlotSource> {
  const start = cstInstant(from)
  const end = addDays(cstInstant(to), 1)
  const [exceptions, blocks, taken, elsewhere] = await Promise.all([
    stationExceptions(db, [s.station_id], from),
    blocksBetween(db, s.station_id, start, end),
    takenBetween(db, s.id, start, end),
    workersBookedElsewhere(db, s.id, start, end),
  ])
  // A disabled (停用) worker receives no one: their slots are taken away as by a leave over the whole range.
  const disabled = s.disabled_workers.map((workerId): BookingBlock => ({
    kind: 'block',
    serviceId: null,
    workerId,
    startsAt: start,
    endsAt: end,
    reason: '账号已停用',
  }))
  return {
    serviceId: s.id,
    rules: rulesOf(s),
    stationWeekly: s.station_hours,
    calendar: ctx.calendar,
    exceptions: exceptions.get(s.station_id) ?? [],
    blocks: [...blocks, ...disabled],
    taken,
    workers: new Map(Object.entries(s.window_workers)),
    bookedElsewhere: elsewhere,
  }
}

export async function stationBookables(ctx: AppContext, stationId: string): Promise<BookableService[]> {
  if (!(await isOpenStation(ctx.db, stationId))) throw notFound('没有找到这个社工站')
  return (await listServices(ctx.db, stationId, { activeOnly: true })).map(toService)
}

/** The days from `from` to `to` (default: today to the horizon) with their slots. */
export async function serviceSlots(
  ctx: AppContext,
  id: string,
  q: { from?: string; to?: string },
  staff?: { stationId: string },
): Promise<{ service: BookableService; days: SlotDay[] }> {
  const now = ctx.clock()
  if (q.from && q.to && q.from > q.to) throw fail('FIELD_INVALID', '开始日期不能晚于结束日期', 'to')
  const found = await requireService(ctx.db, id, staff ? { stationId: staff.stationId } : { active: true })
  // The station's own view (the counter, its 改期): the resident's cut-off does not bind it, so those slots stay open.
  const service = staff ? forStation(found) : found
  const from = q.from ?? cstDate(now)
  const to = q.to ?? lastBookableDate(now, rulesOf(service))
  if (datesBetween(from, to).length > 92) throw fail('FIELD_INVALID', '一次最多查询 92 天', 'to')
  const source = await slotSource(ctx, ctx.db, service, from < cstDate(now) ? cstDate(now) : from, to)
  return { service: toService(found), days: slotDays(from, to, now, source) }
}

/** A service as the station books it: without the resident's cut-off (still not in the past, within the horizon). */
const forStation = (s: ServiceRow): ServiceRow => ({ ...s, cutoff_minutes: 0 })

interface Who {
  userId: string | null
  channel: Booking['channel']
  personKey: string
  createdBy: string
  /** Who comes, as the service's age rule reads them: their birth date (a family member's, or given), 本人 or not. */
  person: { birthDate: string | null; isSelf: boolean; fromFamily: boolean }
}

/** Which worker's slot a booking asks for: `workerId` (null: the slot without one; absent: any), and whose to prefer. */
interface WantedWorker {
  workerId?: string | null
  preferred?: string | null
}

/**
 * Takes a slot in the caller's transaction, under the service's lock: the slot
 * exists (for the worker asked for) and is bookable now, the person holds no
 * other booking of the service that day, and the slot has a place left — else
 * 409 SLOT_FULL with the next free slots. Without a worker asked for, the
 * preferred worker's place at that time, else any worker's with a place.
 */
async function takeSlot(
  ctx: AppContext,
  tx: Queryable,
  s: ServiceRow,
  startsAt: Date,
  personKey: string,
  exceptId: string | null,
  wanted: WantedWorker = {},
): Promise<{ endsAt: Date; workerId: string | null }> {
  const now = ctx.clock()
  await lockStationBookings(tx, s.station_id)
  if (wanted.workerId && s.disabled_workers.includes(wanted.workerId))
    throw fail('CONFLICT', `${s.window_workers[wanted.workerId] ?? '这位社工'}的账号已停用，请选择其他社工`, 'workerId')
  const date = cstDate(startsAt)
  const horizonEnd = lastBookableDate(now, rulesOf(s))
  const to = date > horizonEnd ? date : horizonEnd
  const source = await slotSource(ctx, tx, s, date < cstDate(now) ? cstDate(now) : date, to)
  reject(slotRefusal(startsAt, now, source, 'startsAt', wanted.workerId))
  reject(perPersonRefusal(await heldByPerson(tx, s.id, personKey, startOfCstDay(startsAt), exceptId), s.per_person_per_day))
  const days = slotDays(cstDate(now), horizonEnd, now, source)
  const day = days.find((d) => d.date === date)?.slots ?? []
  const slot = pickSlot(day, startsAt.toISOString(), wanted.workerId, wanted.preferred ?? null)
  if (!slot || slot.taken >= s.capacity) {
    const alternatives: SlotState[] = nextFree(days, ALTERNATIVE_SLOTS, startsAt.toISOString(), wanted.workerId)
    const more =
      alternatives.length > 0
        ? `，可以改约 ${alternatives.map((a) => formatCstDateTime(new Date(a.startsAt))).join('、')}`
        : '，近期已没有空余时段'
    // The next free slots are named in the message and given as data (`alternatives`), which the page offers as buttons.
    throw failWith('SLOT_FULL', `这个时段刚刚约满了${more}`, 'startsAt', { alternatives })
  }
  return { endsAt: new Date(startsAt.getTime() + s.duration_minutes * 60_000), workerId: slot.worker?.id ?? null }
}

function checkContact(body: { forWhom: string; personName: string; relationship?: string; contactPhone: string }) {
  reject(phoneRefusal('contactPhone', body.contactPhone))
  if (body.forWhom !== 'self' && !body.relationship?.trim()) throw fail('FIELD_INVALID', '请填写与您的关系（如 母亲）', 'relationship')
  if (!body.personName.trim()) throw fail('FIELD_INVALID', '请填写来预约的人的姓名', 'personName')
}

async function createBooking(
  ctx: AppContext,
  tx: Queryable,
  body: BookingBody | StaffBookingBody,
  who: Who,
  stationId?: string,
): Promise<string> {
  checkContact(body)
  const now = ctx.clock()
  const service = await requireService(tx, body.serviceId, { forUpdate: true, active: !stationId, stationId })
  const startsAt = new Date(body.startsAt)
  reject(
    bookingEligibility({ audience: service.audience, minAge: service.min_age, maxAge: service.max_age }, startsAt, {
      ...who.person,
      name: body.personName.trim(),
    }),
  )
  // At the counter (stationId), the resident's cut-off does not bind: a walk-in may take a slot starting soon.
  const { endsAt, workerId } = await takeSlot(ctx, tx, stationId ? forStation(service) : service, startsAt, who.personKey, null, {
    workerId: body.workerId,
  })
  const id = await insertBooking(tx, {
    serviceId: service.id,
    stationId: service.station_id,
    userId: who.userId,
    channel: who.channel,
    forWhom: body.forWhom,
    personName: body.personName.trim(),
    relationship: body.forWhom === 'self' ? null : body.relationship!.trim(),
    personKey: who.personKey,
    contactName: body.contactName.trim(),
    contactPhone: normalizePhone(body.contactPhone),
    note: body.note?.trim() ?? '',
    startsAt,
    endsAt,
    workerId,
    birthDate: who.person.birthDate,
    createdBy: who.createdBy,
    at: now,
  })
  await notifyBooking(tx, { id, user_id: who.userId, service_name: service.name }, '预约成功', formatCstDateTime(startsAt), now)
  return id
}

/** The person as the one-per-day rule knows them: the resident and the name they book for. */
export const residentPersonKey = (userId: string, personName: string) => `${userId}:${personName.trim()}`

/**
 * A resident's booking. For a member of 我的家人 (familyMemberId), the person is
 * that member as the resident recorded them (name, relationship): only their own
 * family — another resident's member is 404, as if it did not exist.
 */
export async function bookAsResident(ctx: AppContext, tx: Queryable, userId: string, body: BookingBody): Promise<string> {
  let booked: BookingBody = body
  let birthDate = body.birthDate ?? null
  if (body.familyMemberId) {
    if (body.forWhom === 'self') throw fail('FIELD_INVALID', '为本人预约时不用选择家人', 'familyMemberId')
    const member = await findFamilyMember(tx, userId, body.familyMemberId, ctx.clock())
    if (!member) throw notFound('没有找到这位家人，请到“我的家人”中查看')
    booked = { ...body, personName: member.name, relationship: member.relationship }
    birthDate = member.birthDate
  }
  return createBooking(ctx, tx, booked, {
    userId,
    channel: 'miniprogram',
    personKey: residentPersonKey(userId, booked.personName),
    createdBy: userId,
    person: { birthDate, isSelf: body.forWhom === 'self', fromFamily: !!body.familyMemberId },
  })
}

export async function requireOwnBooking(ctx: AppContext, db: Queryable, id: string, userId: string): Promise<Booking> {
  const row = await loadBooking(db, id, { userId })
  if (!row) throw notFound(BOOKING_NOT_FOUND)
  return toBooking(row, ctx.clock())
}

export async function myBookings(ctx: AppContext, userId: string): Promise<Booking[]> {
  const now = ctx.clock()
  return (await listOwnBookings(ctx.db, userId)).map((b) => toBooking(b, now))
}

/** The booking, then its service locked: the lock is the service's, taken before the booking is read again. */
async function lockBooking(
  tx: Queryable,
  id: string,
  scope: { userId?: string; stationId?: string },
): Promise<{ b: BookingRow; s: ServiceRow }> {
  const first = await loadBooking(tx, id, scope)
  if (!first) throw notFound(BOOKING_NOT_FOUND)
  const service = (await loadService(tx, first.service_id, { forUpdate: true }))!
  return { b: (await loadBooking(tx, id, scope))!, s: service }
}

export function cancelOwnBooking(ctx: AppContext, id: string, userId: string): Promise<Booking> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    const { b, s } = await lockBooking(tx, id, { userId })
    reject(changeRefusal({ status: b.status, startsAt: new Date(b.starts_at) }, rulesOf(s), now))
    await setBookingStatus(tx, id, 'cancelled', now)
    await notifyBooking(tx, b, '已取消', formatCstDateTime(new Date(b.starts_at)), now)
    return requireOwnBooking(ctx, tx, id, userId)
  })
}

/**
 * Whether the person may still be booked for the service at the new time, as a
 * new booking decides it (bookingEligibility): the service's rules now, their
 * age on the new day (the birth date given when booking), 本人 never for a
 * children's service. The refusal is next to `startsAt`, or to `birthDate` when
 * the service has an age rule and the booking holds no birth date.
 */
function moveEligibility(s: ServiceRow, b: BookingRow, startsAt: Date) {
  const birthDate = bookingBirthDate(b)
  const refusal = bookingEligibility({ audience: s.audience, minAge: s.min_age, maxAge: s.max_age }, startsAt, {
    name: b.person_name ?? '',
    birthDate,
    isSelf: b.for_whom === 'self',
    fromFamily: false,
  })
  if (!refusal) return null
  if (!birthDate && refusal.field === 'birthDate')
    return { ...refusal, message: `这项服务按年龄预约，这条预约没有登记出生日期，不能改期；请取消后重新预约` }
  return { ...refusal, field: 'startsAt' }
}

/** Whether a move asks for the slot the booking already holds (same start, same worker or none asked for). */
const sameSlot = (b: BookingRow, startsAt: Date, workerId: string | null | undefined) =>
  startsAt.getTime() === new Date(b.starts_at).getTime() && (workerId === undefined || workerId === b.worker_id)

export function rescheduleOwnBooking(
  ctx: AppContext,
  id: string,
  userId: string,
  startsAtIso: string,
  workerId?: string | null,
): Promise<Booking> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    const { b, s } = await lockBooking(tx, id, { userId })
    reject(changeRefusal({ status: b.status, startsAt: new Date(b.starts_at) }, rulesOf(s), now))
    const startsAt = new Date(startsAtIso)
    if (sameSlot(b, startsAt, workerId)) return toBooking(b, now)
    reject(moveEligibility(s, b, startsAt))
    const taken = await takeSlot(ctx, tx, s, startsAt, b.person_key, b.id, { workerId, preferred: b.worker_id })
    await setBookingTime(tx, id, { startsAt, ...taken, reason: null, at: now })
    await notifyBooking(tx, b, '已改期', formatCstDateTime(startsAt), now)
    return requireOwnBooking(ctx, tx, id, userId)
  })
}

// ───────────────────────── the station's side ─────────────────────────

interface StaffRef {
  id: string
  stationId: string
}

export async function requireStationBooking(ctx: AppContext, db: Queryable, id: string, stationId: string): Promise<Booking> {
  const row = await loadBooking(db, id, { stationId })
  if (!row) throw notFound(BOOKING_NOT_FOUND)
  return toBooking(row, ctx.clock(), { staff: true })
}

export async function stationBookings(ctx: AppContext, stationId: string, from: string, to: string): Promise<Booking[]> {
  if (from > to) throw fail('FIELD_INVALID', '开始日期不能晚于结束日期', 'to')
  if (datesBetween(from, to).length > 62) throw fail('FIELD_INVALID', '一次最多查看 62 天', 'to')
  const now = ctx.clock()
  const rows = await listStationBookings(ctx.db, stationId, cstInstant(from), addDays(cstInstant(to), 1))
  return rows.map((b) => toBooking(b, now, { staff: true }))
}

/** A walk-in or phone booking the station enters: the person is known by their phone. */
export async function bookAtCounter(ctx: AppContext, staff: StaffRef, body: StaffBookingBody): Promise<Booking> {
  return ctx.db.transaction(async (tx) => {
    reject(phoneRefusal('contactPhone', body.contactPhone))
    const key = `phone:${normalizePhone(body.contactPhone)}:${body.personName.trim()}`
    const id = await createBooking(
      ctx,
      tx,
      body,
      {
        userId: null,
        channel: body.channel,
        personKey: key,
        createdBy: staff.id,
        // At the counter the person is named, whoever speaks: their age decides, never 本人's children rule.
        person: { birthDate: body.birthDate ?? null, isSelf: false, fromFamily: false },
      },
      staff.stationId,
    )
    return requireStationBooking(ctx, tx, id, staff.stationId)
  })
}

export function markOutcome(
  ctx: AppContext,
  staff: StaffRef,
  id: string,
  outcome: 'attended' | 'no_show',
  note: string | undefined,
): Promise<Booking> {
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    const { b } = await lockBooking(tx, id, { stationId: staff.stationId })
    reject(outcomeRefusal({ status: b.status, startsAt: new Date(b.starts_at) }, now))
    await setBookingStatus(tx, id, outcome, now, note?.trim() ?? '')
    if (outcome === 'attended' && b.status !== 'attended') await inviteBookingRating(tx, b, now)
    return requireStationBooking(ctx, tx, id, staff.stationId)
  })
}

/** The station moves a booking (its cut-off does not bind the station): the resident sees the reason and is told. */
export function rescheduleByStation(
  ctx: AppContext,
  staff: StaffRef,
  id: string,
  body: { startsAt: string; workerId?: string | null; reason: string },
): Promise<Booking> {
  const now = ctx.clock()
  const reason = body.reason
  return ctx.db.transaction(async (tx) => {
    const { b, s } = await lockBooking(tx, id, { stationId: staff.stationId })
    if (b.status !== 'booked') throw fail('BOOKING_STATE', `这条预约${BOOKING_STATUS_LABELS[b.status]}，不能改期`)
    const startsAt = new Date(body.startsAt)
    reject(moveEligibility(s, b, startsAt))
    const taken = await takeSlot(ctx, tx, forStation(s), startsAt, b.person_key, b.id, {
      workerId: body.workerId,
      preferred: b.worker_id,
    })
    await setBookingTime(tx, id, { startsAt, ...taken, reason: reason.trim(), at: now })
    await notifyBooking(tx, b, '社工站已改期', `${formatCstDateTime(startsAt)} ${reason.trim()}`, now)
    return requireStationBooking(ctx, tx, id, staff.stationId)
  })
}

/**
 * The station cancels a booking of its own (another station's is 404), with a
 * reason the resident reads in 我的预约 and is told through the outbox. A
 * booking cancelled, marked, or already over is 409.
 */
export function cancelByStation(ctx: AppContext, staff: StaffRef, id: string, reason: string): Promise<Booking> {
  const now = ctx.clock()
  const why = reason.trim()
  if (!why) throw fail('FIELD_INVALID', '请填写取消的原因，居民会看到', 'reason')
  return ctx.db.transaction(async (tx) => {
    const { b } = await lockBooking(tx, id, { stationId: staff.stationId })
    if (b.status !== 'booked')
      throw fail('BOOKING_STATE', `这条预约${BOOKING_STATUS_LABELS[b.status]}，不能${b.status === 'cancelled' ? '再' : ''}取消`)
    if (new Date(b.ends_at) <= now) throw fail('BOOKING_STATE', '这次预约的时间已经过了，不能取消；请登记到场或未到场')
    await cancelByStationRow(tx, id, why, now)
    await notifyBooking(tx, b, '社工站已取消', why, now)
    return requireStationBooking(ctx, tx, id, staff.stationId)
  })
}

export async function addBlock(
  ctx: AppContext,
  staff: StaffRef,
  body: { kind: 'block' | 'open'; serviceId?: string; workerId?: string; startsAt: string; endsAt: string; reason: string },
) {
  const startsAt = new Date(body.startsAt)
  const endsAt = new Date(body.endsAt)
  if (endsAt <= startsAt) throw fail('FIELD_INVALID', '结束时间要晚于开始时间', 'endsAt')
  if (endsAt.getTime() - startsAt.getTime() > 31 * 86_400_000) throw fail('FIELD_INVALID', '一次最多停约或加开 31 天', 'endsAt')
  if (body.kind === 'open' && !body.serviceId) throw fail('FIELD_INVALID', '加开时段要选择是哪项服务', 'serviceId')
  return ctx.db.transaction(async (tx) => {
    if (body.serviceId) await requireService(tx, body.serviceId, { stationId: staff.stationId, forUpdate: true })
    if (body.workerId) await requireWorker(tx, staff.stationId, body.workerId, 'workerId', '所选社工不是本站的工作人员')
    const id = await insertBlock(tx, {
      stationId: staff.stationId,
      serviceId: body.serviceId ?? null,
      workerId: body.workerId ?? null,
      kind: body.kind,
      startsAt,
      endsAt,
      reason: body.reason.trim(),
      createdBy: staff.id,
    })
    // A block cancels nothing: the bookings it overlaps stay, and the station is shown them to move one by one.
    const scope = { serviceId: body.serviceId ?? null, workerId: body.workerId ?? null }
    const affected = body.kind === 'block' ? await bookingsDuring(tx, staff.stationId, startsAt, endsAt, scope) : []
    const now = ctx.clock()
    return {
      id,
      kind: body.kind,
      ...scope,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      reason: body.reason.trim(),
      affectedBookings: affected.map((b) => toBooking(b, now, { staff: true })),
    }
  })
}

export async function staffBookables(ctx: AppContext, stationId: string): Promise<BookableService[]> {
  return (await listServices(ctx.db, stationId, { activeOnly: false })).map(toService)
}

/** `userId` is a worker of the station in use (an account that works its queue), else 409 (disabled) or 400 next to `field`. */
export async function requireWorker(db: Queryable, stationId: string, userId: string, field: string, notColleague: string) {
  return requireActiveColleague(db, stationId, userId, { field, notColleague: () => fail('FIELD_INVALID', notColleague, field) })
}

/**
 * The service's settings checked (serviceRefusal), and the workers its windows
 * name: each must be a worker of the station in use (the windows kept before
 * an edit may name a worker who left or was disabled; those stay as they
 * were, and a disabled worker's slots are offered to no one).
 */
async function checkedFields(
  db: Queryable,
  stationId: string,
  f: ServiceFields,
  stationHours: ServiceRow['station_hours'],
  kept: readonly (string | null | undefined)[] = [],
): Promise<ServiceFields> {
  reject(serviceRefusal({ ...f }, stationHours))
  const named = [...new Set(f.availability.map((w) => w.workerId).filter((id): id is string => !!id && !kept.includes(id)))]
  for (const workerId of named)
    await requireWorker(db, stationId, workerId, 'availability', '可预约时段里选的接待社工不是本站的工作人员，请重新选择')
  return { ...f, name: f.name.trim(), description: f.description.trim(), workerName: f.workerName?.trim() || null }
}

export async function createBookable(ctx: AppContext, stationId: string, body: BookableBody): Promise<BookableService> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ opening_hours: ServiceRow['station_hours'] }>('SELECT opening_hours FROM stations WHERE id = $1', [
      stationId,
    ])
    const fields = await checkedFields(
      tx,
      stationId,
      {
        name: body.name,
        description: body.description ?? '',
        kind: body.kind,
        category: body.category,
        audience: body.audience ?? 'all',
        minAge: body.minAge ?? null,
        maxAge: body.maxAge ?? null,
        durationMinutes: body.durationMinutes,
        capacity: body.capacity,
        horizonDays: body.horizonDays ?? 14,
        cutoffMinutes: body.cutoffMinutes ?? 120,
        perPersonPerDay: body.perPersonPerDay ?? 1,
        availability: body.availability ?? [],
        workerName: body.workerName ?? null,
        active: true,
      },
      rows[0]?.opening_hours ?? [],
    )
    const id = await upsertService(tx, stationId, fields)
    return toService((await loadService(tx, id))!)
  })
}

export async function updateBookable(ctx: AppContext, stationId: string, id: string, patch: BookablePatch): Promise<BookableService> {
  return ctx.db.transaction(async (tx) => {
    const service = await requireService(tx, id, { stationId, forUpdate: true })
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ServiceFields>
    const fields = await checkedFields(
      tx,
      stationId,
      { ...fieldsOf(service), ...defined },
      service.station_hours,
      service.availability.map((w) => w.workerId),
    )
    await updateService(tx, id, fields, ctx.clock())
    return toService((await loadService(tx, id))!)
  })
}
