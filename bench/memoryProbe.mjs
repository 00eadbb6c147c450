/**
 * Loaded into the benchmarked server process (`NODE_OPTIONS=--import …`): it
 * samples `process.memoryUsage()` every 20 ms and keeps the peaks. On SIGUSR2
 * it prints them as one line (`memory-peak {…}`, bytes) and starts over, so
 * the bench reads the peaks of one stage of its run. A sample cannot be taken
 * while the server runs synchronous code; the bench reads the exact peak RSS
 * from /proc (VmHWM) beside it.
 */
const zero = () => ({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 })
let peak = zero()
const sample = () => {
  const now = process.memoryUsage()
  for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], now[key])
}
setInterval(sample, 20).unref()
process.on('SIGUSR2', () => {
  sample()
  process.stdout.write(`memory-peak ${JSON.stringify(peak)}\n`)
  peak = zero()
  sample()
})
