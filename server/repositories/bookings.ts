/** 预约服务's rows: bookable services, staff blocks, bookings. SQL only (phones sealed and unsealed here); no rule, no HTTP error. */
import { reminderDay, reminderNote } from '../../domain/reminders'
import type { BookingBlockKind, BookingChannel, BookingFor, BookingStatus, BookableKind } from '../../contract/bookings'
import { HOLDING_STATUSES } from '../../contract/bookings'
import type { Audience } from '../../contract/activities'
import type { ServiceCategory } from '../../contract/enums'
import type { BookableService, Booking } from '../../contract/types'
import type { AvailabilityWindow, BookableRules, BookingBlock } from '../../domain/booking'
import { cutoffOf, slotKey } from '../../domain/booking'
import type { WeeklyHours } from '../../domain/calendar'
import { formatCstDateTime } from '../../domain/chinaTime'
import type { Queryable } from '../db'
import { seal, unseal } from '../services/fieldCrypto'
import { enqueue } from './outbox'
import { ratingJson, toRating, type RatingJson } from './ratingView'

export interface ServiceRow {
  id: string
  station_id: string
  station_name: string
  station_phone: string
  station_address: string
  station_hours: WeeklyHours[]
  name: string
  description: string
  kind: BookableKind
  category: ServiceCategory
  audience: Audience
  min_age: number | null
  max_age: number | null
  duration_minutes: number
  capacity: number
  horizon_days: number
  cutoff_minutes: number
  per_person_per_day: number
  availability: AvailabilityWindow[]
  worker_name: string | null
  active: boolean
  /** The names of the workers its windows name, by id. */
  window_workers: Record<string, string>
  /** The disabled (停用) accounts among them and the station's: their slots are offered to no one. */
  disabled_workers: string[]
}

const SERVICE_SELECT = `SELECT b.id, b.station_id, s.name AS station_name, s.phone AS station_phone, s.address AS station_address,
    s.opening_hours AS station_hours, b.name, b.description, b.kind, b.category, b.audience, b.min_age, b.max_age, b.duration_minutes, b.capacity,
    b.horizon_days, b.cutoff_minutes, b.per_person_per_day, b.availability, b.worker_name, b.active,
    (SELECT COALESCE(jsonb_object_agg(u.id::text, u.nickname), '{}'::jsonb) FROM users u
      WHERE u.id::text IN (SELECT w.value->>'workerId' FROM jsonb_array_elements(b.availability) AS w)) AS window_workers,
    (SELECT COALESCE(jsonb_agg(u.id::text), '[]'::jsonb) FROM users u WHERE u.disabled_at IS NOT NULL
      AND (u.station_id = b.station_id OR u.id::text IN (SELECT w.value->>'workerId' FROM jsonb_array_elements(b.availability) AS w))) AS disabled_workers
  FROM bookable_services b JOIN stations s ON s.id = b.station_id`

export const rulesOf = (r: ServiceRow): BookableRules => ({
  durationMinutes: r.duration_minutes,
  capacity: r.capacity,
  horizonDays: r.horizon_days,
  cutoffMinutes: r.cutoff_minutes,
  availability: r.availability,
})

export function toService(r: ServiceRow): BookableService {
  return {
    id: r.id,
    station: { id: r.station_id, name: r.station_name, phone: r.station_phone, address: r.station_address },
    ...fieldsOf(r),
    workers: workersOf(r),
  }
}

/** The workers a service's windows name, in the order they first appear. */
export function workersOf(r: Pick<ServiceRow, 'availability' | 'window_workers'>): { id: string; name: string }[] {
  const ids = [...new Set(r.availability.map((w) => w.workerId).filter((id): id is string => !!id))]
  return ids.map((id) => ({ id, name: r.window_workers[id] ?? '社工' }))
}

