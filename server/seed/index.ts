/** The demo data: stations (through the import), station accounts, this week's activities. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Database, Queryable } from '../db'
import { MIGRATION_LOCK } from '../db/migrate'
import { activityRefusal } from '../../domain/activities'
import { insertActivity } from '../repositories/activities'
import { applyPlan, planFile } from '../usecases/stationAdmin'
import { upsertStaffAccount } from '../repositories/staff'
import { SEED_ACTIVITIES, seedRun } from './activities'
import { SEED_STATIONS_FILE } from './stations'
import { seedBookable } from './bookable'

/** Start-up work of several instances at once on one PostgreSQL runs one at a time (the migrations' lock). */
const startupLock = (tx: Queryable) => tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`)

/**
 * Loads the demo stations through the stations' import (the file is in its
 * template): idempotent by station code, so a restart changes nothing, and an
 * edited file updates the stations it changed. Instances starting together
 * apply it one at a time.
 */
export async function seedStations(db: Database, file = SEED_STATIONS_FILE): Promise<number> {
  const planned = await planFile(db, readFileSync(file), path.basename(file), null)
  if (!planned.ok) throw new Error(`${file}: ${planned.problems.join('; ')}`)
  const errors = planned.plan.rows.flatMap((r) => r.errors)
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`)
  await db.transaction(async (tx) => {
    await startupLock(tx)
    await applyPlan(tx, planned.plan, null, new Date(), path.basename(file))
  })
  return planned.plan.rows.length
}

/** Demo station accounts (never in production unless SEED_DEMO=true). Password: see README. */
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

export async function seedDemoData(db: Database, now = new Date()): Promise<number> {
  const n = await seedStations(db)
  for (const a of DEMO_STAFF) await upsertStaffAccount(db, { ...a, password: DEMO_STAFF_PASSWORD })
  await seedActivities(db, now)
  await seedBookable(db)
  return n
}
