/**
 * A resident's own list (我的求助, 我的报名): loaded once logged in, again each
 * time the page shows and on pull-down; the error said as the server says it.
 */
import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ApiError } from '@/api/client'
import { useSession } from '@/stores/session'

export interface MyListState<T> {
  status: 'loading' | 'ok' | 'error'
  items: T[]
  error?: string
}

export function useMyList<T>(fetch: () => Promise<T[]>) {
  const token = useSession((s) => s.token)
  const [state, setState] = useState<MyListState<T>>({ status: 'loading', items: [] })

  const load = useCallback(async () => {
    if (!useSession.getState().token) return
    try {
      setState({ status: 'ok', items: await fetch() })
    } catch (err) {
      setState({ status: 'error', items: [], error: err instanceof ApiError ? err.message : '加载失败' })
    }
  }, [fetch])

  useDidShow(() => void load())
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  return { token, state, setState, load }
}
