/**
 * A fixed-rate mixed load, open loop (calls start on schedule whether or not
 * earlier ones answered), spread round-robin over one or more API instances:
 * browsing 70 % (nearby stations), submissions 10 % (each with its own
 * Idempotency-Key), enrollments 10 % (fresh families on activities of 30
 * seats), staff actions 10 % (领取下一条, or the queue). Residents log in
 * through the (fake) WeChat, so their notices really go out.
 *
 * Afterwards `checkCorrectness` drains the queue from every instance at once
 * and reads every roster: no request claimed twice, no activity overbooked,
 * waitlists 1…n without a gap.
 */
import { performance } from 'node:perf_hooks'
import { DEMO_STAFF_PASSWORD } from '../server/seed'
import { burstActivity } from './burst'
import { randomNearbyPath } from './load'
import { SUBMISSION } from './single'
import { percentile } from './util'

export type Kind = 'browse' | 'submit' | 'enroll' | 'staff'
export const MIX: [Kind, number][] = [
  ['browse', 0.7],
  ['submit', 0.1],
  ['enroll', 0.1],
  ['staff', 0.1],
]
const SEATS = 30
const FAMILIES_PER_ACTIVITY = 60

export interface MixedSetup {
  urls: string[]
  staff: string
  residents: string[]
  activities: string[]
  claimed: string[]
  enrollments: number
}

export interface MixedResult {
  rate: number
  seconds: number
  sent: number
  answered: number
  /** Answers per second over the run. */
  throughput: number
  /** 5xx, network errors and unexpected 4xx. */
  failed: number
  p50Ms: number
  p99Ms: number
  byKind: Record<Kind, { n: number; p99Ms: number }>
}

async function call(url: string, method: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null }
}

