/** Photos for help requests, kept in the database (not under the web root). */
import type { Queryable } from '../db'

export async function insertUpload(db: Queryable, u: { userId: string; mime: string; content: Buffer }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO uploads (user_id, mime, size, content) VALUES ($1, $2, $3, $4) RETURNING id',
    [u.userId, u.mime, u.content.length, u.content],
  )
  return rows[0]!.id
}

export async function loadUpload(
  db: Queryable,
  id: string,
): Promise<{ userId: string; requestId: string | null; mime: string; content: Uint8Array } | null> {
  const { rows } = await db.query<{ user_id: string; request_id: string | null; mime: string; content: Uint8Array }>(
    'SELECT user_id, request_id, mime, content FROM uploads WHERE id = $1',
    [id],
  )
  const u = rows[0]
  return u ? { userId: u.user_id, requestId: u.request_id, mime: u.mime, content: u.content } : null
}
