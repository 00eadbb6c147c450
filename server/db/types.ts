/** The one database interface the server uses, over PGlite or PostgreSQL. */

export interface QueryResult<T> {
  rows: T[]
  rowCount: number
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when
   * it throws. Never issue BEGIN/COMMIT by hand: on PGlite (a single session)
   * that would swallow other requests' statements.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
  /**
   * PGlite only (one process owns the data): grows once a statement or
   * transaction that may have written has completed. Unchanged since a read,
   * nothing was written since: in-memory copies (services/stationIndex) skip
   * asking the database. Absent on PostgreSQL, where other instances write.
   */
  writes?: () => number
  /** PostgreSQL only: the connection pool as it is now, and a listener for every wait for a connection. */
  pool?: PoolObserver
}

export interface PoolObserver {
  readonly max: number
  stats(): { total: number; idle: number; waiting: number }
  /** Called after each acquisition (or its timeout) with how long the caller waited. */
  onWait: ((seconds: number, timedOut: boolean) => void) | null
}
