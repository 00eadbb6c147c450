/** Loads the demo stations (from ../shared/seeds) — idempotent: upserts on the station code. */
import type { Database } from '../db'
import { activityRefusal } from '../../domain/activities'
import { insertActivity } from '../repositories/activities'
import { upsertStaffAccount } from '../repositories/staff'
import { SEED_ACTIVITIES, seedRun } from './activities'
import { SEED_STATIONS } from './stations'
import { seedBookable } from './bookable'
import type { SeedStation } from './types'

export async function upsertStations(db: Database, stations: SeedStation[]): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = new Map<string, string>()
    for (const s of stations) {
      const parentId = s.parentCode ? ids.get(s.parentCode) : null
      if (s.parentCode && !parentId) throw new Error(`seed station ${s.code}: parent ${s.parentCode} must come first`)
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO stations (code, name, kind, parent_id, province, city, district, street, community,
                               address, lat, lng, phone, opening_hours, hours_note, services, brand_projects, intro)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (code) DO UPDATE SET
           name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
           province = EXCLUDED.province, city = EXCLUDED.city, district = EXCLUDED.district,
           street = EXCLUDED.street, community = EXCLUDED.community, address = EXCLUDED.address,
           lat = EXCLUDED.lat, lng = EXCLUDED.lng, phone = EXCLUDED.phone,
           opening_hours = EXCLUDED.opening_hours, hours_note = EXCLUDED.hours_note,
           services = EXCLUDED.services, brand_projects = EXCLUDED.brand_projects, intro = EXCLUDED.intro,
           updated_at = now()
         RETURNING id`,
        [
          s.code,
          s.name,
          s.kind,
          parentId ?? null,
          s.area.province,
          s.area.city,
          s.area.district,
          s.area.street,
          s.area.community,
          s.address,
          s.location.lat,
          s.location.lng,
          s.phone,
          JSON.stringify(s.openingHours),
          s.hoursNote,
          s.services,
          JSON.stringify(s.brandProjects),
          s.intro,
        ],
      )
      ids.set(s.code, rows[0]!.id)
    }
    return ids.size
  })
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
  const n = await upsertStations(db, SEED_STATIONS)
  for (const a of DEMO_STAFF) await upsertStaffAccount(db, { ...a, password: DEMO_STAFF_PASSWORD })
  await seedActivities(db, now)
  await seedBookable(db)
  return n
}
