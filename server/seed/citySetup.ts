/**
 * A city's empty database to its first login (`npm run setup`, server/setup.ts).
 * It imports the stations sheet (the workbench's own template: .xlsx or .csv,
 * checked row by row as an import is) and opens the first 管理员
 * account at the sheet's top station (or `--station <code>`), with a one-time
 * password printed once: at the first login the workbench asks for a new one.
 * Everything after that — more stations, accounts, holidays — is done in the
 * workbench. It never overwrites: stations already there (by code) are left as
 * they are, and a username that exists is refused before anything is written.
 */
import fs from 'node:fs'
import type { Database } from '../db'
import { insertStaffAccount, usernameTaken } from '../repositories/staffAccounts'
import { generatePassword, hashPassword } from '../services/password'
import { usernameRefusal } from '../../domain/staffAccounts'
import { seedStations } from '.'

export interface CitySetup {
  stationsFile: string
  admin: { username: string; nickname: string }
  /** The station code the admin belongs to; by default the one top-level station of the database. */
  stationCode?: string
}

export interface CitySetupResult {
  stationsAdded: number
  admin: { username: string; stationName: string; initialPassword: string }
}

/** Refused setups say why in words (the command prints them and exits 1). */
export class SetupError extends Error {}

export async function setupCity(db: Database, s: CitySetup, now = new Date()): Promise<CitySetupResult> {
  if (!fs.existsSync(s.stationsFile)) throw new SetupError(`找不到站点表：${s.stationsFile}`)
  const username = s.admin.username.trim()
  const refusal = usernameRefusal(username)
  if (refusal) throw new SetupError(refusal.message)
  const nickname = s.admin.nickname.trim()
  if (!nickname) throw new SetupError('请用 --name 填写管理员的姓名')
  if (await usernameTaken(db, username))
    throw new SetupError(`账号 ${username} 已存在：首个管理员已开通，请在工作台 → 账号管理中开通其他账号`)

  let stationsAdded: number
  try {
    stationsAdded = await seedStations(db, s.stationsFile)
  } catch (err) {
    throw new SetupError(`站点表有误，未导入任何站点：${(err as Error).message}`)
  }

  const { rows } = s.stationCode
    ? await db.query<{ id: string; name: string }>('SELECT id, name FROM stations WHERE code = $1 AND closed_at IS NULL', [s.stationCode])
    : await db.query<{ id: string; name: string }>('SELECT id, name FROM stations WHERE parent_id IS NULL AND closed_at IS NULL')
  if (s.stationCode && rows.length === 0) throw new SetupError(`没有编码为 ${s.stationCode} 的站点`)
  if (!s.stationCode && rows.length !== 1)
    throw new SetupError(`有 ${rows.length} 个最上级站点，请用 --station <站点编码> 指定管理员所在的站点（通常是市级社工站指导中心）`)
  const station = rows[0]!

  const initialPassword = generatePassword()
  await insertStaffAccount(db, {
    username,
    nickname,
    phone: null,
    role: 'admin',
    stationId: station.id,
    passwordHash: await hashPassword(initialPassword),
    createdBy: null,
    at: now,
  })
  return { stationsAdded, admin: { username, stationName: station.name, initialPassword } }
}
