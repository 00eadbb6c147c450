/** SQL over the `stations` table. Returns contract shapes. */
import type { ServiceCategory, StationKind } from '../../contract/enums'
import type { AreaNode, NearbyStation, StationDetail, StationRef, StationSummary } from '../../contract/types'
import type { StationException } from '../../domain/calendar'
import type { Queryable } from '../db'
import { buildAreaTree, type AreaRow } from '../domain/areas'

interface StationRow {
  id: string
  code: string
  name: string
  kind: StationKind
  parent_id: string | null
  province: string
  city: string
  district: string
  street: string | null
  community: string | null
  address: string
  lat: number
  lng: number
  phone: string
  opening_hours: StationSummary['openingHours']
  hours_note: string
  services: ServiceCategory[]
  brand_projects: StationSummary['brandProjects']
  intro: string
}

const COLUMNS = `id, code, name, kind, parent_id, province, city, district, street, community,
  address, lat, lng, phone, opening_hours, hours_note, services, brand_projects, intro`

function toSummary(r: StationRow): StationSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    area: { province: r.province, city: r.city, district: r.district, street: r.street, community: r.community },
    address: r.address,
    location: { lat: r.lat, lng: r.lng },
    phone: r.phone,
    openingHours: r.opening_hours,
    hoursNote: r.hours_note,
    services: r.services,
    brandProjects: r.brand_projects,
  }
}

export interface NearbyOptions {
  lat: number
  lng: number
  limit: number
  kind?: StationKind
  service?: ServiceCategory
}

/**
 * The stations nearest to a point, exactly ordered by great-circle distance.
 * The GiST index on ll_to_earth(lat, lng) answers `<->` (chord distance, which
 * grows with the great-circle distance) as a KNN scan: no table scan, whatever
 * the number of stations.
 */
export async function findNearby(db: Queryable, o: NearbyOptions): Promise<NearbyStation[]> {
  const { rows } = await db.query<StationRow & { distance_meters: number }>(
    `SELECT ${COLUMNS}, earth_distance(ll_to_earth(lat, lng), ll_to_earth($1, $2)) AS distance_meters
       FROM stations
      WHERE closed_at IS NULL
        AND ($4::text IS NULL OR kind = $4)
        AND ($5::text IS NULL OR $5 = ANY (services))
      ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth($1, $2)
      LIMIT $3`,
    [o.lat, o.lng, o.limit, o.kind ?? null, o.service ?? null],
  )
  return rows.map((r) => ({ ...toSummary(r), distanceMeters: Math.max(0, Number(r.distance_meters)) }))
}

/** A station as the residents' search holds it (services/stationIndex.ts). */
export interface ChangedStation {
  seq: number
  closed: boolean
  summary: StationSummary
  /** 服务范围 (routing reads it). */
  coverage: string[]
  exceptions: StationException[]
}

/** How many statements have written stations, ever (migration 026): unchanged, nothing to read again. */
export async function stationWrites(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ writes: string }>('SELECT writes FROM station_writes WHERE id = 1')
  return Number(rows[0]?.writes ?? 0)
}

/**
 * The stations written after `seq` (migration 026's change_seq, in commit order),
 * closed ones included so that a search can drop them, each with all its
 * exceptions (闭站, 调整时间) — a search looks ahead from its own day. At most
 * `limit`, the first written: the next page starts after the last one's seq.
 * Each row comes as one JSON text: one JSON.parse a row costs the API's thread
 * about half of the driver's parse of 23 columns (PGlite parses in that thread).
 */
export async function stationChangesSince(db: Queryable, seq: number, limit: number): Promise<ChangedStation[]> {
  const { rows } = await db.query<{ r: string }>(
    `SELECT row_to_json(c)::text AS r FROM (
       SELECT ${COLUMNS}, coverage, change_seq, closed_at IS NOT NULL AS closed,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('from', to_char(e.from_date, 'YYYY-MM-DD'), 'to', to_char(e.to_date, 'YYYY-MM-DD'),
                                                            'hours', e.hours, 'reason', e.reason) ORDER BY e.from_date, e.created_at)
                          FROM station_exceptions e WHERE e.station_id = s.id), '[]') AS exceptions
         FROM stations s
        WHERE change_seq > $1
        ORDER BY change_seq
        LIMIT $2) c
      ORDER BY c.change_seq`,
    [seq, limit],
  )
  return rows.map(({ r }) => {
    const row = JSON.parse(r) as StationRow & { coverage: string[]; change_seq: number; closed: boolean; exceptions: StationException[] }
    return { seq: Number(row.change_seq), closed: row.closed, summary: toSummary(row), coverage: row.coverage, exceptions: row.exceptions }
  })
}

