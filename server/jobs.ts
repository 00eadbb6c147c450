/**
 * Background jobs of an API instance: the escalation of overdue requests and
 * the notification sender. Both are safe with several instances on one
 * PostgreSQL (rows are taken with FOR UPDATE SKIP LOCKED) and take the clock
 * as an argument, so tests drive them with an injected time.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from './config'
import type { Database } from './db'
import { escalateOverdue } from './repositories/requests'
import { deliverPending } from './services/notifier'

export function startJobs(db: Database, config: Config, log: FastifyBaseLogger, clock: () => Date = () => new Date()) {
  if (config.jobIntervalMs === 0) return () => {}
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      const moved = await db.transaction((tx) => escalateOverdue(tx, clock(), config.responseTargets))
      if (moved > 0) log.info({ moved }, 'escalated overdue requests')
      await deliverPending(db, config, log, clock())
    } catch (err) {
      log.error({ err }, 'background job failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), config.jobIntervalMs)
  timer.unref()
  void tick()
  return () => clearInterval(timer)
}
