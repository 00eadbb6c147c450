/**
 * Help requests in the database: loading rows (phones and addresses unsealed)
 * and their timelines, inserting a new request, and saving a change decided
 * by the lifecycle (domain/requests.ts) — its columns, its timeline entry and
 * its outbox messages — plus the reads around them: routing candidates, a
 * staff account's scope, where a request moved from, the access log. No rule
 * is decided here.
 */
import type { ServiceCategory, StationKind } from '../../contract/enums'
import type { RequestEventType, RequestStatus } from '../../contract/requests'
import type { HelpRequest, RequestEvent } from '../../contract/types'
import type { PersonalDetails, RequestChange, RequestState, RequestUpdate, ResidentNotice, TimelineEntry } from '../../domain/requests'
import type { RoutableStation } from '../../domain/routing'
import type { Staff } from '../../domain/staff'
import { scopeKind } from '../../domain/permissions'
import type { Queryable } from '../db'
import { phoneIndex, requestHelpedIndex } from '../services/blindIndex'
import { seal, unseal } from '../services/fieldCrypto'
import { enqueue, enqueueInsert } from './outbox'
import { alertStaff, entryAlertInsert } from './staffAlerts'
import { ratingJson, type RatingJson } from './ratingView'

/** A help request's row with its station, assignee, photos and current rating; personal fields unsealed. */
export interface RequestRow {
  id: string
  number: string
  user_id: string | null
  channel: HelpRequest['channel']
  station_id: string
  station_name: string
  station_phone: string
  routing_reason: string
  category: ServiceCategory
  attributes: Record<string, string>
  description: string
  urgency: HelpRequest['urgency']
  emergency: string[]
  requester: HelpRequest['requester']
  contact_name: string
  contact_phone: string
  preferred_time: string
  helped_name: string | null
  helped_relationship: string | null
  helped_phone: string | null
  helped_address: string | null
  province: string | null
  city: string | null
  district: string | null
  street: string | null
  community: string | null
  address: string
  lat: number | null
  lng: number | null
  status: RequestStatus
  assignee_id: string | null
  assignee_name: string | null
  due_at: Date
  escalations: number
  created_at: Date
  accepted_at: Date | null
  resolved_at: Date | null
  updated_at: Date
  photo_ids: string[]
  resolutions: number
  queued_at: Date
  /** When the 办结 clock last started again (a reopening after resolution); null: from created_at. */
  resolution_from: Date | null
  rating_due: boolean
  rating: RatingJson | null
  /** Set once the retention job (or an account deletion) erased the personal fields. */
  purged_at: Date | null
  /** Blind indexes of the submitter's phone and of the helped person (server/services/blindIndex.ts). */
  contact_phone_bidx: string | null
  helped_bidx: string | null
  /** Merged as a duplicate into this request. */
  merged_into_id: string | null
  /** The request it was merged into, and whether the same resident submitted both (not read by every query). */
  merged_into?: { id: string; number: string; own: boolean } | null
}

const SELECT = `
  SELECT r.*, s.name AS station_name, s.phone AS station_phone, a.nickname AS assignee_name,
         COALESCE((SELECT array_agg(u.id ORDER BY u.created_at) FROM uploads u WHERE u.request_id = r.id), '{}') AS photo_ids,
         (r.status = 'resolved' AND NOT EXISTS (SELECT 1 FROM ratings x WHERE x.request_id = r.id AND x.resolution = r.resolutions)) AS rating_due,
         ${ratingJson('rt.request_id = r.id')} AS rating,
         (SELECT json_build_object('id', m.id, 'number', m.number, 'own', r.user_id IS NOT NULL AND m.user_id = r.user_id)
            FROM help_requests m WHERE m.id = r.merged_into_id) AS merged_into
    FROM help_requests r
    JOIN stations s ON s.id = r.station_id
    LEFT JOIN users a ON a.id = r.assignee_id`

/** The columns that hold phones and addresses, sealed at rest. */
type SealedColumn = 'contact_phone' | 'helped_phone' | 'helped_address' | 'address'

function unsealed<R extends Pick<RequestRow, SealedColumn>>(row: R): R {
  return {
    ...row,
    contact_phone: unseal(row.contact_phone),
    helped_phone: unseal(row.helped_phone),
    helped_address: unseal(row.helped_address),
    address: unseal(row.address),
  }
}

