/**
 * Idempotent submission: the first result per (user, Idempotency-Key) is stored
 * and returned to every retry. The same key with another body: 422
 * IDEMPOTENCY_KEY_REUSED; the same key while the first call is still in
 * flight: 409 IDEMPOTENCY_IN_FLIGHT. A key abandoned in flight (the process
 * died) can be taken over after a while.
 */
import type { Database, Queryable } from '../db'
import { fail } from '../errors'
import { finishKey, insertKey, lockKey, releaseKey, restartKey, type KeyRef } from '../repositories/idempotency'

const ABANDONED_AFTER_MS = 60_000

export interface IdempotentResult {
  status: number
  body: unknown
  replayed: boolean
}

export async function withIdempotency(
  db: Database,
  k: KeyRef & { bodyHash: string; now: Date },
  work: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResult> {
  // Phase 1: claim the key (committed at once, so concurrent retries see it).
  const claim = await db.transaction(async (tx) => {
    if (await insertKey(tx, k, k.bodyHash, k.now)) return { claimed: true as const }
    const row = (await lockKey(tx, k))!
    if (row.body_hash !== k.bodyHash) throw fail('IDEMPOTENCY_KEY_REUSED', '这个提交编号已用于另一份内容，请刷新后重新提交')
    if (row.status === 'done') return { claimed: false as const, status: row.response_status!, body: row.response_body }
    if (k.now.getTime() - new Date(row.created_at).getTime() < ABANDONED_AFTER_MS) {
      throw fail('IDEMPOTENCY_IN_FLIGHT', '上一次提交仍在处理中，请稍候再试')
    }
    await restartKey(tx, k, k.now)
    return { claimed: true as const }
  })
  if (!claim.claimed) return { status: claim.status, body: claim.body, replayed: true }

  // Phase 2: the work and its stored response commit together.
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx)
      await finishKey(tx, k, result)
      return { ...result, replayed: false }
    })
  } catch (err) {
    // A rejected submission keeps nothing: the resident may fix it and send it again with the same key.
    await releaseKey(db, k).catch(() => {})
    throw err
  }
}
