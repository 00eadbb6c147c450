/**
 * The API project's global setup and teardown: the two template databases
 * that freshDatabase() copies (see helpers/database.ts), made once per jest
 * run — `migrated` (the schema) and `seeded` (plus the demo data).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../../server/db'
import { seedDemoData } from '../../../server/seed'
import { TEMPLATE_ENV, adminQuery, databaseUrl, templateDatabaseName } from '../helpers/database'

export async function makeTemplates(): Promise<void> {
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
    process.env[TEMPLATE_ENV] = prefix
    return
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-template-'))
  const migrated = path.join(dir, 'migrated')
  await (await openDatabase({ dataDir: migrated, databaseUrl: null })).close()
  fs.cpSync(migrated, path.join(dir, 'seeded'), { recursive: true })
  const db = await openDatabase({ dataDir: path.join(dir, 'seeded'), databaseUrl: null })
  try {
    await seedDemoData(db)
  } finally {
    await db.close()
  }
  process.env[TEMPLATE_ENV] = dir
}

export async function removeTemplates(): Promise<void> {
  const templates = process.env[TEMPLATE_ENV]
  if (!templates) return
  delete process.env[TEMPLATE_ENV]
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) return fs.rmSync(templates, { recursive: true, force: true })
  for (const t of ['seeded', 'migrated'] as const) await adminQuery(admin, `DROP DATABASE IF EXISTS ${templateDatabaseName(templates, t)}`)
}
