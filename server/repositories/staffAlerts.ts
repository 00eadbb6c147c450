/**
 * Notifications for staff: their opt-in (「接收新求助提醒」), the badge, and
 * the outbox messages a request's timeline entry or the near-target job
 * raises (domain/staffAlerts.ts decides which). One message per worker and
 * occasion, keyed in outbox.dedup_key, so nothing is sent twice.
 */
import { SERVICE_CATEGORY_LABELS } from '../../contract/enums'
import type { RequestEventType, RequestStatus, Urgency } from '../../contract/requests'
import type { ServiceCategory } from '../../contract/enums'
import {
  alertKeyPrefix,
  ALERTING_EVENTS,
  alertSendAt,
  NEAR_TARGET_LEAD_MINUTES,
  nearTargetAlert,
  STAFF_ALERT_LABELS,
  staffAlertFor,
  type StaffAlert,
} from '../../domain/staffAlerts'
import type { Queryable } from '../db'

/** Roles that work a queue (capability queue.view). */
const QUEUE_ROLES = ['staff', 'head', 'supervisor']
const OPEN = ['submitted', 'accepted', 'in_progress']

export interface AlertRow {
  id: string
  number: string
  category: ServiceCategory
  urgency: Urgency
  station_id: string
  status: RequestStatus
  assignee_id: string | null
}

const asRequest = (r: AlertRow) => ({ stationId: r.station_id, status: r.status, assigneeId: r.assignee_id })

/** Appends a statement's parameter; its placeholder. */
const param = (params: unknown[], value: unknown) => `$${params.push(value)}`

/**
 * The INSERT of an alert's messages: one per opted-in, active worker of the
 * audience (never the actor), keyed by request, occasion and worker; its
 * values appended to `params`. `occasion` is SQL for the occasion's text
 * (a parameter, or the id of the timeline entry written by the same
 * statement in the CTE `from` names).
 */
function alertInsert(
  params: unknown[],
  r: AlertRow,
  alert: StaffAlert,
  occasion: string,
  send: { actorId: string | null; now: Date; sendAt: Date; from?: string },
): string {
  const audience = 'stationId' in alert.to ? 'u.station_id' : 'u.id'
  const target = 'stationId' in alert.to ? alert.to.stationId : alert.to.userId
  const payload = {
    requestId: r.id,
    number: r.number,
    kind: alert.kind,
    label: STAFF_ALERT_LABELS[alert.kind],
    note: `${r.urgency === 'urgent' ? '紧急·' : ''}${SERVICE_CATEGORY_LABELS[r.category] ?? ''}`,
  }
  const value = (v: unknown) => param(params, v)
  return `INSERT INTO outbox (user_id, topic, payload, created_at, next_attempt_at, dedup_key)
     SELECT u.id, 'staff_alert', ${value(JSON.stringify(payload))}::jsonb, ${value(send.now)}::timestamptz, ${value(send.sendAt)}::timestamptz,
            ${value(alertKeyPrefix(r.id))}::text || ${occasion} || ':' || u.id::text
       FROM ${send.from ? `${send.from}, ` : ''}users u JOIN staff_notification_settings s ON s.user_id = u.id AND s.enabled
      WHERE ${audience} = ${value(target)}::uuid AND u.disabled_at IS NULL AND u.role = ANY(${value(QUEUE_ROLES)}::text[])
        AND u.id IS DISTINCT FROM ${value(send.actorId)}::uuid
     ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING`
}

/** Writes the alert's messages (alertInsert); returns how many were new. */
async function enqueueAlert(
  tx: Queryable,
  r: AlertRow,
  alert: StaffAlert,
  occasion: string,
  a: { actorId: string | null; now: Date; sendAt: Date },
): Promise<number> {
  const params: unknown[] = []
  const insert = alertInsert(params, r, alert, `${param(params, occasion)}::text`, a)
  const { rows } = await tx.query(`${insert} RETURNING 1`, params)
  return rows.length
}

const ALERT_COLUMNS = 'id, number, category, urgency, station_id, status, assignee_id'

type AlertingEntry = { type: RequestEventType; actorId: string | null; toStationId: string | null; at: Date }

