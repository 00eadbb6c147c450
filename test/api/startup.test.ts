/**
 * Instances starting together (a rolling deployment, an autoscaler) on a fresh
 * database: every start-up step — migrations, secrets, the demo data — must be
 * safe when several instances run it at the same moment. Three start-ups at
 * once, each as server/main.ts does it (open and migrate, the demo data,
 * buildApp), on one empty database; all come up and serve, and nothing is
 * doubled. On PostgreSQL each has its own connection pool, as separate
 * processes would; PGlite is one process by design (its data folder is locked,
 * lifecycle.test.ts), so there the three share its one handle.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import { openDatabase, type Database } from '../../server/db'
import { migrate } from '../../server/db/migrate'
import { seedDemoData } from '../../server/seed'
import { SEED_ACTIVITIES } from '../../server/seed/activities'
import { adminQuery, backend, databaseUrl } from './helpers/database'

jest.setTimeout(300_000)

const INSTANCES = 3

describe(`${INSTANCES} instances starting at the same moment on a fresh database (${backend})`, () => {
  const dbs: Database[] = []
  afterAll(async () => {
    for (const db of new Set(dbs)) await db.close()
  })

  test('all come up and serve; migrations, stations, accounts and activities exist once', async () => {
    const dataDir = fs.mkdtempSync(path.join(process.env.SGZ_TEST_RUN_DIR ?? os.tmpdir(), 'sgz-startup-'))
    let url: string | null = null
    const admin = process.env.TEST_DATABASE_URL
    if (admin) {
      const name = `sgz_startup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
      await adminQuery(admin, `CREATE DATABASE ${name}`) // empty: no template
      url = databaseUrl(admin, name)
    }
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) })
    const shared = url ? null : await openDatabase(config)
    if (shared) dbs.push(shared)
    const now = new Date()
    const startOne = async () => {
      const db = shared ?? (await openDatabase(config))
      if (!shared) dbs.push(db)
      if (shared) await migrate(db)
      await seedDemoData(db, now)
      return buildApp({ config, db, logger: false })
    }
    const started = await Promise.allSettled(Array.from({ length: INSTANCES }, startOne))
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error).message)] : []))
    expect(failures).toEqual([])
    const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    try {
      for (const app of apps) {
        const res = await app.inject({ method: 'GET', url: '/api/stations/nearby?lat=39.05&lng=121.78&limit=3' })
        expect(res.statusCode).toBe(200)
        expect(res.json().items).toHaveLength(3)
      }
      const db = dbs[0]!
      const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n
      const files = fs.readdirSync(path.join(__dirname, '../../server/db/migrations')).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
      expect(await count('SELECT count(*)::int AS n FROM schema_migrations')).toBe(files.length)
      expect(await count('SELECT count(*)::int AS n FROM (SELECT code FROM activities GROUP BY code HAVING count(*) > 1) d')).toBe(0)
      expect(await count('SELECT count(*)::int AS n FROM activities')).toBe(SEED_ACTIVITIES.length)
      expect(await count("SELECT count(*)::int AS n FROM users WHERE username = 'xianjin-li'")).toBe(1)
    } finally {
      for (const app of apps) await app.close()
    }
  })
})
