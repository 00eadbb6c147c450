/**
 * 回访, end to end: scheduling a call when a worker resolves a request, the
 * calls due (and coming) for the stations a worker sees, and recording a
 * call's outcome — 还需要帮助 sends the request back to its station's queue,
 * in the same transaction.
 */
import { SENSITIVE_CATEGORIES } from '../../contract/requests'
import type { FollowUpList, FollowUpOutcome, FollowUpOutcomeBody } from '../../contract/types'
import { addDays } from '../../domain/chinaTime'
import { checkOutcome, followUpDueAt, outcomeRefusal } from '../../domain/followups'
import { reopenedOnFollowUp } from '../../domain/requests'
import { canSee, type Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { notFound, refuse, unwrap } from '../errors'
import { insertFollowUp, lockFollowUp, openFollowUps, recordAttempt } from '../repositories/followups'
import { insertEvent, loadRequest, saveChange, scopeOf, stateOf, type RequestRow } from '../repositories/requests'

/** How far ahead 即将回访 looks. */
const UPCOMING_DAYS = 14
const NOT_FOUND_MESSAGE = '没有找到这条回访'

/** In the resolve's transaction: the call `days` days after this resolution (`row` as it was before resolving). */
export async function scheduleFollowUp(tx: Queryable, row: RequestRow, staff: Staff, days: number, resolvedAt: Date): Promise<void> {
  await insertFollowUp(tx, {
    requestId: row.id,
    stationId: row.station_id,
    resolution: Number(row.resolutions) + 1,
    resolvedAt,
    dueAt: followUpDueAt(resolvedAt, days),
    scheduledBy: staff.id,
  })
}

/** The calls of the stations the worker sees: due now, and due within two weeks. */
export async function listFollowUps(ctx: AppContext, staff: Staff): Promise<FollowUpList> {
  const now = ctx.clock()
  const items = await openFollowUps(ctx.db, {
    stationIds: await scopeOf(ctx.db, staff),
    ownStationId: staff.stationId,
    sensitive: SENSITIVE_CATEGORIES,
    until: addDays(now, UPCOMING_DAYS),
    now,
  })
  return { due: items.filter((i) => i.due), upcoming: items.filter((i) => !i.due) }
}

/** Records a call's outcome (a call out of the worker's sight: 404). */
export async function recordOutcome(ctx: AppContext, staff: Staff, id: string, body: FollowUpOutcomeBody): Promise<FollowUpOutcome> {
  const outcome = unwrap(checkOutcome(body))
  return ctx.db.transaction(async (tx) => {
    const call = await lockFollowUp(tx, id)
    if (!call || !canSee(staff, await scopeOf(tx, staff), { stationId: call.station_id, category: call.category }))
      throw notFound(NOT_FOUND_MESSAGE)
    const refusal = outcomeRefusal({
      closed: !!call.closed_at,
      requestStatus: call.request_status,
      resolution: Number(call.resolution),
      requestResolutions: Number(call.request_resolutions),
      purged: call.purged,
    })
    if (refusal) throw refuse(refusal)
    const now = ctx.clock()
    const attempts = await recordAttempt(tx, call.id, staff.id, outcome, now)
    const reopened = outcome.reached && outcome.needsMoreHelp
    if (reopened) {
      const row = (await loadRequest(tx, call.request_id, { forUpdate: true }))!
      await saveChange(tx, row.id, reopenedOnFollowUp(stateOf(row), staff, { now, targets: ctx.targets, calendar: ctx.calendar }))
      if (outcome.note) {
        await insertEvent(tx, row.id, {
          type: 'note',
          actorId: staff.id,
          stationId: staff.stationId,
          toStationId: null,
          body: `回访记录：${outcome.note}`,
          internal: true,
          at: now,
          elapsedSeconds: null,
          onTime: null,
        })
      }
    }
    return { closed: outcome.reached, attempts, reopened }
  })
}
