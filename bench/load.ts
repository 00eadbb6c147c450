/**
 * A route under load at a fixed request rate (autocannon), beside a trivial
 * route (GET /api/health/live) on the same server as the baseline.
 */
import autocannon from 'autocannon'
import { prng } from '../server/seed/synthetic'
import { SUBMISSION } from './single'

export interface LoadResult {
  path: string
  rate: number
  requests: number
  errors: number
  non2xx: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}

/** autocannon's result as the benches report it. */
export function loadResult(path: string, rate: number, result: any): LoadResult {
  return {
    path,
    rate,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
  }
}

export async function load(url: string, pathFor: () => string, rate: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: pathFor() }) }],
  })
  return loadResult(pathFor().split('?')[0]!, rate, result)
}

export function randomNearbyPath(seed = 5) {
  const rand = prng(seed)
  return () => `/api/stations/nearby?lat=${(18.2 + rand() * 35.3).toFixed(5)}&lng=${(73.6 + rand() * 61.1).toFixed(5)}&limit=20`
}

/**
 * Help-request submissions at a fixed rate: each with its own Idempotency-Key, from a pool of logged-in residents,
 * each resident with a phone of their own (one phone for all would make every request a 「可能重复」 of the others).
 */
export async function loadSubmissions(url: string, rate: number, seconds: number): Promise<LoadResult> {
  const tokens: string[] = []
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${url}/api/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: `压测居民${i}` }),
    })
    tokens.push(((await res.json()) as { token: string }).token)
  }
  let n = 0
  const bodies = tokens.map((_, i) => JSON.stringify({ ...SUBMISSION, contactPhone: `139${String(i).padStart(8, '0')}` }))

  const result = await autocannon({
    url,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/requests',
        setupRequest: (req: any) => {
          n++
          return {
            ...req,
            body: bodies[n % tokens.length],
            headers: {
              ...req.headers,
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
              'idempotency-key': `bench-${Date.now()}-${n}`,
            },
          }
        },
      },
    ],
  })
  return loadResult('/api/requests', rate, result)
}
