import Taro, { useDidShow } from '@tarojs/taro'
import { useQuery, type QueryKey, type QueryOptions } from '@/hooks/useQuery'
import { STAFF_LOGIN_PAGE, useStaffSession } from '@/stores/staffSession'
import { MY_ACCOUNT_PAGE } from './menu'

/**
 * A workbench page's data: useQuery with the station account's login, loaded
 * again each time the page is shown and on pull-down (unless told otherwise).
 * Without a login, the worker is sent to the login page; with a first password
 * still to change, to 我的账号 (the server refuses everything else until then).
 */
export function useStaffQuery<T>(key: QueryKey, load: () => Promise<T>, options: QueryOptions = {}) {
  const token = useStaffSession((s) => s.token)
  useDidShow(() => {
    const session = useStaffSession.getState()
    if (!session.token) void Taro.redirectTo({ url: STAFF_LOGIN_PAGE })
    else if (session.me?.mustChangePassword) void Taro.redirectTo({ url: MY_ACCOUNT_PAGE })
  })
  return useQuery([token, ...key], load, {
    refreshOnShow: true,
    pullDownRefresh: true,
    ...options,
    enabled: !!token && (options.enabled ?? true),
  })
}
