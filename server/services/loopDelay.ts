/**
 * How late the event loop runs a 10 ms timer, tick after tick: the wait a call
 * has before its handler starts. A statement that holds the thread 100 ms (a
 * long PGlite statement, a big JSON answer) shows as a tick about 90 ms late.
 * Node's own monitorEventLoopDelay reported a single 60 ms hold as 13 ms when
 * read right after it, so this measures the ticks itself.
 */
const RESOLUTION_MS = 10
/** Samples kept between two reads (about 16 minutes of ticks); beyond, a random one is replaced. */
const KEPT = 100_000

export interface LoopDelay {
  /** The delays since the previous read, in seconds: median, 99th percentile, longest (0 when no tick yet). */
  read: () => { p50: number; p99: number; max: number }
  stop: () => void
}

export function watchLoopDelay(): LoopDelay {
  let samples: number[] = []
  let longest = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    const late = Math.max(0, now - last - RESOLUTION_MS)
    last = now
    longest = Math.max(longest, late)
    if (samples.length < KEPT) samples.push(late)
    else samples[Math.floor(Math.random() * KEPT)] = late
  }, RESOLUTION_MS)
  timer.unref()
  return {
    read() {
      const sorted = samples.sort((a, b) => a - b)
      const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!)
      const out = { p50: at(0.5) / 1000, p99: at(0.99) / 1000, max: longest / 1000 }
      samples = []
      longest = 0
      return out
    },
    stop: () => clearInterval(timer),
  }
}
