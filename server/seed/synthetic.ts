/** Deterministic synthetic stations spread over mainland China (tests and benchmarks). */
import { SERVICE_CATEGORIES, STATION_KINDS } from '../../contract/enums'
import type { Queryable } from '../db'
import { saveStations } from '../repositories/stationAdmin'
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
      coverage: [],
    })
  }
  return out
}

/** Inserts stations in batches (tens of thousands of synthetic stations), as the import writes them. */
export async function bulkInsertStations(db: Queryable, stations: SeedStation[]): Promise<void> {
  await saveStations(db, stations, new Date())
}
