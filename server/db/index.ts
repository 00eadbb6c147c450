import type { Config } from '../config'
import { migrate } from './migrate'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Database } from './types'

export type { Database, Queryable, QueryResult } from './types'

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir)
  try {
    await migrate(db)
  } catch (err) {
    await db.close()
    throw err
  }
  return db
}
