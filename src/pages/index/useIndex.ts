import Taro, { useDidShow } from '@tarojs/taro'
import { locate, openLocationSettings } from '@/services/location'
import { locationLabel, useLocation } from '@/stores/location'
import { NEARBY_LIMIT, useNearbyStations } from '@/hooks/useNearbyStations'

export function useIndex() {
  const location = useLocation()
  const nearby = useNearbyStations({ limit: NEARBY_LIMIT.home })

  useDidShow(() => {
    // Locate on the first visit; an area the resident picked stays until they tap 重新定位.
    if (useLocation.getState().status === 'idle') void locate()
  })

  return {
    location,
    label: locationLabel(location),
    nearby,
    nearest: nearby.data?.[0] ?? null,
    others: nearby.data?.slice(1) ?? [],
    relocate: () => void locate({ byUser: true }),
    pickArea: () => Taro.navigateTo({ url: '/pages/area/index' }),
    openSettings: async () => {
      if (await openLocationSettings()) void locate({ byUser: true })
    },
    /** The request form: the nearest station, when there is one, is a default she can change (else the form's address decides). */
    askForHelp: (stationId?: string) =>
      Taro.navigateTo({
        url: stationId ? `/packages/request/new/index?stationId=${stationId}&source=nearest` : '/packages/request/new/index',
      }),
    showAll: () => Taro.switchTab({ url: '/pages/stations/index' }),
    myRequests: () => Taro.navigateTo({ url: '/packages/request/mine/index' }),
  }
}
