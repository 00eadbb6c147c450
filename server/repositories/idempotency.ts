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

/** A call's result: the HTTP status and the body kept for its replays. */
export interface KeyResult {
  status: number
  body: unknown
}

/** status, response_status and response_body of a key: done with its result, or still in flight. */
const resultColumns = (result?: KeyResult) => (result ? ['done', result.status, JSON.stringify(result.body)] : ['in_flight', null, null])

/**
 * Claims a key for a new call; false when it is already there. With `result` (known before the work: the
 * caller chose the new row's id), the key is claimed finished, so no second statement is needed: its
 * transaction is the work's, so nobody sees it before the work is committed, and a rollback takes it back.
 */
export async function insertKey(db: Queryable, k: KeyRef, bodyHash: string, now: Date, result?: KeyResult): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, body_hash, status, response_status, response_body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (user_id, key) DO NOTHING`,
    [k.userId, k.key, bodyHash, ...resultColumns(result), now],
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

/** Takes over a key left in flight by a call that died: it is this call's now, with this call's body (and result, when known). */
export async function takeOverKey(db: Queryable, k: KeyRef, bodyHash: string, now: Date, result?: KeyResult): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET body_hash = $3, created_at = $4, status = $5, response_status = $6, response_body = $7
      WHERE user_id = $1 AND key = $2`,
    [k.userId, k.key, bodyHash, now, ...resultColumns(result)],
  )
}

/** Stores the first result. */
export async function finishKey(db: Queryable, k: KeyRef, result: KeyResult): Promise<void> {
  await db.query(`UPDATE idempotency_keys SET status = $3, response_status = $4, response_body = $5 WHERE user_id = $1 AND key = $2`, [
    k.userId,
    k.key,
    ...resultColumns(result),
  ])
}
