/**
 * 预约服务 under load (`npm run bench -- --booking`), on one server over a real
 * socket, every figure beside a baseline from the same server in the same run:
 *
 * 1. Slot listing: a station (先进街道社工站) with 20 bookable services, each
 *    listed over its 14-day horizon (`GET /api/bookable/:id/slots`, the
 *    services in turn) at a fixed rate, then `GET /api/health/live` at the
 *    same rate (autocannon; p50 / p99).
 * 2. 200 residents book one slot of capacity N at once (each with its own
 *    Idempotency-Key), then the same 200 calls to `/api/health/live` at once.
 *    Checked: exactly N booked (the answers and the station's day view agree),
 *    every other answer 409 SLOT_FULL with alternatives, none 5xx.
 */
import { DEMO_STAFF_PASSWORD } from '../server/seed'
import { startServer } from '../test/api/helpers/server'
import { load, type LoadResult } from './load'
import { percentile } from './util'

export const BOOKING_SERVICES = 20
export const BOOKING_RESIDENTS = 200

export interface BookingBurst {
  capacity: number
  residents: number
  booked: number
  /** Bookings of that slot in the station's day view afterwards. */
  bookedInView: number
  slotFullWithAlternatives: number
  /** Answers that were neither 201 nor 409 SLOT_FULL with alternatives (status: count). */
  other: Record<string, number>
  serverErrors: number
  correct: boolean
  completionMs: number
  p99Ms: number
  baselineCompletionMs: number
  baselineP99Ms: number
}

export interface BookingBench {
  services: number
  days: number
  slotsPerListing: number
  listing: LoadResult
  baseline: LoadResult
  burst: BookingBurst
}

async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

/** All at once: each call's latency, and the time until the last answered. */
async function fireAll<T>(calls: (() => Promise<T>)[]) {
  const t0 = performance.now()
  const latencies: number[] = []
  const results = await Promise.all(
    calls.map(async (c) => {
      const t = performance.now()
      const r = await c()
      latencies.push(performance.now() - t)
      return r
    }),
  )
  return { results, completionMs: performance.now() - t0, p99Ms: percentile(latencies, 99) }
}

export async function benchBooking(
  database: { dataDir: string; databaseUrl: string | null },
  opts: { rate: number; seconds: number; capacity: number },
  log: (line: string) => void,
): Promise<BookingBench> {
  const server = await startServer({
    database,
    env: { LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '0', RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_SUBMIT: '100000' },
  })
  try {
    const url = server.url
    const login = await call(`${url}/api/staff/login`, 'POST', { username: 'xianjin-head', password: DEMO_STAFF_PASSWORD })
    const staff = { authorization: `Bearer ${login.body.token as string}` }
    // 20 services of the station, on its own hours (周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30), 30 minutes each.
    const ids: string[] = []
    for (let i = 0; i < BOOKING_SERVICES; i++) {
      const created = await call(
        `${url}/api/staff/bookable`,
        'POST',
        {
          name: `压测服务${String(i + 1).padStart(2, '0')}`,
          kind: i % 4 === 0 ? 'room' : 'talk',
          category: 'policy',
          durationMinutes: 30,
          capacity: i === 0 ? opts.capacity : 1 + (i % 3),
          horizonDays: 14,
          cutoffMinutes: 0,
        },
        staff,
      )
      if (created.status !== 201) throw new Error(`booking bench: service ${i}: ${created.status} ${JSON.stringify(created.body)}`)
      ids.push(created.body.id)
    }
    const first = await call(`${url}/api/bookable/${ids[0]}/slots`, 'GET')
    const days = first.body.days as { date: string; slots: { startsAt: string; state: string }[] }[]
    const slotsPerListing = days.reduce((n, d) => n + d.slots.length, 0)

    let n = 0
    const listing = await load(url, () => `/api/bookable/${ids[n++ % ids.length]}/slots`, opts.rate, opts.seconds)
    const baseline = await load(url, () => '/api/health/live', opts.rate, opts.seconds)
    log(
      `slot listing (${BOOKING_SERVICES} services × ${days.length} days, ${slotsPerListing} slots each) @${opts.rate}/s: p50 ${listing.p50Ms} / p99 ${listing.p99Ms} ms, ` +
        `${listing.non2xx + listing.errors} failed of ${listing.requests}; /api/health/live p50 ${baseline.p50Ms} / p99 ${baseline.p99Ms} ms`,
    )

    // 200 residents, one slot of capacity N: the service's first free slot.
    const target = days.flatMap((d) => d.slots).find((s) => s.state === 'free')
    if (!target) throw new Error('booking bench: no free slot in the horizon')
    const tokens: string[] = []
    for (let i = 0; i < BOOKING_RESIDENTS; i++) {
      tokens.push((await call(`${url}/api/auth/dev`, 'POST', { nickname: `抢预约${i}` })).body.token)
    }
    const burst = await fireAll(
      tokens.map(
        (token, i) => () =>
          call(
            `${url}/api/bookings`,
            'POST',
            {
              serviceId: ids[0],
              startsAt: target.startsAt,
              forWhom: 'self',
              personName: `压测居民${i}`,
              contactName: `压测居民${i}`,
              contactPhone: '13812345678',
            },
            { authorization: `Bearer ${token}`, 'idempotency-key': `bench-booking-${Date.now()}-${i}` },
          ),
      ),
    )
    const live = await fireAll(tokens.map(() => () => call(`${url}/api/health/live`, 'GET')))
    const booked = burst.results.filter((r) => r.status === 201).length
    const full = burst.results.filter((r) => r.status === 409 && r.body.code === 'SLOT_FULL' && r.body.alternatives?.length > 0).length
    const other: Record<string, number> = {}
    for (const r of burst.results) {
      if (r.status === 201 || (r.status === 409 && r.body.code === 'SLOT_FULL' && r.body.alternatives?.length > 0)) continue
      const k = `${r.status} ${r.body.code ?? ''}`.trim()
      other[k] = (other[k] ?? 0) + 1
    }
    const date = days.find((d) => d.slots.some((s) => s.startsAt === target.startsAt))!.date
    const view = await call(`${url}/api/staff/bookings?from=${date}&to=${date}`, 'GET', undefined, staff)
    const bookedInView = (view.body.items as { service: { id: string }; startsAt: string; status: string }[]).filter(
      (b) => b.service.id === ids[0] && b.startsAt === target.startsAt && b.status === 'booked',
    ).length
    const serverErrors = burst.results.filter((r) => r.status >= 500).length
    const result: BookingBurst = {
      capacity: opts.capacity,
      residents: BOOKING_RESIDENTS,
      booked,
      bookedInView,
      slotFullWithAlternatives: full,
      other,
      serverErrors,
      correct:
        booked === opts.capacity && bookedInView === opts.capacity && full === BOOKING_RESIDENTS - opts.capacity && serverErrors === 0,
      completionMs: Math.round(burst.completionMs),
      p99Ms: Math.round(burst.p99Ms),
      baselineCompletionMs: Math.round(live.completionMs),
      baselineP99Ms: Math.round(live.p99Ms),
    }
    log(
      `${BOOKING_RESIDENTS} at once for a slot of ${opts.capacity}: ${booked} booked (${bookedInView} in the day view), ${full} SLOT_FULL with alternatives, ` +
        `other ${JSON.stringify(other)}; all answered in ${result.completionMs} ms against ${result.baselineCompletionMs} ms for /api/health/live` +
        `${result.correct ? '' : ' — NOT CORRECT'}`,
    )
    return { services: ids.length, days: days.length, slotsPerListing, listing, baseline, burst: result }
  } finally {
    await server.stop()
  }
}