export async function getStation(db: Queryable, id: string): Promise<StationDetail | null> {
  const { rows } = await db.query<StationRow & { coverage: string[] }>(
    `SELECT ${COLUMNS}, coverage FROM stations WHERE id = $1 AND closed_at IS NULL`,
    [id],
  )
  const row = rows[0]
  if (!row) return null
  const [ancestors, children] = await Promise.all([getAncestors(db, id), listStations(db, { parent: id, limit: 200 })])
  return { ...toSummary(row), intro: row.intro, coverage: row.coverage, ancestors, children: children.items }
}

/** The chain of parents, from the top (市级) down to the direct parent. */
async function getAncestors(db: Queryable, id: string): Promise<StationRef[]> {
  const { rows } = await db.query<StationRef & { depth: number }>(
    `WITH RECURSIVE chain AS (
       SELECT s.parent_id, 0 AS depth FROM stations s WHERE s.id = $1
       UNION ALL
       SELECT p.parent_id, c.depth + 1 FROM chain c JOIN stations p ON p.id = c.parent_id
       WHERE c.depth < 10
     )
     SELECT p.id, p.code, p.name, p.kind, c.depth
       FROM chain c JOIN stations p ON p.id = c.parent_id
      ORDER BY c.depth DESC`,
    [id],
  )
  return rows.map(({ id: ancestorId, code, name, kind }) => ({ id: ancestorId, code, name, kind }))
}

export interface ListOptions {
  parent?: string
  q?: string
  area?: string
  kind?: StationKind
  limit: number
}

/** Browse the hierarchy (children of `parent`) and search by name, community or area name. */
export async function listStations(db: Queryable, o: ListOptions): Promise<{ items: StationSummary[]; total: number }> {
  // A closed station has left the residents' view: search, hierarchy and areas alike.
  const where: string[] = ['closed_at IS NULL']
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replaceAll('$?', `$${params.length}`))
  }
  if (o.parent) add('parent_id = $?', o.parent)
  if (o.kind) add('kind = $?', o.kind)
  if (o.q) {
    const like = `%${o.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    add(`(name ILIKE $? OR community ILIKE $? OR street ILIKE $? OR address ILIKE $?)`, like)
  }
  if (o.area) add('$? IN (province, city, district, street, community)', o.area)
  const whereSql = `WHERE ${where.join(' AND ')}`
  const [{ rows }, count] = await Promise.all([
    db.query<StationRow>(
      `SELECT ${COLUMNS} FROM stations ${whereSql}
        ORDER BY CASE kind WHEN 'city' THEN 1 WHEN 'district' THEN 2 WHEN 'street' THEN 3 WHEN 'community' THEN 4 ELSE 5 END, code
        LIMIT ${Math.trunc(o.limit)}`,
      params,
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM stations ${whereSql}`, params),
  ])
  return { items: rows.map(toSummary), total: count.rows[0]?.total ?? 0 }
}

/** The administrative areas that have stations, as a province → city → district → street → community tree. */
export async function listAreas(db: Queryable): Promise<AreaNode[]> {
  const { rows } = await db.query<AreaRow>(
    `SELECT province, city, district, street, community, count(*)::int AS station_count,
            avg(lat) AS lat, avg(lng) AS lng
       FROM stations
      WHERE closed_at IS NULL
      GROUP BY province, city, district, street, community`,
  )
  return buildAreaTree(rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) })))
}

/** Stations by id, as references, level by level (城市 → 区县 → 街镇 → 社区, then the special stations), then by code. */
export async function stationRefs(db: Queryable, ids: string[]): Promise<StationRef[]> {
  const { rows } = await db.query<StationRef>(
    `SELECT id, code, name, kind FROM stations WHERE id = ANY ($1::uuid[])
      ORDER BY CASE kind WHEN 'city' THEN 1 WHEN 'district' THEN 2 WHEN 'street' THEN 3 WHEN 'community' THEN 4 ELSE 5 END, code`,
    [ids],
  )
  return rows
}

/** Whether a station exists and serves residents (not closed). */
export async function isOpenStation(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM stations WHERE id = $1 AND closed_at IS NULL', [id])
  return rows.length > 0
}
