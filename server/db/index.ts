import type { Config } from '../config'
import { migrate } from './migrate'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Database } from './types'

export type { Database, PoolObserver, Queryable, QueryResult } from './types'

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'pool'>>): Promise<Database> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl, config.pool) : await openPglite(config.dataDir)
  try {
    await migrate(db)
  } catch (err) {
    await db.close()
    throw err
  }
  return db
}
