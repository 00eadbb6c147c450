/**
 * Help requests: creation (routed), the resident's view, the staff queue and
 * every state change, each with its timeline event and outbox message in the
 * same transaction.
 */
import type { ServiceCategory } from '../../contract/enums'
import { SENSITIVE_CATEGORIES, type RequestEventType, type RequestStatus } from '../../contract/requests'
import type {
  CorrectRequestBody,
  CounterRequestBody,
  CreateRequestBody,
  HelpRequest,
  HelpRequestSummary,
  RequestEvent,
  StaffQueueQuery,
  StaffRequest,
  StaffRequestSummary,
} from '../../contract/types'
import { detectEmergency } from '../../domain/emergency'
import { routeRequest, type RoutableStation } from '../../domain/routing'
import { describeTarget, responseDueAt, targetFor, type ResponseTargets } from '../../domain/sla'
import type { Queryable } from '../db'
import { AppError, badRequest, conflict, notFound } from '../errors'
import { seal, unseal } from '../services/fieldCrypto'
import { enqueue } from './outbox'
import { ratingJson, toRating, type RatingJson } from './ratingView'

interface RequestRow {
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
  rating_due: boolean
  rating: RatingJson | null
  /** Set once the retention job (or an account deletion) erased the personal fields. */
  purged_at: Date | null
}

const SELECT = `
  SELECT r.*, s.name AS station_name, s.phone AS station_phone, a.nickname AS assignee_name,
         COALESCE((SELECT array_agg(u.id ORDER BY u.created_at) FROM uploads u WHERE u.request_id = r.id), '{}') AS photo_ids,
         (r.status = 'resolved' AND NOT EXISTS (SELECT 1 FROM ratings x WHERE x.request_id = r.id AND x.resolution = r.resolutions)) AS rating_due,
         ${ratingJson('rt.request_id = r.id')} AS rating
    FROM help_requests r
    JOIN stations s ON s.id = r.station_id
    LEFT JOIN users a ON a.id = r.assignee_id`

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

function summary(r: RequestRow): HelpRequestSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    category: r.category,
    urgency: r.urgency,
    requester: r.requester,
    description: r.description,
    station: { id: r.station_id, name: r.station_name, phone: r.station_phone },
    helpedName: r.helped_name,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    dueAt: iso(r.due_at)!,
    ratingDue: !!r.rating_due,
  }
}

function detail(r: RequestRow, events: RequestEvent[], targets: ResponseTargets): HelpRequest {
  const area: HelpRequest['area'] = {}
  for (const k of ['province', 'city', 'district', 'street', 'community'] as const) if (r[k]) area[k] = r[k]!
  return {
    ...summary(r),
    channel: r.channel,
    attributes: r.attributes,
    emergency: r.emergency,
    contactName: r.contact_name,
    contactPhone: unseal(r.contact_phone),
    preferredTime: r.preferred_time,
    helped: r.helped_name
      ? { name: r.helped_name, relationship: r.helped_relationship ?? '', phone: unseal(r.helped_phone), address: unseal(r.helped_address) }
      : null,
    area,
    address: unseal(r.address),
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    photoIds: r.photo_ids,
    routingReason: r.routing_reason,
    expectedResponse: describeTarget(targetFor(targets, r.category, r.urgency)),
    acceptedAt: iso(r.accepted_at),
    resolvedAt: iso(r.resolved_at),
    canCancel: r.status === 'submitted',
    events,
    rating: toRating(r.rating),
  }
}

async function events(db: Queryable, requestId: string, includeInternal: boolean): Promise<RequestEvent[]> {
  const { rows } = await db.query<{
    id: number; type: RequestEventType; body: string; actor_name: string | null; actor_role: string | null
    station_name: string | null; to_station_name: string | null; internal: boolean; created_at: Date
  }>(
    `SELECT e.id, e.type, e.body, u.nickname AS actor_name, u.role AS actor_role, s.name AS station_name,
            t.name AS to_station_name, e.internal, e.created_at
       FROM request_events e
       LEFT JOIN users u ON u.id = e.actor_id
       LEFT JOIN stations s ON s.id = e.station_id
       LEFT JOIN stations t ON t.id = e.to_station_id
      WHERE e.request_id = $1 ${includeInternal ? '' : 'AND NOT e.internal'}
      ORDER BY e.id`,
    [requestId],
  )
  return rows.map((e) => ({
    id: Number(e.id),
    type: e.type,
    body: e.body,
    actorName: e.actor_name,
    stationName: e.station_name,
    toStationName: e.to_station_name,
    internal: e.internal,
    createdAt: iso(e.created_at)!,
  }))
}

