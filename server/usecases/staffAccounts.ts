/**
 * 账号管理 and 我的账号: load → decide (domain/staffAccounts) → save, with the
 * audit row in the same transaction. A first or reset password is generated
 * here, shown once, and must be changed at the next login; resetting,
 * disabling or changing one's password ends sessions; a worker disabled or
 * moved away gives the requests they had accepted back to the station's queue.
 */
import { STAFF_ROLE_LABELS } from '../../contract/enums'
import { ACCOUNT_ACTION_LABELS, HIDDEN_VALUE } from '../../contract/staffAccounts'
import type {
  ChangePasswordBody,
  CreateStaffAccountBody,
  StaffAccount,
  StaffAccountList,
  StaffAccountListQuery,
  StaffAccountWithPassword,
  StaffSessionList,
  UpdateStaffAccountBody,
} from '../../contract/types'
import { grantableRoles } from '../../domain/permissions'
import { normalizePhone, phoneRefusal } from '../../domain/phone'
import {
  changeRefusal,
  creationRefusal,
  inReach,
  leavesStationWithoutAdmin,
  newPasswordDecision,
  usernameRefusal,
  type AccountActor,
  type AccountChange,
  type AccountState,
} from '../../domain/staffAccounts'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { fail, notFound, reject, unwrap } from '../errors'
import { recordAudit, type AuditChange } from '../repositories/audit'
import { scopeOf } from '../repositories/requests'
import { tokenHash } from '../repositories/sessions'
import {
  insertStaffAccount,
  listStaffAccounts,
  liveSessionsOf,
  loadStaffAccount,
  otherActiveAdmins,
  passwordHashOf,
  revokeSessionsOf,
  setDisabled,
  setPassword,
  toStaffAccount,
  updateStaffAccount,
  usernameTaken,
  type StaffAccountRow,
} from '../repositories/staffAccounts'
import { generatePassword, hashPassword, isCommonPassword, verifyPassword } from '../services/password'
import { returnClaimedToQueue } from './requests'

const NOT_FOUND = '找不到这个账号'

async function actorOf(db: Queryable, staff: Staff): Promise<AccountActor> {
  return { ...staff, scope: await scopeOf(db, staff) }
}

const stateOf = (r: StaffAccountRow): AccountState => ({ id: r.id, role: r.role, stationId: r.station_id, disabled: !!r.disabled_at })

/** An account the actor may manage, locked for a change (outside their reach: not found). */
async function lockInReach(tx: Queryable, actor: AccountActor, id: string): Promise<StaffAccountRow> {
  const row = await loadStaffAccount(tx, id, { forUpdate: true })
  if (!row || !inReach(actor, stateOf(row))) throw notFound(NOT_FOUND)
  return row
}

async function decideChange(tx: Queryable, actor: AccountActor, row: StaffAccountRow, change: AccountChange): Promise<void> {
  const others = leavesStationWithoutAdmin(stateOf(row), change) ? await otherActiveAdmins(tx, row.station_id, row.id) : 1
  reject(changeRefusal(actor, stateOf(row), change, others))
}

const who = (r: { username: string; nickname: string }) => `${r.nickname}（${r.username}）`

async function audit(
  ctx: AppContext,
  tx: Queryable,
  actor: Staff,
  row: StaffAccountRow,
  action: string,
  summary: string,
  changes: AuditChange[] = [],
) {
  const actorRow = await loadStaffAccount(tx, actor.id)
  await recordAudit(tx, {
    at: ctx.clock(),
    actor: { id: actor.id, name: actorRow?.nickname ?? '' },
    stationId: row.station_id,
    entity: 'account',
    entityId: row.id,
    action,
    changes,
    summary: `${ACCOUNT_ACTION_LABELS[action] ?? action}：${summary}`,
  })
}

async function reload(db: Queryable, id: string): Promise<StaffAccount> {
  return toStaffAccount((await loadStaffAccount(db, id))!)
}

