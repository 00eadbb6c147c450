/** Station accounts: login with lockout after repeated failures. */
import type { StationRef, User } from '../../contract/types'
import type { Queryable } from '../db'
import { AppError, forbidden } from '../errors'
import type { Staff } from './requests'
import { hashPassword, verifyPassword } from '../services/password'

export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MINUTES = 15

interface StaffRow {
  id: string
  nickname: string
  role: User['role']
  station_id: string
  password_hash: string
  failed_logins: number
  locked_until: Date | null
}

/** Checks a station account's password; throws 401 (wrong) or 423-style 429 (locked). */
export async function authenticateStaff(db: Queryable, username: string, password: string, now: Date): Promise<User> {
  const { rows } = await db.query<StaffRow>(
    `SELECT id, nickname, role, station_id, password_hash, failed_logins, locked_until
       FROM users WHERE username = $1 AND role IN ('staff', 'supervisor')`,
    [username],
  )
  const row = rows[0]
  // Same work whether or not the account exists, so timing does not tell usernames apart.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH)
  if (!row) throw new AppError(401, 'UNAUTHORIZED', '账号或密码不正确')
  if (row.locked_until && new Date(row.locked_until) > now) {
    throw new AppError(429, 'RATE_LIMITED', `密码错误次数过多，账号已锁定，请 ${LOCKOUT_MINUTES} 分钟后再试`)
  }
  if (!ok) {
    const failed = row.failed_logins + 1
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null
    await db.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [row.id, lock ? 0 : failed, lock])
    throw new AppError(401, 'UNAUTHORIZED', lock ? `密码错误次数过多，账号已锁定 ${LOCKOUT_MINUTES} 分钟` : '账号或密码不正确')
  }
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id])
  return { id: row.id, nickname: row.nickname, role: row.role }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

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

/** The signed-in account as staff (its station and role), or 403 for anyone else. */
export async function requireStaff(db: Queryable, userId: string): Promise<Staff> {
  const s = await staffStation(db, userId)
  if (!s) throw forbidden('此功能仅限社工站工作人员使用')
  return { id: userId, role: s.role, stationId: s.station.id }
}
