import pg from 'pg'
import type { Database, Queryable, QueryResult } from './types'

type Client = Pick<pg.PoolClient, 'query'>

function wrap(client: Client): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const res = await client.query(sql, params)
      return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length }
    },
    async exec(sql: string) {
      await client.query(sql)
    },
  }
}

/** A real PostgreSQL server through a `pg` pool (stateless API instances share it). */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  // connectionTimeoutMillis bounds the wait for a free connection too: a burst (500 families enrolling at once,
  // served one by one under the activity's row lock) queues here for seconds on a busy machine, and must not
  // fail for it. An unreachable server is still refused at once (ECONNREFUSED → 503).
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 30_000 })
  // An idle client's connection dropping (e.g. PostgreSQL restarting) must not crash the server.
  pool.on('error', () => {})
  // Fail fast at start when the database is unreachable.
  const probe = await pool.connect()
  probe.release()
  const base = wrap(pool)
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(wrap(client))
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e))
        throw err
      } finally {
        // A connection that could not even roll back (e.g. PostgreSQL restarted) is discarded, not reused.
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
}
