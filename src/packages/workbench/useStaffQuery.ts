import Taro, { useDidShow } from '@tarojs/taro'
import { useQuery, type QueryKey, type QueryOptions } from '@/hooks/useQuery'
import { STAFF_LOGIN_PAGE, useStaffSession } from '@/stores/staffSession'

/**
 * A workbench page's data: useQuery with the station account's login, loaded
 * again each time the page is shown and on pull-down (unless told otherwise).
 * Without a login, the worker is sent to the login page.
 */
export function useStaffQuery<T>(key: QueryKey, load: () => Promise<T>, options: QueryOptions = {}) {
  const token = useStaffSession((s) => s.token)
  useDidShow(() => {
    if (!useStaffSession.getState().token) void Taro.redirectTo({ url: STAFF_LOGIN_PAGE })
  })
  return useQuery([token, ...key], load, {
    refreshOnShow: true,
    pullDownRefresh: true,
    ...options,
    enabled: !!token && (options.enabled ?? true),
  })
}