async function addEvent(
  db: Queryable,
  e: {
    requestId: string; type: RequestEventType; actorId: string | null; stationId: string | null; toStationId?: string | null
    body?: string; internal?: boolean; at: Date
    /** For 'accepted' and 'resolved': since when the request waited in the station's queue, and (accepted) its due time. */
    queuedAt?: Date; dueAt?: Date
  },
) {
  const elapsed = e.queuedAt ? Math.max(0, Math.round((e.at.getTime() - new Date(e.queuedAt).getTime()) / 1000)) : null
  const onTime = e.dueAt ? e.at.getTime() <= new Date(e.dueAt).getTime() : null
  await db.query(
    `INSERT INTO request_events (request_id, type, actor_id, station_id, to_station_id, body, internal, created_at, elapsed_seconds, on_time)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.requestId, e.type, e.actorId, e.stationId, e.toStationId ?? null, e.body ?? '', e.internal ?? false, e.at, elapsed, onTime],
  )
}

/** Tells the resident (the submitter) that their request changed. */
async function notifyResident(db: Queryable, r: Pick<RequestRow, 'id' | 'number' | 'user_id'>, status: string, note: string, at: Date) {
  if (!r.user_id) return
  await enqueue(db, r.user_id, 'request_status', { requestId: r.id, number: r.number, status, note: note.slice(0, 20) }, at)
}

interface StationRow extends RoutableStation {
  parent_id: string | null
}

async function loadStation(db: Queryable, id: string): Promise<StationRow | null> {
  const { rows } = await db.query<{ id: string; name: string; kind: RoutableStation['kind']; services: ServiceCategory[]; parent_id: string | null; province: string; city: string; district: string; street: string | null; community: string | null }>(
    'SELECT id, name, kind, services, parent_id, province, city, district, street, community FROM stations WHERE id = $1',
    [id],
  )
  const s = rows[0]
  if (!s) return null
  return { id: s.id, name: s.name, kind: s.kind, services: s.services, parent_id: s.parent_id, area: { province: s.province, city: s.city, district: s.district, street: s.street, community: s.community } }
}

/** Stations that may serve the resident: those of the resident's city, plus the 20 nearest offering the category. */
async function routingCandidates(db: Queryable, category: ServiceCategory, area: CreateRequestBody['area'], location: CreateRequestBody['location']): Promise<RoutableStation[]> {
  const byId = new Map<string, RoutableStation>()
  type Row = { id: string; name: string; kind: RoutableStation['kind']; services: ServiceCategory[]; province: string; city: string; district: string; street: string | null; community: string | null; distance: number | null }
  const add = (rows: Row[]) => {
    for (const s of rows) {
      byId.set(s.id, {
        id: s.id, name: s.name, kind: s.kind, services: s.services,
        area: { province: s.province, city: s.city, district: s.district, street: s.street, community: s.community },
        distanceMeters: s.distance === null ? undefined : Number(s.distance),
      })
    }
  }
  const dist = location ? 'earth_distance(ll_to_earth(lat, lng), ll_to_earth($2, $3))' : 'NULL::float8'
  const locParams = location ? [location.lat, location.lng] : []
  if (area?.city) {
    const { rows } = await db.query<Row>(
      `SELECT id, name, kind, services, province, city, district, street, community, ${dist} AS distance
         FROM stations WHERE city = $1`,
      [area.city, ...locParams],
    )
    add(rows)
  }
  if (location) {
    const { rows } = await db.query<Row>(
      `SELECT id, name, kind, services, province, city, district, street, community, ${dist.replace('$2', '$1').replace('$3', '$2')} AS distance
         FROM stations WHERE $3 = ANY (services)
        ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth($1, $2) LIMIT 20`,
      [location.lat, location.lng, category],
    )
    add(rows)
  }
  return [...byId.values()]
}

export interface CreateInput {
  userId: string | null
  channel: HelpRequest['channel']
  body: CreateRequestBody | (CounterRequestBody & { stationId: string })
  actorId: string | null
  now: Date
  targets: ResponseTargets
}

export async function createRequest(tx: Queryable, input: CreateInput): Promise<HelpRequest> {
  const { body, now } = input
  const rawArea = 'area' in body ? body.area : undefined
  const location = 'location' in body ? body.location : undefined
  if (body.requester === 'family' && !body.helped) throw badRequest('家人代办时请填写被帮助人的姓名、关系，并确认对方同意')
  if (body.requester === 'self' && body.helped) throw badRequest('本人求助时不需要填写被帮助人')

  const chosen = body.stationId ? await loadStation(tx, body.stationId) : null
  const area = rawArea?.street || !location ? rawArea : { ...(await inferArea(tx, location)), ...rawArea }
  if (body.stationId && !chosen) throw notFound('没有找到您选择的社工站')
  const decision =
    input.channel === 'miniprogram'
      ? routeRequest({ category: body.category, chosen, area: area ?? {}, candidates: await routingCandidates(tx, body.category, area, location) })
      : chosen && { stationId: chosen.id, rule: 'chosen' as const, reason: `由「${chosen.name}」${input.channel === 'phone' ? '电话' : '窗口'}登记受理` }
  if (!decision) {
    throw new AppError(422, 'BAD_REQUEST', '附近暂时没有提供这项服务的社工站，请换一个服务类别，或拨打所在街道社工站的电话')
  }
  const emergency = detectEmergency(body.category, body.attributes ?? {}, body.description)
  const urgency = emergency.length > 0 ? 'urgent' : body.urgency
  const dueAt = responseDueAt(now, targetFor(input.targets, body.category, urgency))
  const helped = body.helped
  const { rows } = await tx.query<{ id: string; number: string }>(
    `INSERT INTO help_requests (number, user_id, channel, station_id, chosen_station_id, routing_rule, routing_reason,
        category, attributes, description, urgency, emergency, requester, contact_name, contact_phone, preferred_time,
        helped_name, helped_relationship, helped_phone, helped_address, helped_consent,
        province, city, district, street, community, address, lat, lng, due_at, created_at, updated_at, queued_at)
     VALUES ('QZ-' || to_char($30::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('help_request_number_seq')::text, 6, '0'),
        $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
        $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $30, $30)
     RETURNING id, number`,
    [
      input.userId, input.channel, decision.stationId, chosen?.id ?? null, decision.rule, decision.reason,
      body.category, JSON.stringify(body.attributes ?? {}), body.description.trim(), urgency, emergency, body.requester,
      body.contactName.trim(), seal(body.contactPhone), body.preferredTime ?? '',
      helped?.name ?? null, helped?.relationship ?? null, seal(helped?.phone ?? null), seal(helped?.address ?? null), helped?.consent ?? false,
      area?.province ?? null, area?.city ?? null, area?.district ?? null, area?.street ?? null, area?.community ?? null,
      seal(body.address ?? ''), location?.lat ?? null, location?.lng ?? null, dueAt, now,
    ],
  )
  const created = rows[0]!
  const photoIds = 'photoIds' in body ? body.photoIds ?? [] : []
  if (photoIds.length > 0) {
    const res = await tx.query(
      'UPDATE uploads SET request_id = $1 WHERE id = ANY ($2::uuid[]) AND user_id = $3 AND request_id IS NULL',
      [created.id, photoIds, input.userId],
    )
    if (res.rowCount !== new Set(photoIds).size) throw badRequest('有照片已失效，请重新上传')
  }
  await addEvent(tx, { requestId: created.id, type: 'submitted', actorId: input.actorId, stationId: decision.stationId, body: decision.reason, at: now })
  await notifyResident(tx, { id: created.id, number: created.number, user_id: input.userId }, '已提交', '等待社工站受理', now)
  return (await getRequest(tx, created.id, { includeInternal: false }, input.targets))!
}

/**
 * Where a resident who only shared a position lives: the area of the nearest
 * community room (within 1.5 km) or street station (within 5 km).
 */
async function inferArea(db: Queryable, location: { lat: number; lng: number }): Promise<CreateRequestBody['area']> {
  const { rows } = await db.query<{ kind: string; province: string; city: string; district: string; street: string | null; community: string | null; d: number }>(
    `SELECT kind, province, city, district, street, community, earth_distance(ll_to_earth(lat, lng), ll_to_earth($1, $2)) AS d
       FROM stations WHERE kind IN ('community', 'street')
      ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth($1, $2) LIMIT 5`,
    [location.lat, location.lng],
  )
  const room = rows.find((r) => r.kind === 'community' && r.d <= 1500)
  const street = rows.find((r) => r.street && r.d <= 5000)
  const best = room ?? street
  if (!best) return {}
  return {
    province: best.province,
    city: best.city,
    district: best.district,
    street: best.street ?? undefined,
    ...(room ? { community: room.community ?? undefined } : {}),
  }
}

async function loadRow(db: Queryable, id: string, lock = false): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>(
    lock ? `${SELECT} WHERE r.id = $1 FOR UPDATE OF r` : `${SELECT} WHERE r.id = $1`,
    [id],
  )
  return rows[0] ?? null
}

export async function getRequest(db: Queryable, id: string, opts: { includeInternal: boolean }, targets: ResponseTargets): Promise<HelpRequest | null> {
  const row = await loadRow(db, id)
  return row ? detail(row, await events(db, id, opts.includeInternal), targets) : null
}

/** The resident's own request, or null (someone else's request is "not found", never "forbidden"). */
export async function getOwnRequest(db: Queryable, id: string, userId: string, targets: ResponseTargets): Promise<HelpRequest | null> {
  const row = await loadRow(db, id)
  if (!row || row.user_id !== userId) return null
  return detail(row, await events(db, id, false), targets)
}

export async function listOwnRequests(db: Queryable, userId: string): Promise<HelpRequestSummary[]> {
  const { rows } = await db.query<RequestRow>(`${SELECT} WHERE r.user_id = $1 ORDER BY r.created_at DESC LIMIT 100`, [userId])
  return rows.map(summary)
}

async function ownRowForUpdate(tx: Queryable, id: string, userId: string): Promise<RequestRow> {
  const row = await loadRow(tx, id, true)
  if (!row || row.user_id !== userId) throw notFound('没有找到这条求助')
  return row
}

export async function addResidentMessage(tx: Queryable, id: string, userId: string, body: string, now: Date) {
  const row = await ownRowForUpdate(tx, id, userId)
  if (row.status === 'cancelled') throw conflict('这条求助已取消，不能再补充说明')
  await addEvent(tx, { requestId: id, type: 'message', actorId: userId, stationId: row.station_id, body: body.trim(), at: now })
  await tx.query('UPDATE help_requests SET updated_at = $2 WHERE id = $1', [id, now])
}

/** The timeline's names of the fields a resident may correct (never their values). */
const CORRECTED_FIELD_LABELS = {
  contactName: '联系人',
  contactPhone: '联系电话',
  preferredTime: '方便联系的时间',
  address: '地址',
  helpedPhone: '被帮助人电话',
  helpedAddress: '被帮助人地址',
} as const

/**
 * PIPL right to correction: the resident changes the personal details of their
 * own request (phones already checked and normalized by the route). Phones and
 * addresses are sealed as on creation. Only fields whose value changes are
 * written; the timeline says which ones were corrected, without the values, so
 * the station notices. Nothing changed: nothing written.
 */
export async function correctByResident(tx: Queryable, id: string, userId: string, body: CorrectRequestBody, now: Date) {
  const row = await ownRowForUpdate(tx, id, userId)
  if (row.purged_at) throw conflict('这条求助的个人信息已按保存期限清除，不能再更正')
  if (row.status === 'cancelled') throw conflict('这条求助已取消，不能再更正联系方式')
  if (body.helped && row.requester !== 'family') throw badRequest('本人求助没有被帮助人，不能更正被帮助人的信息')

  const changes: { column: string; value: string | null; label: string }[] = []
  const change = (column: string, label: string, next: string | null | undefined, current: string | null, sealed: boolean) => {
    if (next === undefined || next === current) return
    changes.push({ column, value: sealed ? seal(next) : next, label })
  }
  if (body.contactName !== undefined) {
    const name = body.contactName.trim()
    if (!name) throw badRequest('请填写联系人，社工会这样称呼您')
    change('contact_name', CORRECTED_FIELD_LABELS.contactName, name, row.contact_name, false)
  }
  change('contact_phone', CORRECTED_FIELD_LABELS.contactPhone, body.contactPhone, unseal(row.contact_phone), true)
  change('preferred_time', CORRECTED_FIELD_LABELS.preferredTime, body.preferredTime?.trim(), row.preferred_time, false)
  change('address', CORRECTED_FIELD_LABELS.address, body.address?.trim(), unseal(row.address), true)
  // The helped person's phone and address are NULL when not given (as on creation).
  const orNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null)
  change('helped_phone', CORRECTED_FIELD_LABELS.helpedPhone, orNull(body.helped?.phone), unseal(row.helped_phone), true)
  change('helped_address', CORRECTED_FIELD_LABELS.helpedAddress, orNull(body.helped?.address), unseal(row.helped_address), true)
  if (changes.length === 0) return

  await tx.query(
    `UPDATE help_requests SET ${changes.map((c, i) => `${c.column} = $${i + 3}`).join(', ')}, updated_at = $2 WHERE id = $1`,
    [id, now, ...changes.map((c) => c.value)],
  )
  await addEvent(tx, { requestId: id, type: 'message', actorId: userId, stationId: row.station_id, body: `居民更正了：${changes.map((c) => c.label).join('、')}`, at: now })
}

export async function cancelByResident(tx: Queryable, id: string, userId: string, now: Date) {
  const row = await ownRowForUpdate(tx, id, userId)
  if (row.status !== 'submitted') {
    throw conflict(row.status === 'cancelled' ? '这条求助已经取消了' : '社工已受理这条求助，不能再取消；如不再需要，请在下方留言告知社工')
  }
  await tx.query(`UPDATE help_requests SET status = 'cancelled', updated_at = $2 WHERE id = $1`, [id, now])
  await addEvent(tx, { requestId: id, type: 'cancelled', actorId: userId, stationId: row.station_id, body: '居民取消了求助', at: now })
}

// ───────────────────────── staff ─────────────────────────

export interface Staff {
  id: string
  role: 'staff' | 'supervisor'
  stationId: string
}

/** The stations whose queues a staff account sees: its own, plus (supervisors) every station below. */
export async function staffScope(db: Queryable, staff: Staff): Promise<string[]> {
  if (staff.role !== 'supervisor') return [staff.stationId]
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

const isSensitive = (c: ServiceCategory) => SENSITIVE_CATEGORIES.includes(c)

/** Sensitive categories are visible only to the assigned station's own staff. */
function visibleTo(staff: Staff, scope: string[], r: Pick<RequestRow, 'station_id' | 'category'>): boolean {
  if (r.station_id === staff.stationId) return true
  return scope.includes(r.station_id) && !isSensitive(r.category)
}

function staffSummary(r: RequestRow, now: Date): StaffRequestSummary {
  return {
    ...summary(r),
    assigneeName: r.assignee_name,
    overdue: r.status === 'submitted' && new Date(r.due_at) < now,
    sensitive: isSensitive(r.category),
  }
}

export async function staffQueue(db: Queryable, staff: Staff, q: StaffQueueQuery, now: Date): Promise<StaffRequestSummary[]> {
  const scope = await staffScope(db, staff)
  if (q.stationId && !scope.includes(q.stationId)) return []
  const where = ['r.station_id = ANY ($1::uuid[])', `(r.station_id = $2 OR r.category <> ALL ($3::text[]))`]
  const params: unknown[] = [q.stationId ? [q.stationId] : scope, staff.stationId, SENSITIVE_CATEGORIES]
  const add = (sql: string, v: unknown) => {
    params.push(v)
    where.push(sql.replaceAll('$?', `$${params.length}`))
  }
  if (q.status) add('r.status = $?', q.status)
  else where.push(`r.status IN ('submitted', 'accepted', 'in_progress')`)
  if (q.category) add('r.category = $?', q.category)
  if (q.urgency) add('r.urgency = $?', q.urgency)
  if (q.overdue) add(`r.status = 'submitted' AND r.due_at < $?`, now)
  if (q.mine) add('r.assignee_id = $?', staff.id)
  const { rows } = await db.query<RequestRow>(
    `${SELECT} WHERE ${where.join(' AND ')}
      ORDER BY (r.status = 'submitted') DESC, (r.urgency = 'urgent') DESC, r.created_at ASC LIMIT 200`,
    params,
  )
  return rows.map((r) => staffSummary(r, now))
}

function staffDetail(r: RequestRow, evs: RequestEvent[], now: Date, targets: ResponseTargets): StaffRequest {
  const resident = detail(r, evs, targets)
  return {
    ...resident,
    // Anonymous to the station: the rating is read in the ratings list, never next to the resident's name.
    rating: resident.rating?.anonymous ? null : resident.rating,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    overdue: r.status === 'submitted' && new Date(r.due_at) < now,
    sensitive: isSensitive(r.category),
    escalations: r.escalations,
  }
}

export async function getForStaff(db: Queryable, staff: Staff, id: string, now: Date, targets: ResponseTargets): Promise<StaffRequest | null> {
  const row = await loadRow(db, id)
  if (!row || !visibleTo(staff, await staffScope(db, staff), row)) return null
  // Every time staff see a request's personal data, it is recorded (who, when, which request).
  await db.query('INSERT INTO staff_access_log (staff_id, request_id, accessed_at) VALUES ($1, $2, $3)', [staff.id, id, now])
  return staffDetail(row, await events(db, id, true), now, targets)
}

/**
 * Who opened a request's personal data and when — for supervisors whose
 * subtree holds the request's station (staff of the station itself: 403).
 */
export async function accessLog(db: Queryable, staff: Staff, id: string): Promise<{ staffName: string; stationName: string; accessedAt: string }[] | null> {
  const row = await loadRow(db, id)
  if (!row || !(await staffScope(db, staff)).includes(row.station_id)) return null
  if (staff.role !== 'supervisor') throw new AppError(403, 'FORBIDDEN', '查看记录仅限督导查看')
  const { rows } = await db.query<{ staff_name: string; station_name: string; accessed_at: Date }>(
    `SELECT u.nickname AS staff_name, s.name AS station_name, l.accessed_at
       FROM staff_access_log l JOIN users u ON u.id = l.staff_id JOIN stations s ON s.id = u.station_id
      WHERE l.request_id = $1 ORDER BY l.accessed_at DESC, l.id DESC LIMIT 500`,
    [id],
  )
  return rows.map((r) => ({ staffName: r.staff_name, stationName: r.station_name, accessedAt: iso(r.accessed_at)! }))
}

/**
 * Hands the most urgent, oldest unaccepted request of the worker's station to
 * exactly one worker: `FOR UPDATE SKIP LOCKED` lets concurrent claimers pass
 * over a row another one is taking (on PGlite, one session, they queue).
 */
export async function claimNext(tx: Queryable, staff: Staff, now: Date): Promise<string | null> {
  const { rows } = await tx.query<QueuedRow>(
    `SELECT id, number, user_id, queued_at, due_at FROM help_requests
      WHERE station_id = $1 AND status = 'submitted'
      ORDER BY (urgency = 'urgent') DESC, created_at ASC
      LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [staff.stationId],
  )
  const row = rows[0]
  if (!row) return null
  await markAccepted(tx, staff, row, now)
  return row.id
}