/** A service; with `forUpdate`, its row locked: every booking, move and cancellation of the service goes through this lock. */
export async function loadService(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<ServiceRow | null> {
  const { rows } = await db.query<ServiceRow>(`${SERVICE_SELECT} WHERE b.id = $1${opts.forUpdate ? ' FOR UPDATE OF b' : ''}`, [id])
  return rows[0] ?? null
}

export async function listServices(db: Queryable, stationId: string, opts: { activeOnly: boolean }): Promise<ServiceRow[]> {
  const { rows } = await db.query<ServiceRow>(
    `${SERVICE_SELECT} WHERE b.station_id = $1${opts.activeOnly ? ' AND b.active' : ''} ORDER BY b.created_at, b.name`,
    [stationId],
  )
  return rows
}

export interface ServiceFields {
  name: string
  description: string
  kind: BookableKind
  category: ServiceCategory
  audience: Audience
  minAge: number | null
  maxAge: number | null
  durationMinutes: number
  capacity: number
  horizonDays: number
  cutoffMinutes: number
  perPersonPerDay: number
  availability: AvailabilityWindow[]
  workerName: string | null
  active: boolean
}

const fieldValues = (f: ServiceFields) => [
  f.name,
  f.description,
  f.kind,
  f.category,
  f.audience,
  f.durationMinutes,
  f.capacity,
  f.horizonDays,
  f.cutoffMinutes,
  f.perPersonPerDay,
  // A window names its worker only when it has one.
  JSON.stringify(
    f.availability.map(({ weekdays, open, close, workerId }) => ({ weekdays, open, close, ...(workerId ? { workerId } : {}) })),
  ),
  f.workerName,
  f.active,
  f.minAge,
  f.maxAge,
]

/** Inserts a service; with a code (the demo data), updates the one with that code instead. */
export async function upsertService(db: Queryable, stationId: string, f: ServiceFields, code: string | null = null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO bookable_services (station_id, name, description, kind, category, audience, duration_minutes, capacity, horizon_days,
       cutoff_minutes, per_person_per_day, availability, worker_name, active, min_age, max_age, code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, kind = EXCLUDED.kind,
       category = EXCLUDED.category, audience = EXCLUDED.audience, duration_minutes = EXCLUDED.duration_minutes,
       capacity = EXCLUDED.capacity, horizon_days = EXCLUDED.horizon_days, cutoff_minutes = EXCLUDED.cutoff_minutes,
       per_person_per_day = EXCLUDED.per_person_per_day, availability = EXCLUDED.availability, worker_name = EXCLUDED.worker_name,
       min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age, updated_at = now()
     RETURNING id`,
    [stationId, ...fieldValues(f), code],
  )
  return rows[0]!.id
}

export async function updateService(db: Queryable, id: string, f: ServiceFields, now: Date): Promise<void> {
  await db.query(
    `UPDATE bookable_services SET name = $2, description = $3, kind = $4, category = $5, audience = $6, duration_minutes = $7, capacity = $8,
       horizon_days = $9, cutoff_minutes = $10, per_person_per_day = $11, availability = $12, worker_name = $13, active = $14,
       min_age = $15, max_age = $16, updated_at = $17
     WHERE id = $1`,
    [id, ...fieldValues(f), now],
  )
}

export const fieldsOf = (r: ServiceRow): ServiceFields => ({
  name: r.name,
  description: r.description,
  kind: r.kind,
  category: r.category,
  audience: r.audience,
  minAge: r.min_age,
  maxAge: r.max_age,
  durationMinutes: r.duration_minutes,
  capacity: r.capacity,
  horizonDays: r.horizon_days,
  cutoffMinutes: r.cutoff_minutes,
  perPersonPerDay: r.per_person_per_day,
  availability: r.availability,
  workerName: r.worker_name,
  active: r.active,
})

// ───────────────────────── blocks and places held ─────────────────────────

interface BlockRow {
  id: string
  kind: BookingBlockKind
  service_id: string | null
  worker_id: string | null
  starts_at: Date
  ends_at: Date
  reason: string
}

/** The station's blocks and openings that end after `from` and start before `to`. */
export async function blocksBetween(db: Queryable, stationId: string, from: Date, to: Date): Promise<(BookingBlock & { id: string })[]> {
  const { rows } = await db.query<BlockRow>(
    'SELECT id, kind, service_id, worker_id, starts_at, ends_at, reason FROM booking_blocks WHERE station_id = $1 AND ends_at > $2 AND starts_at < $3 ORDER BY starts_at',
    [stationId, from, to],
  )
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    serviceId: r.service_id,
    workerId: r.worker_id,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    reason: r.reason,
  }))
}

export async function insertBlock(
  db: Queryable,
  b: {
    stationId: string
    serviceId: string | null
    workerId: string | null
    kind: BookingBlockKind
    startsAt: Date
    endsAt: Date
    reason: string
    createdBy: string
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO booking_blocks (station_id, service_id, kind, starts_at, ends_at, reason, created_by, worker_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [b.stationId, b.serviceId, b.kind, b.startsAt, b.endsAt, b.reason, b.createdBy, b.workerId],
  )
  return rows[0]!.id
}

/** Places held per slot (`slotKey`: its start, and its worker) of a service between two instants. */
export async function takenBetween(db: Queryable, serviceId: string, from: Date, to: Date): Promise<Map<string, number>> {
  const { rows } = await db.query<{ starts_at: Date; worker_id: string | null; n: number }>(
    `SELECT starts_at, worker_id, count(*)::int AS n FROM bookings
      WHERE service_id = $1 AND status = ANY ($4::text[]) AND starts_at >= $2 AND starts_at < $3 GROUP BY starts_at, worker_id`,
    [serviceId, from, to, HOLDING_STATUSES],
  )
  return new Map(rows.map((r) => [slotKey(new Date(r.starts_at).toISOString(), r.worker_id), r.n]))
}

/**
 * The time the station's workers are booked in its other services between two instants: a worker who
 * receives in two services is one person, so a booking in one takes their slots that overlap it in the other.
 */
export async function workersBookedElsewhere(
  db: Queryable,
  serviceId: string,
  from: Date,
  to: Date,
): Promise<{ workerId: string; startsAt: Date; endsAt: Date }[]> {
  const { rows } = await db.query<{ worker_id: string; starts_at: Date; ends_at: Date }>(
    `SELECT k.worker_id, k.starts_at, k.ends_at FROM bookings k JOIN bookable_services b ON b.id = k.service_id
      WHERE b.station_id = (SELECT station_id FROM bookable_services WHERE id = $1) AND k.service_id <> $1
        AND k.worker_id IS NOT NULL AND k.status = ANY ($4::text[]) AND k.starts_at < $3 AND k.ends_at > $2`,
    [serviceId, from, to, HOLDING_STATUSES],
  )
  return rows.map((r) => ({ workerId: r.worker_id, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }))
}

/**
 * Serializes the bookings of one station until the transaction ends. Each service's row lock keeps its own
 * slots within capacity; this keeps a worker who receives in two services from being booked twice at once.
 */
export async function lockStationBookings(tx: Queryable, stationId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('bookings:' || $1::text))`, [stationId])
}

/** How many bookings a person holds for a service on the China day [dayStart, dayStart + 24 h), leaving one out (a reschedule). */
export async function heldByPerson(
  db: Queryable,
  serviceId: string,
  personKey: string,
  dayStart: Date,
  exceptId: string | null,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM bookings
      WHERE service_id = $1 AND person_key = $2 AND status = ANY ($5::text[]) AND starts_at >= $3 AND starts_at < $3 + interval '1 day'
        AND ($4::uuid IS NULL OR id <> $4)`,
    [serviceId, personKey, dayStart, exceptId, HOLDING_STATUSES],
  )
  return rows[0]!.n
}

// ───────────────────────── bookings ─────────────────────────

export interface BookingRow {
  id: string
  service_id: string
  station_id: string
  user_id: string | null
  channel: BookingChannel
  for_whom: BookingFor
  person_name: string | null
  person_key: string
  relationship: string | null
  contact_name: string | null
  contact_phone: string | null
  note: string
  starts_at: Date
  ends_at: Date
  worker_id: string | null
  worker_nickname: string | null
  /** The worker's account is disabled (停用): the booking needs another worker. */
  worker_disabled: boolean
  /** Sealed; for the age rule when the booking moves. */
  person_birth_date: string | null
  status: BookingStatus
  staff_note: string
  reschedule_reason: string | null
  cancel_reason: string | null
  rescheduled_at: Date | null
  created_at: Date
  service_name: string
  service_kind: BookableKind
  service_category: ServiceCategory
  worker_name: string | null
  cutoff_minutes: number
  station_name: string
  station_phone: string
  station_address: string
  rating: RatingJson | null
}

const BOOKING_SELECT = `SELECT k.id, k.service_id, k.station_id, k.user_id, k.channel, k.for_whom, k.person_name, k.person_key, k.relationship, k.contact_name,
    k.contact_phone, k.note, k.starts_at, k.ends_at, k.worker_id, w.nickname AS worker_nickname,
    (w.disabled_at IS NOT NULL) AS worker_disabled, k.person_birth_date, k.status, k.staff_note, k.reschedule_reason, k.rescheduled_at, k.cancel_reason, k.created_at,
    b.name AS service_name, b.kind AS service_kind, b.category AS service_category, b.worker_name, b.cutoff_minutes,
    s.name AS station_name, s.phone AS station_phone, s.address AS station_address, ${ratingJson('rt.booking_id = k.id')} AS rating
  FROM bookings k JOIN bookable_services b ON b.id = k.service_id JOIN stations s ON s.id = k.station_id
    LEFT JOIN users w ON w.id = k.worker_id`

/** The birth date given for the booking's age rule, opened (the resident's export; moves check the rule again). */
export const bookingBirthDate = (r: BookingRow): string | null => unseal(r.person_birth_date)

export function toBooking(r: BookingRow, now: Date, opts: { staff?: boolean } = {}): Booking {
  const startsAt = new Date(r.starts_at)
  const deadline = cutoffOf(startsAt, { cutoffMinutes: r.cutoff_minutes })
  return {
    id: r.id,
    service: { id: r.service_id, name: r.service_name, kind: r.service_kind, category: r.service_category, workerName: r.worker_name },
    station: { id: r.station_id, name: r.station_name, phone: r.station_phone, address: r.station_address },
    startsAt: startsAt.toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    worker: r.worker_id ? { id: r.worker_id, name: r.worker_nickname ?? '社工' } : null,
    status: r.status,
    channel: r.channel,
    forWhom: r.for_whom,
    personName: r.person_name ?? '',
    relationship: r.relationship,
    contactName: r.contact_name ?? '',
    contactPhone: unseal(r.contact_phone) ?? '',
    note: r.note,
    rescheduleReason: r.reschedule_reason,
    rescheduledAt: r.rescheduled_at ? new Date(r.rescheduled_at).toISOString() : null,
    cancelReason: r.cancel_reason,
    changeDeadline: deadline.toISOString(),
    canChange: r.status === 'booked' && now <= deadline,
    // The staff's note to the station; the rating to the resident (staff read ratings in 居民评价, anonymous ones without a name).
    ...(opts.staff
      ? {
          staffNote: r.staff_note,
          ...(r.worker_disabled && r.status === 'booked' && new Date(r.ends_at) > now ? { needsWorker: true } : {}),
        }
      : { ratingDue: r.status === 'attended' && !r.rating, rating: toRating(r.rating) }),
    createdAt: new Date(r.created_at).toISOString(),
  }
}

/** A booking; `userId` limits it to the resident's own, `stationId` to the station's, `forUpdate` locks it. */
export async function loadBooking(
  db: Queryable,
  id: string,
  scope: { userId?: string; stationId?: string } = {},
): Promise<BookingRow | null> {
  const { rows } = await db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE k.id = $1 AND ($2::uuid IS NULL OR k.user_id = $2) AND ($3::uuid IS NULL OR k.station_id = $3)`,
    [id, scope.userId ?? null, scope.stationId ?? null],
  )
  return rows[0] ?? null
}

