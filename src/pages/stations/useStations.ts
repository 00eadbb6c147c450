import { useEffect, useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
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

/**
 * Cards drawn at first, and how many more at a time (scrolling to the end, or 再显示): the first screen shows two
 * or three, and drawing all 30 at once was the page's longest task at start-up on a slow phone. The map shows all.
 */
export const CARDS_FIRST = 10
export const CARDS_MORE = 10

export function useStations() {
  const { location, label, relocate, pickArea } = useResidentLocation()
  const [kind, setKind] = useState<StationKind | undefined>(undefined)
  const [service, setService] = useState<ServiceCategory | undefined>(undefined)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [mapCenter, setMapCenter] = useState<{ lat: number; lng: number } | null>(null)
  const [shown, setShown] = useState(CARDS_FIRST)
  // A marker tapped: its card, scrolled to once it is drawn.
  const [scrollTarget, setScrollTarget] = useState<string | null>(null)
  const nearby = useNearbyStations({ limit: NEARBY_LIMIT.stations, kind, service }, { pullDownRefresh: true })
  const items = nearby.data ?? []

  // A new position or filter: the map follows the resident again, not the last selected station; the list starts over.
  useEffect(() => {
    setMapCenter(null)
    setSelectedId(null)
    setShown(CARDS_FIRST)
  }, [location.position?.lat, location.position?.lng, kind, service])

  useEffect(() => {
    if (!scrollTarget) return
    setScrollTarget(null)
    // After the card is on screen: in the mini-program the view gets it with the next setData.
    Taro.nextTick(() => void Taro.pageScrollTo({ selector: `#station-${scrollTarget}`, duration: 300 }).catch(() => undefined))
  }, [scrollTarget])

  const showMore = () => setShown((n) => Math.min(n + CARDS_MORE, items.length))
  useReachBottom(() => {
    if (shown < items.length) showMore()
  })

  /** Marker or list: select a station, center the map on it, and bring its card into view (drawing it first if it was not). */
  const select = (id: string, from: 'map' | 'list') => {
    setSelectedId(id)
    const index = items.findIndex((x) => x.id === id)
    if (index >= 0) setMapCenter(items[index]!.location)
    if (index >= shown) setShown(Math.min(Math.ceil((index + 1) / CARDS_MORE) * CARDS_MORE, items.length))
    if (from === 'map') setScrollTarget(id)
  }

  return {
    location,
    label,
    nearby,
    items,
    /** The cards drawn: the first `shown` of `items`. */
    cards: items.slice(0, shown),
    showMore,
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