/** After a timeline entry (its id): the staff alert it raises, if any, in the same transaction. */
export async function alertStaff(tx: Queryable, requestId: string, eventId: string, event: AlertingEntry): Promise<void> {
  // A reply, a note, an acceptance…: nothing to alert, so no read of the request on those paths.
  if (!ALERTING_EVENTS.has(event.type)) return
  const { rows } = await tx.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM help_requests WHERE id = $1`, [requestId])
  const request = rows[0]
  if (!request) return
  const alert = staffAlertFor(event, asRequest(request))
  if (alert)
    await enqueueAlert(tx, request, alert, `e${eventId}`, {
      actorId: event.actorId,
      now: event.at,
      sendAt: alertSendAt(request.urgency, event.at),
    })
}

/**
 * alertStaff inside the statement that writes the timeline entry: `entry` names
 * that statement's CTE (its `id` is the entry's) and `request` is the row as it
 * stands after the change, so nothing is read. The INSERT, its values appended
 * to `params`; null when the entry alerts nobody.
 */
export function entryAlertInsert(params: unknown[], request: AlertRow, event: AlertingEntry, entry: string): string | null {
  if (!ALERTING_EVENTS.has(event.type)) return null
  const alert = staffAlertFor(event, asRequest(request))
  if (!alert) return null
  return alertInsert(params, request, alert, `'e' || ${entry}.id::text`, {
    actorId: event.actorId,
    now: event.at,
    sendAt: alertSendAt(request.urgency, event.at),
    from: entry,
  })
}

/**
 * The near-target job: requests still waiting within their lead time of the
 * response target (30 minutes urgent, 2 hours otherwise) alert their station's
 * opted-in workers (or their assignee) once per queue entry, at once.
 * Returns how many messages were written.
 */
export async function alertNearTarget(tx: Queryable, now: Date): Promise<number> {
  const { rows } = await tx.query<AlertRow & { due_at: Date }>(
    `SELECT ${ALERT_COLUMNS}, due_at FROM help_requests
      WHERE status = 'submitted' AND due_at > $1
        AND due_at <= $1 + make_interval(mins => CASE urgency WHEN 'urgent' THEN $2::int ELSE $3::int END)`,
    [now, NEAR_TARGET_LEAD_MINUTES.urgent, NEAR_TARGET_LEAD_MINUTES.normal],
  )
  let written = 0
  for (const request of rows) {
    const alert = nearTargetAlert(asRequest(request))
    if (alert)
      written += await enqueueAlert(tx, request, alert, `near:${new Date(request.due_at).toISOString()}`, {
        actorId: null,
        now,
        sendAt: now,
      })
  }
  return written
}

// ───────────────────────── opt-in and badge ─────────────────────────

export interface NotificationSettingsRow {
  enabled: boolean
  linked: boolean
}

export async function notificationSettingsOf(db: Queryable, userId: string): Promise<NotificationSettingsRow> {
  const { rows } = await db.query<{ enabled: boolean; linked: boolean }>(
    'SELECT enabled, openid IS NOT NULL AS linked FROM staff_notification_settings WHERE user_id = $1',
    [userId],
  )
  return rows[0] ?? { enabled: false, linked: false }
}

/** Opt in or out; an openid (from the mini-program) replaces the one kept, none keeps it. */
export async function saveNotificationSettings(db: Queryable, userId: string, enabled: boolean, openid: string | null, now: Date) {
  await db.query(
    `INSERT INTO staff_notification_settings (user_id, enabled, openid, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET enabled = $2, openid = COALESCE($3, staff_notification_settings.openid), updated_at = $4`,
    [userId, enabled, openid, now],
  )
}

/**
 * The badge: requests that entered the worker's sight since they last looked
 * at the queue — waiting unassigned in their station's queue (arrived,
 * transferred, escalated, back), or assigned to them by someone else.
 */
export async function badgeCount(db: Queryable, user: { id: string; stationId: string }): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH seen AS (SELECT COALESCE((SELECT seen_at FROM staff_notification_settings WHERE user_id = $1), '-infinity'::timestamptz) AS at)
     SELECT count(*)::int AS n FROM help_requests h, seen
      WHERE (h.station_id = $2 AND h.status = 'submitted' AND h.assignee_id IS NULL AND h.queued_at > seen.at)
         OR (h.assignee_id = $1 AND h.status = ANY($3::text[]) AND EXISTS (
              SELECT 1 FROM request_events e
               WHERE e.request_id = h.id AND e.type = 'assigned' AND e.created_at > seen.at AND e.actor_id IS DISTINCT FROM $1))`,
    [user.id, user.stationId, OPEN],
  )
  return rows[0]?.n ?? 0
}

/** The worker looked at the queue: the badge starts from now. */
export async function markQueueSeen(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO staff_notification_settings (user_id, seen_at, updated_at) VALUES ($1, $2, $2)
     ON CONFLICT (user_id) DO UPDATE SET seen_at = GREATEST(COALESCE(staff_notification_settings.seen_at, $2), $2)`,
    [userId, now],
  )
}
