/**
 * A CPU profile of a whole server process, for the WeChat phases
 * (bench/delivery.ts), whose servers are child processes: Node refuses
 * `--cpu-prof` in NODE_OPTIONS, so load this instead:
 *   BENCH_SERVER_NODE_OPTIONS="--import $PWD/bench/cpuProbe.mjs" npx tsx bench/phase.ts delivery pglite
 * Each server writes <tmpdir>/sgz-cpu-<pid>.cpuprofile when it is stopped
 * (SIGTERM, before its own shutdown) or exits; open it in Chrome's DevTools.
 */
import fs from 'node:fs'
import inspector from 'node:inspector'
import os from 'node:os'
import path from 'node:path'

const session = new inspector.Session()
session.connect()
session.post('Profiler.enable')
session.post('Profiler.setSamplingInterval', { interval: 500 })
session.post('Profiler.start')
let written = false
const write = () => {
  if (written) return
  written = true
  session.post('Profiler.stop', (err, result) => {
    if (!err) fs.writeFileSync(path.join(os.tmpdir(), `sgz-cpu-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
  })
}
process.prependListener('SIGTERM', write)
process.on('exit', write)
