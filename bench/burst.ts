/**
 * Registration opens and every family taps at once: N concurrent enrollments
 * for 30 seats, repeated on fresh activities. Each round is checked — exactly
 * 30 confirmed, the rest waitlisted 1…N−30 with no gap — and timed against a
 * baseline of the same N concurrent calls to a trivial route on the same server.
 */
import { DEMO_STAFF_PASSWORD } from '../server/seed'
import { percentile } from './util'

const SEATS = 30

export interface BurstResult {
  applicants: number
  rounds: number
  correctRounds: number
  /** Median over rounds of the time until the last answer arrived. */
  completionMs: number
  baselineCompletionMs: number
  p99Ms: number
  baselineP99Ms: number
  /** Each round as it went, in order. */
  perRound: { completionMs: number; baselineCompletionMs: number; p99Ms: number; baselineP99Ms: number; correct: boolean }[]
}

/** An activity open for registration now, starting in two days, with `seats` seats (the bench's and the burst test's). */
export function burstActivity(title: string, seats: number) {
  const hour = 3600_000
  return {
    title,
    category: 'class',
    audience: 'all',
    description: '报名高峰',
    place: '活动室',
    capacity: seats,
    opensAt: new Date(Date.now() - hour).toISOString(),
    closesAt: new Date(Date.now() + 24 * hour).toISOString(),
    cancelDeadline: new Date(Date.now() + 24 * hour).toISOString(),
    sessions: [{ startsAt: new Date(Date.now() + 48 * hour).toISOString(), endsAt: new Date(Date.now() + 49 * hour).toISOString() }],
  }
}

async function json(url: string, method: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

/** Fires all calls at once; the latency of each and the time until the last one answered. */
async function fireAll(calls: (() => Promise<unknown>)[]) {
  const t0 = performance.now()
  const latencies = await Promise.all(
    calls.map(async (call) => {
      const t = performance.now()
      await call()
      return performance.now() - t
    }),
  )
  return { completionMs: performance.now() - t0, p99Ms: percentile(latencies, 99) }
}

export async function benchBurst(url: string, applicants: number, rounds: number): Promise<BurstResult> {
  const staff = (await json(`${url}/api/staff/login`, 'POST', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body
    .token as string
  const tokens: string[] = []
  for (let i = 0; i < applicants; i++) tokens.push((await json(`${url}/api/auth/dev`, 'POST', { nickname: `抢名额${i}` })).body.token)

  const completions: number[] = []
  const baselines: number[] = []
  const p99s: number[] = []
  const baselineP99s: number[] = []
  let correctRounds = 0
  const perRound: BurstResult['perRound'] = []
  // Untimed: the client opens its connections once, so that no timed part pays for them (the first baseline did,
  // and every burst after it reused them).
  await fireAll(tokens.map(() => () => fetch(`${url}/api/health/live`).then((r) => r.text())))
  for (let round = 0; round < rounds; round++) {
    const created = await json(`${url}/api/staff/activities`, 'POST', burstActivity(`名额压测第${round + 1}轮`, SEATS), staff)
    const id = created.body.id as string

    const base = await fireAll(tokens.map(() => () => fetch(`${url}/api/health/live`).then((r) => r.text())))
    const statuses: number[] = []
    const burst = await fireAll(
      tokens.map((token, i) => async () => {
        const r = await json(`${url}/api/activities/${id}/enrollments`, 'POST', { name: `参加人${i}`, contactPhone: '13812345678' }, token)
        statuses.push(r.status)
      }),
    )

    const roster = (await json(`${url}/api/staff/activities/${id}/roster`, 'GET', undefined, staff)).body as {
      entries: { status: string; waitlistPosition: number | null }[]
    }
    const confirmed = roster.entries.filter((e) => e.status === 'confirmed').length
    const positions = roster.entries.filter((e) => e.status === 'waitlisted').map((e) => e.waitlistPosition)
    const ok =
      statuses.every((s) => s === 201) &&
      confirmed === SEATS &&
      positions.length === applicants - SEATS &&
      positions.every((p, i) => p === i + 1)
    if (ok) correctRounds++
    perRound.push({
      completionMs: Math.round(burst.completionMs),
      baselineCompletionMs: Math.round(base.completionMs),
      p99Ms: Math.round(burst.p99Ms),
      baselineP99Ms: Math.round(base.p99Ms),
      correct: ok,
    })
    completions.push(burst.completionMs)
    baselines.push(base.completionMs)
    p99s.push(burst.p99Ms)
    baselineP99s.push(base.p99Ms)
  }
  const median = (v: number[]) => percentile(v, 50)
  return {
    applicants,
    rounds,
    correctRounds,
    completionMs: Math.round(median(completions)),
    baselineCompletionMs: Math.round(median(baselines)),
    p99Ms: Math.round(median(p99s)),
    baselineP99Ms: Math.round(median(baselineP99s)),
    perRound,
  }
}
