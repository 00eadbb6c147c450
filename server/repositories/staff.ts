/** Station accounts: their password hashes, failed logins and lockouts, and the station each belongs to. */
import type { StationRef, User } from '../../contract/types'
import type { Queryable } from '../db'
import { hashPassword } from '../services/password'

export interface StaffAccountRow {
  id: string
  nickname: string
  role: User['role']
  station_id: string
  password_hash: string
  failed_logins: number
  locked_until: Date | null
}

export async function staffAccount(db: Queryable, username: string): Promise<StaffAccountRow | null> {
  const { rows } = await db.query<StaffAccountRow>(
    `SELECT id, nickname, role, station_id, password_hash, failed_logins, locked_until
       FROM users WHERE username = $1 AND role IN ('staff', 'supervisor')`,
    [username],
  )
  return rows[0] ?? null
}

/** Counts failed logins, or (lockedUntil set) locks the account and starts counting again. */
export async function saveFailedLogins(db: Queryable, id: string, failed: number, lockedUntil: Date | null): Promise<void> {
  await db.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [id, failed, lockedUntil])
}

export async function clearFailedLogins(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id])
}

export async function staffStation(db: Queryable, userId: string): Promise<{ role: 'staff' | 'supervisor'; station: StationRef } | null> {
  const { rows } = await db.query<{ role: 'staff' | 'supervisor'; id: string; code: string; name: string; kind: StationRef['kind'] }>(
    `SELECT u.role, s.id, s.code, s.name, s.kind FROM users u JOIN stations s ON s.id = u.station_id
      WHERE u.id = $1 AND u.role IN ('staff', 'supervisor')`,
    [userId],
  )
  const r = rows[0]
  return r ? { role: r.role, station: { id: r.id, code: r.code, name: r.name, kind: r.kind } } : null
}

export async function upsertStaffAccount(
  db: Queryable,
  a: { username: string; password: string; nickname: string; role: 'staff' | 'supervisor'; stationCode: string },
): Promise<void> {
  const hash = await hashPassword(a.password)
  await db.query(
    `INSERT INTO users (username, password_hash, nickname, role, station_id)
     SELECT $1, $2, $3, $4, id FROM stations WHERE code = $5
     ON CONFLICT (username) DO UPDATE SET nickname = EXCLUDED.nickname, role = EXCLUDED.role, station_id = EXCLUDED.station_id`,
    [a.username, hash, a.nickname, a.role, a.stationCode],
  )
}
