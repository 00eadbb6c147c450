/**
 * The workbench's sections: one list, each with the capability it needs
 * (contract/permissions.ts). The first section an account may use is its
 * home after login; the others are the buttons on that home.
 */
import type { Capability } from '@contract/permissions'
import type { StaffMe } from '@contract/types'
import { canDo } from '@/stores/staffSession'

export interface WorkbenchSection {
  key: string
  /** The button's words. */
  label: string
  url: string
  capability: Capability
  /** The button's class (tests and styles find it by this). */
  className: string
}

export const WORKBENCH_SECTIONS: readonly WorkbenchSection[] = [
  { key: 'queue', label: '求助队列', url: '/packages/workbench/queue/index', capability: 'queue.view', className: 'btn-staff-queue' },
  {
    key: 'activities',
    label: '活动管理（报名名单、签到）',
    url: '/packages/workbench/activities/index',
    capability: 'activities.manage',
    className: 'btn-staff-activities',
  },
  {
    key: 'ratings',
    label: '居民评价',
    url: '/packages/workbench/ratings/index',
    capability: 'ratings.work',
    className: 'btn-staff-ratings',
  },
  { key: 'team', label: '团队负责量', url: '/packages/workbench/team/index', capability: 'queue.assign', className: 'btn-staff-team' },
  {
    key: 'replies',
    label: '常用回复',
    url: '/packages/workbench/replies/index',
    capability: 'replies.manage',
    className: 'btn-staff-replies',
  },
  {
    key: 'report',
    label: '站点服务报表',
    url: '/packages/workbench/report/index',
    capability: 'reports.view',
    className: 'btn-staff-report',
  },
  {
    key: 'stations',
    label: '站点管理',
    url: '/packages/workbench/stations/index',
    capability: 'stations.admin',
    className: 'btn-staff-stations',
  },
  {
    key: 'station',
    label: '本站信息',
    url: '/packages/workbench/station-edit/index',
    capability: 'station.edit',
    className: 'btn-staff-station',
  },
  {
    key: 'calendar',
    label: '节假日安排',
    url: '/packages/workbench/calendar/index',
    capability: 'stations.admin',
    className: 'btn-staff-calendar',
  },
  {
    key: 'accounts',
    label: '账号管理',
    url: '/packages/workbench/accounts/index',
    capability: 'accounts.manage',
    className: 'btn-staff-accounts',
  },
  { key: 'audit', label: '操作日志', url: '/packages/workbench/audit/index', capability: 'audit.view', className: 'btn-staff-audit' },
  {
    key: 'bookings',
    label: '预约管理',
    url: '/packages/workbench/bookings/index',
    capability: 'bookings.manage',
    className: 'btn-staff-bookings',
  },
  {
    key: 'followups',
    label: '回访',
    url: '/packages/workbench/followups/index',
    capability: 'followups.work',
    className: 'btn-staff-followups',
  },
]

/** The sections this account may open, in the list's order. */
export function sectionsFor(me: StaffMe | null): WorkbenchSection[] {
  return WORKBENCH_SECTIONS.filter((s) => canDo(me, s.capability))
}

/** 我的账号: every station account's own page (its password, its logins). */
export const MY_ACCOUNT_PAGE = '/packages/workbench/me/index'

/**
 * Where the account lands after login: its first section (the queue, for those
 * who work one) — or 我的账号 while its first password must still be changed.
 */
export function homeOf(me: StaffMe | null): string {
  if (me?.mustChangePassword) return MY_ACCOUNT_PAGE
  return sectionsFor(me)[0]?.url ?? WORKBENCH_SECTIONS[0]!.url
}
