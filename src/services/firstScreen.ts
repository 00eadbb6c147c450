/**
 * The first screen's data, asked for at launch. 首页, 找社工站 and 活动 show what comes from the resident's
 * position and `GET /api/stations/nearby` (or `/api/activities`); left to the page, that chain starts only
 * once the page's own script has loaded and drawn. At launch the app already knows which page opens, so it
 * locates the resident as that page would on its first show and asks for that page's first query as soon as
 * the position is known, with the page's key and parameters (`prefetchQuery`): the page finds the answer in
 * flight or done and does not ask again.
 *
 * Consent is the page's rule, unchanged: the same `locate()` (`locateWith`, src/services/position.ts;
 * src/stores/consents.ts): after a withdrawal nothing is located (stations near a picked area are still
 * asked for); a new version of the location text is asked for by the page, with its dialog, not here, so
 * with it nothing is started at launch.
 */
import { locateWith } from '@/services/position'
import { locationConsentState, useConsents } from '@/stores/consents'
import { useLocation } from '@/stores/location'
import { prefetchQuery } from '@/hooks/useQuery'
import { NEARBY_LIMIT, nearbyQuery } from '@/hooks/useNearbyStations'
import { activitiesQuery, OPENING_FILTERS } from '@/pages/activities/query'

type LocationSnapshot = ReturnType<typeof useLocation.getState>

/** Per page: its first query once the position is known, or null while it waits (as the page's `enabled`). */
const FIRST_QUERIES: Record<string, (s: LocationSnapshot) => { key: readonly unknown[]; load: () => Promise<unknown> } | null> = {
  'pages/index/index': (s) => (s.position ? nearbyQuery(s.position, { limit: NEARBY_LIMIT.home }) : null),
  'pages/stations/index': (s) => (s.position ? nearbyQuery(s.position, { limit: NEARBY_LIMIT.stations }) : null),
  // 活动 waits while locating (the list would come twice otherwise), then lists by date without a position.
  'pages/activities/index': (s) => (s.status === 'idle' || s.status === 'locating' ? null : activitiesQuery(s.position, OPENING_FILTERS)),
}

const settled = (s: LocationSnapshot) => s.status !== 'idle' && s.status !== 'locating'

/** The page a launch opens, from the mini-program's launch path or h5's address (`#/pages/stations/index?elder=1`; none: 首页). */
export function openedRoute(pathOrHash: string): string {
  return pathOrHash.replace(/^#?\/?/, '').split('?')[0] || 'pages/index/index'
}

/** At launch: the position and the first query of `route` (pages/…/index), when it is one of the pages that need them. */
export function prefetchFirstScreen(route: string): void {
  const firstQuery = FIRST_QUERIES[route]
  if (!firstQuery) return
  if (locationConsentState(useConsents.getState().location) === 'renew') return
  const start = (s: LocationSnapshot) => {
    const query = firstQuery(s)
    if (query) prefetchQuery(query.key, query.load)
    return query !== null || settled(s)
  }
  if (!start(useLocation.getState())) {
    const stop = useLocation.subscribe((s) => {
      if (start(s)) stop()
    })
  }
  // As the page does on its first show (its question aside, see above): an area the resident picked stays
  // until they tap 重新定位.
  if (useLocation.getState().status === 'idle') void locateWith({}, null)
}
