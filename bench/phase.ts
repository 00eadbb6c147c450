/**
 * One phase of the benchmark on its own, for a machine too busy for the whole run:
 *   npx tsx bench/phase.ts delivery [pglite|postgres]   WeChat slow and down (bench/delivery.ts)
 *   npx tsx bench/phase.ts instances                     1 vs 2 instances on one PostgreSQL (bench/instances.ts)
 * Options: --rate=N (calls/s, default 50), --seconds=N (default 8).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPostgres } from '../server/db/postgres'
import { benchDelivery } from './delivery'
import { benchInstances } from './instances'
// @ts-expect-error plain ESM helper without types
import { startPostgres } from '../scripts/postgres.mjs'

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)

async function main() {
  const [phase, backend = phase === 'instances' ? 'postgres' : 'pglite'] = process.argv.slice(2).filter((a) => !a.startsWith('--'))
  const rate = arg('rate', 50)
  const seconds = arg('seconds', 8)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-phase-'))
  const pg = backend === 'postgres' ? await startPostgres({ log: () => {} }) : null
  if (backend === 'postgres' && !pg) throw new Error('PostgreSQL not installed')
  try {
    let databaseUrl: string | null = null
    if (pg) {
      const admin = await openPostgres(pg.url)
      await admin.query('CREATE DATABASE bench_phase')
      await admin.close()
      databaseUrl = pg.url.replace(/\/[^/]*$/, '/bench_phase')
    }
    const log = (l: string) => console.log(`${backend} ${l}`)
    const result =
      phase === 'instances'
        ? await benchInstances({ dataDir, databaseUrl }, rate, seconds, log)
        : await benchDelivery({ dataDir, databaseUrl }, rate, seconds, log)
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true })
    fs.writeFileSync(path.join(__dirname, 'results', `${phase}-${backend}.json`), JSON.stringify(result, null, 2))
  } finally {
    pg?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  process.exit(0)
}

void main()
