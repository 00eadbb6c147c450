/**
 * Duplicates in the database (issue 16): the requests that share a blind
 * index with some requests (or with typed-in phones), within a window; the
 * merge pointer; links between related requests. SQL only: the rule that
 * decides what counts as a duplicate is domain/duplicates.ts.
 */
import type { ServiceCategory } from '../../contract/enums'
import type { RequestStatus } from '../../contract/requests'
import type { Queryable } from '../db'

/** Where the reader may look: the stations in sight, sensitive categories only from the own station. */
export interface Sight {
  stationIds: string[]
  ownStationId: string
  sensitive: readonly ServiceCategory[]
}

export interface CandidateRow {
  /** The request it was found for (queue and request page); absent for typed-in phones. */
  of_id?: string
  id: string
  number: string
  status: RequestStatus
  created_at: Date
  station_name: string
  contact_phone_bidx: string | null
  helped_bidx: string | null
  merged_into_id: string | null
}

const CANDIDATE = `o.id, o.number, o.status, o.created_at, s.name AS station_name, o.contact_phone_bidx, o.helped_bidx, o.merged_into_id`
const IN_SIGHT = (first: number) =>
  `o.station_id = ANY ($${first}::uuid[]) AND (o.station_id = $${first + 1} OR o.category <> ALL ($${first + 2}::text[]))`

/**
 * The requests in sight sharing a blind index with one of `ids`, submitted
 * within `days` of it and not merged away, newest first, at most `perRequest`
 * for each. Each side (same phone, same helped person) reads its own B-tree
 * index (blind index, created_at) backwards and stops after `perRequest`
 * rows, so a queue of 200 costs 400 short index scans, however many requests
 * one phone has sent (an OR in the join compared every pair of requests).
 * Rows indexed under a key not yet rotated to the current one meet their pairs
 * once the resealing job has re-indexed them.
 */
export async function candidatesOf(db: Queryable, ids: string[], sight: Sight, days: number, perRequest: number): Promise<CandidateRow[]> {
  if (ids.length === 0) return []
  const side = (column: string) =>
    `(SELECT o.id, o.created_at FROM help_requests o
       WHERE o.${column} = r.${column}
         AND o.created_at BETWEEN r.created_at - make_interval(days => $5) AND r.created_at + make_interval(days => $5)
         AND o.id <> r.id AND o.merged_into_id IS NULL AND ${IN_SIGHT(2)}
       ORDER BY o.created_at DESC
       LIMIT $6)`
  const { rows } = await db.query<CandidateRow>(
    `SELECT r.id AS of_id, c.*
       FROM help_requests r
       CROSS JOIN LATERAL (
         SELECT ${CANDIDATE}
           FROM (${side('contact_phone_bidx')} UNION ${side('helped_bidx')}) m
           JOIN help_requests o ON o.id = m.id
           JOIN stations s ON s.id = o.station_id
          ORDER BY o.created_at DESC
          LIMIT $6) c
      WHERE r.id = ANY ($1::uuid[])`,
    [ids, sight.stationIds, sight.ownStationId, sight.sensitive, days, perRequest],
  )
  return rows
}

/** The requests in sight whose phone or helped person has one of the given blind indexes (any key), since `since`. */
export async function candidatesByIndex(
  db: Queryable,
  keys: { phone: string[]; helped: string[] },
  sight: Sight,
  since: Date,
): Promise<CandidateRow[]> {
  if (keys.phone.length + keys.helped.length === 0) return []
  const { rows } = await db.query<CandidateRow>(
    `SELECT ${CANDIDATE}
       FROM help_requests o JOIN stations s ON s.id = o.station_id
      WHERE (o.contact_phone_bidx = ANY ($1::text[]) OR o.helped_bidx = ANY ($2::text[]))
        AND o.created_at >= $6 AND ${IN_SIGHT(3)}
      ORDER BY o.created_at DESC
      LIMIT 100`,
    [keys.phone, keys.helped, sight.stationIds, sight.ownStationId, sight.sensitive, since],
  )
  return rows
}

/** The duplicate now points to its original. */
export async function setMergedInto(tx: Queryable, id: string, intoId: string): Promise<void> {
  await tx.query('UPDATE help_requests SET merged_into_id = $2 WHERE id = $1', [id, intoId])
}

const pair = (x: string, y: string) => (x < y ? [x, y] : [y, x])

/** Links two requests; false when they already were. */
export async function insertLink(tx: Queryable, x: string, y: string, by: string, at: Date): Promise<boolean> {
  const res = await tx.query(
    'INSERT INTO request_links (a_id, b_id, created_by, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [...pair(x, y), by, at],
  )
  return res.rowCount > 0
}

/** Unlinks two requests; false when they were not linked. */
export async function deleteLink(tx: Queryable, x: string, y: string): Promise<boolean> {
  const res = await tx.query('DELETE FROM request_links WHERE a_id = $1 AND b_id = $2', pair(x, y))
  return res.rowCount > 0
}

/** For each of `ids`, the ids linked to it. */
export async function linksOf(db: Queryable, ids: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>()
  if (ids.length === 0) return out
  const { rows } = await db.query<{ a_id: string; b_id: string }>(
    'SELECT a_id, b_id FROM request_links WHERE a_id = ANY ($1::uuid[]) OR b_id = ANY ($1::uuid[])',
    [ids],
  )
  const add = (k: string, v: string) => out.set(k, (out.get(k) ?? new Set()).add(v))
  for (const link of rows) {
    add(link.a_id, link.b_id)
    add(link.b_id, link.a_id)
  }
  return out
}

/** The related requests of one request that are in sight, newest first. */
export async function relatedInSight(
  db: Queryable,
  id: string,
  sight: Sight,
): Promise<{ id: string; number: string; status: RequestStatus }[]> {
  const { rows } = await db.query<{ id: string; number: string; status: RequestStatus }>(
    `SELECT o.id, o.number, o.status FROM request_links l
       JOIN help_requests o ON o.id = CASE WHEN l.a_id = $1 THEN l.b_id ELSE l.a_id END
      WHERE (l.a_id = $1 OR l.b_id = $1) AND ${IN_SIGHT(2)}
      ORDER BY o.created_at DESC`,
    [id, sight.stationIds, sight.ownStationId, sight.sensitive],
  )
  return rows
}

/** A request in sight by its number. */
export async function findByNumber(
  db: Queryable,
  number: string,
  sight: Sight,
): Promise<{ id: string; number: string; status: RequestStatus; station_name: string } | null> {
  const { rows } = await db.query<{ id: string; number: string; status: RequestStatus; station_name: string }>(
    `SELECT o.id, o.number, o.status, s.name AS station_name
       FROM help_requests o JOIN stations s ON s.id = o.station_id
      WHERE o.number = $1 AND ${IN_SIGHT(2)}`,
    [number, sight.stationIds, sight.ownStationId, sight.sensitive],
  )
  return rows[0] ?? null
}
