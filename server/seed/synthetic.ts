/** Deterministic synthetic stations spread over mainland China (tests and benchmarks). */
import { SERVICE_CATEGORIES, STATION_KINDS } from '../../contract/enums'
import type { Queryable } from '../db'
import type { SeedStation } from './types'

/** mulberry32: a small seeded PRNG, so every run sees the same stations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticStations(count: number, seed = 42): SeedStation[] {
  const rand = prng(seed)
  const out: SeedStation[] = []
  for (let i = 0; i < count; i++) {
    const kind = STATION_KINDS[Math.floor(rand() * STATION_KINDS.length)]!
    const services = SERVICE_CATEGORIES.filter(() => rand() < 0.4)
    out.push({
      code: `SYN-${seed}-${i}`,
      name: `测试社工站${i}`,
      kind,
      parentCode: null,
      area: { province: '测试省', city: `测试市${i % 50}`, district: `测试区${i % 200}`, street: `测试街道${i}`, community: null },
      address: `测试路${i}号`,
      // Mainland China's rough bounding box.
      location: { lat: 18.2 + rand() * (53.5 - 18.2), lng: 73.6 + rand() * (134.7 - 73.6) },
      phone: `0411-${String(80000000 + i).slice(0, 8)}`,
      openingHours: [{ weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }],
      hoursNote: '',
      services,
      brandProjects: [],
      intro: '',
    })
  }
  return out
}

/** Inserts parentless stations in batches (for tens of thousands of synthetic stations). */
export async function bulkInsertStations(db: Queryable, stations: SeedStation[], batch = 2000): Promise<void> {
  for (let i = 0; i < stations.length; i += batch) {
    const rows = stations.slice(i, i + batch).map((s) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      province: s.area.province,
      city: s.area.city,
      district: s.area.district,
      street: s.area.street,
      community: s.area.community,
      address: s.address,
      lat: s.location.lat,
      lng: s.location.lng,
      phone: s.phone,
      opening_hours: s.openingHours,
      hours_note: s.hoursNote,
      services: s.services,
      brand_projects: s.brandProjects,
      intro: s.intro,
    }))
    await db.query(
      `INSERT INTO stations (code, name, kind, province, city, district, street, community, address, lat, lng,
                             phone, opening_hours, hours_note, services, brand_projects, intro)
       SELECT code, name, kind, province, city, district, street, community, address, lat, lng,
              phone, opening_hours, hours_note, ARRAY(SELECT jsonb_array_elements_text(services)), brand_projects, intro
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, kind text, province text, city text,
              district text, street text, community text, address text, lat float8, lng float8, phone text,
              opening_hours jsonb, hours_note text, services jsonb, brand_projects jsonb, intro text)`,
      [JSON.stringify(rows)],
    )
  }
}