type QueuedRow = Pick<RequestRow, 'id' | 'number' | 'user_id' | 'queued_at' | 'due_at'>

async function markAccepted(tx: Queryable, staff: Staff, row: QueuedRow, now: Date) {
  await tx.query(
    `UPDATE help_requests SET status = 'accepted', assignee_id = $2, accepted_at = COALESCE(accepted_at, $3), updated_at = $3 WHERE id = $1`,
    [row.id, staff.id, now],
  )
  await addEvent(tx, { requestId: row.id, type: 'accepted', actorId: staff.id, stationId: staff.stationId, at: now, queuedAt: row.queued_at, dueAt: row.due_at })
  await notifyResident(tx, row, '已受理', '社工会尽快联系您', now)
}

export type StaffAction =
  | { type: 'accept' }
  | { type: 'reply'; body: string }
  | { type: 'note'; body: string }
  | { type: 'transfer'; stationId: string; reason: string }
  | { type: 'escalate'; reason: string }
  | { type: 'resolve'; summary: string }
  | { type: 'reopen'; reason: string }

const OPEN: RequestStatus[] = ['submitted', 'accepted', 'in_progress']

export async function applyStaffAction(tx: Queryable, staff: Staff, id: string, action: StaffAction, now: Date, targets: ResponseTargets): Promise<void> {
  const row = await loadRow(tx, id, true)
  const scope = await staffScope(tx, staff)
  if (!row || !visibleTo(staff, scope, row)) throw notFound('没有找到这条求助')
  const st = row.status
  switch (action.type) {
    case 'accept':
      if (st !== 'submitted') throw conflict(row.assignee_name ? `这条求助已由${row.assignee_name}受理` : '这条求助当前不能受理')
      if (row.station_id !== staff.stationId) throw conflict('只能受理本站队列中的求助')
      await markAccepted(tx, staff, row, now)
      return
    case 'reply':
      if (!OPEN.includes(st)) throw conflict('这条求助已结束，请先重新处理再回复')
      await addEvent(tx, { requestId: id, type: 'replied', actorId: staff.id, stationId: staff.stationId, body: action.body.trim(), at: now })
      await tx.query(
        `UPDATE help_requests SET status = CASE WHEN status = 'accepted' THEN 'in_progress' ELSE status END, updated_at = $2 WHERE id = $1`,
        [id, now],
      )
      await notifyResident(tx, row, '社工回复', action.body, now)
      return
    case 'note':
      await addEvent(tx, { requestId: id, type: 'note', actorId: staff.id, stationId: staff.stationId, body: action.body.trim(), internal: true, at: now })
      return
    case 'transfer':
    case 'escalate': {
      if (!OPEN.includes(st)) throw conflict('这条求助已结束，不能再转介')
      let toId: string
      if (action.type === 'transfer') {
        const to = await loadStation(tx, action.stationId)
        if (!to) throw notFound('没有找到要转介的社工站')
        if (to.id === row.station_id) throw badRequest('不能转介给当前站点')
        toId = to.id
      } else {
        const current = await loadStation(tx, row.station_id)
        if (!current?.parent_id) throw conflict('当前站点没有上级站点，无法升级')
        toId = current.parent_id
      }
      await moveToStation(tx, row, toId, action.type === 'transfer' ? 'transferred' : 'escalated', staff.id, action.reason, now, targets)
      return
    }
    case 'resolve':
      if (st === 'submitted') throw conflict('请先受理这条求助，再办结')
      if (!OPEN.includes(st)) throw conflict('这条求助已经结束')
      await tx.query(
        `UPDATE help_requests SET status = 'resolved', resolved_at = $2, updated_at = $2, resolutions = resolutions + 1 WHERE id = $1`,
        [id, now],
      )
      await addEvent(tx, { requestId: id, type: 'resolved', actorId: staff.id, stationId: staff.stationId, body: action.summary.trim(), at: now, queuedAt: row.queued_at })
      await notifyResident(tx, row, '已办结', action.summary, now)
      // The rating prompt: "问题解决了吗？"
      if (row.user_id) await enqueue(tx, row.user_id, 'rating_invite', { requestId: row.id, number: row.number }, now)
      return
    case 'reopen':
      if (st !== 'resolved') throw conflict('只有已办结的求助可以重新处理')
      await tx.query(`UPDATE help_requests SET status = 'in_progress', resolved_at = NULL, updated_at = $2, queued_at = $2 WHERE id = $1`, [id, now])
      await addEvent(tx, { requestId: id, type: 'reopened', actorId: staff.id, stationId: staff.stationId, body: action.reason.trim(), at: now })
      await notifyResident(tx, row, '重新处理', action.reason, now)
      return
  }
}

