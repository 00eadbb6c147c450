import fs from 'node:fs'
import path from 'node:path'
import type { Database } from './types'

const MIGRATIONS_DIR = path.join(__dirname, 'migrations')

/** The advisory lock that start-up work holds while it changes the database (migrations, the demo data). */
export const MIGRATION_LOCK = 4242001

/** Numbered plain-SQL migrations, applied once each, in order, for PGlite and PostgreSQL alike. */
export async function migrate(db: Database): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
  // Several API instances may start at once on one PostgreSQL: one migrates, the others wait — from the very
  // first statement (two CREATE TABLE IF NOT EXISTS at once on a fresh database collide on the catalog).
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`)
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
  })
  const applied: string[] = []
  for (const file of files) {
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
    const done = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`)
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file])
      if (rows.length > 0) return false
      await tx.exec(sql)
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file])
      return true
    })
    if (done) applied.push(file)
  }
  return applied
}
