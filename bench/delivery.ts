/**
 * WeChat slow or down while 1,000 messages wait in the outbox: the API's p99
 * under the mixed load during delivery, against the same load on a quiet
 * server (the outbox empty, WeChat answering at once); then WeChat recovers:
 * how many of the 1,000 go out, and whether any message went out twice.
 *
 * PGlite's data folder is locked by the server, so the messages are written
 * between two runs of the server; the jobs loop runs every second.
 */
import { openDatabase } from '../server/db'
import { startServer, type DatabaseLocation } from '../test/api/helpers/server'
import { runMixed, setupMixed, type MixedResult } from './mixed'
import { startBenchWechat, type WechatMode } from './wechat'

const MESSAGES = 1000

/** The server's event-loop delay during a run (GET /api/metrics, scraped every 500 ms): the longest hold, and the worst window's p99. */
export interface LoopDelay {
  maxMs: number
  p99Ms: number
}

/** Scrapes the server's nodejs_eventloop_delay_seconds until stopped (each scrape covers the time since the previous one). */
export function watchLoopDelay(url: string): () => Promise<LoopDelay> {
  const seen: LoopDelay = { maxMs: 0, p99Ms: 0 }
  let first = true
  const scrape = async () => {
    const text = await (await fetch(`${url}/api/metrics`)).text()
    // The first scrape covers the time before the run (the server's start): it only starts the window.
    if (first) {
      first = false
      return
    }
    const read = (q: string) => Number(new RegExp(`nodejs_eventloop_delay_seconds\\{quantile="${q}"\\} (\\S+)`).exec(text)?.[1] ?? 0) * 1000
    seen.maxMs = Math.max(seen.maxMs, Math.round(read('1')))
    seen.p99Ms = Math.max(seen.p99Ms, Math.round(read('0.99')))
  }
  let busy: Promise<void> = scrape().catch(() => undefined)
  const timer = setInterval(() => {
    busy = busy.then(scrape).catch(() => undefined)
  }, 500)
  return async () => {
    clearInterval(timer)
    await busy
    await scrape().catch(() => undefined)
    return seen
  }
}

export interface DeliveryRun {
  mode: WechatMode
  during: MixedResult
  loopDelay: LoopDelay
  /** p99 during delivery / p99 of the quiet run. */
  p99Ratio: number
  /** Of the 1,000: delivered within `drainSeconds` after WeChat recovered. */
  deliveredAfterRecovery: number
  drainSeconds: number
  /** Messages that reached WeChat more than once (by content) during this run. */
  sentTwice: number
}

export interface DeliveryBench {
  quiet: MixedResult
  quietLoopDelay: LoopDelay
  runs: DeliveryRun[]
}

/** 1,000 messages for 1,000 residents with real openids, due now; tagged so that they can be counted. */
async function fillOutbox(database: DatabaseLocation, tag: string) {
  const db = await openDatabase(database)
  try {
    await db.query(
      `WITH u AS (INSERT INTO users (openid, nickname) SELECT 'o-' || $1 || '-' || g, '居民' FROM generate_series(1, $2) g RETURNING id, openid)
       INSERT INTO outbox (user_id, topic, payload, created_at, next_attempt_at)
       SELECT id, 'request_status', jsonb_build_object('requestId', openid, 'number', openid, 'status', '已受理', 'note', ''), now(), now() FROM u`,
      [tag, MESSAGES],
    )
  } finally {
    await db.close()
  }
}

export async function benchDelivery(
  database: DatabaseLocation,
  rate: number,
  seconds: number,
  log: (s: string) => void,
): Promise<DeliveryBench> {
  const wechat = await startBenchWechat()
  // BENCH_SERVER_NODE_OPTIONS reaches the servers only (e.g. `--import <abs path>/bench/cpuProbe.mjs` for a CPU profile).
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
  const env = { ...wechat.env, LOG_LEVEL: 'warn', JOB_INTERVAL_MS: '1000', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) }
  try {
    let server = await startServer({ database, env })
    const setup = await setupMixed([server.url], { residents: 60, enrollments: Math.ceil(rate * seconds * 0.1 * 3), tag: 'wx' })
    // The quiet run starts on a server just restarted too, as the WeChat runs do: cold caches on both sides of the ratio.
    await server.stop()
    server = await startServer({ database, env: { ...env, SEED_DEMO: 'false' }, seedDemo: false })
    setup.urls = [server.url]
    await new Promise((r) => setTimeout(r, 1500))
    let watch = watchLoopDelay(server.url)
    const quiet = await runMixed(setup, rate, seconds)
    const quietLoopDelay = await watch()
    log(
      `quiet run @${rate}/s: p50 ${quiet.p50Ms} ms, p99 ${quiet.p99Ms} ms, failed ${quiet.failed} of ${quiet.sent}; event loop held up to ${quietLoopDelay.maxMs} ms`,
    )
    await server.stop()

    const runs: DeliveryRun[] = []
    for (const mode of ['slow', 'down'] as const) {
      const twiceBefore = wechat.duplicates()
      await fillOutbox(database, mode)
      await wechat.setMode(mode)
      server = await startServer({ database, env: { ...env, SEED_DEMO: 'false' }, seedDemo: false })
      setup.urls = [server.url]
      await new Promise((r) => setTimeout(r, 1500)) // the first tick has claimed a batch
      watch = watchLoopDelay(server.url)
      const during = await runMixed(setup, rate, seconds)
      const loopDelay = await watch()
      await wechat.setMode('ok')
      const ours = () => [...wechat.delivered.keys()].filter((k) => k.startsWith(`["o-${mode}-`)).length
      const t0 = Date.now()
      let last = -1
      let stableSince = Date.now()
      while (Date.now() - t0 < 60_000 && ours() < MESSAGES) {
        await new Promise((r) => setTimeout(r, 500))
        if (ours() !== last) {
          last = ours()
          stableSince = Date.now()
        } else if (Date.now() - stableSince > 5000) break
      }
      const run: DeliveryRun = {
        mode,
        during,
        loopDelay,
        p99Ratio: Math.round((during.p99Ms / Math.max(quiet.p99Ms, 1)) * 100) / 100,
        deliveredAfterRecovery: ours(),
        drainSeconds: Math.round((Date.now() - t0) / 1000),
        sentTwice: wechat.duplicates() - twiceBefore,
      }
      log(
        `WeChat ${mode}: p99 ${during.p99Ms} ms during delivery (×${run.p99Ratio} the quiet run), failed ${during.failed} of ${during.sent}, event loop held up to ${loopDelay.maxMs} ms; after recovery ${run.deliveredAfterRecovery}/${MESSAGES} delivered in ${run.drainSeconds} s, ${run.sentTwice} sent twice`,
      )
      runs.push(run)
      await server.stop()
    }
    return { quiet, quietLoopDelay, runs }
  } finally {
    await wechat.close()
  }
}
