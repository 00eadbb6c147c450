/**
 * The resealing job: phone numbers, addresses and birth dates not yet sealed with the
 * current data key — rows from before encryption, or sealed with a key being
 * rotated out — are sealed again, a batch at a time.
 */
import type { Queryable } from '../db'
import { BLIND_INDEXED, blindIndexesOf, type BlindIndexed } from './requests'
import { currentKeyId, notSealedSql, seal, unseal } from '../services/fieldCrypto'

const SEALED: { table: string; columns: string[] }[] = [
  { table: 'help_requests', columns: ['contact_phone', 'helped_phone', 'helped_address', 'address'] },
  { table: 'enrollments', columns: ['contact_phone'] },
  { table: 'bookings', columns: ['contact_phone', 'person_birth_date'] },
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

/**
 * The blind indexes of help requests (server/services/blindIndex.ts) that are
 * missing — rows from before migration 018, and 本人 requests from before
 * their helped-person index was the submitter's — or were computed under a key
 * other than the current one, recomputed a batch at a time: the phone is
 * opened here, once per row, and hashed under the current key. Returns how
 * many rows were indexed.
 */
export async function reindexBlind(db: Queryable, limit = 200): Promise<number> {
  const id = currentKeyId()
  if (!id) return 0
  const stale = (column: string) => `(${column} IS NULL OR split_part(${column}, ':', 1) <> $1)`
  // A 本人 request's helped person is its submitter (name and phone); a 代办 one's, the helped person.
  const { rows } = await db.query<BlindIndexed & { id: string }>(
    `SELECT id, ${BLIND_INDEXED} FROM help_requests
      WHERE (contact_phone <> '' AND ${stale('contact_phone_bidx')})
         OR (requester = 'family' AND helped_name IS NOT NULL AND COALESCE(helped_phone, '') <> '' AND ${stale('helped_bidx')})
         OR (requester = 'self' AND contact_phone <> '' AND btrim(contact_name) <> '' AND ${stale('helped_bidx')})
      LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
    [id],
  )
  for (const row of rows) {
    await db.query('UPDATE help_requests SET contact_phone_bidx = $2, helped_bidx = $3 WHERE id = $1', [row.id, ...blindIndexesOf(row)])
  }
  return rows.length
}
