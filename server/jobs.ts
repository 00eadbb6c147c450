/**
 * Background jobs of an API instance: the working calendar's reload (holidays
 * an admin entered on any instance), the escalation of overdue requests,
 * expiry of waitlist offers, reminders the day before an activity or a booking, the purge
 * of personal data past its retention period, staff alerts for requests near their response target (and of old staff login attempts), resealing with the current
 * data key, and the notification sender.
 *
 * Each job runs on its own: its own error handling, a log line with its name,
 * metrics (runs by outcome, duration) and a backoff after failures — a job
 * that throws every time is retried less and less often and never stops the
 * others. All are safe with several instances on one PostgreSQL (row locks,
 * SKIP LOCKED, unique keys) and take the clock from the context, so tests
 * drive them with an injected time.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context'
import { purgeExpired } from './repositories/account'
import { reindexBlind, resealFields } from './repositories/reseal'
import { alertNearTarget } from './repositories/staffAlerts'
import { deliverPending } from './services/notifier'
import { expireOffers } from './usecases/enrollments'
import { forgetLoginAttempts } from './usecases/loginThrottle'
import { remindBookings, remindSessions } from './usecases/reminders'
import { escalateOverdue } from './usecases/requests'

export interface Job {
  name: string
  /** Does the work; returns what it logs when it did something (null or 0: nothing to say). */
  run: (ctx: AppContext, log: FastifyBaseLogger) => Promise<Record<string, number> | null>
}

const some = (key: string, n: number) => (n > 0 ? { [key]: n } : null)

export const JOBS: Job[] = [
  // Holidays an admin entered on another instance count here from the next tick on.
  { name: 'calendar', run: async (ctx) => (await ctx.calendar.reload(ctx.db), null) },
  { name: 'escalation', run: async (ctx) => some('moved', await ctx.db.transaction((tx) => escalateOverdue(ctx, tx))) },
  { name: 'offer-expiry', run: async (ctx) => some('expired', await expireOffers(ctx)) },
  // The day before, with the calendar: a station closed that day is said in the reminder.
  { name: 'reminders', run: async (ctx) => some('reminded', await ctx.db.transaction((tx) => remindSessions(ctx, tx))) },
  { name: 'booking-reminders', run: async (ctx) => some('reminded', await ctx.db.transaction((tx) => remindBookings(ctx, tx))) },
  {
    // Requests still waiting close to their response target: their station's opted-in workers are told once.
    name: 'near-target-alerts',
    run: async (ctx) => {
      const written = await ctx.db.transaction((tx) => alertNearTarget(tx, ctx.clock()))
      ctx.metrics.nearTargetAlerts.inc(written)
      return some('alerted', written)
    },
  },
  { name: 'login-attempts', run: async (ctx) => (await forgetLoginAttempts(ctx.db, ctx.clock()), null) },
  {
    name: 'retention',
    run: async (ctx) => {
      const purged = await ctx.db.transaction((tx) => purgeExpired(tx, ctx.clock(), ctx.config.retentionDays))
      return purged.requests + purged.enrollments + purged.bookings > 0 ? purged : null
    },
  },
  { name: 'reseal', run: async (ctx) => some('resealed', await ctx.db.transaction((tx) => resealFields(tx))) },
  { name: 'blind-index', run: async (ctx) => some('indexed', await ctx.db.transaction((tx) => reindexBlind(tx))) },
  { name: 'notifications', run: async (ctx, log) => some('delivered', await deliverPending(ctx.db, ctx.config, log, ctx.clock())) },
]

/** After n failures in a row a job waits min(2^n ticks, 10 minutes) before its next try. */
export const backoffMs = (intervalMs: number, failures: number) => Math.min(intervalMs * 2 ** failures, 600_000)

/** One tick over `jobs`: each in turn, each on its own; `now` is the real time that backoff is counted in. */
export function jobRunner(ctx: AppContext, log: FastifyBaseLogger, jobs: Job[] = JOBS, intervalMs = ctx.config.jobIntervalMs || 30_000) {
  const state = new Map(jobs.map((j) => [j.name, { failures: 0, notBefore: 0 }]))
  return async function tick(now = Date.now()): Promise<void> {
    for (const job of jobs) {
      const standing = state.get(job.name)!
      if (now < standing.notBefore) continue
      const stop = ctx.metrics.jobDuration.startTimer({ job: job.name })
      try {
        const said = await job.run(ctx, log)
        standing.failures = 0
        standing.notBefore = 0
        ctx.metrics.jobRuns.inc({ job: job.name, outcome: 'ok' })
        if (said && Object.values(said).some((n) => n > 0)) log.info({ job: job.name, ...said }, `job ${job.name} done`)
      } catch (err) {
        standing.failures++
        standing.notBefore = now + backoffMs(intervalMs, standing.failures)
        ctx.metrics.jobRuns.inc({ job: job.name, outcome: 'failed' })
        log.error({ err, job: job.name, failures: standing.failures, retryInMs: standing.notBefore - now }, `job ${job.name} failed`)
      } finally {
        stop()
      }
    }
  }
}

export function startJobs(ctx: AppContext, log: FastifyBaseLogger, jobs: Job[] = JOBS) {
  if (ctx.config.jobIntervalMs === 0) return () => {}
  const tick = jobRunner(ctx, log, jobs)
  let running = false
  const once = async () => {
    if (running) return
    running = true
    try {
      await tick()
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void once(), ctx.config.jobIntervalMs)
  timer.unref()
  void once()
  return () => clearInterval(timer)
}