/** A resident's bookings, latest first: the 200 latest for 我的预约, all of them (`limit` null) for the export. */
export async function listOwnBookings(db: Queryable, userId: string, limit: number | null = 200): Promise<BookingRow[]> {
  const { rows } = await db.query<BookingRow>(`${BOOKING_SELECT} WHERE k.user_id = $1 ORDER BY k.starts_at DESC LIMIT $2`, [userId, limit])
  return rows
}

export async function listStationBookings(db: Queryable, stationId: string, from: Date, to: Date): Promise<BookingRow[]> {
  const { rows } = await db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE k.station_id = $1 AND k.starts_at >= $2 AND k.starts_at < $3 ORDER BY k.starts_at, b.name`,
    [stationId, from, to],
  )
  return rows
}

/**
 * The station's bookings still booked during [from, to) that a block (停约) of
 * the service (null: every service) and worker (null: whoever receives) takes
 * away — the ones the station has to move — by start, at most 200.
 */
export async function bookingsDuring(
  db: Queryable,
  stationId: string,
  from: Date,
  to: Date,
  scope: { serviceId: string | null; workerId: string | null },
): Promise<BookingRow[]> {
  const { rows } = await db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE k.station_id = $1 AND k.status = 'booked' AND k.starts_at < $3 AND k.ends_at > $2
      AND ($4::uuid IS NULL OR k.service_id = $4) AND ($5::uuid IS NULL OR k.worker_id = $5)
      ORDER BY k.starts_at, b.name LIMIT 200`,
    [stationId, from, to, scope.serviceId, scope.workerId],
  )
  return rows
}