/** Residents logged in through WeChat (real openids: their notices are sent), the staff, activities enough for the run. */
export async function setupMixed(urls: string[], opts: { residents: number; enrollments: number; tag: string }): Promise<MixedSetup> {
  const url = urls[0]!
  const staff = (await call(`${url}/api/staff/login`, 'POST', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body
    .token as string
  const residents: string[] = []
  for (let i = 0; i < opts.residents; i++) {
    const r = await call(`${url}/api/auth/wechat`, 'POST', { code: `ok-${opts.tag}-${i}` })
    if (r.status !== 200) throw new Error(`WeChat login answered ${r.status}: ${JSON.stringify(r.body)}`)
    residents.push(r.body.token)
  }
  const activities: string[] = []
  for (let i = 0; i < Math.ceil(opts.enrollments / FAMILIES_PER_ACTIVITY) + 1; i++) {
    const r = await call(`${url}/api/staff/activities`, 'POST', burstActivity(`混合负载${opts.tag}第${i + 1}场`, SEATS), staff)
    if (r.status !== 201) throw new Error(`activity answered ${r.status}`)
    activities.push(r.body.id)
  }
  return { urls, staff, residents, activities, claimed: [], enrollments: 0 }
}

function pick(n: number): Kind {
  // A fixed pattern over 10 calls (7 browse, 1 of each other), so every run has the same mix.
  const slot = n % 10
  return slot < 7 ? 'browse' : slot === 7 ? 'submit' : slot === 8 ? 'enroll' : 'staff'
}

export async function runMixed(setup: MixedSetup, rate: number, seconds: number, opts: { onTick?: () => void } = {}): Promise<MixedResult> {
  const nearby = randomNearbyPath(17)
  const latencies: Record<Kind, number[]> = { browse: [], submit: [], enroll: [], staff: [] }
  let failed = 0
  let answered = 0
  let n = 0
  const total = Math.round(rate * seconds)
  const inFlight: Promise<void>[] = []
  const t0 = performance.now()
  const one = async (i: number) => {
    const kind = pick(i)
    const url = setup.urls[i % setup.urls.length]!
    const resident = setup.residents[i % setup.residents.length]!
    const t = performance.now()
    let ok = false
    try {
      if (kind === 'browse') {
        ok = (await call(`${url}${nearby()}`, 'GET')).status === 200
      } else if (kind === 'submit') {
        // Each resident with a phone of their own: one phone shared by every resident made each of them a
        // 「可能重复」 of all the others, which the queue lists row by row (quadratic in the requests piled up).
        const body = { ...SUBMISSION, contactPhone: `139${String(i % setup.residents.length).padStart(8, '0')}` }
        ok = (await call(`${url}/api/requests`, 'POST', body, resident, { 'idempotency-key': `mixed-${Date.now()}-${i}` })).status === 201
      } else if (kind === 'enroll') {
        const e = setup.enrollments++
        const activity = setup.activities[Math.min(Math.floor(e / FAMILIES_PER_ACTIVITY), setup.activities.length - 1)]!
        const family = setup.residents[e % setup.residents.length]!
        const r = await call(
          `${url}/api/activities/${activity}/enrollments`,
          'POST',
          { name: `参加人${e}`, contactPhone: '13812345678' },
          family,
        )
        // 409: this family already holds a place on this activity (more enrollments than families in the pool).
        ok = r.status === 201 || r.status === 409
      } else {
        const claim = (i / 10) % 2 < 1
        const r = claim
          ? await call(`${url}/api/staff/queue/claim`, 'POST', undefined, setup.staff)
          : await call(`${url}/api/staff/queue`, 'GET', undefined, setup.staff)
        if (claim && r.status === 200) setup.claimed.push(r.body.id)
        ok = r.status === 200 || (claim && r.status === 404 && r.body?.code === 'QUEUE_EMPTY')
      }
    } catch {
      ok = false
    }
    latencies[kind].push(performance.now() - t)
    answered++
    if (!ok) failed++
  }
  // Open loop: call i starts at t0 + i / rate.
  while (n < total) {
    const due = t0 + (n * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inFlight.push(one(n++))
    if (n % rate === 0) opts.onTick?.()
  }
  await Promise.all(inFlight)
  const elapsed = (performance.now() - t0) / 1000
  const all = Object.values(latencies).flat()
  const byKind = Object.fromEntries(
    (Object.keys(latencies) as Kind[]).map((k) => [k, { n: latencies[k].length, p99Ms: Math.round(percentile(latencies[k], 99)) }]),
  ) as MixedResult['byKind']
  return {
    rate,
    seconds,
    sent: total,
    answered,
    throughput: Math.round((answered / elapsed) * 10) / 10,
    failed,
    p50Ms: Math.round(percentile(all, 50)),
    p99Ms: Math.round(percentile(all, 99)),
    byKind,
  }
}

export interface Correctness {
  claimed: number
  doubleClaimed: number
  activities: number
  overbooked: number
  waitlistGaps: number
}

/** Drains the queue from every instance at once, then reads every roster. */
export async function checkCorrectness(setup: MixedSetup): Promise<Correctness> {
  await Promise.all(
    setup.urls.map(async (url) => {
      for (;;) {
        const r = await call(`${url}/api/staff/queue/claim`, 'POST', undefined, setup.staff)
        if (r.status !== 200) break
        setup.claimed.push(r.body.id)
      }
    }),
  )
  let overbooked = 0
  let waitlistGaps = 0
  for (const id of setup.activities) {
    const roster = (await call(`${setup.urls[0]}/api/staff/activities/${id}/roster`, 'GET', undefined, setup.staff)).body as {
      entries: { status: string; waitlistPosition: number | null }[]
    }
    if (roster.entries.filter((e) => e.status === 'confirmed').length > SEATS) overbooked++
    const positions = roster.entries.filter((e) => e.status === 'waitlisted').map((e) => e.waitlistPosition)
    if (!positions.every((p, i) => p === i + 1)) waitlistGaps++
  }
  return {
    claimed: setup.claimed.length,
    doubleClaimed: setup.claimed.length - new Set(setup.claimed).size,
    activities: setup.activities.length,
    overbooked,
    waitlistGaps,
  }
}