function checkedPhone(phone: string | undefined): string | null | undefined {
  if (phone === undefined) return undefined
  if (!phone.trim()) return null
  reject(phoneRefusal('phone', phone, '手机号格式不正确，请填写 11 位手机号或带区号的固定电话'))
  return normalizePhone(phone)
}

export async function listAccounts(ctx: AppContext, staff: Staff, q: StaffAccountListQuery): Promise<StaffAccountList> {
  const actor = await actorOf(ctx.db, staff)
  if (q.stationId && !actor.scope.includes(q.stationId)) throw notFound('找不到这个站点')
  const rows = await listStaffAccounts(ctx.db, q.stationId ? [q.stationId] : actor.scope, q)
  return { items: rows.filter((r) => inReach(actor, stateOf(r))).map(toStaffAccount), grantableRoles: grantableRoles(staff.role) }
}

export async function getAccount(ctx: AppContext, staff: Staff, id: string): Promise<StaffAccount> {
  const actor = await actorOf(ctx.db, staff)
  const row = await loadStaffAccount(ctx.db, id)
  if (!row || !inReach(actor, stateOf(row))) throw notFound(NOT_FOUND)
  return toStaffAccount(row)
}

export async function createAccount(ctx: AppContext, staff: Staff, body: CreateStaffAccountBody): Promise<StaffAccountWithPassword> {
  const username = body.username.trim()
  reject(usernameRefusal(username))
  const phone = checkedPhone(body.phone) ?? null
  const nickname = body.nickname.trim()
  if (!nickname) throw fail('FIELD_INVALID', '请填写姓名', 'nickname')
  const password = generatePassword()
  const hash = await hashPassword(password)
  const id = await ctx.db.transaction(async (tx) => {
    const actor = await actorOf(tx, staff)
    reject(creationRefusal(actor, body))
    if (await usernameTaken(tx, username)) throw fail('CONFLICT', `账号 ${username} 已被使用，请换一个`, 'username')
    const newId = await insertStaffAccount(tx, {
      username,
      nickname,
      phone,
      role: body.role,
      stationId: body.stationId,
      passwordHash: hash,
      createdBy: staff.id,
      at: ctx.clock(),
    })
    const row = (await loadStaffAccount(tx, newId))!
    await audit(ctx, tx, staff, row, 'create', `${who(row)}，${STAFF_ROLE_LABELS[row.role]}，${row.station_name}`, [
      { field: 'username', before: null, after: username },
      { field: 'nickname', before: null, after: nickname },
      { field: 'role', before: null, after: STAFF_ROLE_LABELS[row.role] },
      { field: 'station', before: null, after: row.station_name },
      ...(phone ? [{ field: 'phone', before: null, after: HIDDEN_VALUE }] : []),
    ])
    return newId
  })
  return { account: await reload(ctx.db, id), initialPassword: password }
}

export async function updateAccount(ctx: AppContext, staff: Staff, id: string, body: UpdateStaffAccountBody): Promise<StaffAccount> {
  const phone = checkedPhone(body.phone)
  const nickname = body.nickname?.trim()
  if (nickname === '') throw fail('FIELD_INVALID', '请填写姓名', 'nickname')
  await ctx.db.transaction(async (tx) => {
    const actor = await actorOf(tx, staff)
    const row = await lockInReach(tx, actor, id)
    await decideChange(tx, actor, row, { role: body.role, stationId: body.stationId })
    const before = toStaffAccount(row)
    await updateStaffAccount(tx, id, { nickname, phone, role: body.role, stationId: body.stationId })
    const after = (await loadStaffAccount(tx, id))!
    const changes: AuditChange[] = []
    if (after.nickname !== row.nickname) changes.push({ field: 'nickname', before: row.nickname, after: after.nickname })
    if (phone !== undefined && (before.phone ?? null) !== phone) changes.push({ field: 'phone', before: HIDDEN_VALUE, after: HIDDEN_VALUE })
    if (after.role !== row.role) changes.push({ field: 'role', before: STAFF_ROLE_LABELS[row.role], after: STAFF_ROLE_LABELS[after.role] })
    if (after.station_id !== row.station_id) {
      changes.push({ field: 'station', before: row.station_name, after: after.station_name })
      await returnClaimedToQueue(ctx, tx, id)
    }
    if (changes.length) await audit(ctx, tx, staff, after, 'update', who(after), changes)
  })
  return reload(ctx.db, id)
}

