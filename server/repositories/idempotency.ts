/**
 * Idempotent submission: the first result per (user, Idempotency-Key) is stored
 * and returned to every retry. Same key with a different body → 422; same key
 * while the first call is still in flight → 409. A key abandoned in flight
 * (the process died) can be taken over after a while.
 */
import type { Database, Queryable } from '../db'
import { AppError } from '../errors'

const ABANDONED_AFTER_MS = 60_000

export interface IdempotentResult {
  status: number
  body: unknown
  replayed: boolean
}

export async function withIdempotency(
  db: Database,
  k: { userId: string; key: string; bodyHash: string; now: Date },
  work: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResult> {
  // Phase 1: claim the key (committed at once, so concurrent retries see it).
  const claim = await db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, body_hash, status, created_at) VALUES ($1, $2, $3, 'in_flight', $4)
       ON CONFLICT (user_id, key) DO NOTHING`,
      [k.userId, k.key, k.bodyHash, k.now],
    )
    if (inserted.rowCount === 1) return { claimed: true as const }
    const { rows } = await tx.query<{ body_hash: string; status: string; response_status: number | null; response_body: unknown; created_at: Date }>(
      'SELECT body_hash, status, response_status, response_body, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2 FOR UPDATE',
      [k.userId, k.key],
    )
    const row = rows[0]!
    if (row.body_hash !== k.bodyHash) {
      throw new AppError(422, 'BAD_REQUEST', '这个提交编号已用于另一份内容，请刷新后重新提交')
    }
    if (row.status === 'done') return { claimed: false as const, status: row.response_status!, body: row.response_body }
    if (k.now.getTime() - new Date(row.created_at).getTime() < ABANDONED_AFTER_MS) {
      throw new AppError(409, 'CONFLICT', '上一次提交仍在处理中，请稍候再试')
    }
    await tx.query('UPDATE idempotency_keys SET created_at = $3 WHERE user_id = $1 AND key = $2', [k.userId, k.key, k.now])
    return { claimed: true as const }
  })
  if (!claim.claimed) return { status: claim.status, body: claim.body, replayed: true }

  // Phase 2: the work and its stored response commit together.
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx)
      await tx.query(
        `UPDATE idempotency_keys SET status = 'done', response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
        [k.userId, k.key, result.status, JSON.stringify(result.body)],
      )
      return { ...result, replayed: false }
    })
  } catch (err) {
    // A rejected submission keeps nothing: the resident may fix it and send it again with the same key.
    await db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'in_flight'`, [k.userId, k.key]).catch(() => {})
    throw err
  }
}
