/**
 * What a station account may do: the capabilities the workbench shows and
 * the server checks (which role has which: domain/permissions.ts). Plain data.
 */
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
  /** Read the ratings in scope and answer those of the own station. */
  'ratings.work',
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
  /** 回访: the follow-up calls of the stations in scope, and their outcomes. */
  'followups.work',
] as const
export type Capability = (typeof CAPABILITIES)[number]

/** What each capability is called in the workbench and in refusals. */
export const CAPABILITY_LABELS: Record<Capability, string> = {
  'queue.work': '处理求助',
  'queue.view': '查看求助队列',
  'queue.assign': '分派求助',
  'replies.manage': '管理常用回复',
  'activities.manage': '活动管理',
  'ratings.work': '居民评价',
  'reports.view': '站点统计报表',
  'accessLog.view': '个人信息查看记录',
  'station.edit': '编辑站点信息',
  'stations.admin': '站点管理',
  'accounts.manage': '账号管理',
  'audit.view': '操作日志',
  'bookings.manage': '预约管理',
  'followups.work': '回访',
}