/** What the lifecycle reads of a row. */
export function stateOf(r: RequestRow): RequestState {
  return {
    id: r.id,
    number: r.number,
    userId: r.user_id,
    status: r.status,
    stationId: r.station_id,
    category: r.category,
    urgency: r.urgency,
    requester: r.requester,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    acceptedAt: r.accepted_at && new Date(r.accepted_at),
    queuedAt: new Date(r.queued_at),
    dueAt: new Date(r.due_at),
    escalations: Number(r.escalations),
    resolutions: Number(r.resolutions),
    createdAt: new Date(r.created_at),
    resolutionFrom: r.resolution_from ? new Date(r.resolution_from) : null,
    purged: !!r.purged_at,
  }
}

/** The personal details a resident may correct, as they stand. */
export function personalDetailsOf(r: RequestRow): PersonalDetails {
  return {
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    preferredTime: r.preferred_time,
    address: r.address,
    helpedPhone: r.helped_phone,
    helpedAddress: r.helped_address,
  }
}

/** One request; `forUpdate` locks its row until the transaction ends. */
export async function loadRequest(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>(opts.forUpdate ? `${SELECT} WHERE r.id = $1 FOR UPDATE OF r` : `${SELECT} WHERE r.id = $1`, [
    id,
  ])
  return rows[0] ? unsealed(rows[0]) : null
}

/** A resident's requests, newest first. */
export async function requestsOf(db: Queryable, userId: string): Promise<RequestRow[]> {
  const { rows } = await db.query<RequestRow>(`${SELECT} WHERE r.user_id = $1 ORDER BY r.created_at DESC LIMIT 100`, [userId])
  return rows.map(unsealed)
}

export interface QueueFilter {
  /** The stations whose queues are read. */
  stationIds: string[]
  /** The reader's own station: sensitive categories only from there. */
  ownStationId: string
  sensitive: readonly ServiceCategory[]
  /** Omitted: the open statuses. */
  status?: RequestStatus
  category?: ServiceCategory
  urgency?: HelpRequest['urgency']
  /** Waiting past the response target at this moment. */
  overdueAt?: Date
  assigneeId?: string
  /** Nobody has it (未分配). */
  unassigned?: boolean
  /** The most rows read. */
  limit: number
}

/** A queue: waiting first, urgent first, oldest first; at most `limit`. */
export async function queueRows(db: Queryable, f: QueueFilter): Promise<RequestRow[]> {
  const where = ['r.station_id = ANY ($1::uuid[])', `(r.station_id = $2 OR r.category <> ALL ($3::text[]))`]
  const params: unknown[] = [f.stationIds, f.ownStationId, f.sensitive]
  const add = (sql: string, v: unknown) => {
    params.push(v)
    where.push(sql.replaceAll('$?', `$${params.length}`))
  }
  if (f.status) add('r.status = $?', f.status)
  else where.push(`r.status IN ('submitted', 'accepted', 'in_progress')`)
  if (f.category) add('r.category = $?', f.category)
  if (f.urgency) add('r.urgency = $?', f.urgency)
  if (f.overdueAt) add(`r.status = 'submitted' AND r.due_at < $?`, f.overdueAt)
  if (f.assigneeId) add('r.assignee_id = $?', f.assigneeId)
  if (f.unassigned) where.push('r.assignee_id IS NULL')
  const { rows } = await db.query<RequestRow>(
    `${SELECT} WHERE ${where.join(' AND ')}
      ORDER BY (r.status = 'submitted') DESC, (r.urgency = 'urgent') DESC, r.created_at ASC LIMIT $${params.length + 1}`,
    [...params, f.limit],
  )
  return rows.map(unsealed)
}

/**
 * A request's timeline, oldest first; internal notes only when asked (staff).
 * `stationId`: the staff's station — an entry kept to another station
 * (only_station_id: a sensitive category's booking) is left out.
 */
