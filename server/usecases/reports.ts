/** The supervisors' station report (social workers: 403), for their subtree or, drilling down, one station's. */
import type { StationReport, StationReportQuery } from '../../contract/types'
import { can, capabilityRefusal } from '../../domain/permissions'
import { reportPeriod } from '../../domain/reports'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { forbidden, notFound, unwrap } from '../errors'
import { reportFigures, subtree, workerFigures } from '../repositories/reports'
import { scopeOf } from '../repositories/requests'

/** `db` may be a transaction (the benchmark plans it without indexes); only the clock is read from the context. */
export async function stationReport(
  ctx: Pick<AppContext, 'clock'>,
  db: Queryable,
  staff: Staff,
  q: StationReportQuery,
): Promise<StationReport> {
  if (!can(staff.role, 'reports.view')) throw forbidden(capabilityRefusal('reports.view'))
  const { start, end } = unwrap(reportPeriod(q.from, q.to))
  let scope = await scopeOf(db, staff)
  if (q.stationId) {
    if (!scope.includes(q.stationId)) throw notFound('没有找到这个站点')
    scope = await subtree(db, q.stationId)
  }
  return {
    from: q.from,
    to: q.to,
    ...(await reportFigures(db, scope, start, end, ctx.clock())),
    workers: await workerFigures(db, scope, start, end),
  }
}
