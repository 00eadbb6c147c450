/** Residents and their opaque session tokens (only a SHA-256 of each token is stored). */
import { createHash, randomBytes } from 'node:crypto'
import type { Session, User } from '../../contract/types'
import type { Queryable } from '../db'

/** What the sessions table keeps of a token. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')
const hash = tokenHash

interface UserRow {
  id: string
  nickname: string
  role: User['role']
}

export async function upsertUserByOpenid(db: Queryable, openid: string, nickname: string): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (openid, nickname) VALUES ($1, $2)
     ON CONFLICT (openid) DO UPDATE SET openid = EXCLUDED.openid
     RETURNING id, nickname, role`,
    [openid, nickname],
  )
  return rows[0]!
}

export async function createSession(db: Queryable, user: User, ttlHours: number, now = new Date()): Promise<Session> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000)
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hash(token),
    user.id,
    now,
    expiresAt,
  ])
  return { token, expiresAt: expiresAt.toISOString(), user }
}

/** The user behind a live (unexpired, unrevoked) token of an account not disabled, or null. */
export async function findSessionUser(db: Queryable, token: string, now = new Date()): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT u.id, u.nickname, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [hash(token), now],
  )
  return rows[0] ?? null
}

export async function revokeSession(db: Queryable, token: string, now = new Date()): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [hash(token), now])
}
