/**
 * Where the resident is: from the phone's location (GCJ-02), or from an area
 * picked by hand. The picked area is persisted; a GPS fix is not (it goes stale).
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { LatLng } from '@contract/types'
import { taroStorage } from './storage'

export type LocationStatus = 'idle' | 'locating' | 'located' | 'denied' | 'failed'

export interface PickedArea {
  /** e.g. ['辽宁省', '大连市', '金普新区', '先进街道'] */
  path: string[]
  center: LatLng
}

interface LocationState {
  status: LocationStatus
  position: LatLng | null
  source: 'gps' | 'area' | null
  area: PickedArea | null
  setLocating: () => void
  setGps: (position: LatLng) => void
  setFailed: (status: 'denied' | 'failed') => void
  pickArea: (area: PickedArea) => void
}

export const useLocation = create<LocationState>()(
  persist(
    (set, get) => ({
      status: 'idle',
      position: null,
      source: null,
      area: null,
      setLocating: () => set({ status: 'locating' }),
      setGps: (position) => set({ status: 'located', position, source: 'gps' }),
      setFailed: (status) => {
        const { area } = get()
        // With a picked area, the resident still gets stations near it.
        set(area ? { status, position: area.center, source: 'area' } : { status, position: null, source: null })
      },
      pickArea: (area) => set({ area, position: area.center, source: 'area', status: 'located' }),
    }),
    {
      name: 'sgz-location',
      storage: taroStorage,
      partialize: ({ area }) => ({ area }),
      // A remembered area is where the stations are measured from after a restart.
      merge: (persisted, current) => {
        const area = (persisted as { area?: PickedArea | null } | undefined)?.area ?? null
        return area ? { ...current, area, position: area.center, source: 'area', status: 'located' } : current
      },
    },
  ),
)

/** A short label of where the stations are measured from. */
export function locationLabel(s: Pick<LocationState, 'source' | 'area' | 'status'>): string {
  if (s.status === 'locating') return '正在定位…'
  if (s.source === 'gps') return '当前位置附近'
  // Without the province (the city says where), unless the province is all that was picked.
  if (s.source === 'area' && s.area) return `${(s.area.path.length > 1 ? s.area.path.slice(1) : s.area.path).join(' ')}附近`
  if (s.status === 'denied') return '未获得定位权限'
  if (s.status === 'failed') return '定位失败'
  return '尚未定位'
}
