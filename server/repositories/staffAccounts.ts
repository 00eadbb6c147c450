/** Station accounts as 账号管理 reads and writes them (phones sealed here), and their sessions. */
import { STAFF_ROLES, type StaffRole } from '../../contract/enums'
import type { StaffAccount, StaffAccountListQuery } from '../../contract/types'
import type { Queryable } from '../db'
import { seal, unseal } from '../services/fieldCrypto'

export interface StaffAccountRow {
  id: string
  username: string
  nickname: string
  phone: string | null
  role: StaffRole
  station_id: string
  station_code: string
  station_name: string
  station_kind: StaffAccount['station']['kind']
  must_change_password: boolean
  created_at: Date
  disabled_at: Date | null
}

const SELECT = `SELECT u.id, u.username, u.nickname, u.phone, u.role, u.station_id, s.code AS station_code, s.name AS station_name,
                       s.kind AS station_kind, u.must_change_password, u.created_at, u.disabled_at
                  FROM users u JOIN stations s ON s.id = u.station_id`

export function toStaffAccount(r: StaffAccountRow): StaffAccount {
  return {
    id: r.id,
    username: r.username,
    nickname: r.nickname,
    phone: unseal(r.phone) || null,
    role: r.role,
    station: { id: r.station_id, code: r.station_code, name: r.station_name, kind: r.station_kind },
    status: r.disabled_at ? 'disabled' : 'active',
    mustChangePassword: r.must_change_password,
    createdAt: new Date(r.created_at).toISOString(),
    disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
  }
}

/** The accounts at the given stations, filtered; station by station, then by name. */
export async function listStaffAccounts(
  db: Queryable,
  stationIds: readonly string[],
  q: StaffAccountListQuery,
): Promise<StaffAccountRow[]> {
  const params: unknown[] = [stationIds, STAFF_ROLES]
  const where = ['u.station_id = ANY ($1::uuid[])', 'u.role = ANY ($2::text[])']
  if (q.status) where.push(q.status === 'disabled' ? 'u.disabled_at IS NOT NULL' : 'u.disabled_at IS NULL')
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    where.push(`(u.nickname ILIKE $${params.length} OR u.username ILIKE $${params.length})`)
  }
  const { rows } = await db.query<StaffAccountRow>(
    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY s.code, u.nickname, u.username LIMIT 1000`,
    params,
  )
  return rows
}

/** One station account, locked for a change when `forUpdate`. */
export async function loadStaffAccount(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<StaffAccountRow | null> {
  const { rows } = await db.query<StaffAccountRow>(
    `${SELECT} WHERE u.id = $1 AND u.role = ANY ($2::text[])${opts.forUpdate ? ' FOR UPDATE OF u' : ''}`,
    [id, STAFF_ROLES],
  )
  return rows[0] ?? null
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE username = $1', [username])
  return rows.length > 0
}

export async function insertStaffAccount(
  db: Queryable,
  a: {
    username: string
    nickname: string
    phone: string | null
    role: StaffRole
    stationId: string
    passwordHash: string
    createdBy: string | null
    at: Date
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, nickname, phone, role, station_id, password_hash, must_change_password, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8) RETURNING id`,
    [a.username, a.nickname, seal(a.phone), a.role, a.stationId, a.passwordHash, a.createdBy, a.at],
  )
  return rows[0]!.id
}

export async function updateStaffAccount(
  db: Queryable,
  id: string,
  set: { nickname?: string; phone?: string | null; role?: StaffRole; stationId?: string },
): Promise<void> {
  const cols: string[] = []
  const params: unknown[] = [id]
  const add = (col: string, value: unknown) => {
    params.push(value)
    cols.push(`${col} = $${params.length}`)
  }
  if (set.nickname !== undefined) add('nickname', set.nickname)
  if (set.phone !== undefined) add('phone', seal(set.phone))
  if (set.role !== undefined) add('role', set.role)
  if (set.stationId !== undefined) add('station_id', set.stationId)
  if (cols.length) await db.query(`UPDATE users SET ${cols.join(', ')} WHERE id = $1`, params)
}

export async function setDisabled(db: Queryable, id: string, at: Date | null): Promise<void> {
  await db.query('UPDATE users SET disabled_at = $2 WHERE id = $1', [id, at])
}

/** A new password hash; `mustChange` when an admin set it (the owner changes it at the next login). */
export async function setPassword(db: Queryable, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until = NULL WHERE id = $1', [
    id,
    passwordHash,
    mustChange,
  ])
}

export async function passwordHashOf(db: Queryable, id: string): Promise<{ username: string; password_hash: string } | null> {
  const { rows } = await db.query<{ username: string; password_hash: string }>('SELECT username, password_hash FROM users WHERE id = $1', [
    id,
  ])
  return rows[0] ?? null
}

/** The other active admins at a station (the last one cannot be disabled, demoted or moved away). */
export async function otherActiveAdmins(db: Queryable, stationId: string, exceptId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE station_id = $1 AND role = 'admin' AND disabled_at IS NULL AND id <> $2`,
    [stationId, exceptId],
  )
  return rows[0]!.n
}

// ───────────────────────── sessions ─────────────────────────

/** Ends every live session of the account, or every one but `keepTokenHash`. Returns how many ended. */
export async function revokeSessionsOf(db: Queryable, userId: string, at: Date, keepTokenHash?: string): Promise<number> {
  const { rows } = await db.query(
    `UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND token_hash <> $3 RETURNING 1`,
    [userId, at, keepTokenHash ?? ''],
  )
  return rows.length
}

/** The account's live sessions, newest first; `id` is a short prefix of the token's hash, never the token. */
export async function liveSessionsOf(
  db: Queryable,
  userId: string,
  at: Date,
): Promise<{ token_hash: string; created_at: Date; expires_at: Date }[]> {
  const { rows } = await db.query<{ token_hash: string; created_at: Date; expires_at: Date }>(
    `SELECT token_hash, created_at, expires_at FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC`,
    [userId, at],
  )
  return rows
}