export interface NewBooking {
  serviceId: string
  stationId: string
  userId: string | null
  channel: BookingChannel
  forWhom: BookingFor
  personName: string
  relationship: string | null
  personKey: string
  contactName: string
  contactPhone: string
  note: string
  startsAt: Date
  endsAt: Date
  workerId: string | null
  /** The person's birth date when one was given (sealed at rest). */
  birthDate: string | null
  createdBy: string
  at: Date
}

export async function insertBooking(db: Queryable, b: NewBooking): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO bookings (service_id, station_id, user_id, channel, for_whom, person_name, relationship, person_key, contact_name, contact_phone,
       note, starts_at, ends_at, created_by, created_at, updated_at, worker_id, person_birth_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17) RETURNING id`,
    [
      b.serviceId,
      b.stationId,
      b.userId,
      b.channel,
      b.forWhom,
      b.personName,
      b.relationship,
      b.personKey,
      b.contactName,
      seal(b.contactPhone),
      b.note,
      b.startsAt,
      b.endsAt,
      b.createdBy,
      b.at,
      b.workerId,
      seal(b.birthDate),
    ],
  )
  return rows[0]!.id
}

export async function setBookingTime(
  db: Queryable,
  id: string,
  t: { startsAt: Date; endsAt: Date; workerId: string | null; reason: string | null; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE bookings SET starts_at = $2, ends_at = $3, reschedule_reason = COALESCE($4, reschedule_reason), worker_id = $6,
       rescheduled_at = CASE WHEN $4::text IS NULL THEN rescheduled_at ELSE $5 END, reminded_at = NULL, updated_at = $5 WHERE id = $1`,
    [id, t.startsAt, t.endsAt, t.reason, t.at, t.workerId],
  )
}

