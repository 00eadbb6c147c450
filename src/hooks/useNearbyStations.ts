import type { ServiceCategory, StationKind } from '@contract/types'
import { fetchNearby } from '@/api/stations'
import { useQuery, type QueryOptions } from '@/hooks/useQuery'
import { useLocation } from '@/stores/location'

/** The stations nearest to the resident's position (GPS or picked area), loaded again when it or the filters change. */
export function useNearbyStations(
  filters: { limit: number; kind?: StationKind; service?: ServiceCategory },
  options: Omit<QueryOptions, 'enabled'> = {},
) {
  const position = useLocation((s) => s.position)
  const { limit, kind, service } = filters
  const lat = position?.lat
  const lng = position?.lng
  // Without a position: 'idle' (and an answer still in flight for an old position does not land).
  return useQuery(['nearby', lat, lng, limit, kind, service], () => fetchNearby({ lat: lat!, lng: lng!, limit, kind, service }), {
    ...options,
    enabled: lat !== undefined && lng !== undefined,
  })
}