export async function loadEvents(
  db: Queryable,
  requestId: string,
  opts: { internal: boolean; stationId?: string },
): Promise<RequestEvent[]> {
  const { rows } = await db.query<{
    id: number
    type: RequestEventType
    body: string
    actor_name: string | null
    station_name: string | null
    to_station_name: string | null
    internal: boolean
    created_at: Date
  }>(
    `SELECT e.id, e.type, e.body, u.nickname AS actor_name, s.name AS station_name,
            t.name AS to_station_name, e.internal, e.created_at
       FROM request_events e
       LEFT JOIN users u ON u.id = e.actor_id
       LEFT JOIN stations s ON s.id = e.station_id
       LEFT JOIN stations t ON t.id = e.to_station_id
      WHERE e.request_id = $1 ${opts.internal ? '' : 'AND NOT e.internal'}
        ${opts.stationId ? 'AND (e.only_station_id IS NULL OR e.only_station_id = $2)' : ''}
      ORDER BY e.id`,
    opts.stationId ? [requestId, opts.stationId] : [requestId],
  )
  return rows.map((e) => ({
    id: Number(e.id),
    type: e.type,
    body: e.body,
    actorName: e.actor_name,
    stationName: e.station_name,
    toStationName: e.to_station_name,
    internal: e.internal,
    createdAt: new Date(e.created_at).toISOString(),
  }))
}

export interface NewRequest {
  /** Chosen by the caller (the answer kept with an Idempotency-Key names it before the insert); else the database's. */
  id?: string
  /** 'QZ-20261123-': the number's prefix; the database appends the sequence. */
  numberPrefix: string
  userId: string | null
  channel: HelpRequest['channel']
  /** The station it goes to, as routing read it (the answer shows its name and phone). */
  station: { id: string; name: string; phone: string }
  chosenStationId: string | null
  routingRule: string
  routingReason: string
  category: ServiceCategory
  attributes: Record<string, string>
  description: string
  urgency: HelpRequest['urgency']
  emergency: string[]
  requester: HelpRequest['requester']
  contactName: string
  contactPhone: string
  preferredTime: string
  helped: { name: string; relationship: string; phone: string | null; address: string | null; consent: boolean } | null
  area: { province?: string | null; city?: string | null; district?: string | null; street?: string | null; community?: string | null }
  address: string
  location: { lat: number; lng: number } | null
  dueAt: Date
  at: Date
}

/** Inserts a request (phones and addresses sealed) and returns it as loadRequest would: nothing attached, unrated. */
export async function insertRequest(tx: Queryable, r: NewRequest): Promise<RequestRow> {
  const { rows } = await tx.query<Omit<RequestRow, 'station_name' | 'station_phone'>>(
    `INSERT INTO help_requests (id, number, user_id, channel, station_id, chosen_station_id, routing_rule, routing_reason,
        category, attributes, description, urgency, emergency, requester, contact_name, contact_phone, preferred_time,
        helped_name, helped_relationship, helped_phone, helped_address, helped_consent,
        province, city, district, street, community, address, lat, lng, due_at, created_at, updated_at, queued_at,
        contact_phone_bidx, helped_bidx)
     VALUES (COALESCE($34::uuid, gen_random_uuid()), $31 || lpad(nextval('help_request_number_seq')::text, 6, '0'),
        $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
        $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $30, $30, $32, $33)
     RETURNING *`,
    [
      r.userId,
      r.channel,
      r.station.id,
      r.chosenStationId,
      r.routingRule,
      r.routingReason,
      r.category,
      JSON.stringify(r.attributes),
      r.description,
      r.urgency,
      r.emergency,
      r.requester,
      r.contactName,
      seal(r.contactPhone),
      r.preferredTime,
      r.helped?.name ?? null,
      r.helped?.relationship ?? null,
      seal(r.helped?.phone ?? null),
      seal(r.helped?.address ?? null),
      r.helped?.consent ?? false,
      r.area.province ?? null,
      r.area.city ?? null,
      r.area.district ?? null,
      r.area.street ?? null,
      r.area.community ?? null,
      seal(r.address),
      r.location?.lat ?? null,
      r.location?.lng ?? null,
      r.dueAt,
      r.at,
      r.numberPrefix,
      phoneIndex(r.contactPhone),
      requestHelpedIndex({
        requester: r.requester,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        helpedName: r.helped?.name,
        helpedPhone: r.helped?.phone,
      }),
      r.id ?? null,
    ],
  )
  const row = rows[0]!
  // What loadRequest adds: the station, the plain phones and addresses (known here), no assignee, photos or rating yet.
  return {
    ...row,
    station_name: r.station.name,
    station_phone: r.station.phone,
    contact_phone: r.contactPhone,
    helped_phone: r.helped?.phone ?? null,
    helped_address: r.helped?.address ?? null,
    address: r.address,
    assignee_name: null,
    photo_ids: [],
    rating_due: false,
    rating: null,
    merged_into: null,
  }
}

