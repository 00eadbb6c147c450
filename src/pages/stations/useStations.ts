import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ServiceCategory, StationKind } from '@contract/types'
import { NEARBY_LIMIT, useNearbyStations } from '@/hooks/useNearbyStations'
import { locate, openLocationSettings } from '@/services/location'
import { useResidentLocation } from '@/hooks/useResidentLocation'

export const KIND_FILTERS: { value: StationKind | undefined; label: string }[] = [
  { value: undefined, label: '全部' },
  { value: 'street', label: '街镇社工站' },
  { value: 'community', label: '村社工作室' },
  { value: 'district', label: '区县总站' },
  { value: 'city', label: '市级中心' },
  { value: 'school', label: '学校社工站' },
  { value: 'enterprise', label: '企业驿站' },
  { value: 'special', label: '专项社工站' },
]

export function useStations() {
  const { location, label, relocate, pickArea } = useResidentLocation()
  const [kind, setKind] = useState<StationKind | undefined>(undefined)
  const [service, setService] = useState<ServiceCategory | undefined>(undefined)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [mapCenter, setMapCenter] = useState<{ lat: number; lng: number } | null>(null)
  const nearby = useNearbyStations({ limit: NEARBY_LIMIT.stations, kind, service }, { pullDownRefresh: true })
  const items = nearby.data ?? []

  // A new position or filter: the map follows the resident again, not the last selected station.
  useEffect(() => {
    setMapCenter(null)
    setSelectedId(null)
  }, [location.position?.lat, location.position?.lng, kind, service])

  /** Marker or list: select a station, center the map on it, and bring its card into view. */
  const select = (id: string, from: 'map' | 'list') => {
    setSelectedId(id)
    const s = items.find((x) => x.id === id)
    if (s) setMapCenter(s.location)
    if (from === 'map') void Taro.pageScrollTo({ selector: `#station-${id}`, duration: 300 }).catch(() => undefined)
  }

  return {
    location,
    label,
    nearby,
    items,
    kind,
    service,
    setKind: (k: StationKind | undefined) => {
      setKind(k)
      setSelectedId(null)
    },
    setService: (s: ServiceCategory | undefined) => {
      setService(s)
      setSelectedId(null)
    },
    selectedId,
    select,
    mapCenter: mapCenter ?? location.position,
    relocate,
    pickArea,
    openSettings: async () => {
      if (await openLocationSettings()) void locate({ byUser: true })
    },
  }
}
