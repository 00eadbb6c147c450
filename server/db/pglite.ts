import { PGlite, type Transaction } from '@electric-sql/pglite'
import { cube } from '@electric-sql/pglite/contrib/cube'
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance'
import { lockDataDir } from './lock'
import type { Database, Queryable, QueryResult } from './types'

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction

function wrap(target: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const res = await target.query<T>(sql, params)
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length }
    },
    async exec(sql: string) {
      await target.exec(sql)
    },
  }
}

/**
 * Embedded PostgreSQL (PGlite) in a data folder. PGlite is one session: its own
 * mutex serializes every `query`, and transactions go through its transaction
 * API so that no other request's statement can land inside them.
 * Pass `dataDir = null` for an in-memory database (benchmarks).
 */
export async function openPglite(dataDir: string | null): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => {}
  let pg: PGlite
  try {
    pg = await PGlite.create(dataDir ?? undefined, { extensions: { cube, earthdistance } })
  } catch (err) {
    release()
    throw err
  }
  const base = wrap(pg)
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        if (!pg.closed) await pg.close()
      } finally {
        release()
      }
    },
  }
}
