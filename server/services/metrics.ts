/**
 * The instance's metrics in Prometheus' text format (prom-client), one
 * registry per app: request durations per route, background job runs,
 * failures and durations, the outbox backlog and the age of its oldest
 * message, the database pool's waits, and how long the event loop was held
 * (every call and job of an instance shares its one thread; on PGlite the
 * database's own work runs in it too). Served at GET /api/metrics
 * (routes/metrics.ts), never to the public.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Database } from '../db'
import { outboxBacklog } from '../repositories/outbox'
import { watchLoopDelay } from './loopDelay'

export interface Metrics {
  registry: Registry
  requestDuration: Histogram<'method' | 'route' | 'status'>
  jobRuns: Counter<'job' | 'outcome'>
  jobDuration: Histogram<'job'>
  /** Staff alerts written by the near-target job (server/jobs.ts). */
  nearTargetAlerts: Counter
  /** Stops what samples in the background (the event-loop delay). */
  close(): void
}

export function createMetrics(db: Database, clock: () => Date): Metrics {
  const registry = new Registry()
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'API request duration per route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Background job runs by outcome (ok, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  })
  const jobDuration = new Histogram({
    name: 'job_duration_seconds',
    help: 'Background job duration',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    registers: [registry],
  })
  const nearTargetAlerts = new Counter({
    name: 'staff_alerts_near_target_total',
    help: 'Staff alerts written for requests near their response target',
    registers: [registry],
  })
  new Gauge({
    name: 'outbox_backlog',
    help: 'Notifications waiting to be delivered',
    registers: [registry],
    async collect() {
      this.set((await outboxBacklog(db, clock())).count)
    },
  })
  new Gauge({
    name: 'outbox_oldest_age_seconds',
    help: 'Age of the oldest notification waiting to be delivered (0 when none)',
    registers: [registry],
    async collect() {
      this.set((await outboxBacklog(db, clock())).oldestAgeSeconds)
    },
  })
  // The event loop's delay since the previous scrape: a call waits at least this long before its handler starts.
  const loop = watchLoopDelay()
  new Gauge({
    name: 'nodejs_eventloop_delay_seconds',
    help: 'Event-loop delay since the previous scrape, by quantile (1: the longest); a call waits this long before its handler starts',
    labelNames: ['quantile'] as const,
    registers: [registry],
    collect() {
      const delay = loop.read()
      this.set({ quantile: '0.5' }, delay.p50)
      this.set({ quantile: '0.99' }, delay.p99)
      this.set({ quantile: '1' }, delay.max)
    },
  })
  const pool = db.pool
  if (pool) {
    const waits = new Histogram({
      name: 'db_pool_wait_seconds',
      help: 'Wait for a free database connection',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
      registers: [registry],
    })
    const timeouts = new Counter({
      name: 'db_pool_timeouts_total',
      help: 'Calls answered 503 because no connection became free in time',
      registers: [registry],
    })
    pool.onWait = (seconds, timedOut) => {
      waits.observe(seconds)
      if (timedOut) timeouts.inc()
    }
    new Gauge({
      name: 'db_pool_waiting',
      help: 'Calls waiting for a database connection now',
      registers: [registry],
      collect() {
        this.set(pool.stats().waiting)
      },
    })
    new Gauge({
      name: 'db_pool_connections',
      help: 'Open database connections',
      registers: [registry],
      collect() {
        this.set(pool.stats().total)
      },
    })
    new Gauge({
      name: 'db_pool_max',
      help: 'Database connections this instance may open',
      registers: [registry],
      collect() {
        this.set(pool.max)
      },
    })
  }
  return { registry, requestDuration, jobRuns, jobDuration, nearTargetAlerts, close: () => loop.stop() }
}