async function moveToStation(
  tx: Queryable, row: RequestRow, toId: string, type: 'transferred' | 'escalated', actorId: string | null, reason: string, now: Date, targets: ResponseTargets,
) {
  const dueAt = responseDueAt(now, targetFor(targets, row.category, row.urgency))
  await tx.query(
    `UPDATE help_requests SET station_id = $2, status = 'submitted', assignee_id = NULL, due_at = $3,
            escalations = escalations + $4, updated_at = $5, queued_at = $5 WHERE id = $1`,
    [row.id, toId, dueAt, type === 'escalated' ? 1 : 0, now],
  )
  await addEvent(tx, { requestId: row.id, type, actorId, stationId: row.station_id, toStationId: toId, body: reason.trim(), at: now })
  await notifyResident(tx, row, type === 'transferred' ? '已转介' : '已升级', reason, now)
}

/**
 * The escalation job: a request not accepted within its response target moves
 * to the parent station's queue, and the timeline says so. Returns how many moved.
 */
export async function escalateOverdue(tx: Queryable, now: Date, targets: ResponseTargets): Promise<number> {
  const { rows } = await tx.query<RequestRow & { parent_id: string | null; parent_name: string | null }>(
    `SELECT r.*, s.name AS station_name, s.phone AS station_phone, NULL AS assignee_name, '{}'::uuid[] AS photo_ids,
            s.parent_id, p.name AS parent_name
       FROM help_requests r
       JOIN stations s ON s.id = r.station_id
       JOIN stations p ON p.id = s.parent_id
      WHERE r.status = 'submitted' AND r.due_at < $1
      ORDER BY r.due_at
      LIMIT 100
      FOR UPDATE OF r SKIP LOCKED`,
    [now],
  )
  for (const r of rows) {
    const target = describeTarget(targetFor(targets, r.category, r.urgency))
    await moveToStation(tx, r, r.parent_id!, 'escalated', null, `「${r.station_name}」超过响应时限（${target}受理）未受理，已自动升级至「${r.parent_name}」`, now, targets)
  }
  return rows.length
}

