/** One-tap actions on a station: call it, navigate to it. */
import Taro from '@tarojs/taro'
import type { StationSummary } from '@contract/types'

export function callStation(phone: string) {
  return Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined) // the resident cancelled
}

export function navigateToStation(s: Pick<StationSummary, 'name' | 'address' | 'location'>) {
  if (process.env.TARO_ENV === 'h5') {
    // In a browser: the AMap web page (GCJ-02, like our data) offers route planning.
    const url = `https://uri.amap.com/marker?position=${s.location.lng},${s.location.lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`
    window.open(url, '_blank', 'noopener')
    return Promise.resolve()
  }
  return Taro.openLocation({ latitude: s.location.lat, longitude: s.location.lng, name: s.name, address: s.address, scale: 16 }).catch(
    () => undefined,
  )
}

export function openStation(id: string) {
  return Taro.navigateTo({ url: `/pages/station/index?id=${id}` })
}
