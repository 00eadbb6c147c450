/** The demo data: stations (through the import), station accounts, this week's activities. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Database, Queryable } from '../db'
import { MIGRATION_LOCK } from '../db/migrate'
import { activityRefusal } from '../../domain/activities'
import { insertActivity } from '../repositories/activities'
import { applyPlan, planFile } from '../usecases/stationAdmin'
import { insertMissingStaffAccounts } from '../repositories/staff'
import { analyzeStations } from '../repositories/stationAdmin'
import { SEED_ACTIVITIES, seedRun } from './activities'
import { SEED_STATIONS_FILE } from './stations'
import { seedBookable } from './bookable'

/** Start-up work of several instances at once on one PostgreSQL runs one at a time (the migrations' lock). */
const startupLock = (tx: Queryable) => tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`)

/**
 * Loads the demo stations through the stations' import (the file is in its
 * template), creating only the stations whose code is missing: a station
 * already there is the admins' from then on, so a restart keeps their edits
 * (phones, hours, 服务范围, a move, a closure). Instances starting together
 * apply it one at a time. Returns the number of stations created.
 */
export async function seedStations(db: Database, file = SEED_STATIONS_FILE): Promise<number> {
  const planned = await planFile(db, readFileSync(file), path.basename(file), null)
  if (!planned.ok) throw new Error(`${file}: ${planned.problems.join('; ')}`)
  const errors = planned.plan.rows.flatMap((r) => r.errors)
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`)
  const created = await db.transaction(async (tx) => {
    await startupLock(tx)
    // Read again under the lock: another instance may have created them meanwhile.
    const codes = planned.plan.writes.map((w) => w.record.code)
    const { rows } = await tx.query<{ code: string }>('SELECT code FROM stations WHERE code = ANY($1::text[])', [codes])
    const existing = new Set(rows.map((r) => r.code))
    const writes = planned.plan.writes.filter((w) => !existing.has(w.record.code))
    await applyPlan(tx, { ...planned.plan, writes }, null, new Date(), path.basename(file))
    return writes.length
  })
  if (created > 0) await analyzeStations(db)
  return created
}

/** Demo station accounts (never in production unless SEED_DEMO=true), created when missing. Password: see README. */
export const DEMO_STAFF_PASSWORD = 'shegong2026'
export const DEMO_STAFF = [
  { username: 'xianjin-li', nickname: '李社工', role: 'staff', stationCode: 'DL-JP-XJ' },
  { username: 'xianjin-wang', nickname: '王社工', role: 'staff', stationCode: 'DL-JP-XJ' },
  { username: 'minxin-liu', nickname: '刘社工', role: 'staff', stationCode: 'DL-JP-XJ-MX' },
  { username: 'jinpu-zhao', nickname: '赵督导', role: 'supervisor', stationCode: 'DL-JP' },
  { username: 'dalian-chen', nickname: '陈督导', role: 'supervisor', stationCode: 'DL' },
  { username: 'xianjin-head', nickname: '孙站长', role: 'head', stationCode: 'DL-JP-XJ' },
  { username: 'jinpu-admin', nickname: '吴管理员', role: 'admin', stationCode: 'DL-JP' },
  { username: 'dalian-admin', nickname: '周管理员', role: 'admin', stationCode: 'DL' },
] as const

/** This week's run of each demo activity, created once (by code); earlier weeks' runs stay as they are. */
export async function seedActivities(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    // Instances starting together on a fresh database: one creates this week's runs, the others then find them.
    await startupLock(tx)
    let created = 0
    for (const s of SEED_ACTIVITIES) {
      const { code, body } = seedRun(s, now)
      const { rows } = await tx.query<{ id: string; exists: boolean }>(
        'SELECT s.id, EXISTS (SELECT 1 FROM activities a WHERE a.code = $2) AS exists FROM stations s WHERE s.code = $1',
        [s.stationCode, code],
      )
      const station = rows[0]
      if (!station) throw new Error(`seed activity ${s.key}: no station ${s.stationCode}`)
      if (station.exists) continue
      const problem = activityRefusal(body)
      if (problem) throw new Error(`seed activity ${s.key}: ${problem.message}`)
      await insertActivity(tx, { stationId: station.id, createdBy: null, code, body, sessions: body.sessions, at: now })
      created++
    }
    return created
  })
}

/**
 * What is missing of the demo data, on every start: stations by code,
 * accounts by username, bookable services by code, this week's activities.
 * Nothing already there is written again, so what admins changed stays.
 * Returns the number of stations created.
 */
export async function seedDemoData(db: Database, now = new Date()): Promise<number> {
  const n = await seedStations(db)
  await insertMissingStaffAccounts(
    db,
    DEMO_STAFF.map((a) => ({ ...a, password: DEMO_STAFF_PASSWORD })),
  )
  await seedActivities(db, now)
  await seedBookable(db)
  return n
}
