/**
 * Who may do what in the workbench: one table of capabilities per staff role,
 * and the rules for granting roles. Pure; the server checks every staff route
 * against it and the workbench shows only what the account may do.
 *
 * Roles, lowest first:
 *   staff       社工: works the station's queue, activities and bookings
 *   head        站长: a worker who also edits the station and manages its workers
 *   supervisor  督导: sees every station below their own (queues, reports, audit), changes nothing
 *   admin       管理员: manages every station and account in the subtree of their station
 *
 * Scope: staff and head act on their own station; supervisor and admin on
 * their station and every station below it.
 */
import type { StaffRole } from '../contract/enums'

export const CAPABILITIES = [
  /** Claim, reply, transfer, escalate, resolve requests of the own station's queue; counter entry. */
  'queue.work',
  /** See the queues of the stations in scope. */
  'queue.view',
  /** Assign a request of the own station to a named colleague. */
  'queue.assign',
  /** Manage the station's canned replies. */
  'replies.manage',
  /** Publish activities, work rosters and check-in for the own station. */
  'activities.manage',
  /** Reply to ratings of the own station. */
  'ratings.reply',
  /** The stations' report for the subtree. */
  'reports.view',
  /** Who opened a request's personal data. */
  'accessLog.view',
  /** Edit the own station's details (name, hours, services, exceptions…). */
  'station.edit',
  /** Create, move, close, reopen, import and export stations in the subtree. */
  'stations.admin',
  /** Create and manage accounts (within the role and scope rules below). */
  'accounts.manage',
  /** Read the audit log of the subtree. */
  'audit.view',
  /** Bookable services and bookings of the own station. */
  'bookings.manage',
] as const
export type Capability = (typeof CAPABILITIES)[number]

const TABLE: Record<StaffRole, readonly Capability[]> = {
  staff: ['queue.work', 'queue.view', 'activities.manage', 'ratings.reply', 'bookings.manage'],
  head: ['queue.work', 'queue.view', 'queue.assign', 'replies.manage', 'activities.manage', 'ratings.reply', 'bookings.manage', 'station.edit', 'accounts.manage'],
  supervisor: ['queue.view', 'reports.view', 'accessLog.view', 'audit.view'],
  admin: ['station.edit', 'stations.admin', 'accounts.manage', 'audit.view', 'reports.view'],
}

export function can(role: StaffRole, capability: Capability): boolean {
  return TABLE[role].includes(capability)
}

export function capabilitiesOf(role: StaffRole): Capability[] {
  return [...TABLE[role]]
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
