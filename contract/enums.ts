/**
 * Enumerations shared by the mini-program and the API: one name per concept,
 * with the 简体中文 label residents see. Plain data only — safe for the
 * mini-program bundle.
 */

/** Station kinds: the four levels of the network plus the special stations. */
export const STATION_KINDS = ['city', 'district', 'street', 'community', 'enterprise', 'school', 'special'] as const
export type StationKind = (typeof STATION_KINDS)[number]

export const STATION_KIND_LABELS: Record<StationKind, string> = {
  city: '市级社工站指导中心',
  district: '区县社工总站',
  street: '乡镇（街道）社工站',
  community: '村（社区）社会工作室',
  enterprise: '企业社工驿站',
  school: '学校社工站',
  special: '专项社工站',
}

/** The fixed catalogue of services a station can offer (its service menu). */
export const SERVICE_CATEGORIES = [
  'social_assistance',
  'elderly_care',
  'child_protection',
  'community_governance',
  'marriage_family',
  'psychological',
  'disability',
  'policy',
  'youth',
  'employee',
] as const
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]

export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, string> = {
  social_assistance: '社会救助',
  elderly_care: '养老服务',
  child_protection: '儿童关爱保护',
  community_governance: '社区治理',
  marriage_family: '社会事务/婚姻家庭',
  psychological: '心理疏导',
  disability: '残疾人服务',
  policy: '政策咨询',
  youth: '青少年服务',
  employee: '职工服务',
}

/** Administrative area levels a resident can pick by hand. */
export const AREA_LEVELS = ['province', 'city', 'district', 'street', 'community'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

/** Station accounts' roles, lowest first (what each may do: domain/permissions.ts). */
export const STAFF_ROLES = ['staff', 'head', 'supervisor', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  staff: '社工',
  head: '站长',
  supervisor: '督导',
  admin: '管理员',
}

export const USER_ROLES = ['resident', ...STAFF_ROLES] as const
export type UserRole = (typeof USER_ROLES)[number]

/** Error codes: see ./errors.ts. */
export { ERROR_CODES, type ErrorCode } from './errors'
