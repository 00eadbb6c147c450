/**
 * How a help request reads in the API: the resident's summary and detail, and
 * the staff's (who also see the assignee, internal notes, whether it is
 * overdue or sensitive — and, when the resident rated anonymously, not the
 * rating next to the request).
 */
import type { HelpRequest, HelpRequestSummary, RequestEvent, StaffRequest, StaffRequestSummary } from '../../contract/types'
import { expectedResponse, isOverdue, overdueMinutes } from '../../domain/requests'
import { requestClocks } from './clocks'
import { isSensitive } from '../../domain/staff'
import type { AppContext } from '../context'
import type { RequestRow } from '../repositories/requests'
import { toRating } from '../repositories/ratingView'

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

export function toSummary(r: RequestRow): HelpRequestSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    category: r.category,
    urgency: r.urgency,
    requester: r.requester,
    description: r.description,
    station: { id: r.station_id, name: r.station_name, phone: r.station_phone },
    helpedName: r.helped_name,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    dueAt: iso(r.due_at)!,
    ratingDue: !!r.rating_due,
  }
}

export function toHelpRequest(r: RequestRow, events: RequestEvent[], ctx: Pick<AppContext, 'targets'>): HelpRequest {
  const area: HelpRequest['area'] = {}
  for (const k of ['province', 'city', 'district', 'street', 'community'] as const) if (r[k]) area[k] = r[k]!
  return {
    ...toSummary(r),
    channel: r.channel,
    attributes: r.attributes,
    emergency: r.emergency,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    preferredTime: r.preferred_time,
    helped: r.helped_name
      ? { name: r.helped_name, relationship: r.helped_relationship ?? '', phone: r.helped_phone, address: r.helped_address }
      : null,
    area,
    address: r.address,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    photoIds: r.photo_ids,
    routingReason: r.routing_reason,
    expectedResponse: expectedResponse(r, ctx.targets),
    acceptedAt: iso(r.accepted_at),
    resolvedAt: iso(r.resolved_at),
    canCancel: r.status === 'submitted',
    events,
    rating: toRating(r.rating),
    mergedInto: r.merged_into ?? null,
  }
}

export function toStaffSummary(r: RequestRow, now: Date, ctx: Pick<AppContext, 'targets' | 'calendar' | 'config'>): StaffRequestSummary {
  return {
    ...toSummary(r),
    assigneeName: r.assignee_name,
    overdue: isOverdue({ status: r.status, dueAt: new Date(r.due_at) }, now),
    overdueMinutes: overdueMinutes({ status: r.status, dueAt: new Date(r.due_at) }, now),
    sensitive: isSensitive(r.category),
    clocks: requestClocks(r, now, ctx),
  }
}

export function toStaffRequest(
  r: RequestRow,
  events: RequestEvent[],
  ctx: Pick<AppContext, 'targets' | 'clock' | 'calendar' | 'config'>,
): StaffRequest {
  const resident = toHelpRequest(r, events, ctx)
  return {
    ...resident,
    // Anonymous to the station: the rating is read in the ratings list, never next to the resident's name.
    rating: resident.rating?.anonymous ? null : resident.rating,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    overdue: isOverdue({ status: r.status, dueAt: new Date(r.due_at) }, ctx.clock()),
    overdueMinutes: overdueMinutes({ status: r.status, dueAt: new Date(r.due_at) }, ctx.clock()),
    sensitive: isSensitive(r.category),
    escalations: r.escalations,
    clocks: requestClocks(r, ctx.clock(), ctx),
  }
}