/** A new generated password, to be changed at the next login; every session of the account ends. */
export async function resetPassword(ctx: AppContext, staff: Staff, id: string): Promise<StaffAccountWithPassword> {
  const password = generatePassword()
  const hash = await hashPassword(password)
  await ctx.db.transaction(async (tx) => {
    const actor = await actorOf(tx, staff)
    const row = await lockInReach(tx, actor, id)
    if (row.id === staff.id) throw fail('FORBIDDEN', '请在「我的账号」里修改自己的密码')
    await setPassword(tx, id, hash, true)
    await revokeSessionsOf(tx, id, ctx.clock())
    await audit(ctx, tx, staff, row, 'reset-password', who(row))
  })
  return { account: await reload(ctx.db, id), initialPassword: password }
}

/** 停用: the account's sessions end at once, it cannot log in, and the requests it had accepted go back to its station's queue. */
export async function setAccountDisabled(ctx: AppContext, staff: Staff, id: string, disabled: boolean): Promise<StaffAccount> {
  await ctx.db.transaction(async (tx) => {
    const actor = await actorOf(tx, staff)
    const row = await lockInReach(tx, actor, id)
    if (!!row.disabled_at === disabled) return
    await decideChange(tx, actor, row, { disabled })
    const now = ctx.clock()
    await setDisabled(tx, id, disabled ? now : null)
    if (disabled) {
      await revokeSessionsOf(tx, id, now)
      await returnClaimedToQueue(ctx, tx, id)
    }
    await audit(ctx, tx, staff, row, disabled ? 'disable' : 'enable', who(row), [
      { field: 'status', before: disabled ? '在用' : '已停用', after: disabled ? '已停用' : '在用' },
    ])
  })
  return reload(ctx.db, id)
}

// ───────────────────────── 我的账号 ─────────────────────────

/** One's own password: the current one first; the other sessions end, this one stays. */
export async function changeOwnPassword(ctx: AppContext, userId: string, token: string, body: ChangePasswordBody): Promise<void> {
  const own = await passwordHashOf(ctx.db, userId)
  if (!own) throw notFound(NOT_FOUND)
  if (!(await verifyPassword(body.currentPassword, own.password_hash))) throw fail('FIELD_INVALID', '当前密码不正确', 'currentPassword')
  const next = unwrap(newPasswordDecision(body.currentPassword, body.newPassword, own.username, isCommonPassword))
  const hash = await hashPassword(next)
  await ctx.db.transaction(async (tx) => {
    const row = (await loadStaffAccount(tx, userId, { forUpdate: true }))!
    await setPassword(tx, userId, hash, false)
    await revokeSessionsOf(tx, userId, ctx.clock(), tokenHash(token))
    await audit(ctx, tx, { id: userId, role: row.role, stationId: row.station_id }, row, 'change-password', who(row))
  })
}

export async function ownSessions(ctx: AppContext, userId: string, token: string): Promise<StaffSessionList> {
  const current = tokenHash(token)
  const rows = await liveSessionsOf(ctx.db, userId, ctx.clock())
  return {
    items: rows.map((r) => ({
      id: r.token_hash.slice(0, 8),
      createdAt: new Date(r.created_at).toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
      current: r.token_hash === current,
    })),
  }
}

export async function signOutOthers(ctx: AppContext, userId: string, token: string): Promise<number> {
  return revokeSessionsOf(ctx.db, userId, ctx.clock(), tokenHash(token))
}
