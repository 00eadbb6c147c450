/**
 * Stations as the admin pages and the import see them: every field of the
 * template (with the parent's code), whether the station is closed, its date
 * exceptions; batch writes for the import. SQL only.
 */
import type { StationException } from '../../domain/calendar'
import type { StationRecord } from '../../domain/stationSheet'
import type { Queryable } from '../db'
import type { AuditEntry } from './audit'

interface AdminStationRow {
  id: string
  code: string
  name: string
  kind: StationRecord['kind']
  parent_id: string | null
  parent_code: string | null
  province: string
  city: string
  district: string
  street: string | null
  community: string | null
  address: string
  lat: number
  lng: number
  phone: string
  services: StationRecord['services']
  intro: string
  opening_hours: StationRecord['openingHours']
  hours_note: string
  brand_projects: StationRecord['brandProjects']
  coverage: string[]
  closed_at: Date | null
  closed_reason: string | null
  updated_at: Date
}

export interface StoredStation {
  id: string
  parentId: string | null
  record: StationRecord
  closedAt: Date | null
  closedReason: string | null
  updatedAt: Date
}

const SELECT = `
  SELECT s.id, s.code, s.name, s.kind, s.parent_id, p.code AS parent_code, s.province, s.city, s.district, s.street, s.community,
         s.address, s.lat, s.lng, s.phone, s.services, s.intro, s.opening_hours, s.hours_note, s.brand_projects,
         s.coverage, s.closed_at, s.closed_reason, s.updated_at
    FROM stations s LEFT JOIN stations p ON p.id = s.parent_id`

/**
 * How a bulk write (an import) is cut into statements: `rows` per statement,
 * and `between` awaited between two statements. BULK: few big statements
 * (PostgreSQL); the import on PGlite passes short ones with a turn of the
 * event loop between them (usecases/stationAdmin.ts importPace).
 */
export interface WritePace {
  rows: number
  between: () => Promise<void>
}
export const BULK: WritePace = { rows: 1000, between: async () => {} }

function toStored(r: AdminStationRow): StoredStation {
  return {
    id: r.id,
    parentId: r.parent_id,
    closedAt: r.closed_at && new Date(r.closed_at),
    closedReason: r.closed_reason,
    updatedAt: new Date(r.updated_at),
    record: {
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentCode: r.parent_code,
      area: { province: r.province, city: r.city, district: r.district, street: r.street, community: r.community },
      address: r.address,
      location: { lat: Number(r.lat), lng: Number(r.lng) },
      phone: r.phone,
      services: r.services,
      intro: r.intro,
      openingHours: r.opening_hours,
      hoursNote: r.hours_note,
      brandProjects: r.brand_projects,
      coverage: r.coverage,
    },
  }
}

/**
 * Every station, by code (the import matches on it and must see codes used
 * outside the importer's scope): in pages of `pace.rows` × 4 by code, `between` awaited between two.
 */
export async function storedStationsByCode(db: Queryable, pace: WritePace = BULK): Promise<Map<string, StoredStation>> {
  const byCode = new Map<string, StoredStation>()
  const page = pace.rows * 4
  for (let after = ''; ;) {
    const { rows } = await db.query<AdminStationRow>(`${SELECT} WHERE s.code > $1 ORDER BY s.code LIMIT ${page}`, [after])
    for (const row of rows) byCode.set(row.code, toStored(row))
    if (rows.length < page) return byCode
    after = rows.at(-1)!.code
    await pace.between()
  }
}

/** The stations of a subtree, parents before children (the export's order). */
export async function storedSubtree(db: Queryable, rootId: string): Promise<StoredStation[]> {
  const { rows } = await db.query<AdminStationRow & { depth: number }>(
    `WITH RECURSIVE sub AS (
       SELECT id, 0 AS depth, ARRAY[code] AS path FROM stations WHERE id = $1
       UNION ALL
       SELECT c.id, sub.depth + 1, sub.path || c.code FROM stations c JOIN sub ON c.parent_id = sub.id
     )
     ${SELECT} JOIN sub ON sub.id = s.id ORDER BY sub.path`,
    [rootId],
  )
  return rows.map(toStored)
}

