/**
 * The API project's global setup and teardown (also the browser tests'): the
 * run's folder and the two template databases that freshDatabase() copies (see
 * helpers/database.ts), made once per jest run — `migrated` (the schema) and
 * `seeded` (plus the demo data).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../../server/db'
import { seedDemoData } from '../../../server/seed'
import { RUN_DIR_ENV, TEMPLATE_DB_ENV, adminQuery, databaseUrl, templateDatabaseName, templateDir } from '../helpers/database'

export async function makeTemplates(): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-test-run-'))
  process.env[RUN_DIR_ENV] = runDir
  const admin = process.env.TEST_DATABASE_URL
  if (admin) {
    const prefix = `sgz_tpl_${process.pid}`
    for (const t of ['migrated', 'seeded'] as const) {
      const name = templateDatabaseName(prefix, t)
      await adminQuery(admin, `CREATE DATABASE ${name}${t === 'seeded' ? ` TEMPLATE ${templateDatabaseName(prefix, 'migrated')}` : ''}`)
      const db = await openDatabase({ databaseUrl: databaseUrl(admin, name), dataDir: '' })
      try {
        if (t === 'seeded') await seedDemoData(db)
      } finally {
        await db.close()
      }
    }
    process.env[TEMPLATE_DB_ENV] = prefix
    return
  }
  const migrated = templateDir(runDir, 'migrated')
  await (await openDatabase({ dataDir: migrated, databaseUrl: null })).close()
  fs.cpSync(migrated, templateDir(runDir, 'seeded'), { recursive: true })
  const db = await openDatabase({ dataDir: templateDir(runDir, 'seeded'), databaseUrl: null })
  try {
    await seedDemoData(db)
  } finally {
    await db.close()
  }
}

export async function removeTemplates(): Promise<void> {
  const runDir = process.env[RUN_DIR_ENV]
  const prefix = process.env[TEMPLATE_DB_ENV]
  delete process.env[RUN_DIR_ENV]
  delete process.env[TEMPLATE_DB_ENV]
  const admin = process.env.TEST_DATABASE_URL
  if (admin && prefix) {
    for (const t of ['seeded', 'migrated'] as const) await adminQuery(admin, `DROP DATABASE IF EXISTS ${templateDatabaseName(prefix, t)}`)
  }
  // Every test's data folder is in here (some 40 MB and a thousand files each for PGlite): removed by a detached
  // `rm`, so that jest need not wait for it.
  if (runDir) spawn('rm', ['-rf', runDir], { detached: true, stdio: 'ignore' }).unref()
}
