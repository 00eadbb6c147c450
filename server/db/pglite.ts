import { PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite'
import { cube } from '@electric-sql/pglite/contrib/cube'
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance'
import { lockDataDir } from './lock'
import { changesSchema, StatementNames } from './statements'
import type { Database, Queryable, QueryResult } from './types'

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction
type BackendMessage = Parameters<typeof parse.parseResults>[0][number]

/** A statement that may write: anything but a plain SELECT (a SELECT that names a write counts too). */
export const mayWrite = (sql: string) => !/^\s*SELECT\b/i.test(sql) || /\b(INSERT|UPDATE|DELETE|nextval|setval)\b/i.test(sql)

const { serialize } = protocol

/** What Describe told of a named statement: its parameters' types and its result's columns (absent: no rows). */
interface Described {
  paramTypes: number[]
  rowDescription: BackendMessage | undefined
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/**
 * Named statements on PGlite's one session. PGlite's own `query` sends Parse, Describe, Bind, Describe,
 * Execute and Sync as six calls into WebAssembly, parsing and planning each time; a named statement is
 * parsed and described once (Parse + Describe + Sync, one call), then each run is Bind + Execute + Sync
 * in one call, its rows parsed by PGlite's own parsers with the row description kept from Describe.
 * The caller holds PGlite's mutexes (see `openPglite`). An error anywhere in a batch still ends at its
 * Sync, so the session is ready for the next statement (and a transaction is aborted, as with `query`).
 */
function preparedStatements(pg: PGlite) {
  const names = new StatementNames()
  const described = new Map<string, Described>()

  async function describe(name: string, sql: string): Promise<Described> {
    const known = described.get(name)
    if (known) return known
    const messages = await pg.execProtocolStream(
      concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    )
    const params = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined
    const entry = { paramTypes: params?.dataTypeIDs ?? [], rowDescription: messages.find((m) => m.name === 'rowDescription') }
    described.set(name, entry)
    return entry
  }

  return {
    nameFor: (sql: string) => names.nameFor(sql),
    /** Runs the named statement `name` (text `sql`); `durable`: sync the data folder after it, as outside a transaction. */
    async run<T>(name: string, sql: string, params: unknown[], durable: boolean): Promise<QueryResult<T>> {
      try {
        const { paramTypes, rowDescription } = await describe(name, sql)
        const values = params.map((param, i) => {
          if (param === null || param === undefined) return null
          const serializer = pg.serializers[paramTypes[i] ?? 0]
          return serializer ? serializer(param) : String(param)
        })
        const messages = await pg.execProtocolStream(
          concat([serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()]),
          { syncToFs: false },
        )
        const [res] = parse.parseResults(rowDescription ? [rowDescription, ...messages] : messages, pg.parsers)
        return { rows: (res?.rows ?? []) as T[], rowCount: res?.affectedRows ?? res?.rows.length ?? 0 }
      } catch (err) {
        // As PGlite's query does (makePGliteError): the statement travels with its error.
        if (err instanceof Error && 'code' in err) Object.assign(err, { query: sql, params })
        throw err
      } finally {
        if (durable) await pg.syncToFs()
      }
    },
    /** After DDL: drop every named statement, so that none keeps a row description of the old schema. */
    async forgetAll(exec: (sql: string) => Promise<unknown>) {
      names.forget()
      if (described.size === 0) return
      described.clear()
      await exec('DEALLOCATE ALL')
    },
  }
}

/**
 * Embedded PostgreSQL (PGlite) in a data folder. PGlite is one session: its own
 * mutex serializes every `query`, and transactions go through its transaction
 * API so that no other request's statement can land inside them. A statement
 * seen repeatedly runs as a named statement (statements.ts), in the same
 * mutexes: outside a transaction it takes the transaction mutex and then the
 * query mutex, as `pg.query` does; inside one (the transaction mutex is held by
 * it) only the query mutex, as `tx.query` does.
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
  const prepared = preparedStatements(pg)

  /** `wrote()` is told after each statement that may have written, once it completed. */
  function wrap(target: PgliteLike, tx: Transaction | null, wrote: () => void): Queryable {
    return {
      async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
        try {
          const name = prepared.nameFor(sql)
          if (name === undefined) {
            const res = await target.query<T>(sql, params)
            if (changesSchema(sql)) await prepared.forgetAll((s) => target.exec(s))
            return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length }
          }
          if (tx) {
            if (tx.closed) throw new Error('Transaction is closed')
            return await pg.runExclusive(() => prepared.run<T>(name, sql, params, false))
          }
          await pg._checkReady()
          return await pg._runExclusiveTransaction(() => pg.runExclusive(() => prepared.run<T>(name, sql, params, true)))
        } finally {
          if (mayWrite(sql)) wrote()
        }
      },
      async exec(sql: string) {
        try {
          await target.exec(sql)
          await prepared.forgetAll((s) => target.exec(s))
        } finally {
          wrote()
        }
      },
    }
  }

  let writes = 0
  const base = wrap(pg, null, () => writes++)
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    // A transaction's writes count once it has committed (or rolled back).
    async transaction(fn) {
      let dirty = false
      try {
        return await pg.transaction((tx) => fn(wrap(tx, tx, () => (dirty = true))))
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
