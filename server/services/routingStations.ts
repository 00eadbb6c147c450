/**
 * The open stations routing reads, kept in memory per city, so that a help
 * request is routed without reading the stations again every time.
 *
 * - An instance forgets everything at once when a station is created, edited,
 *   moved, closed, reopened or imported through it (usecases/stationAdmin.ts
 *   calls stationsChanged).
 * - Another instance's change reaches this one within CITY_TTL_MS (like the
 *   holiday calendar, within one job interval). A station closed meanwhile
 *   never gets a request: the request's INSERT checks, in the same statement,
 *   that its station is still open (repositories/requests.ts insertRequest),
 *   and createRequest forgets the cache and routes again when it is not.
 * - A chosen station not in the cache (created on another instance) is read
 *   from the database.
 *
 * Loaded through the caller's transaction: on PGlite a query outside it would
 * wait for the transaction that waits for it.
 */
import { greatCircleMeters } from '../../domain/geo'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { loadStation, stationsOfCity, type StationRow } from '../repositories/requests'

export const CITY_TTL_MS = 30_000

/** Wall time, not the context's clock (tests move that one by days). */
const now = () => performance.now()

/** A station as routing reads it, with where it is. */
export interface CachedStation extends StationRow {
  lat: number
  lng: number
}

interface CityEntry {
  loadedAt: number
  stations: CachedStation[]
}

interface Cache {
  cities: Map<string, CityEntry>
  byId: Map<string, CachedStation>
}

const caches = new WeakMap<AppContext['db'], Cache>()

function cacheOf(ctx: Pick<AppContext, 'db'>): Cache {
  let cache = caches.get(ctx.db)
  if (!cache) {
    cache = { cities: new Map(), byId: new Map() }
    caches.set(ctx.db, cache)
  }
  return cache
}

/** Forgets every station this instance holds (a station changed through it, or a request found one closed). */
export function stationsChanged(ctx: Pick<AppContext, 'db'>): void {
  const cache = cacheOf(ctx)
  cache.cities.clear()
  cache.byId.clear()
}

/** The open stations of a city, from memory when read less than CITY_TTL_MS ago. */
export async function cityStations(ctx: Pick<AppContext, 'db'>, tx: Queryable, city: string): Promise<CachedStation[]> {
  const cache = cacheOf(ctx)
  const entry = cache.cities.get(city)
  const readAt = now()
  if (entry && readAt - entry.loadedAt < CITY_TTL_MS) return entry.stations
  const stations = await stationsOfCity(tx, city)
  if (entry) for (const station of entry.stations) cache.byId.delete(station.id)
  cache.cities.set(city, { loadedAt: readAt, stations })
  for (const station of stations) cache.byId.set(station.id, station)
  return stations
}

/** An open station by id: from memory when its city is held, else from the database. */
export async function openStation(ctx: Pick<AppContext, 'db'>, tx: Queryable, id: string): Promise<StationRow | null> {
  const cache = cacheOf(ctx)
  const held = cache.byId.get(id)
  if (held && now() - (cache.cities.get(held.area.city)?.loadedAt ?? -Infinity) < CITY_TTL_MS) return held
  return loadStation(tx, id)
}

/** The city's stations with their distances from `from` (as earthdistance measures them), for routing. */
export function withDistances(stations: CachedStation[], from: { lat: number; lng: number } | undefined): StationRow[] {
  return stations.map((station) => ({ ...station, distanceMeters: from ? greatCircleMeters(from, station) : undefined }))
}
