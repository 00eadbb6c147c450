/**
 * The open stations routing reads: the residents' station index
 * (services/stationIndex.ts), which every instance keeps live from migration
 * 026's change numbers — one source of truth for the search and for routing,
 * with no time-to-live.
 *
 * - A submission routes on the stations held in memory (no statement), then
 *   checks them in the statement that locks the chosen station (stationOpen):
 *   it also reads station_writes, and when that moved since the stations were
 *   read (a station created, edited, closed or reopened anywhere: this
 *   instance, another one, SQL by hand), the changes are read and the request
 *   is routed again (usecases/requests.ts submitRequest).
 * - So a station closed meanwhile never gets a request: the lock keeps it open
 *   until the request is committed, and a closed one is not found by it.
 * - A chosen station this instance does not hold yet (created a moment ago on
 *   another instance) is looked for again in the stations as of now.
 *
 * Reads go through the caller's transaction: on PGlite a query outside it would
 * wait for the transaction that waits for it.
 */
import type { ServiceCategory } from '../../contract/enums'
import { metersBetween } from '../../domain/nearestIndex'
import type { NearbyArea } from '../../domain/routing'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import type { StationRow } from '../repositories/requests'
import { freshStations, heldStations, nearestIn, stationsInCity, type Held, type HeldStation } from './stationIndex'

export type RoutingStations = Held

/** The stations as this instance holds them (the first time: read through `tx`). */
export const heldForRouting = (ctx: Pick<AppContext, 'db'>, tx: Queryable): Promise<RoutingStations> => heldStations(ctx.db, tx)

/** The stations as of now, read through `tx`: station_writes moved since `heldForRouting`'s. */
export const freshForRouting = (ctx: Pick<AppContext, 'db'>, tx: Queryable): Promise<RoutingStations> => freshStations(ctx.db, tx)

function toRow(station: HeldStation, distanceMeters?: number): StationRow {
  const { id, name, kind, services, parentId, phone, area } = station.summary
  return { id, name, kind, services, parentId, phone, area, coverage: station.coverage, distanceMeters }
}

/** An open station by id, or null. */
export function openStationIn(stations: RoutingStations, id: string): StationRow | null {
  const station = stations.byId.get(id)
  return station ? toRow(station) : null
}

/** The open stations of a city, with their distances from `from` when known. */
export function cityStationsIn(stations: RoutingStations, city: string, from: { lat: number; lng: number } | undefined): StationRow[] {
  return stationsInCity(stations, city).map((station) => toRow(station, from ? metersBetween(from, station.summary.location) : undefined))
}

/** The 20 open stations nearest a position that offer the category, with their distances (routing's fallback). */
export function nearestOfferingIn(stations: RoutingStations, category: ServiceCategory, from: { lat: number; lng: number }): StationRow[] {
  return nearestIn(stations, from, 20, (s) => s.summary.services.includes(category)).map((f) => toRow(f.station, f.distanceMeters))
}

/** The five community rooms and street stations nearest a position, with their distances (the area they are in). */
export function nearestLocalIn(stations: RoutingStations, from: { lat: number; lng: number }): NearbyArea[] {
  return nearestIn(stations, from, 5, (s) => s.summary.kind === 'community' || s.summary.kind === 'street').map((f) => ({
    kind: f.station.summary.kind,
    ...f.station.summary.area,
    distanceMeters: f.distanceMeters,
  }))
}
