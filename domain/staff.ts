/**
 * Who on a station's staff sees what, pure: a social worker sees their own
 * station's queue; a supervisor also every station below (their scope), except
 * requests in sensitive categories, which only the assigned station's own
 * staff see.
 */
import type { ServiceCategory, StaffRole } from '../contract/enums'
import { SENSITIVE_CATEGORIES } from '../contract/requests'

/** A signed-in station account. */
export interface Staff {
  id: string
  role: StaffRole
  stationId: string
}

export const isSensitive = (category: ServiceCategory) => SENSITIVE_CATEGORIES.includes(category)

/**
 * Whether a request at `stationId` in `category` is in the staff's sight;
 * `scope` is the staff's station plus, for a supervisor, every station below.
 */
export function canSee(staff: Staff, scope: readonly string[], r: { stationId: string; category: ServiceCategory }): boolean {
  if (r.stationId === staff.stationId) return true
  return scope.includes(r.stationId) && !isSensitive(r.category)
}