/**
 * 未解决: the resident's rating sends the request back to the same station's
 * queue (to be accepted again, with a fresh response target), and the
 * timeline carries the resident's words.
 */
export async function reopenByResident(tx: Queryable, row: Pick<RequestRow, 'id' | 'station_id' | 'category' | 'urgency'>, userId: string, comment: string, now: Date, targets: ResponseTargets) {
  const dueAt = responseDueAt(now, targetFor(targets, row.category, row.urgency))
  await tx.query(
    `UPDATE help_requests SET status = 'submitted', assignee_id = NULL, resolved_at = NULL, due_at = $2, queued_at = $3, updated_at = $3 WHERE id = $1`,
    [row.id, dueAt, now],
  )
  const words = comment.trim()
  await addEvent(tx, { requestId: row.id, type: 'reopened', actorId: userId, stationId: row.station_id, body: `居民反馈问题未解决${words ? `：${words}` : ''}`, at: now })
}

/** The resident's own request, locked for a change (someone else's: not found). */
export async function lockOwnRequest(tx: Queryable, id: string, userId: string): Promise<RequestRow> {
  return ownRowForUpdate(tx, id, userId)
}

/** A request taken by phone or at the counter joins the same queue and timeline. */
export async function createCounterRequest(tx: Queryable, staff: Staff, body: CounterRequestBody, now: Date, targets: ResponseTargets): Promise<HelpRequest> {
  return createRequest(tx, { userId: null, channel: body.channel, body: { ...body, stationId: staff.stationId }, actorId: staff.id, now, targets })
}
