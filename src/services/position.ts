/**
 * The resident's position and `locate()`'s rule, without the consent question (src/services/location.ts
 * adds it). Kept apart so the app's start-up script can locate at launch (src/services/firstScreen.ts)
 * without carrying Taro's dialogs, which only the pages need.
 */
import Taro from '@tarojs/taro'
import type { LatLng } from '@contract/types'
import { wgs84ToGcj02 } from '@domain/geo'
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

/**
 * `locate()` (src/services/location.ts) with the way it asks for consent given: `ask` shows the location
 * text (a new version: `renewed`) and says whether the resident agreed; null asks nothing, and then only
 * what needs no question is done (agreed to this version or never asked: locate; withdrawn: 'denied').
 */
export async function locateWith(opts: { byUser?: boolean }, ask: ((renewed: boolean) => Promise<boolean>) | null): Promise<void> {
  const store = useLocation.getState()
  const consent = locationConsentState(useConsents.getState().location)
  if (consent === 'withdrawn' && !opts.byUser) {
    if (store.status === 'idle') store.setFailed('denied')
    return
  }
  if (consent !== 'use') {
    if (!ask) return
    if (!(await ask(consent === 'renew'))) {
      store.setFailed('denied')
      return
    }
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
