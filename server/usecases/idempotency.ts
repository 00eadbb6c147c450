/**
 * Idempotent submission: the first result per (user, Idempotency-Key) is stored
 * and returned to every retry; the same key with another body is 422
 * IDEMPOTENCY_KEY_REUSED.
 *
 * The key is claimed in the same transaction as the work. A retry sent while
 * the first call still runs waits for it on the key's unique index and then
 * replays its result. A call that is refused, or whose process or connection
 * dies, takes its claim with it when its transaction rolls back — so after a
 * kill -9 the retry is served at once, with no in-flight window to wait out.
 *
 * The body is fingerprinted after validation, in a canonical form (keys
 * sorted at every level), so the same fields in another order are the same
 * submission.
 */
import { createHash } from 'node:crypto'
import type { Database, Queryable } from '../db'
import { fail } from '../errors'
import { finishKey, insertKey, lockKey, takeOverKey, type KeyRef, type KeyResult } from '../repositories/idempotency'

export interface IdempotentResult {
  status: number
  body: unknown
  replayed: boolean
}

/** JSON with the keys of every object sorted: one text per value, whatever order its fields came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/** The fingerprint of a validated body, kept with its key. */
export const bodyFingerprint = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex')

export async function withIdempotency(
  db: Database,
  k: KeyRef & { bodyHash: string; now: Date },
  work: (tx: Queryable) => Promise<KeyResult>,
): Promise<IdempotentResult> {
  return db.transaction(async (tx) => {
    const replay = await claim(tx, k)
    if (replay) return replay
    const result = await work(tx)
    await finishKey(tx, k, result)
    return { ...result, replayed: false }
  })
}

/**
 * withIdempotency for work whose result is known before it runs (the caller chose the new row's id): the key
 * is claimed with its result in the same statement, in the work's transaction, and no statement finishes it.
 */
export async function withKnownResult(
  db: Database,
  k: KeyRef & { bodyHash: string; now: Date },
  result: KeyResult,
  work: (tx: Queryable) => Promise<void>,
): Promise<IdempotentResult> {
  return db.transaction(async (tx) => {
    const replay = await claim(tx, k, result)
    if (replay) return replay
    await work(tx)
    return { ...result, replayed: false }
  })
}

/** Claims the key in `tx` (with its result when known); the first call's result when it is a retry. */
async function claim(tx: Queryable, k: KeyRef & { bodyHash: string; now: Date }, result?: KeyResult): Promise<IdempotentResult | null> {
  // Waits while another call holding this key is still in its transaction; then finds its row, or none.
  if (await insertKey(tx, k, k.bodyHash, k.now, result)) return null
  const row = await lockKey(tx, k)
  if (row?.status === 'done') {
    if (row.body_hash !== k.bodyHash) throw fail('IDEMPOTENCY_KEY_REUSED', '这个提交编号已用于另一份内容，请刷新后重新提交')
    return { status: row.response_status!, body: row.response_body, replayed: true }
  }
  // Committed but never finished: left by the former two-phase claim of an instance that died. Nothing of its
  // work was kept, so the key is this call's. (A row deleted in between — the retention purge — is claimed anew.)
  if (row) await takeOverKey(tx, k, k.bodyHash, k.now, result)
  else if (!(await insertKey(tx, k, k.bodyHash, k.now, result))) throw fail('IDEMPOTENCY_IN_FLIGHT', '上一次提交仍在处理中，请稍候再试')
  return null
}
