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
  {
    key: 'report',
    label: '站点服务报表',
    url: '/packages/workbench/report/index',
    capability: 'reports.view',
    className: 'btn-staff-report',
  },
  {
    key: 'bookings',
    label: '预约管理',
    url: '/packages/workbench/bookings/index',
    capability: 'bookings.manage',
    className: 'btn-staff-bookings',
  },
]

/** The sections this account may open, in the list's order. */
export function sectionsFor(me: StaffMe | null): WorkbenchSection[] {
  return WORKBENCH_SECTIONS.filter((s) => canDo(me, s.capability))
}

/** Where the account lands after login: its first section (the queue, for those who work one). */
export function homeOf(me: StaffMe | null): string {
  return sectionsFor(me)[0]?.url ?? WORKBENCH_SECTIONS[0]!.url
}