export async function setBookingStatus(db: Queryable, id: string, status: BookingStatus, at: Date, staffNote?: string): Promise<void> {
  await db.query(
    `UPDATE bookings SET status = $2, updated_at = $3, cancelled_at = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancelled_at END,
       staff_note = COALESCE($4, staff_note) WHERE id = $1`,
    [id, status, at, staffNote ?? null],
  )
}

/** The station cancels a booking, with the reason the resident reads. */
export async function cancelByStationRow(db: Queryable, id: string, reason: string, at: Date): Promise<void> {
  await db.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2, updated_at = $2, cancel_reason = $3 WHERE id = $1`, [
    id,
    at,
    reason,
  ])
}

/** The outbox message about a booking (a subscribe message through the activity template: thing1 name, phrase2 status, thing3 note). */
export async function notifyBooking(
  db: Queryable,
  b: Pick<BookingRow, 'id' | 'user_id' | 'service_name'>,
  status: string,
  note: string,
  at: Date,
) {
  if (!b.user_id) return
  await enqueue(
    db,
    b.user_id,
    'booking_status',
    { bookingId: b.id, activity: b.service_name.slice(0, 20), status, note: note.slice(0, 20) },
    at,
  )
}

/** The invitation to rate an attended booking (「评价这次服务」), as a resolved request's rating_invite. */
export async function inviteBookingRating(db: Queryable, b: Pick<BookingRow, 'id' | 'user_id' | 'service_name'>, at: Date) {
  if (!b.user_id) return
  await enqueue(db, b.user_id, 'booking_rating_invite', { bookingId: b.id, activity: b.service_name.slice(0, 20) }, at)
}

/**
 * The job: a reminder the day before, for bookings starting within the next
 * 24 hours not yet reminded; `closure` says why the station is closed that
 * day (the note then asks the resident to reschedule). Returns how many.
 */
export async function remindBookingsTomorrow(
  db: Queryable,
  now: Date,
  closure: (stationId: string, startsAt: Date) => string | null = () => null,
): Promise<number> {
  const { rows } = await db.query<{
    id: string
    station_id: string
    user_id: string | null
    service_name: string
    starts_at: Date
    person_name: string | null
  }>(
    `UPDATE bookings k SET reminded_at = $1 FROM bookable_services b
      WHERE b.id = k.service_id AND k.status = 'booked' AND k.reminded_at IS NULL AND k.starts_at > $1 AND k.starts_at <= $2
      RETURNING k.id, b.station_id, k.user_id, b.name AS service_name, k.starts_at, k.person_name`,
    [now, new Date(now.getTime() + 24 * 3600_000)],
  )
  for (const row of rows) {
    if (!row.user_id) continue
    const closed = closure(row.station_id, new Date(row.starts_at))
    await enqueue(
      db,
      row.user_id,
      'booking_reminder',
      {
        bookingId: row.id,
        activity: row.service_name.slice(0, 20),
        time: formatCstDateTime(new Date(row.starts_at)),
        day: reminderDay(new Date(row.starts_at), now),
        note: reminderNote(closed, row.person_name ?? ''),
        ...(closed ? { closed } : {}),
      },
      now,
    )
  }
  return rows.length
}

/**
 * Erases what identifies the person in these bookings — who comes, the
 * relationship, the contact and phone, the birth date, the resident's and the staff's notes, the station's reasons for moving and for cancelling,
 * the key of the one-per-day rule — and detaches them from the account.
 * Service, station, time, channel and status remain, for the station's figures.
 */
async function anonymizeBookings(db: Queryable, where: string, params: unknown[], words: string, now: Date): Promise<number> {
  const res = await db.query(
    `UPDATE bookings SET user_id = NULL, person_name = $${params.length + 1}, relationship = NULL,
            contact_name = $${params.length + 1}, contact_phone = NULL, person_birth_date = NULL, note = '', staff_note = '', reschedule_reason = NULL, cancel_reason = NULL,
            person_key = 'purged:' || id::text, purged_at = $${params.length + 2}, updated_at = $${params.length + 2}
      WHERE purged_at IS NULL AND ${where}`,
    [...params, words, now],
  )
  return res.rowCount ?? 0
}

/** Account deletion: upcoming bookings are cancelled (their places free again), then every booking is anonymized. */
export async function eraseBookingsOf(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2, updated_at = $2 WHERE user_id = $1 AND status = 'booked'`, [
    userId,
    now,
  ])
  await anonymizeBookings(db, 'user_id = $1', [userId], '已注销', now)
}

/** The retention job: bookings that ended before `cutoff` lose their personal fields. */
export function purgeEndedBookings(db: Queryable, cutoff: Date, now: Date): Promise<number> {
  return anonymizeBookings(db, 'ends_at < $1', [cutoff], '', now)
}
