/** The audit log: one row per change staff make to stations, accounts or the calendar. */
import type { Queryable } from '../db'

export interface AuditChange {
  field: string
  before: unknown
  after: unknown
}

export interface AuditEntry {
  at: Date
  actor: { id: string; name: string } | null
  /** The station the change concerns (an account's station); decides who may read the row. */
  stationId: string | null
  entity: 'station' | 'account' | 'calendar' | 'import'
  entityId: string | null
  action: string
  changes?: AuditChange[]
  summary?: string
}

/** Writes one audit row, in the caller's transaction (the change and its record commit together). */
export async function recordAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, station_id, entity, entity_id, action, changes, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.at,
      e.actor?.id ?? null,
      e.actor?.name ?? '系统',
      e.stationId,
      e.entity,
      e.entityId,
      e.action,
      JSON.stringify(e.changes ?? []),
      e.summary ?? '',
    ],
  )
}

/** The fields whose values differ between two records, for the audit log. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): AuditChange[] {
  const out: AuditChange[] = []
  for (const field of fields) {
    if (!(field in after)) continue
    const a = JSON.stringify(before[field] ?? null)
    const b = JSON.stringify(after[field] ?? null)
    if (a !== b) out.push({ field, before: before[field] ?? null, after: after[field] ?? null })
  }
  return out
}
