import pg from 'pg'
import { changesSchema, StatementNames } from './statements'
import type { Database, PoolObserver, Queryable, QueryResult } from './types'

type Client = Pick<pg.PoolClient, 'query'>

/**
 * A statement seen repeatedly runs named (statements.ts): node-postgres parses it once per connection and
 * then only binds and executes it, and the server skips parse and analysis. PostgreSQL re-plans a named
 * statement by itself when the schema or the statistics change.
 */
function wrap(client: Client, names: StatementNames, inTransaction: boolean): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const name = names.nameFor(sql)
      let res: pg.QueryResult
      try {
        res = await (name === undefined ? client.query(sql, params) : client.query({ name, text: sql, values: params }))
      } catch (err) {
        // Another instance changed the schema (a rolling deploy's migration) under a named statement whose columns
        // it changed: every name starts over, and a lone statement is run again unnamed (in a transaction, which the
        // error aborted, the call fails once, as any statement error does).
        if (name === undefined || !isStaleResultType(err)) throw err
        names.forget()
        if (inTransaction) throw err
        res = await client.query(sql, params)
      }
      if (name === undefined && changesSchema(sql)) names.forget()
      return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length }
    },
    async exec(sql: string) {
      await client.query(sql)
      names.forget()
    },
  }
}

export interface PoolOptions {
  /** Connections of this instance (DB_POOL_MAX). */
  max?: number
  /** How long a call may wait for a free connection before it is answered 503 (DB_POOL_WAIT_MS). */
  waitMs?: number
}

/** pg's message when no connection became free within connectionTimeoutMillis. */
export const POOL_TIMEOUT = /timeout exceeded when trying to connect/i

/** A real PostgreSQL server through a `pg` pool (stateless API instances share it). */
export async function openPostgres(url: string, options: PoolOptions = {}): Promise<Database> {
  // connectionTimeoutMillis bounds the wait for a free connection too: a burst (1,000 families enrolling at once,
  // served one by one under the activity's row lock) queues here; past the wait the call is answered 503 with
  // Retry-After (errors.ts: isDatabaseUnavailable), never 500. An unreachable server is refused at once (ECONNREFUSED → 503).
  const max = options.max ?? 10
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: options.waitMs ?? 30_000 })
  const names = new StatementNames()
  // An idle client's connection dropping (e.g. PostgreSQL restarting) must not crash the server.
  pool.on('error', () => {})
  // Fail fast at start when the database is unreachable.
  const probe = await pool.connect()
  probe.release()
  const observer: PoolObserver = {
    max,
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    onWait: null,
  }
  /** A connection, timing the wait for it. */
  const acquire = async () => {
    const t0 = performance.now()
    try {
      const client = await pool.connect()
      observer.onWait?.((performance.now() - t0) / 1000, false)
      return client
    } catch (err) {
      observer.onWait?.((performance.now() - t0) / 1000, POOL_TIMEOUT.test(String((err as Error).message)))
      throw err
    }
  }
  /** One statement on a connection of its own (pool.query would hide the wait). */
  const once = async <T>(use: (q: Queryable) => Promise<T>): Promise<T> => {
    const client = await acquire()
    let broken: Error | undefined
    try {
      return await use(wrap(client, names, false))
    } catch (err) {
      if (isConnectionError(err)) broken = err as Error
      throw err
    } finally {
      client.release(broken)
    }
  }
  return {
    kind: 'postgres',
    query: (sql, params) => once((q) => q.query(sql, params)),
    exec: (sql) => once((q) => q.exec(sql)),
    async transaction(fn) {
      const client = await acquire()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(wrap(client, names, true))
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
    pool: observer,
  }
}

/** PostgreSQL's refusal to run a named statement whose result columns changed since it was parsed. */
const isStaleResultType = (err: unknown) =>
  (err as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message))

/** A connection that failed at the transport level is not given back to the pool. */
function isConnectionError(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? '')
  return ['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) || /Connection terminated/i.test(String((err as Error).message))
}
