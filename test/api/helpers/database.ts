/**
 * A fresh database for each test file, on PGlite (a temporary data folder) or —
 * when TEST_DATABASE_URL is set — on a real PostgreSQL server (a new database).
 *
 * Migrating and loading the demo data costs seconds per database (scrypt for the
 * five demo station accounts alone is half a second), so the API project's
 * global setup (templates.ts) does it once per jest run and leaves two
 * templates: `migrated` (the schema, no rows) and `seeded` (plus the demo data,
 * as `seedDemoData` left it). A fresh database is a copy of one of them: a copy
 * of the data folder for PGlite, `CREATE DATABASE … TEMPLATE …` on PostgreSQL.
 * Opening it still runs the migrations, which then find nothing to do. Without
 * the templates (a file run outside jest's global setup), it starts empty in a
 * temporary folder and the migrations build it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export const backend: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'

/** Where a server finds its database: a PGlite data folder, or a PostgreSQL URL (the folder then stays empty). */
export interface DatabaseLocation {
  dataDir: string
  databaseUrl: string | null
}

export type Template = 'migrated' | 'seeded'

/**
 * Set by the global setup (test/api/setup/templates.ts): the run's folder, which holds the PGlite templates
 * (`template-migrated/`, `template-seeded/`) and every test's data folder, and goes at the end of the run;
 * and, on PostgreSQL, the prefix of the two template databases.
 */
export const RUN_DIR_ENV = 'SGZ_TEST_RUN_DIR'
export const TEMPLATE_DB_ENV = 'SGZ_TEST_TEMPLATE_DB'

export const templateDir = (runDir: string, template: Template) => path.join(runDir, `template-${template}`)
export const templateDatabaseName = (prefix: string, template: Template) => `${prefix}_${template}`

/**
 * A fresh database for one test file (or one server): empty but migrated by
 * default; `'seeded'` holds the demo stations, accounts and this week's demo
 * activities too.
 */
export async function freshDatabase(template: Template = 'migrated'): Promise<DatabaseLocation> {
  const runDir = process.env[RUN_DIR_ENV]
  const dataDir = fs.mkdtempSync(path.join(runDir ?? os.tmpdir(), 'sgz-api-'))
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) {
    if (runDir) fs.cpSync(templateDir(runDir, template), dataDir, { recursive: true })
    return { dataDir, databaseUrl: null }
  }
  const templates = process.env[TEMPLATE_DB_ENV]
  const name = `sgz_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await adminQuery(admin, `CREATE DATABASE ${name}${templates ? ` TEMPLATE ${templateDatabaseName(templates, template)}` : ''}`)
  return { dataDir, databaseUrl: databaseUrl(admin, name) }
}

/** The URL of database `name` on the server of `admin`. */
export function databaseUrl(admin: string, name: string): string {
  const url = new URL(admin)
  url.pathname = `/${name}`
  return url.toString()
}

/** One statement on the server's maintenance connection (CREATE / DROP DATABASE cannot run in a transaction). */
export async function adminQuery(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
