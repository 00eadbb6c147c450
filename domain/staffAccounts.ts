/**
 * Station accounts a city administers itself: who may create or change which
 * account, the password rules, and the last administrator of a station. Pure;
 * the server decides with it and the workbench's forms say the same.
 *
 * - 站长 (head) manages the 社工 of their own station; 管理员 (admin) every
 *   account of their subtree with a role up to their own.
 * - Nobody changes their own role, station or status (我的账号 changes only
 *   the password): so nobody raises their own role.
 * - The last active 管理员 of a station cannot be disabled, demoted or moved
 *   away: the subtree would be left with nobody to administer it below.
 */
import { STAFF_ROLE_LABELS, type StaffRole } from '../contract/enums'
import { LIMITS } from '../contract/limits'
import { canGrant, grantableRoles, isAdminRole } from './permissions'
import { decided, fieldInvalid, refusal, refused, type Decided, type Refusal } from './refusal'

/** Usernames: lower-case letters, digits and - . _ , starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/

export function usernameRefusal(username: string): Refusal | null {
  if (username.length < LIMITS.usernameMin || username.length > LIMITS.username || !USERNAME_PATTERN.test(username)) {
    return fieldInvalid('username', `账号由 ${LIMITS.usernameMin}～${LIMITS.username} 位小写字母、数字或 - . _ 组成，如 xianjin-zhang`)
  }
  return null
}

/** Passwords everyone tries first, beyond the general list the server checks (fxa-common-password-list). */
const LOCAL_COMMON = new Set([
  'shegong2026',
  'shegongzhan',
  'shegong123',
  'shegong2025',
  'shegong2027',
  'woaini1314',
  'woaini520',
  '5201314520',
  '1314520520',
  'a123456789',
  'aa123456789',
  'abc1234567',
  'abcd123456',
  '1qaz2wsx3edc',
  '1q2w3e4r5t',
  'qwe123456789',
  'zxcvbnm123',
  'p@ssw0rd123',
  'admin123456',
  'admin@12345',
])

/** Whether the password is two characters repeated, or one run up or down (1234567890, abcdefghij, 0987654321). */
function trivial(p: string): boolean {
  if (new Set(p).size <= 2) return true
  let up = true
  let down = true
  for (let i = 1; i < p.length; i++) {
    const step = p.charCodeAt(i) - p.charCodeAt(i - 1)
    const digits = /\d/.test(p[i]!) && /\d/.test(p[i - 1]!)
    // 1234567890 and 0987654321 count too: after 9 comes 0 on the keyboard.
    if (step !== 1 && !(digits && step === -9)) up = false
    if (step !== -1 && !(digits && step === 9)) down = false
  }
  return up || down
}

/**
 * The rules a new password must meet: at least LIMITS.passwordMin characters,
 * not the username, not a common password. `common` is the server's check of
 * the general list (the app leaves that one to the server).
 */
export function passwordRefusal(
  password: string,
  username: string,
  field: string,
  common: (p: string) => boolean = () => false,
): Refusal | null {
  if (password.length < LIMITS.passwordMin) return fieldInvalid(field, `密码至少 ${LIMITS.passwordMin} 位`)
  if (password.length > LIMITS.password) return fieldInvalid(field, `密码最多 ${LIMITS.password} 位`)
  const lower = password.toLowerCase()
  if (username && lower.includes(username.toLowerCase())) return fieldInvalid(field, '密码不能包含账号名')
  if (trivial(lower) || LOCAL_COMMON.has(lower) || common(password) || common(lower)) {
    return fieldInvalid(field, '这个密码太常见，容易被猜到，请换一个')
  }
  return null
}

/** The actor: a signed-in account with accounts.manage, and the stations it may act on. */
export interface AccountActor {
  id: string
  role: StaffRole
  stationId: string
  /** Its own station, plus every station below for an admin. */
  scope: readonly string[]
}

/** An account as the rules see it. */
export interface AccountState {
  id: string
  role: StaffRole
  stationId: string
  disabled: boolean
}

export interface AccountChange {
  role?: StaffRole
  stationId?: string
  disabled?: boolean
}

const notFound = refusal('NOT_FOUND', '找不到这个账号')

/** Whether the actor may see and manage the account at all (else it is not found for them). */
export function inReach(actor: AccountActor, target: AccountState): boolean {
  return actor.scope.includes(target.stationId) && (target.id === actor.id || canGrant(actor.role, target.role))
}

function roleRefusal(actor: AccountActor, role: StaffRole): Refusal | null {
  if (canGrant(actor.role, role)) return null
  const allowed = grantableRoles(actor.role)
    .map((r) => STAFF_ROLE_LABELS[r])
    .join('、')
  return refusal('FORBIDDEN', `${STAFF_ROLE_LABELS[actor.role]}只能设置以下角色：${allowed}`, 'role')
}

function stationRefusal(actor: AccountActor, stationId: string): Refusal | null {
  return actor.scope.includes(stationId) ? null : refusal('FORBIDDEN', '只能把账号设在您管理的站点', 'stationId')
}

/** A new account: a role the actor may give, at a station in the actor's scope. */
export function creationRefusal(actor: AccountActor, a: { role: StaffRole; stationId: string }): Refusal | null {
  return roleRefusal(actor, a.role) ?? stationRefusal(actor, a.stationId)
}

/**
 * A change to an existing account. `otherActiveAdmins` counts the other
 * active admins at the target's station (asked only when it matters).
 */
export function changeRefusal(actor: AccountActor, target: AccountState, change: AccountChange, otherActiveAdmins: number): Refusal | null {
  if (!inReach(actor, target)) return notFound
  const self = target.id === actor.id
  if (self && change.role !== undefined && change.role !== target.role) return refusal('FORBIDDEN', '不能修改自己的角色', 'role')
  if (self && change.stationId !== undefined && change.stationId !== target.stationId)
    return refusal('FORBIDDEN', '不能修改自己所在的站点', 'stationId')
  if (self && change.disabled) return refusal('FORBIDDEN', '不能停用自己的账号')
  if (change.role !== undefined && change.role !== target.role) {
    const roleProblem = roleRefusal(actor, change.role)
    if (roleProblem) return roleProblem
  }
  if (change.stationId !== undefined && change.stationId !== target.stationId) {
    const stationProblem = stationRefusal(actor, change.stationId)
    if (stationProblem) return stationProblem
  }
  if (leavesStationWithoutAdmin(target, change) && otherActiveAdmins === 0) {
    return refusal('CONFLICT', '这是该站点最后一位在用的管理员，不能停用、降级或调走；请先为该站点另设一位管理员')
  }
  return null
}

/** Whether the change takes an active admin away from their station's administration. */
export function leavesStationWithoutAdmin(target: AccountState, change: AccountChange): boolean {
  if (!isAdminRole(target.role) || target.disabled) return false
  return (
    change.disabled === true ||
    (change.role !== undefined && !isAdminRole(change.role)) ||
    (change.stationId !== undefined && change.stationId !== target.stationId)
  )
}

/** A password change in 我的账号: the current one must be right (checked by the caller), the new one follow the rules and differ. */
export function newPasswordDecision(current: string, next: string, username: string, common?: (p: string) => boolean): Decided<string> {
  if (next === current) return refused(fieldInvalid('newPassword', '新密码不能与当前密码相同'))
  const problem = passwordRefusal(next, username, 'newPassword', common)
  return problem ? refused(problem) : decided(next)
}
