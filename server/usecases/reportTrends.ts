/** The report's pictures (supervisors): week by week and by category, for their subtree or, drilling down, one station's. */
import type { ReportTrends, StationReportQuery } from '../../contract/types'
import { can, capabilityRefusal } from '../../domain/permissions'
import { reportPeriod } from '../../domain/reports'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import { forbidden, notFound, unwrap } from '../errors'
import { subtree } from '../repositories/reports'
import { reportTrends } from '../repositories/reportTrends'
import { scopeOf } from '../repositories/requests'

export async function stationTrends(ctx: Pick<AppContext, 'db'>, staff: Staff, q: StationReportQuery): Promise<ReportTrends> {
  if (!can(staff.role, 'reports.view')) throw forbidden(capabilityRefusal('reports.view'))
  const period = unwrap(reportPeriod(q.from, q.to))
  const scope = await scopeOf(ctx.db, staff)
  if (q.stationId && !scope.includes(q.stationId)) throw notFound('没有找到这个站点')
  return reportTrends(ctx.db, q.stationId ? await subtree(ctx.db, q.stationId) : scope, { ...period, from: q.from, to: q.to })
}
