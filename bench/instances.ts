/**
 * One API instance, then two, on the same PostgreSQL, under the same
 * fixed-rate mixed load (bench/mixed.ts), each instance with its jobs loop
 * sending notices to the fake WeChat: throughput, p99, failures, and the
 * correctness checks (no request claimed twice, no activity overbooked, no
 * waitlist gap, no message sent twice).
 *
 * And the soak (`npm run bench -- --soak`): the mixed load for 10 minutes on
 * one instance, minute by minute: the server's RSS and p99.
 */
import fs from 'node:fs'
import { startServer, type DatabaseLocation } from '../test/api/helpers/server'
import { checkCorrectness, runMixed, setupMixed, type Correctness, type MixedResult } from './mixed'
import { startBenchWechat } from './wechat'

export interface InstancesRun {
  instances: number
  load: MixedResult
  correctness: Correctness
  sentTwice: number
}

export async function benchInstances(
  database: DatabaseLocation,
  rate: number,
  seconds: number,
  log: (s: string) => void,
): Promise<InstancesRun[]> {
  const wechat = await startBenchWechat()
  const env = { ...wechat.env, LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '1000' }
  const runs: InstancesRun[] = []
  try {
    for (const count of [1, 2]) {
      const servers = []
      for (let i = 0; i < count; i++) servers.push(await startServer({ database, env, seedDemo: i === 0 && count === 1 }))
      try {
        const setup = await setupMixed(
          servers.map((s) => s.url),
          { residents: 60, enrollments: Math.ceil(rate * seconds * 0.1), tag: `i${count}` },
        )
        const load = await runMixed(setup, rate, seconds)
        const correctness = await checkCorrectness(setup)
        await new Promise((r) => setTimeout(r, 3000)) // the last notices go out
        const run = { instances: count, load, correctness, sentTwice: wechat.duplicates() }
        log(
          `${count} instance(s) @${rate}/s mixed: ${load.throughput}/s answered, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, failed ${load.failed} of ${load.sent}; ` +
            `claimed ${correctness.claimed} (${correctness.doubleClaimed} twice), ${correctness.overbooked} of ${correctness.activities} activities overbooked, ${correctness.waitlistGaps} waitlist gaps, ${run.sentTwice} messages sent twice`,
        )
        runs.push(run)
      } finally {
        for (const s of servers) await s.stop()
      }
    }
    return runs
  } finally {
    await wechat.close()
  }
}

export interface SoakMinute {
  minute: number
  rssMb: number
  p99Ms: number
  failed: number
}

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

export async function benchSoak(database: DatabaseLocation, rate: number, minutes: number, log: (s: string) => void) {
  const wechat = await startBenchWechat()
  const server = await startServer({ database, env: { ...wechat.env, LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '5000' } })
  try {
    const setup = await setupMixed([server.url], { residents: 60, enrollments: Math.ceil(rate * 60 * minutes * 0.1), tag: 'soak' })
    const perMinute: SoakMinute[] = []
    for (let m = 1; m <= minutes; m++) {
      const r = await runMixed(setup, rate, 60)
      const row = { minute: m, rssMb: rssMb(server.child.pid!), p99Ms: r.p99Ms, failed: r.failed }
      perMinute.push(row)
      log(`soak minute ${m}: RSS ${row.rssMb} MB, p99 ${row.p99Ms} ms, failed ${row.failed}`)
    }
    // Warm-up: the first minute. Growth and drift from the second minute to the last.
    const warm = perMinute[1] ?? perMinute[0]!
    const last = perMinute[perMinute.length - 1]!
    const correctness = await checkCorrectness(setup)
    return {
      rate,
      minutes,
      perMinute,
      rssGrowth: Math.round(((last.rssMb - warm.rssMb) / warm.rssMb) * 1000) / 1000,
      p99Drift: Math.round((last.p99Ms / Math.max(warm.p99Ms, 1)) * 100) / 100,
      correctness,
      sentTwice: wechat.duplicates(),
    }
  } finally {
    await server.stop()
    await wechat.close()
  }
}