/** Attaches the resident's own unattached photos to a request; returns the ids attached, oldest upload first. */
export async function attachPhotos(tx: Queryable, requestId: string, photoIds: string[], userId: string | null): Promise<string[]> {
  const { rows } = await tx.query<{ id: string; created_at: Date }>(
    'UPDATE uploads SET request_id = $1 WHERE id = ANY ($2::uuid[]) AND user_id = $3 AND request_id IS NULL RETURNING id, created_at',
    [requestId, photoIds, userId],
  )
  return rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime()).map((u) => u.id)
}

const COLUMNS: Record<keyof RequestUpdate, { column: string; sealed?: boolean }> = {
  status: { column: 'status' },
  stationId: { column: 'station_id' },
  assigneeId: { column: 'assignee_id' },
  acceptedAt: { column: 'accepted_at' },
  resolvedAt: { column: 'resolved_at' },
  dueAt: { column: 'due_at' },
  queuedAt: { column: 'queued_at' },
  resolutionFrom: { column: 'resolution_from' },
  escalations: { column: 'escalations' },
  resolutions: { column: 'resolutions' },
  updatedAt: { column: 'updated_at' },
  contactName: { column: 'contact_name' },
  contactPhone: { column: 'contact_phone', sealed: true },
  preferredTime: { column: 'preferred_time' },
  address: { column: 'address', sealed: true },
  helpedPhone: { column: 'helped_phone', sealed: true },
  helpedAddress: { column: 'helped_address', sealed: true },
}

/** The columns a request's blind indexes are computed from. */
export const BLIND_INDEXED = 'requester, contact_name, contact_phone, helped_name, helped_phone'
export interface BlindIndexed {
  requester: 'self' | 'family'
  contact_name: string
  contact_phone: string
  helped_name: string | null
  helped_phone: string | null
}
/** A stored request's blind indexes under the current key: its submitter's phone, and whom it helps (the submitter, for 本人). */
export function blindIndexesOf(row: BlindIndexed): [string | null, string | null] {
  const contactPhone = unseal(row.contact_phone)
  return [
    phoneIndex(contactPhone),
    requestHelpedIndex({
      requester: row.requester,
      contactName: row.contact_name,
      contactPhone,
      helpedName: row.helped_name,
      helpedPhone: unseal(row.helped_phone),
    }),
  ]
}

/** Writes a request's blind indexes again from its names and phones (after a correction of one). */
export async function reindexRequest(tx: Queryable, requestId: string): Promise<void> {
  const { rows } = await tx.query<BlindIndexed>(`SELECT ${BLIND_INDEXED} FROM help_requests WHERE id = $1`, [requestId])
  const row = rows[0]
  if (!row) return
  await tx.query('UPDATE help_requests SET contact_phone_bidx = $2, helped_bidx = $3 WHERE id = $1', [requestId, ...blindIndexesOf(row)])
}

const INSERT_EVENT = `INSERT INTO request_events (request_id, type, actor_id, station_id, to_station_id, body, internal, created_at, elapsed_seconds, on_time)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`
const eventValues = (requestId: string, e: TimelineEntry): unknown[] => [
  requestId,
  e.type,
  e.actorId,
  e.stationId,
  e.toStationId,
  e.body,
  e.internal,
  e.at,
  e.elapsedSeconds,
  e.onTime,
]

/** Writes a timeline entry, and the staff alert it raises (repositories/staffAlerts.ts), after the request's own changes; returns its id. */
export async function insertEvent(tx: Queryable, requestId: string, e: TimelineEntry): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(INSERT_EVENT, eventValues(requestId, e))
  const id = Number(rows[0]!.id)
  await alertStaff(tx, requestId, String(id), e)
  return id
}

/**
 * insertEvent and the notices for a request whose row the caller holds as it
 * stands (a new request, as its INSERT returned it): the timeline entry, the
 * staff alert it raises and the resident's notices in one statement, with no
 * read of the request. Returns the entry's id.
 */
export async function insertEventOf(tx: Queryable, request: RequestRow, e: TimelineEntry, notices: ResidentNotice[]): Promise<number> {
  const params = eventValues(request.id, e)
  const writes = [`entry AS (${INSERT_EVENT})`]
  const alert = entryAlertInsert(params, request, e, 'entry')
  if (alert) writes.push(`alert AS (${alert})`)
  const notice = enqueueInsert(params, notices, e.at)
  if (notice) writes.push(`notice AS (${notice})`)
  const { rows } = await tx.query<{ id: number }>(`WITH ${writes.join(',\n')}\nSELECT id FROM entry`, params)
  return Number(rows[0]!.id)
}

