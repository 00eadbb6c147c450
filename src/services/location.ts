/**
 * Locating the resident. The mini-program asks WeChat for GCJ-02 directly;
 * the h5 build gets WGS-84 from the browser and converts it. A refusal or a
 * failure is reported as such, so the page can offer 手动选择地区 instead.
 */
import Taro from '@tarojs/taro'
import type { LatLng } from '@contract/types'
import { wgs84ToGcj02 } from '@domain/geo'
import { LOCATION_NOTICE, LOCATION_NOTICE_VERSION_LABEL } from '@/content/consents'
import { locationConsentState, useConsents } from '@/stores/consents'
import { useLocation } from '@/stores/location'

export class LocationError extends Error {
  constructor(
    readonly reason: 'denied' | 'failed',
    message: string,
  ) {
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

/** Asks for the location consent again (a new version of its text, or after a withdrawal). */
async function askLocationConsent(renewed: boolean): Promise<boolean> {
  try {
    const { confirm } = await Taro.showModal({
      title: renewed ? '位置信息使用说明已更新' : '使用您的位置',
      content: `${LOCATION_NOTICE}（${LOCATION_NOTICE_VERSION_LABEL}）`,
      confirmText: '同意',
      cancelText: '不同意',
    })
    return confirm
  } catch {
    return false
  }
}

/**
 * Locates and stores the result; never throws (the store's status says what
 * happened). A fix is the resident's agreement to the location text (recorded
 * on the server once logged in). After a withdrawal in 个人信息 the app does
 * not locate on its own: only `byUser` (重新定位, 去设置) asks again; a new
 * version of the text is asked for first.
 */
export async function locate(opts: { byUser?: boolean } = {}): Promise<void> {
  const store = useLocation.getState()
  const consent = locationConsentState(useConsents.getState().location)
  if (consent === 'withdrawn' && !opts.byUser) {
    if (store.status === 'idle') store.setFailed('denied')
    return
  }
  if (consent !== 'use' && !(await askLocationConsent(consent === 'renew'))) {
    store.setFailed('denied')
    return
  }
  store.setLocating()
  try {
    const position = await getPosition()
    useConsents.getState().agreeLocation()
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
