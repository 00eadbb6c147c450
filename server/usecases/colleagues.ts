/**
 * Naming a colleague (assignment, a booking's or a proposal's worker, a
 * worker's availability or leave): a worker of the station whose account is in
 * use. A disabled (停用) account is refused with 409 CONFLICT saying so, next to
 * the field; anyone else with the caller's own refusal.
 */
import type { Queryable } from '../db'
import { fail, type Refused } from '../errors'
import { colleaguesOf, disabledColleague, type ColleagueRow } from '../repositories/workload'

export async function requireActiveColleague(
  db: Queryable,
  stationId: string,
  userId: string,
  refusal: { field: string; notColleague: () => Refused },
  opts: { forUpdate?: boolean } = {},
): Promise<ColleagueRow> {
  const [c] = await colleaguesOf(db, stationId, { userId, forUpdate: opts.forUpdate })
  if (c) return c
  const disabled = await disabledColleague(db, stationId, userId)
  if (disabled !== null) throw fail('CONFLICT', `${disabled || '这位社工'}的账号已停用，请选择其他社工`, refusal.field)
  throw refusal.notColleague()
}
