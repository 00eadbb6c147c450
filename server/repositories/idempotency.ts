/** Idempotency keys: one row per (user, Idempotency-Key), holding the first result once it is known. */
import type { Queryable } from '../db'

export interface KeyRow {
  body_hash: string
  status: 'in_flight' | 'done'
  response_status: number | null
  response_body: unknown
  created_at: Date
}

export interface KeyRef {
  userId: string
  key: string
}

/** Claims a key for a new call; false when it is already there. */
export async function insertKey(db: Queryable, k: KeyRef, bodyHash: string, now: Date): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, body_hash, status, created_at) VALUES ($1, $2, $3, 'in_flight', $4)
     ON CONFLICT (user_id, key) DO NOTHING`,
    [k.userId, k.key, bodyHash, now],
  )
  return inserted.rowCount === 1
}

/** The key's row, locked. */
export async function lockKey(db: Queryable, k: KeyRef): Promise<KeyRow | null> {
  const { rows } = await db.query<KeyRow>(
    'SELECT body_hash, status, response_status, response_body, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2 FOR UPDATE',
    [k.userId, k.key],
  )
  return rows[0] ?? null
}

/** Takes over a key left in flight by a call that died: it is this call's now, with this call's body. */
export async function takeOverKey(db: Queryable, k: KeyRef, bodyHash: string, now: Date): Promise<void> {
  await db.query('UPDATE idempotency_keys SET body_hash = $3, created_at = $4 WHERE user_id = $1 AND key = $2', [
    k.userId,
    k.key,
    bodyHash,
    now,
  ])
}

/** Stores the first result. */
export async function finishKey(db: Queryable, k: KeyRef, result: { status: number; body: unknown }): Promise<void> {
  await db.query(`UPDATE idempotency_keys SET status = 'done', response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`, [
    k.userId,
    k.key,
    result.status,
    JSON.stringify(result.body),
  ])
}
