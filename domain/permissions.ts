/**
 * Who may do what in the workbench: one table of capabilities per staff role,
 * and the rules for granting roles. Pure; the server checks every staff route
 * against it and the workbench shows only what the account may do.
 *
 * Roles, lowest first:
 *   staff       社工: works the station's queue, activities and bookings
 *   head        站长: a worker who also edits the station and manages its workers
 *   supervisor  督导: a worker who also oversees every station below their own
 *               (their queues, the report, who opened what, the audit log)
 *   admin       管理员: manages every station and account in the subtree of their
 *               station; works no queue and reads no resident's request
 *
 * Scope: staff and head act on their own station; supervisor and admin on
 * their station and every station below it.
 */
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../contract/enums'
import { CAPABILITIES, CAPABILITY_LABELS, type Capability } from '../contract/permissions'

export { CAPABILITIES, type Capability }

/** What every account that works a station's queue may do. */
const WORKER: readonly Capability[] = ['queue.work', 'queue.view', 'activities.manage', 'ratings.work', 'bookings.manage', 'followups.work']

const TABLE: Record<StaffRole, readonly Capability[]> = {
  staff: WORKER,
  head: [...WORKER, 'queue.assign', 'replies.manage', 'station.edit', 'accounts.manage'],
  supervisor: [...WORKER, 'reports.view', 'accessLog.view', 'audit.view'],
  admin: ['station.edit', 'stations.admin', 'accounts.manage', 'audit.view'],
}

export function can(role: StaffRole, capability: Capability): boolean {
  return TABLE[role].includes(capability)
}

export function capabilitiesOf(role: StaffRole): Capability[] {
  return [...TABLE[role]]
}

/** The roles that have a capability, lowest first. */
export function rolesWith(capability: Capability): StaffRole[] {
  return STAFF_ROLES.filter((r) => TABLE[r].includes(capability))
}

/** The refusal for an account whose role lacks the capability: 「站点统计报表仅限督导使用」. */
export function capabilityRefusal(capability: Capability): string {
  return `${CAPABILITY_LABELS[capability]}仅限${rolesWith(capability)
    .map((r) => STAFF_ROLE_LABELS[r])
    .join('、')}使用`
}

/** Whether a role's scope is the own station only, or the station and everything below it. */
export function scopeKind(role: StaffRole): 'station' | 'subtree' {
  return role === 'supervisor' || role === 'admin' ? 'subtree' : 'station'
}

const RANK: Record<StaffRole, number> = { staff: 1, head: 2, supervisor: 3, admin: 4 }

/**
 * The roles an account may give (to a new account, or by changing one): a
 * head only 社工 at their own station; an admin any role up to their own.
 * Nobody raises their own role (checked where the target is the actor).
 */
export function grantableRoles(actor: StaffRole): StaffRole[] {
  if (actor === 'head') return ['staff']
  if (actor === 'admin') return (Object.keys(RANK) as StaffRole[]).filter((r) => RANK[r] <= RANK.admin)
  return []
}

export function canGrant(actor: StaffRole, role: StaffRole): boolean {
  return grantableRoles(actor).includes(role)
}

/** Roles that keep a subtree administered: the last active one cannot be disabled or demoted. */
export const isAdminRole = (role: StaffRole) => role === 'admin'
