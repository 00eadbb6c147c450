/**
 * Background jobs of an API instance: the escalation of overdue requests,
 * expiry of waitlist offers, reminders the day before an activity, the purge
 * of personal data past its retention period, resealing with the current
 * data key, and the notification sender; first, the working calendar is
 * reloaded (holidays an admin entered on any instance).
 * All are safe with several instances on one PostgreSQL (row locks, SKIP
 * LOCKED, unique keys) and take the clock as an argument, so tests drive them
 * with an injected time.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context'
import { purgeExpired } from './repositories/account'
import { remindBookingsTomorrow } from './repositories/bookings'
import { remindTomorrow } from './repositories/enrollments'
import { resealFields } from './repositories/reseal'
import { deliverPending } from './services/notifier'
import { expireOffers } from './usecases/enrollments'
import { escalateOverdue } from './usecases/requests'

export function startJobs(ctx: AppContext, log: FastifyBaseLogger) {
  const { db, config, clock } = ctx
  if (config.jobIntervalMs === 0) return () => {}
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      // Holidays an admin entered on another instance count here from the next tick on.
      await ctx.calendar.reload(db)
      const moved = await db.transaction((tx) => escalateOverdue(ctx, tx))
      if (moved > 0) log.info({ moved }, 'escalated overdue requests')
      const expired = await expireOffers(ctx)
      if (expired > 0) log.info({ expired }, 'expired waitlist offers')
      const reminded = await db.transaction((tx) => remindTomorrow(tx, clock()))
      if (reminded > 0) log.info({ reminded }, 'queued activity reminders')
      const bookingReminders = await db.transaction((tx) => remindBookingsTomorrow(tx, clock()))
      if (bookingReminders > 0) log.info({ bookingReminders }, 'queued booking reminders')
      const purged = await db.transaction((tx) => purgeExpired(tx, clock(), config.retentionDays))
      if (purged.requests + purged.enrollments > 0) log.info(purged, 'purged personal data past retention')
      const resealed = await db.transaction((tx) => resealFields(tx))
      if (resealed > 0) log.info({ resealed }, 'sealed phone numbers and addresses with the current data key')
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