/** Saves a decided change in the caller's transaction: the columns, the timeline entry, the outbox messages. */
export async function saveChange(tx: Queryable, requestId: string, change: RequestChange): Promise<void> {
  const entries = (Object.entries(change.set) as [keyof RequestUpdate, unknown][]).filter(([, v]) => v !== undefined)
  if (entries.length > 0) {
    const values = entries.map(([k, v]) => (COLUMNS[k].sealed ? seal(v as string | null) : v))
    await tx.query(`UPDATE help_requests SET ${entries.map(([k], i) => `${COLUMNS[k].column} = $${i + 2}`).join(', ')} WHERE id = $1`, [
      requestId,
      ...values,
    ])
    if (change.set.contactPhone !== undefined || change.set.contactName !== undefined || change.set.helpedPhone !== undefined)
      await reindexRequest(tx, requestId)
  }
  await insertEvent(tx, requestId, change.event)
  for (const n of change.notices) await enqueue(tx, n.userId, n.topic, n.payload, change.event.at)
}

// ───────────────────────── stations around a request ─────────────────────────

export interface StationRow extends RoutableStation {
  parentId: string | null
  phone: string
}

type StationSqlRow = {
  id: string
  name: string
  phone: string
  kind: StationKind
  services: ServiceCategory[]
  parent_id: string | null
  province: string
  city: string
  district: string
  street: string | null
  community: string | null
  coverage: string[]
  distance?: number | null
}
const toStation = (s: StationSqlRow): StationRow => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  services: s.services,
  parentId: s.parent_id,
  phone: s.phone,
  area: { province: s.province, city: s.city, district: s.district, street: s.street, community: s.community },
  coverage: s.coverage,
  distanceMeters: s.distance === null || s.distance === undefined ? undefined : Number(s.distance),
})
const STATION_COLUMNS = 'id, name, phone, kind, services, parent_id, province, city, district, street, community, coverage'

/**
 * Whether a station is open now, locked so that it stays open until the
 * caller's transaction ends (closing it waits): the station_writes count
 * (migration 026) when it is open, to check that the stations routing read are
 * still the current ones; null when it is closed or gone.
 */
export async function stationOpen(db: Queryable, id: string): Promise<number | null> {
  const { rows } = await db.query<{ writes: string }>(
    `SELECT (SELECT writes FROM station_writes WHERE id = 1) AS writes FROM stations WHERE id = $1 AND closed_at IS NULL FOR SHARE`,
    [id],
  )
  return rows[0] ? Number(rows[0].writes) : null
}

export async function loadStation(db: Queryable, id: string): Promise<StationRow | null> {
  const { rows } = await db.query<StationSqlRow>(`SELECT ${STATION_COLUMNS} FROM stations WHERE id = $1 AND closed_at IS NULL`, [id])
  return rows[0] ? toStation(rows[0]) : null
}

/** The centre of an area (the mean position of its stations, at the most precise level that has any); null when none. */
export async function areaCentre(
  db: Queryable,
  area: { city?: string | null; district?: string | null; street?: string | null; community?: string | null },
): Promise<{ lat: number; lng: number } | null> {
  const levels = [
    { city: area.city, district: area.district, street: area.street, community: area.community },
    { city: area.city, district: area.district, street: area.street, community: null },
    { city: area.city, district: area.district, street: null, community: null },
    { city: area.city, district: null, street: null, community: null },
  ]
  for (const level of levels) {
    if (!level.city) return null
    const { rows } = await db.query<{ lat: number | null; lng: number | null }>(
      `SELECT avg(lat) AS lat, avg(lng) AS lng FROM stations
        WHERE city = $1 AND ($2::text IS NULL OR district = $2) AND ($3::text IS NULL OR street = $3) AND ($4::text IS NULL OR community = $4)`,
      [level.city, level.district ?? null, level.street ?? null, level.community ?? null],
    )
    const row = rows[0]
    if (row && row.lat !== null && row.lng !== null) return { lat: Number(row.lat), lng: Number(row.lng) }
  }
  return null
}

/** The stations a staff account acts on: its own, plus (supervisors and admins) every station below. */
export async function scopeOf(db: Queryable, staff: Staff): Promise<string[]> {
  if (scopeKind(staff.role) === 'station') return [staff.stationId]
  const { rows } = await db.query<{ id: string }>(
    `WITH RECURSIVE sub AS (
       SELECT id FROM stations WHERE id = $1
       UNION ALL
       SELECT s.id FROM stations s JOIN sub ON s.parent_id = sub.id
     ) SELECT id FROM sub`,
    [staff.stationId],
  )
  return rows.map((r) => r.id)
}

