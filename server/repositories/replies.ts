/** 常用回复: a station's templates; the defaults are copied into a station the first time its list is read. */
import type { ServiceCategory } from '../../contract/enums'
import { DEFAULT_REPLIES } from '../../domain/cannedReplies'
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

/** The station's templates (general ones first, then by category and title), the defaults copied in on first read. */
export async function repliesOf(tx: Queryable, stationId: string, now: Date): Promise<ReplyRow[]> {
  const seeded = await tx.query(
    'INSERT INTO canned_reply_seeds (station_id, seeded_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING station_id',
    [stationId, now],
  )
  if (seeded.rows.length > 0) {
    for (const template of DEFAULT_REPLIES) {
      await tx.query('INSERT INTO canned_replies (station_id, category, title, body, updated_at) VALUES ($1, $2, $3, $4, $5)', [
        stationId,
        template.category,
        template.title,
        template.body,
        now,
      ])
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
