/** Station accounts and the audit log: statuses, what things are called in the workbench. Plain data. */

export const STAFF_ACCOUNT_STATUSES = ['active', 'disabled'] as const
export type StaffAccountStatus = (typeof STAFF_ACCOUNT_STATUSES)[number]
export const STAFF_ACCOUNT_STATUS_LABELS: Record<StaffAccountStatus, string> = { active: '在用', disabled: '已停用' }

/** What an audit-log row is about (server/repositories/audit.ts). */
export const AUDIT_ENTITIES = ['station', 'account', 'calendar', 'import'] as const
export type AuditEntity = (typeof AUDIT_ENTITIES)[number]
export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = { station: '站点', account: '账号', calendar: '节假日', import: '导入' }

/** The account actions the log records, in words. */
export const ACCOUNT_ACTION_LABELS: Record<string, string> = {
  create: '新建账号',
  update: '修改账号',
  'reset-password': '重置密码',
  disable: '停用账号',
  enable: '启用账号',
  'change-password': '修改了自己的密码',
}

/** An account's fields in the log's before → after. */
export const ACCOUNT_FIELD_LABELS: Record<string, string> = {
  nickname: '姓名',
  phone: '手机号',
  role: '角色',
  station: '站点',
  status: '状态',
  username: '账号',
}

/** The log never holds a phone number: a change of one reads like this. */
export const HIDDEN_VALUE = '（已隐藏）'
