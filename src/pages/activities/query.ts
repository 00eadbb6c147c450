import type { ActivityCategory, Audience, LatLng } from '@contract/types'
import type { ActivityDateFilter } from '@domain/activities'
import { fetchActivities } from '@/api/activities'

export interface ActivityFilters {
  audience?: Audience
  category?: ActivityCategory
  dateFilter: ActivityDateFilter
  /** The dates `dateFilter` stands for today (`activityDateRange`); none for 'all'. */
  range: { from?: string; to?: string }
}

/** The page opens on every activity near the resident, whatever the date; asked for at launch as it opens. */
export const OPENING_FILTERS: ActivityFilters = { dateFilter: 'all', range: {} }

/**
 * The key and the request of 活动's list: near the position (GPS or picked area), by date without one.
 * The page's, and the one asked for at launch (src/services/firstScreen.ts), so both are the same query.
 */
export function activitiesQuery(position: LatLng | null, { audience, category, dateFilter, range }: ActivityFilters) {
  const lat = position?.lat
  const lng = position?.lng
  return {
    key: ['activities', lat, lng, audience, category, dateFilter] as const,
    load: () =>
      fetchActivities({
        ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}),
        ...(audience ? { audience } : {}),
        ...(category ? { category } : {}),
        ...range,
      }),
  }
}
