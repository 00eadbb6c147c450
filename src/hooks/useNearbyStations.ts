import { useCallback, useEffect, useRef, useState } from 'react'
import type { NearbyStation, ServiceCategory, StationKind } from '@contract/types'
import { fetchNearby } from '@/api/stations'
import { ApiError } from '@/api/client'
import { useLocation } from '@/stores/location'

export interface NearbyState {
  status: 'waiting' | 'loading' | 'ok' | 'error'
  items: NearbyStation[]
  error: string | null
}

/** The stations nearest to the resident's position (GPS or picked area), refetched when it or the filters change. */
export function useNearbyStations(filters: { limit: number; kind?: StationKind; service?: ServiceCategory }) {
  const position = useLocation((s) => s.position)
  const [state, setState] = useState<NearbyState>({ status: 'waiting', items: [], error: null })
  const seq = useRef(0)
  const { limit, kind, service } = filters
  const lat = position?.lat
  const lng = position?.lng

  const reload = useCallback(async () => {
    if (lat === undefined || lng === undefined) {
      seq.current++ // an answer still in flight for the old position must not land
      setState({ status: 'waiting', items: [], error: null })
      return
    }
    const mine = ++seq.current
    setState((s) => ({ ...s, status: 'loading', error: null }))
    try {
      const items = await fetchNearby({ lat, lng, limit, kind, service })
      if (mine === seq.current) setState({ status: 'ok', items, error: null })
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', items: [], error: err instanceof ApiError ? err.message : '加载失败，请重试' })
    }
  }, [lat, lng, limit, kind, service])

  useEffect(() => {
    void reload()
  }, [reload])

  return { ...state, reload }
}
