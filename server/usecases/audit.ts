/**
 * 操作日志: who changed what in the caller's subtree — stations, accounts, the
 * calendar, imports — newest first, filterable. Admins and supervisors read
 * the rows of their station and every station below; an admin at the top of
 * the network (a station without a parent) also the rows about no station.
 */
import type { AuditList, AuditQuery } from '../../contract/types'
import { reportPeriod } from '../../domain/reports'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import { notFound, unwrap } from '../errors'
import { auditRows } from '../repositories/auditLog'
import { loadStation, scopeOf } from '../repositories/requests'

export const AUDIT_PAGE = 50

export async function listAudit(ctx: AppContext, staff: Staff, q: AuditQuery): Promise<AuditList> {
  const scope = await scopeOf(ctx.db, staff)
  let stationIds = scope
  if (q.stationId) {
    if (!scope.includes(q.stationId)) throw notFound('找不到这个站点')
    stationIds = await scopeOf(ctx.db, { ...staff, role: 'admin', stationId: q.stationId })
  }
  const period = q.from || q.to ? unwrap(reportPeriod(q.from ?? '2000-01-01', q.to ?? '2999-12-31', { maxDays: null })) : null
  const top = !q.stationId && staff.role === 'admin' && (await loadStation(ctx.db, staff.stationId))?.parentId === null
  const items = await auditRows(ctx.db, {
    stationIds,
    withoutStation: top,
    entity: q.entity,
    actorId: q.actorId,
    start: period?.start,
    end: period?.end,
    before: q.before,
    limit: AUDIT_PAGE + 1,
  })
  const more = items.length > AUDIT_PAGE
  const page = items.slice(0, AUDIT_PAGE)
  return { items: page, nextBefore: more ? page[page.length - 1]!.id : null }
}
