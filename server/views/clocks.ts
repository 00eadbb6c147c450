/** A request's two clocks (受理, 办结) as the workbench shows them (domain/sla's readClock). */
import type { RequestClock, RequestClocks } from '../../contract/types'
import { readClock, responseDueAt, targetFor, type ClockReading } from '../../domain/sla'
import type { AppContext } from '../context'
import type { RequestRow } from '../repositories/requests'

const shown = (c: ClockReading): RequestClock => ({ ...c, dueAt: c.dueAt.toISOString() })
const at = (d: Date | null) => (d ? new Date(d) : null)

export function requestClocks(r: RequestRow, now: Date, ctx: Pick<AppContext, 'targets' | 'calendar' | 'config'>): RequestClocks {
  if (r.status === 'cancelled') return null
  const accepted = r.status === 'submitted' ? null : (at(r.accepted_at) ?? at(r.resolved_at) ?? now)
  const resolutionTarget = targetFor(ctx.config.resolutionTargets, r.category, r.urgency)
  return {
    acceptance: shown(
      readClock('acceptance', {
        dueAt: new Date(r.due_at),
        doneAt: accepted,
        now,
        target: targetFor(ctx.targets, r.category, r.urgency),
        calendar: ctx.calendar,
      }),
    ),
    resolution: shown(
      readClock('resolution', {
        // From the submission, or from the latest reopening after a resolution (a 回访, 未解决, 重新处理).
        dueAt: responseDueAt(new Date(r.resolution_from ?? r.created_at), resolutionTarget, ctx.calendar),
        doneAt: r.status === 'resolved' ? at(r.resolved_at) : null,
        now,
        target: resolutionTarget,
        calendar: ctx.calendar,
      }),
    ),
  }
}