export async function storedStation(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<StoredStation | null> {
  const { rows } = await db.query<AdminStationRow>(`${SELECT} WHERE s.id = $1${opts.forUpdate ? ' FOR UPDATE OF s' : ''}`, [id])
  return rows[0] ? toStored(rows[0]) : null
}

/** The tree of a subtree for the 站点管理 page: every station with its parent, depth, state and staff count. */
export async function subtreeNodes(db: Queryable, rootId: string) {
  const { rows } = await db.query<{
    id: string
    code: string
    name: string
    kind: StationRecord['kind']
    parent_id: string | null
    depth: number
    closed: boolean
    staff_count: number
    open_requests: number
  }>(
    `WITH RECURSIVE sub AS (
       SELECT id, 0 AS depth, ARRAY[code] AS path FROM stations WHERE id = $1
       UNION ALL
       SELECT c.id, sub.depth + 1, sub.path || c.code FROM stations c JOIN sub ON c.parent_id = sub.id
     )
     SELECT s.id, s.code, s.name, s.kind, s.parent_id, sub.depth, s.closed_at IS NOT NULL AS closed,
            (SELECT count(*)::int FROM users u WHERE u.station_id = s.id AND u.role <> 'resident') AS staff_count,
            (SELECT count(*)::int FROM help_requests r WHERE r.station_id = s.id AND r.status IN ('submitted', 'accepted', 'in_progress')) AS open_requests
       FROM sub JOIN stations s ON s.id = sub.id
      ORDER BY sub.path`,
    [rootId],
  )
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    depth: r.depth,
    closed: r.closed,
    staffCount: r.staff_count,
    openRequests: r.open_requests,
  }))
}

const recordJson = (s: StationRecord) => ({
  code: s.code,
  parent_code: s.parentCode,
  name: s.name,
  kind: s.kind,
  province: s.area.province,
  city: s.area.city,
  district: s.area.district,
  street: s.area.street,
  community: s.area.community,
  address: s.address,
  lat: s.location.lat,
  lng: s.location.lng,
  phone: s.phone,
  opening_hours: s.openingHours,
  hours_note: s.hoursNote,
  services: s.services,
  brand_projects: s.brandProjects,
  intro: s.intro,
  coverage: s.coverage,
})

/**
 * Creates or updates stations by code, in a few statements whatever their
 * number (an import of thousands keeps the transaction short): the rows
 * first, then each one's parent by code (parents come first in `records`, so
 * a parent is written in the same statement or an earlier one). Returns the ids by code.
 */
export async function saveStations(
  tx: Queryable,
  records: readonly StationRecord[],
  at: Date,
  pace: WritePace = BULK,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (let i = 0; i < records.length; i += pace.rows) {
    if (i > 0) await pace.between()
    const json = JSON.stringify(records.slice(i, i + pace.rows).map(recordJson))
    const { rows } = await tx.query<{ id: string; code: string }>(
      `INSERT INTO stations (code, name, kind, province, city, district, street, community, address, lat, lng,
                             phone, opening_hours, hours_note, services, brand_projects, intro, coverage, updated_at)
       SELECT code, name, kind, province, city, district, street, community, address, lat, lng,
              phone, opening_hours, hours_note, ARRAY(SELECT jsonb_array_elements_text(services)), brand_projects, intro,
              ARRAY(SELECT jsonb_array_elements_text(coverage)), $2
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, kind text, province text, city text,
              district text, street text, community text, address text, lat float8, lng float8, phone text,
              opening_hours jsonb, hours_note text, services jsonb, brand_projects jsonb, intro text, coverage jsonb)
       ON CONFLICT (code) DO UPDATE SET
         name = EXCLUDED.name, kind = EXCLUDED.kind, province = EXCLUDED.province, city = EXCLUDED.city,
         district = EXCLUDED.district, street = EXCLUDED.street, community = EXCLUDED.community, address = EXCLUDED.address,
         lat = EXCLUDED.lat, lng = EXCLUDED.lng, phone = EXCLUDED.phone, opening_hours = EXCLUDED.opening_hours,
         hours_note = EXCLUDED.hours_note, services = EXCLUDED.services, brand_projects = EXCLUDED.brand_projects,
         intro = EXCLUDED.intro, coverage = EXCLUDED.coverage, updated_at = EXCLUDED.updated_at
       RETURNING id, code`,
      [json, at],
    )
    for (const saved of rows) ids.set(saved.code, saved.id)
    await pace.between()
    await tx.query(
      `UPDATE stations s SET parent_id = (SELECT p.id FROM stations p WHERE p.code = x.parent_code)
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, parent_code text)
        WHERE s.code = x.code`,
      [json],
    )
  }
  return ids
}

/**
 * Refreshes the planner's statistics of the stations after a bulk write (an
 * import). PGlite runs no autovacuum, so without it the planner keeps the
 * statistics of the table before the import: after 5,000 new stations it
 * still expected a few dozen open ones and answered every nearby search by
 * sorting the whole table (ten times slower) instead of the GiST index's KNN
 * scan. On PostgreSQL autovacuum would get there within a minute or so.
 */
