import type { StationRecord } from '../../domain/stationSheet'

/** One station of the demo data (server/seed/stations.csv), as the import template holds it. */
export type SeedStation = StationRecord
