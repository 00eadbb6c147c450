/**
 * Nearest-station search at national scale (50,000 stations spread over China).
 *   correctness: the indexed KNN query's top 10 equals brute force (every
 *                station's great-circle distance in JS) on 1,000 random points;
 *   speed:       the indexed query vs a brute-force SQL scan (ORDER BY
 *                earth_distance over every row) in the same run, as a ratio.
 */
import type { Database } from '../server/db'
import { findNearby } from '../server/repositories/stations'
import { bulkInsertStations, prng, syntheticStations } from '../server/seed/synthetic'
import { greatCircleMeters } from '../domain/geo'
import { percentile, timed } from './util'

export const STATIONS = 50_000

export async function loadStations(db: Database) {
  const stations = syntheticStations(STATIONS, 2026)
  await bulkInsertStations(db, stations)
  await db.query('ANALYZE stations')
  return stations
}

export async function benchNearby(db: Database, stations: ReturnType<typeof syntheticStations>, pointCount = 1000, scanCount = 100) {
  const rand = prng(11)
  const points = Array.from({ length: pointCount }, () => ({ lat: 18.2 + rand() * 35.3, lng: 73.6 + rand() * 61.1 }))

  // Correctness against brute force in JS, on every point.
  let mismatches = 0
  const knnTimes: number[] = []
  for (const p of points) {
    const { ms, value } = await timed(() => findNearby(db, { lat: p.lat, lng: p.lng, limit: 10 }))
    knnTimes.push(ms)
    const expected = stations
      .map((s) => ({ code: s.code, d: greatCircleMeters(p, s.location) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 10)
    const ok = value.every((s, i) => s.code === expected[i]!.code || Math.abs(s.distanceMeters - expected[i]!.d) < 0.5)
    if (!ok || value.length !== 10) mismatches++
  }

  // The same query without the index: a full scan ordered by earth_distance (fewer points: it is slow).
  const scanTimes: number[] = []
  for (const p of points.slice(0, scanCount)) {
    const { ms } = await timed(() =>
      db.query(
        `SELECT id, earth_distance(ll_to_earth(lat, lng), ll_to_earth($1, $2)) AS d
           FROM stations ORDER BY d LIMIT 10`,
        [p.lat, p.lng],
      ),
    )
    scanTimes.push(ms)
  }
  const knnMean = knnTimes.reduce((a, b) => a + b, 0) / knnTimes.length
  const scanMean = scanTimes.reduce((a, b) => a + b, 0) / scanTimes.length
  return {
    stations: stations.length,
    points: points.length,
    mismatches,
    knnMeanMs: knnMean,
    knnP99Ms: percentile(knnTimes, 99),
    scanMeanMs: scanMean,
    speedup: scanMean / knnMean,
  }
}
