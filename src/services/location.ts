/**
 * Locating the resident. The mini-program asks WeChat for GCJ-02 directly;
 * the h5 build gets WGS-84 from the browser and converts it. A refusal or a
 * failure is reported as such, so the page can offer 手动选择地区 instead.
 */
import Taro from '@tarojs/taro'
import { LOCATION_NOTICE, LOCATION_NOTICE_VERSION_LABEL } from '@/content/consents'
import { locateWith } from './position'

export { getPosition, LocationError } from './position'

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
export function locate(opts: { byUser?: boolean } = {}): Promise<void> {
  return locateWith(opts, askLocationConsent)
}

/** Opens WeChat's settings so a resident who refused can turn location on. */
export async function openLocationSettings(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  const res = await Taro.openSetting()
  return !!res.authSetting['scope.userLocation']
}