export async function analyzeStations(db: Queryable, pace?: WritePace): Promise<void> {
  if (!pace) {
    await db.query('ANALYZE stations')
    return
  }
  // Paced: a few columns a statement (each samples the rows again, but computes only these columns' statistics).
  const { rows } = await db.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = 'stations'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
  )
  for (let i = 0; i < rows.length; i += ANALYZE_COLUMNS) {
    await pace.between()
    await db.query(
      `ANALYZE stations (${rows
        .slice(i, i + ANALYZE_COLUMNS)
        .map((c) => `"${c.name}"`)
        .join(', ')})`,
    )
  }
}
const ANALYZE_COLUMNS = 4

export async function setClosed(tx: Queryable, id: string, closed: { at: Date; reason: string } | null, at: Date): Promise<void> {
  await tx.query('UPDATE stations SET closed_at = $2, closed_reason = $3, updated_at = $4 WHERE id = $1', [
    id,
    closed?.at ?? null,
    closed?.reason ?? null,
    at,
  ])
}

/** Whether `candidateId` is `id` or below it (moving `id` under it would make a cycle). */
export async function isInSubtree(db: Queryable, id: string, candidateId: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `WITH RECURSIVE sub AS (SELECT id FROM stations WHERE id = $1 UNION ALL SELECT c.id FROM stations c JOIN sub ON c.parent_id = sub.id)
     SELECT EXISTS (SELECT 1 FROM sub WHERE id = $2) AS found`,
    [id, candidateId],
  )
  return rows[0]?.found ?? false
}

export async function openChildren(db: Queryable, id: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations WHERE parent_id = $1 AND closed_at IS NULL', [id])
  return rows[0]?.n ?? 0
}

/** The open requests of a station, locked, oldest first. */
export async function openRequestIdsAt(tx: Queryable, stationId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM help_requests WHERE station_id = $1 AND status IN ('submitted', 'accepted', 'in_progress') ORDER BY created_at FOR UPDATE`,
    [stationId],
  )
  return rows.map((r) => r.id)
}

/** Residents holding a place (confirmed, offered, waitlisted) in the station's activities that have not ended. */
export async function activeEnrollmentsAt(
  tx: Queryable,
  stationId: string,
  now: Date,
): Promise<{ enrollmentId: string; userId: string; activity: string }[]> {
  const { rows } = await tx.query<{ id: string; user_id: string; title: string }>(
    `SELECT e.id, e.user_id, a.title FROM enrollments e JOIN activities a ON a.id = e.activity_id
      WHERE a.station_id = $1 AND a.ends_at > $2 AND e.status IN ('confirmed', 'offered', 'waitlisted')`,
    [stationId, now],
  )
  return rows.map((r) => ({ enrollmentId: r.id, userId: r.user_id, activity: r.title }))
}

export async function stationExceptionsOf(db: Queryable, stationId: string): Promise<StationException[]> {
  const { rows } = await db.query<{ from_date: string; to_date: string; hours: StationException['hours']; reason: string }>(
    `SELECT to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, hours, reason
       FROM station_exceptions WHERE station_id = $1 ORDER BY from_date, created_at`,
    [stationId],
  )
  return rows.map((r) => ({ from: r.from_date, to: r.to_date, hours: r.hours, reason: r.reason }))
}

export async function replaceExceptions(tx: Queryable, stationId: string, list: readonly StationException[]): Promise<void> {
  await tx.query('DELETE FROM station_exceptions WHERE station_id = $1', [stationId])
  for (const exception of list) {
    await tx.query('INSERT INTO station_exceptions (station_id, from_date, to_date, hours, reason) VALUES ($1, $2, $3, $4, $5)', [
      stationId,
      exception.from,
      exception.to,
      JSON.stringify(exception.hours),
      exception.reason,
    ])
  }
}

/** Many audit rows in a few statements (an import of thousands of stations). */
export async function recordAuditBatch(tx: Queryable, entries: readonly AuditEntry[], pace: WritePace = BULK): Promise<void> {
  for (let i = 0; i < entries.length; i += pace.rows) {
    if (i > 0) await pace.between()
    const json = entries.slice(i, i + pace.rows).map((e) => ({
      at: e.at.toISOString(),
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.name ?? '系统',
      station_id: e.stationId,
      entity: e.entity,
      entity_id: e.entityId,
      action: e.action,
      changes: e.changes ?? [],
      summary: e.summary ?? '',
    }))
    await tx.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, station_id, entity, entity_id, action, changes, summary)
       SELECT at, actor_id, actor_name, station_id, entity, entity_id, action, changes, summary
         FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, actor_id uuid, actor_name text, station_id uuid, entity text,
              entity_id text, action text, changes jsonb, summary text)`,
      [JSON.stringify(json)],
    )
  }
}
