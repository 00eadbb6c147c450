import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useStaffSession } from '@/stores/staffSession'

/**
 * A workbench page's data: loaded each time the page shows and on pull to
 * refresh; without a station login, the worker is sent to the login page.
 */
export function useStaffPage(load: () => Promise<unknown>) {
  useDidShow(() => {
    if (!useStaffSession.getState().token) void Taro.redirectTo({ url: '/packages/workbench/login/index' })
    else void load()
  })
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })
}
