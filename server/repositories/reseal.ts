/**
 * The resealing job: phone numbers and addresses not yet sealed with the
 * current data key — rows from before encryption, or sealed with a key being
 * rotated out — are sealed again, a batch at a time.
 */
import type { Queryable } from '../db'
import { currentKeyId, notSealedSql, seal, unseal } from '../services/fieldCrypto'

const SEALED: { table: string; columns: string[] }[] = [
  { table: 'help_requests', columns: ['contact_phone', 'helped_phone', 'helped_address', 'address'] },
  { table: 'enrollments', columns: ['contact_phone'] },
  { table: 'users', columns: ['phone'] },
]

export async function resealFields(db: Queryable, limit = 200): Promise<number> {
  const id = currentKeyId()
  if (!id) return 0
  let resealed = 0
  for (const { table, columns } of SEALED) {
    const { rows } = await db.query<Record<string, string | null> & { id: string }>(
      `SELECT id, ${columns.join(', ')} FROM ${table} WHERE ${columns.map((c) => notSealedSql(c, '$1')).join(' OR ')}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      [`enc:v1:${id}:%`],
    )
    for (const r of rows) {
      await db.query(`UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [
        r.id,
        ...columns.map((c) => seal(unseal(r[c] ?? null))),
      ])
      resealed++
    }
  }
  return resealed
}
