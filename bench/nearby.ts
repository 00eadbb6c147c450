/**
 * Nearest-station search at national scale (50,000 stations spread over China).
 *   correctness: the API's search (services/stationIndex: in memory, after the
 *                one statement that reads what changed) and the database's
 *                indexed KNN query both give the top 10 of brute force (every
 *                station's great-circle distance in JS) on 1,000 random points;
 *   speed:       each against a brute-force SQL scan (ORDER BY earth_distance
 *                over every row) in the same run, as ratios.
 */
import type { Database } from '../server/db'
import { findNearby } from '../server/repositories/stations'
import { nearbyStations } from '../server/services/stationIndex'
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
  let memoryMismatches = 0
  const knnTimes: number[] = []
  const memoryTimes: number[] = []
  await nearbyStations(db, { ...points[0]!, limit: 10 }) // the first search reads every station
  const differs = (found: { code: string; distanceMeters: number }[], expected: { code: string; d: number }[]) =>
    found.length !== 10 || !found.every((s, i) => s.code === expected[i]!.code || Math.abs(s.distanceMeters - expected[i]!.d) < 0.5)
  for (const p of points) {
    const expected = stations
      .map((s) => ({ code: s.code, d: greatCircleMeters(p, s.location) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 10)
    const knn = await timed(() => findNearby(db, { lat: p.lat, lng: p.lng, limit: 10 }))
    knnTimes.push(knn.ms)
    if (differs(knn.value, expected)) mismatches++
    const memory = await timed(() => nearbyStations(db, { lat: p.lat, lng: p.lng, limit: 10 }))
    memoryTimes.push(memory.ms)
    if (
      differs(
        memory.value.map((s) => ({ code: s.station.summary.code, distanceMeters: s.distanceMeters })),
        expected,
      )
    )
      memoryMismatches++
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
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const knnMean = mean(knnTimes)
  const memoryMean = mean(memoryTimes)
  const scanMean = mean(scanTimes)
  return {
    stations: stations.length,
    points: points.length,
    mismatches,
    knnMeanMs: knnMean,
    knnP99Ms: percentile(knnTimes, 99),
    scanMeanMs: scanMean,
    speedup: scanMean / knnMean,
    memoryMismatches,
    memoryMeanMs: memoryMean,
    memoryP99Ms: percentile(memoryTimes, 99),
    memorySpeedup: scanMean / memoryMean,
  }
}
