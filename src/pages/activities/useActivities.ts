import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { ActivityCategory, ActivitySummary, Audience } from '@contract/types'
import { activityDateRange, type ActivityDateFilter } from '@domain/activities'
import { fetchActivities } from '@/api/activities'
import { ApiError } from '@/api/client'
import { useResidentLocation } from '@/hooks/useResidentLocation'

export const AUDIENCE_FILTERS: { value: Audience | undefined; label: string }[] = [
  { value: undefined, label: '全部' },
  { value: 'children', label: '儿童' },
  { value: 'youth', label: '青少年' },
  { value: 'elderly', label: '老年人' },
]

export const DATE_FILTERS: { value: ActivityDateFilter; label: string }[] = [
  { value: 'all', label: '全部日期' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
]

interface ListState {
  status: 'waiting' | 'loading' | 'ok' | 'error'
  items: ActivitySummary[]
  error: string | null
}

/** Activities near the resident (GPS or the picked area; by date without either), refetched when a filter changes. */
export function useActivities() {
  const { location, label, relocate, pickArea } = useResidentLocation()
  const [audience, setAudience] = useState<Audience | undefined>(undefined)
  const [category, setCategory] = useState<ActivityCategory | undefined>(undefined)
  const [dateFilter, setDateFilter] = useState<ActivityDateFilter>('all')
  const [state, setState] = useState<ListState>({ status: 'waiting', items: [], error: null })
  const seq = useRef(0)
  const lat = location.position?.lat
  const lng = location.position?.lng
  // While locating, wait: the list would otherwise come twice, the second in another order.
  const settled = location.status !== 'idle' && location.status !== 'locating'

  const reload = useCallback(async () => {
    if (!settled) return
    const mine = ++seq.current
    setState((s) => ({ ...s, status: 'loading', error: null }))
    try {
      const items = await fetchActivities({
        ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}),
        ...(audience ? { audience } : {}),
        ...(category ? { category } : {}),
        ...activityDateRange(dateFilter, new Date()),
      })
      if (mine === seq.current) setState({ status: 'ok', items, error: null })
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', items: [], error: err instanceof ApiError ? err.message : '加载失败，请重试' })
    }
  }, [settled, lat, lng, audience, category, dateFilter])

  useEffect(() => {
    void reload()
  }, [reload])

  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  return {
    ...state,
    reload,
    location,
    label,
    audience,
    setAudience,
    category,
    setCategory,
    dateFilter,
    setDateFilter,
    relocate,
    pickArea,
  }
}
