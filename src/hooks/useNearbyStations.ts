import type { LatLng, ServiceCategory, StationKind } from '@contract/types'
import { fetchNearby } from '@/api/stations'
import { useQuery, type QueryOptions } from '@/hooks/useQuery'
import { useLocation } from '@/stores/location'

/** How many stations a page lists: 首页 the nearest and two more, 找社工站 its map and list. */
export const NEARBY_LIMIT = { home: 3, stations: 30 } as const

export interface NearbyFilters {
  limit: number
  kind?: StationKind
  service?: ServiceCategory
}

/** The key and the request of the stations nearest to a position; the page's and the one asked for at launch (src/services/firstScreen.ts). */
export function nearbyQuery(position: LatLng | null, { limit, kind, service }: NearbyFilters) {
  const lat = position?.lat
  const lng = position?.lng
  return {
    key: ['nearby', lat, lng, limit, kind, service] as const,
    load: () => fetchNearby({ lat: lat!, lng: lng!, limit, kind, service }),
  }
}

/** The stations nearest to the resident's position (GPS or picked area), loaded again when it or the filters change. */
export function useNearbyStations(filters: NearbyFilters, options: Omit<QueryOptions, 'enabled'> = {}) {
  const position = useLocation((s) => s.position)
  const { key, load } = nearbyQuery(position, filters)
  // Without a position: 'idle' (and an answer still in flight for an old position does not land).
  return useQuery(key, load, { ...options, enabled: position !== null })
}
