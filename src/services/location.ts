/**
 * Locating the resident. The mini-program asks WeChat for GCJ-02 directly;
 * the h5 build gets WGS-84 from the browser and converts it. A refusal or a
 * failure is reported as such, so the page can offer 手动选择地区 instead.
 */
import Taro from '@tarojs/taro'
import type { LatLng } from '@contract/types'
import { wgs84ToGcj02 } from '@domain/geo'
import { useLocation } from '@/stores/location'

export class LocationError extends Error {
  constructor(readonly reason: 'denied' | 'failed', message: string) {
    super(message)
  }
}

function classify(errMsg: string): LocationError {
  const denied = /auth deny|auth denied|authorize|privacy|permission|denied/i.test(errMsg)
  return new LocationError(denied ? 'denied' : 'failed', errMsg)
}

async function h5Position(): Promise<LatLng> {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
  if (!geo) throw new LocationError('failed', '此浏览器不支持定位')
  const pos = await new Promise<GeolocationPosition>((resolve, reject) =>
    geo.getCurrentPosition(resolve, (e) => reject(new LocationError(e.code === 1 ? 'denied' : 'failed', e.message)), {
      enableHighAccuracy: false,
      timeout: 10_000,
      maximumAge: 60_000,
    }),
  )
  return wgs84ToGcj02({ lat: pos.coords.latitude, lng: pos.coords.longitude })
}

export async function getPosition(): Promise<LatLng> {
  if (process.env.TARO_ENV === 'h5') return h5Position()
  try {
    const res = await Taro.getLocation({ type: 'gcj02' })
    return { lat: res.latitude, lng: res.longitude }
  } catch (err) {
    throw classify((err as { errMsg?: string }).errMsg ?? String(err))
  }
}

/** Locates and stores the result; never throws (the store's status says what happened). */
export async function locate(): Promise<void> {
  const store = useLocation.getState()
  store.setLocating()
  try {
    const position = await getPosition()
    // The resident picked an area while we waited: their choice wins.
    if (useLocation.getState().status === 'locating') store.setGps(position)
  } catch (err) {
    if (useLocation.getState().status === 'locating') store.setFailed(err instanceof LocationError ? err.reason : 'failed')
  }
}

/** Opens WeChat's settings so a resident who refused can turn location on. */
export async function openLocationSettings(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  const res = await Taro.openSetting()
  return !!res.authSetting['scope.userLocation']
}
