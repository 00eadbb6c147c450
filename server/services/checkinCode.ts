/**
 * Check-in codes: what a confirmed enrollment's QR code holds. A signed token
 * (HMAC-SHA256 with a key every API instance shares through the database), not
 * a guessable id: a code cannot be made up or altered, only scanned.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Queryable } from '../db'

const PREFIX = 'SGZ1'

/** The shared signing key: created once, on first use, by whichever instance gets there first. */
export async function loadSecret(db: Queryable, name: string): Promise<Buffer> {
  await db.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('hex'),
  ])
  const { rows } = await db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [name])
  return Buffer.from(rows[0]!.value, 'hex')
}

const mac = (key: Buffer, id: string) => createHmac('sha256', key).update(`${PREFIX}:${id}`).digest().subarray(0, 16).toString('base64url')

export function signCheckinCode(key: Buffer, enrollmentId: string): string {
  const id = enrollmentId.replace(/-/g, '')
  return `${PREFIX}.${id}.${mac(key, id)}`
}

/** The enrollment id a code stands for, or null when it is not one of ours. */
export function verifyCheckinCode(key: Buffer, code: string): string | null {
  const m = /^SGZ1\.([0-9a-f]{32})\.([A-Za-z0-9_-]{22})$/.exec(code.trim())
  if (!m) return null
  const expected = Buffer.from(mac(key, m[1]!))
  const given = Buffer.from(m[2]!)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  const h = m[1]!
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
