/** Loads the demo stations (from ../shared/seeds) — idempotent: upserts on the station code. */
import type { Database } from '../db'
import { SEED_STATIONS } from './stations'
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
          s.code, s.name, s.kind, parentId ?? null, s.area.province, s.area.city, s.area.district,
          s.area.street, s.area.community, s.address, s.location.lat, s.location.lng, s.phone,
          JSON.stringify(s.openingHours), s.hoursNote, s.services, JSON.stringify(s.brandProjects), s.intro,
        ],
      )
      ids.set(s.code, rows[0]!.id)
    }
    return ids.size
  })
}

export async function seedDemoData(db: Database): Promise<number> {
  return upsertStations(db, SEED_STATIONS)
}
