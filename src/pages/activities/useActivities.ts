import { useState } from 'react'
import type { ActivityCategory, Audience } from '@contract/types'
import { activityDateRange, type ActivityDateFilter } from '@domain/activities'
import { useQuery } from '@/hooks/useQuery'
import { useResidentLocation } from '@/hooks/useResidentLocation'
import { activitiesQuery, OPENING_FILTERS } from './query'

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

/** Activities near the resident (GPS or the picked area; by date without either), refetched when a filter changes. */
export function useActivities() {
  const { location, label, relocate, pickArea } = useResidentLocation()
  const [audience, setAudience] = useState<Audience | undefined>(undefined)
  const [category, setCategory] = useState<ActivityCategory | undefined>(undefined)
  const [dateFilter, setDateFilter] = useState<ActivityDateFilter>(OPENING_FILTERS.dateFilter)
  // While locating, wait: the list would otherwise come twice, the second in another order.
  const settled = location.status !== 'idle' && location.status !== 'locating'

  const { key, load } = activitiesQuery(location.position, {
    audience,
    category,
    dateFilter,
    range: activityDateRange(dateFilter, new Date()),
  })
  const list = useQuery(key, load, { enabled: settled, pullDownRefresh: true })

  return {
    list,
    items: list.data ?? [],
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
