import Taro, { useDidShow } from '@tarojs/taro'
import { locate } from '@/services/location'
import { locationLabel, useLocation } from '@/stores/location'

/**
 * Where the resident is, for a list sorted by distance (找社工站, 活动): locates
 * on the page's first show, and offers 重新定位 and 切换地区 (the area picker).
 */
export function useResidentLocation() {
  const location = useLocation()
  useDidShow(() => {
    if (useLocation.getState().status === 'idle') void locate()
  })
  return {
    location,
    label: locationLabel(location),
    relocate: () => void locate({ byUser: true }),
    pickArea: () => Taro.navigateTo({ url: '/pages/area/index' }),
  }
}
