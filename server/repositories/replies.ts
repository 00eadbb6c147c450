/**
 * 常用回复: a station's templates; the defaults are copied into a station the
 * first time its list is read, and the defaults of a later release (those a
 * station seeded earlier has not had) on its next read (migration 029).
 */
import type { ServiceCategory } from '../../contract/enums'
import { defaultsAfter, DEFAULTS_VERSION } from '../../domain/cannedReplies'
import type { Queryable } from '../db'

export interface ReplyRow {
  id: string
  station_id: string
  category: ServiceCategory | null
  title: string
  body: string
  updated_at: Date
}

const COLUMNS = 'id, station_id, category, title, body, updated_at'

/**
 * The defaults a station is owed now, claimed once: all of them the first time (a seeds row is made), then
 * those of releases after the one it was seeded with (its row moves to the current release). Two reads at
 * once: one claims them (the insert's conflict, the update's re-checked condition), the other copies nothing.
 */
async function claimDefaults(tx: Queryable, stationId: string, now: Date): Promise<number | null> {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM canned_reply_seeds WHERE station_id = $1', [stationId])
  const had = rows[0]
  if (!had) {
    const made = await tx.query(
      'INSERT INTO canned_reply_seeds (station_id, seeded_at, version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING station_id',
      [stationId, now, DEFAULTS_VERSION],
    )
    return made.rows.length > 0 ? 0 : null
  }
  if (Number(had.version) >= DEFAULTS_VERSION) return null
  const moved = await tx.query(
    'UPDATE canned_reply_seeds SET version = $2, seeded_at = $3 WHERE station_id = $1 AND version < $2 RETURNING station_id',
    [stationId, DEFAULTS_VERSION, now],
  )
  return moved.rows.length > 0 ? Number(had.version) : null
}

/**
 * The station's templates (general ones first, then by category and title), the defaults it is owed copied in
 * first. A later release's default is not added beside a template of the same title the head already has.
 */
export async function repliesOf(tx: Queryable, stationId: string, now: Date): Promise<ReplyRow[]> {
  const from = await claimDefaults(tx, stationId, now)
  if (from !== null) {
    for (const template of defaultsAfter(from)) {
      await tx.query(
        `INSERT INTO canned_replies (station_id, category, title, body, updated_at)
         SELECT $1::uuid, $2::text, $3::text, $4::text, $5::timestamptz
          WHERE NOT EXISTS (SELECT 1 FROM canned_replies WHERE station_id = $1::uuid AND title = $3::text)`,
        [stationId, template.category, template.title, template.body, now],
      )
    }
  }
  const { rows } = await tx.query<ReplyRow>(
    `SELECT ${COLUMNS} FROM canned_replies WHERE station_id = $1 ORDER BY category NULLS FIRST, title, id`,
    [stationId],
  )
  return rows
}

export async function replyOf(tx: Queryable, id: string, stationId: string): Promise<ReplyRow | null> {
  const { rows } = await tx.query<ReplyRow>(`SELECT ${COLUMNS} FROM canned_replies WHERE id = $1 AND station_id = $2 FOR UPDATE`, [
    id,
    stationId,
  ])
  return rows[0] ?? null
}

export async function countReplies(tx: Queryable, stationId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM canned_replies WHERE station_id = $1', [stationId])
  return rows[0]?.n ?? 0
}

export async function insertReply(
  tx: Queryable,
  stationId: string,
  r: { category: ServiceCategory | null; title: string; body: string },
  now: Date,
): Promise<ReplyRow> {
  const { rows } = await tx.query<ReplyRow>(
    `INSERT INTO canned_replies (station_id, category, title, body, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [stationId, r.category, r.title, r.body, now],
  )
  return rows[0]!
}

export async function updateReply(
  tx: Queryable,
  id: string,
  r: { category: ServiceCategory | null; title: string; body: string },
  now: Date,
): Promise<ReplyRow> {
  const { rows } = await tx.query<ReplyRow>(
    `UPDATE canned_replies SET category = $2, title = $3, body = $4, updated_at = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, r.category, r.title, r.body, now],
  )
  return rows[0]!
}

export async function deleteReply(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM canned_replies WHERE id = $1', [id])
}
