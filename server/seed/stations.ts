/**
 * The demo stations: server/seed/stations.csv, a file in the stations'
 * import template (站点导入模板), drawn from the news reports in
 * ../shared/seeds (names, brand projects and wording come from them;
 * addresses, phones and GCJ-02 coordinates are plausible demo values, not an
 * official directory). The server loads it through the import on first start
 * (seed/index.ts); this module reads it the same way (domain/stationSheet) for
 * the tests, and throws on any row the import would refuse.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { checkHeader, parseRow, type StationRecord } from '../../domain/stationSheet'

export const SEED_STATIONS_FILE = path.join(__dirname, 'stations.csv')

export function loadSeedStations(file = SEED_STATIONS_FILE): StationRecord[] {
  const [header, ...rows] = parse(readFileSync(file, 'utf8'), { bom: true }) as string[][]
  const { problems, columns } = checkHeader(header ?? [])
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`)
  const parsed = rows.map((cells, i) => parseRow(i + 2, cells, columns))
  const errors = parsed.flatMap((r) => r.errors)
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`)
  return parsed.map((r) => r.record!)
}

export const SEED_STATIONS: StationRecord[] = loadSeedStations()
