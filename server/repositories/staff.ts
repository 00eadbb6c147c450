/** Station accounts: their password hashes and the station each belongs to (login attempts: loginAttempts.ts). */
import { STAFF_ROLES, type StaffRole } from '../../contract/enums'
import type { StationRef } from '../../contract/types'
import type { Queryable } from '../db'
import { hashPassword } from '../services/password'

export interface StaffAccountRow {
  id: string
  nickname: string
  role: StaffRole
  station_id: string
  password_hash: string
  /** Set when an admin disabled the account: it can no longer log in (its sessions end). */
  disabled_at: Date | null
}

export async function staffAccount(db: Queryable, username: string): Promise<StaffAccountRow | null> {
  const { rows } = await db.query<StaffAccountRow>(
    `SELECT id, nickname, role, station_id, password_hash, disabled_at
       FROM users WHERE username = $1 AND role = ANY ($2::text[])`,
    [username, STAFF_ROLES],
  )
  return rows[0] ?? null
}

export interface StaffStation {
  role: StaffRole
  station: StationRef
  username: string
  /** A first or reset password not yet changed. */
  mustChangePassword: boolean
}

export async function staffStation(db: Queryable, userId: string): Promise<StaffStation | null> {
  const { rows } = await db.query<{
    role: StaffRole
    id: string
    code: string
    name: string
    kind: StationRef['kind']
    username: string
    must_change_password: boolean
  }>(
    `SELECT u.role, s.id, s.code, s.name, s.kind, u.username, u.must_change_password FROM users u JOIN stations s ON s.id = u.station_id
      WHERE u.id = $1 AND u.role = ANY ($2::text[])`,
    [userId, STAFF_ROLES],
  )
  const r = rows[0]
  return r
    ? {
        role: r.role,
        station: { id: r.id, code: r.code, name: r.name, kind: r.kind },
        username: r.username,
        mustChangePassword: r.must_change_password,
      }
    : null
}

/**
 * Creates the accounts whose username is not taken; an existing account is
 * left as it is (its name, role, station, password and status are its
 * admins' and its own). Passwords are hashed only for the accounts created.
 */
export async function insertMissingStaffAccounts(
  db: Queryable,
  accounts: readonly { username: string; password: string; nickname: string; role: StaffRole; stationCode: string }[],
): Promise<number> {
  const { rows } = await db.query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [
    accounts.map((a) => a.username),
  ])
  const taken = new Set(rows.map((r) => r.username))
  let created = 0
  for (const account of accounts.filter((x) => !taken.has(x.username))) {
    const hash = await hashPassword(account.password)
    const res = await db.query(
      `INSERT INTO users (username, password_hash, nickname, role, station_id)
       SELECT $1, $2, $3, $4, id FROM stations WHERE code = $5
       ON CONFLICT (username) DO NOTHING`,
      [account.username, hash, account.nickname, account.role, account.stationCode],
    )
    created += res.rowCount ?? 0
  }
  return created
}

export async function upsertStaffAccount(
  db: Queryable,
  a: { username: string; password: string; nickname: string; role: StaffRole; stationCode: string },
): Promise<void> {
  const hash = await hashPassword(a.password)
  await db.query(
    `INSERT INTO users (username, password_hash, nickname, role, station_id)
     SELECT $1, $2, $3, $4, id FROM stations WHERE code = $5
     ON CONFLICT (username) DO UPDATE SET nickname = EXCLUDED.nickname, role = EXCLUDED.role, station_id = EXCLUDED.station_id`,
    [a.username, hash, a.nickname, a.role, a.stationCode],
  )
}
