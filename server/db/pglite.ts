import { PGlite, type Transaction } from '@electric-sql/pglite'
import { cube } from '@electric-sql/pglite/contrib/cube'
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance'
import { lockDataDir } from './lock'
import type { Database, Queryable, QueryResult } from './types'

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction

/** A statement that may write: anything but a plain SELECT (a SELECT that names a write counts too). */
export const mayWrite = (sql: string) => !/^\s*SELECT\b/i.test(sql) || /\b(INSERT|UPDATE|DELETE|nextval|setval)\b/i.test(sql)

/** `wrote()` is told after each statement that may have written, once it completed. */
function wrap(target: PgliteLike, wrote: () => void): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      try {
        const res = await target.query<T>(sql, params)
        return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length }
      } finally {
        if (mayWrite(sql)) wrote()
      }
    },
    async exec(sql: string) {
      try {
        await target.exec(sql)
      } finally {
        wrote()
      }
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
  let writes = 0
  const base = wrap(pg, () => writes++)
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    // A transaction's writes count once it has committed (or rolled back).
    async transaction(fn) {
      let dirty = false
      try {
        return await pg.transaction((tx) => fn(wrap(tx, () => (dirty = true))))
      } finally {
        if (dirty) writes++
      }
    },
    writes: () => writes,
    async close() {
      try {
        if (!pg.closed) await pg.close()
      } finally {
        release()
      }
    },
  }
}
