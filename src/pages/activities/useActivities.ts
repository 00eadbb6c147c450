import { useState } from 'react'
import type { ActivityCategory, Audience } from '@contract/types'
import { activityDateRange, type ActivityDateFilter } from '@domain/activities'
import { fetchActivities } from '@/api/activities'
import { useQuery } from '@/hooks/useQuery'
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

/** Activities near the resident (GPS or the picked area; by date without either), refetched when a filter changes. */
export function useActivities() {
  const { location, label, relocate, pickArea } = useResidentLocation()
  const [audience, setAudience] = useState<Audience | undefined>(undefined)
  const [category, setCategory] = useState<ActivityCategory | undefined>(undefined)
  const [dateFilter, setDateFilter] = useState<ActivityDateFilter>('all')
  const lat = location.position?.lat
  const lng = location.position?.lng
  // While locating, wait: the list would otherwise come twice, the second in another order.
  const settled = location.status !== 'idle' && location.status !== 'locating'

  const list = useQuery(
    ['activities', lat, lng, audience, category, dateFilter],
    () =>
      fetchActivities({
        ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}),
        ...(audience ? { audience } : {}),
        ...(category ? { category } : {}),
        ...activityDateRange(dateFilter, new Date()),
      }),
    { enabled: settled, pullDownRefresh: true },
  )

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
