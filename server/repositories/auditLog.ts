/** Reading the audit log (writing it: ./audit.ts): newest first, a page at a time. */
import type { AuditEntity } from '../../contract/staffAccounts'
import type { AuditEntry } from '../../contract/types'
import type { Queryable } from '../db'

interface AuditRow {
  id: string
  at: Date
  actor_id: string | null
  actor_name: string
  station_id: string | null
  station_name: string | null
  entity: string
  entity_id: string | null
  action: string
  changes: AuditEntry['changes']
  summary: string
}

export interface AuditFilter {
  /** Rows about these stations… */
  stationIds: readonly string[]
  /** …and, for an admin at the top of the network, rows about no station (the holiday calendar). */
  withoutStation: boolean
  entity?: AuditEntity
  actorId?: string
  start?: Date
  end?: Date
  before?: number
  limit: number
}

export async function auditRows(db: Queryable, f: AuditFilter): Promise<AuditEntry[]> {
  const params: unknown[] = [f.stationIds]
  const where = [f.withoutStation ? '(a.station_id = ANY ($1::uuid[]) OR a.station_id IS NULL)' : 'a.station_id = ANY ($1::uuid[])']
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value)
    where.push(sql(`$${params.length}`))
  }
  if (f.entity) add((p) => `a.entity = ${p}`, f.entity)
  if (f.actorId) add((p) => `a.actor_id = ${p}`, f.actorId)
  if (f.start) add((p) => `a.at >= ${p}`, f.start)
  if (f.end) add((p) => `a.at < ${p}`, f.end)
  if (f.before) add((p) => `a.id < ${p}`, f.before)
  params.push(f.limit)
  const { rows } = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, a.actor_name, a.station_id, s.name AS station_name, a.entity, a.entity_id, a.action, a.changes, a.summary
       FROM audit_log a LEFT JOIN stations s ON s.id = a.station_id
      WHERE ${where.join(' AND ')}
      ORDER BY a.id DESC LIMIT $${params.length}`,
    params,
  )
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: { id: r.actor_id, name: r.actor_name },
    station: r.station_id && r.station_name ? { id: r.station_id, name: r.station_name } : null,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    changes: r.changes,
    summary: r.summary,
  }))
}
