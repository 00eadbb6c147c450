/**
 * Station accounts as 管理员 and 站长 administer them (账号管理), 我的账号
 * (one's own password and sessions), and the audit log (操作日志).
 */
import { Type } from '@sinclair/typebox'
import { STAFF_ROLES } from '../enums'
import { LIMITS } from '../limits'
import { AUDIT_ENTITIES, STAFF_ACCOUNT_STATUSES } from '../staffAccounts'
import { closed, date, dateTime, literalUnion, nullable, text, uuid } from './common'
import { StationRefSchema } from './stations'

export const StaffRoleSchema = literalUnion(STAFF_ROLES, '工作人员角色')

export const StaffAccountSchema = Type.Object(
  {
    id: uuid(),
    username: Type.String(),
    nickname: Type.String({ description: '姓名（工作台与队列里显示）' }),
    phone: nullable(Type.String()),
    role: StaffRoleSchema,
    station: StationRefSchema,
    status: literalUnion(STAFF_ACCOUNT_STATUSES, '账号状态'),
    /** The first password (or one an admin reset) must be changed at the next login. */
    mustChangePassword: Type.Boolean(),
    createdAt: dateTime(),
    disabledAt: nullable(dateTime()),
  },
  closed,
)

export const StaffAccountListQuerySchema = Type.Object(
  {
    /** Only this station's accounts (one in the caller's scope). */
    stationId: Type.Optional(uuid()),
    status: Type.Optional(literalUnion(STAFF_ACCOUNT_STATUSES)),
    /** Part of the name or the username. */
    q: Type.Optional(text(LIMITS.nickname, 1)),
  },
  closed,
)

export const StaffAccountListSchema = Type.Object(
  {
    items: Type.Array(StaffAccountSchema),
    /** The roles the caller may give (to a new account, or by changing one). */
    grantableRoles: Type.Array(StaffRoleSchema),
  },
  closed,
)

export const CreateStaffAccountBodySchema = Type.Object(
  {
    username: text(LIMITS.username, 1),
    nickname: text(LIMITS.nickname, 1),
    phone: Type.Optional(text(LIMITS.phone)),
    stationId: uuid(),
    role: StaffRoleSchema,
  },
  closed,
)

export const UpdateStaffAccountBodySchema = Type.Object(
  {
    nickname: Type.Optional(text(LIMITS.nickname, 1)),
    phone: Type.Optional(text(LIMITS.phone)),
    stationId: Type.Optional(uuid()),
    role: Type.Optional(StaffRoleSchema),
  },
  { ...closed, minProperties: 1 },
)

/** A new account, or a reset password: the password is shown this once and never again. */
export const StaffAccountWithPasswordSchema = Type.Object(
  { account: StaffAccountSchema, initialPassword: Type.String({ description: '初始密码，仅此一次显示；首次登录须修改' }) },
  closed,
)

export const ChangePasswordBodySchema = Type.Object(
  { currentPassword: text(LIMITS.password, 1), newPassword: text(LIMITS.password, 1) },
  closed,
)

export const StaffSessionSchema = Type.Object(
  { id: Type.String({ description: '会话编号（不是令牌）' }), createdAt: dateTime(), expiresAt: dateTime(), current: Type.Boolean() },
  closed,
)
export const StaffSessionListSchema = Type.Object({ items: Type.Array(StaffSessionSchema) }, closed)
export const SignedOutSchema = Type.Object({ signedOut: Type.Integer({ description: '结束了几个其他会话' }) }, closed)

export const AuditQuerySchema = Type.Object(
  {
    entity: Type.Optional(literalUnion(AUDIT_ENTITIES, '对象类型')),
    /** This station and the stations below it (one in the caller's scope). */
    stationId: Type.Optional(uuid()),
    actorId: Type.Optional(uuid()),
    from: Type.Optional(date()),
    to: Type.Optional(date()),
    /** The next page: entries older than this id. */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  closed,
)

export const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: dateTime(),
    actor: Type.Object({ id: nullable(uuid()), name: Type.String() }, closed),
    station: nullable(Type.Object({ id: uuid(), name: Type.String() }, closed)),
    entity: Type.String(),
    entityId: nullable(Type.String()),
    action: Type.String(),
    changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() }, closed)),
    summary: Type.String(),
  },
  closed,
)

export const AuditListSchema = Type.Object({ items: Type.Array(AuditEntrySchema), nextBefore: nullable(Type.Integer()) }, closed)
