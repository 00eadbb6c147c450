/**
 * A throw-away PostgreSQL server driven over stdin, for tests that need an
 * outage (jest cannot import this ESM helper directly): prints `{"url":…}`,
 * then answers each line `halt` / `resume` / `stop` with `done <command>`.
 */
import readline from 'node:readline'
import { startPostgres } from './postgres.mjs'

const pg = await startPostgres({ log: () => {} })
if (!pg) {
  console.log(JSON.stringify({ error: 'PostgreSQL is not installed' }))
  process.exit(1)
}
console.log(JSON.stringify({ url: pg.url }))
const stop = () => {
  pg.stop()
  process.exit(0)
}
process.on('SIGTERM', stop)
for await (const line of readline.createInterface({ input: process.stdin })) {
  const cmd = line.trim()
  if (cmd === 'halt') pg.halt()
  else if (cmd === 'resume') pg.resume()
  else if (cmd === 'stop') stop()
  console.log(`done ${cmd}`)
}
stop()