/** The requests an account has accepted and not finished, oldest first. */
export async function acceptedBy(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM help_requests WHERE assignee_id = $1 AND status IN ('accepted', 'in_progress') ORDER BY created_at`,
    [userId],
  )
  return rows.map((r) => r.id)
}

/** The stations a request was transferred or escalated away from, latest first. */
export async function movedFrom(db: Queryable, requestId: string): Promise<string[]> {
  const { rows } = await db.query<{ station_id: string }>(
    `SELECT station_id FROM request_events WHERE request_id = $1 AND type IN ('transferred', 'escalated') ORDER BY id DESC`,
    [requestId],
  )
  return rows.map((r) => r.station_id)
}

// ───────────────────────── the staff's queue ─────────────────────────

/**
 * The most urgent, oldest waiting request of a station, locked for exactly one
 * claimer: `FOR UPDATE SKIP LOCKED` lets concurrent claimers pass over a row
 * another one is taking (on PGlite, one session, they queue).
 */
export async function nextWaiting(
  tx: Queryable,
  stationId: string,
  claimerId: string,
  opts: { onlyAssigned?: boolean } = {},
): Promise<string | null> {
  // A request the head assigned to a colleague waits for that colleague; `onlyAssigned`: none but those assigned to the claimer.
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM help_requests
      WHERE station_id = $1 AND status = 'submitted' AND (${opts.onlyAssigned ? '' : 'assignee_id IS NULL OR '}assignee_id = $2)
      ORDER BY (urgency = 'urgent') DESC, created_at ASC
      LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [stationId, claimerId],
  )
  return rows[0]?.id ?? null
}

/** Whether a station has a waiting request nobody is assigned to. */
export async function hasUnassignedWaiting(db: Queryable, stationId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM help_requests WHERE station_id = $1 AND status = 'submitted' AND assignee_id IS NULL LIMIT 1`,
    [stationId],
  )
  return rows.length > 0
}

/** Requests waiting past their response target at stations with a parent, locked (SKIP LOCKED), at most 100. */
export async function overdueRequests(tx: Queryable, now: Date): Promise<(RequestRow & { parent_id: string; parent_name: string })[]> {
  const { rows } = await tx.query<RequestRow & { parent_id: string; parent_name: string }>(
    `SELECT r.*, s.name AS station_name, s.phone AS station_phone, NULL AS assignee_name, '{}'::uuid[] AS photo_ids,
            false AS rating_due, NULL AS rating, s.parent_id, p.name AS parent_name
       FROM help_requests r
       JOIN stations s ON s.id = r.station_id
       JOIN stations p ON p.id = s.parent_id
      WHERE r.status = 'submitted' AND r.due_at < $1
      ORDER BY r.due_at
      LIMIT 100
      FOR UPDATE OF r SKIP LOCKED`,
    [now],
  )
  return rows
}

// ───────────────────────── who opened a request's personal data ─────────────────────────

export async function recordStaffAccess(db: Queryable, staffId: string, requestId: string, at: Date): Promise<void> {
  await db.query('INSERT INTO staff_access_log (staff_id, request_id, accessed_at) VALUES ($1, $2, $3)', [staffId, requestId, at])
}

export async function accessLogOf(
  db: Queryable,
  requestId: string,
): Promise<{ staffName: string; stationName: string; accessedAt: string }[]> {
  const { rows } = await db.query<{ staff_name: string; station_name: string; accessed_at: Date }>(
    `SELECT u.nickname AS staff_name, s.name AS station_name, l.accessed_at
       FROM staff_access_log l JOIN users u ON u.id = l.staff_id JOIN stations s ON s.id = u.station_id
      WHERE l.request_id = $1 ORDER BY l.accessed_at DESC, l.id DESC LIMIT 500`,
    [requestId],
  )
  return rows.map((r) => ({ staffName: r.staff_name, stationName: r.station_name, accessedAt: new Date(r.accessed_at).toISOString() }))
}

/** A resident's requests a station still works on. */
export async function openRequestIdsOf(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM help_requests WHERE user_id = $1 AND status IN ('submitted', 'accepted', 'in_progress')`,
    [userId],
  )
  return rows.map((r) => r.id)
}
