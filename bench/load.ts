/**
 * A route under load at a fixed request rate (autocannon), beside a trivial
 * route (GET /api/health/live) on the same server as the baseline.
 */
import autocannon from 'autocannon'
import { prng } from '../server/seed/synthetic'

export interface LoadResult {
  path: string
  rate: number
  requests: number
  errors: number
  non2xx: number
  p50Ms: number
  p99Ms: number
}

export async function load(url: string, pathFor: () => string, rate: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: pathFor() }) }],
  })
  return {
    path: pathFor().split('?')[0]!,
    rate,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  }
}

export function randomNearbyPath(seed = 5) {
  const rand = prng(seed)
  return () => `/api/stations/nearby?lat=${(18.2 + rand() * 35.3).toFixed(5)}&lng=${(73.6 + rand() * 61.1).toFixed(5)}&limit=20`
}
