/**
 * What every request handler, use case and background job of an API instance
 * works with, in one object: the database, the configuration, the clock (the
 * tests inject one), the response targets, the key that signs check-in codes,
 * China's working calendar, the metrics.
 */
import type { ResponseTargets } from '../domain/sla'
import type { Config } from './config'
import type { Database } from './db'
import { liveCalendar, type LiveCalendar } from './services/calendar'
import { loadSecret } from './services/checkinCode'
import { createMetrics, type Metrics } from './services/metrics'

export interface AppContext {
  db: Database
  config: Config
  /** The server's clock; injected in tests. */
  clock: () => Date
  /** How long stations have to accept a request (config.responseTargets). */
  targets: ResponseTargets
  /** Signs check-in codes; shared by every instance through the database. */
  checkinKey: Buffer
  /** China's working calendar (shipped holidays + the admin's days), reloaded by the jobs loop. */
  calendar: LiveCalendar
  /** This instance's Prometheus metrics (GET /api/metrics). */
  metrics: Metrics
}

export async function createContext(opts: { db: Database; config: Config; clock?: () => Date }): Promise<AppContext> {
  const clock = opts.clock ?? (() => new Date())
  return {
    db: opts.db,
    config: opts.config,
    clock,
    targets: opts.config.responseTargets,
    checkinKey: await loadSecret(opts.db, 'checkin'),
    calendar: await liveCalendar(opts.db),
    metrics: createMetrics(opts.db, clock),
  }
}

/** The same context at a fixed moment (the jobs and the tests step through time with it). */
export const at = (ctx: AppContext, now: Date): AppContext => ({ ...ctx, clock: () => now })
