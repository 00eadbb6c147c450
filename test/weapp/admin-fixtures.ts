/** API answers for the workbench's administration pages (站点管理, 节假日安排, 账号管理, 操作日志, 我的账号), typed by the contract. */
import { capabilitiesOf } from '../../domain/permissions'
import { TEMPLATE_EXAMPLE } from '../../domain/stationSheet'
import type {
  AdminStation,
  AdminStationNode,
  AuditList,
  CalendarYear,
  ImportReport,
  StaffAccount,
  StaffAccountList,
  StaffMe,
  StaffSessionList,
} from '../../contract/types'
import { persisted } from './request-fixtures'

const JINPU = { id: '0b7c1a52-0000-4000-8000-000000000002', code: 'DL-JP', name: '金普新区社工总站', kind: 'district' as const }
const XIANJIN_ID = '0b7c1a52-0000-4000-8000-000000000003'
const MINXIN_ID = '0b7c1a52-0000-4000-8000-000000000004'

export const ADMIN_ME: StaffMe = {
  user: { id: '0b7c1a52-0000-4000-8000-0000000000ad', nickname: '吴管理员', role: 'admin' },
  station: JINPU,
  scope: [JINPU],
  capabilities: capabilitiesOf('admin'),
  username: 'jinpu-admin',
  mustChangePassword: false,
}

/** jinpu-admin, logged in earlier (storage key `sgz-staff-session`). */
export const adminStorage = (me: StaffMe = ADMIN_ME) => ({
  'sgz-staff-session': persisted({ token: 'harness-admin-token', expiresAt: '2099-01-01T00:00:00.000Z', me }),
})

export const TREE: AdminStationNode[] = [
  { ...JINPU, parentId: null, depth: 0, closed: false, staffCount: 2, openRequests: 3 },
  {
    id: XIANJIN_ID,
    code: 'DL-JP-XJ',
    name: '先进街道社工站',
    kind: 'street',
    parentId: JINPU.id,
    depth: 1,
    closed: false,
    staffCount: 3,
    openRequests: 5,
  },
  {
    id: MINXIN_ID,
    code: 'DL-JP-XJ-MX',
    name: '民馨社区社会工作室',
    kind: 'community',
    parentId: XIANJIN_ID,
    depth: 2,
    closed: false,
    staffCount: 1,
    openRequests: 0,
  },
  {
    id: '0b7c1a52-0000-4000-8000-000000000005',
    code: 'DL-JP-LS',
    name: '凌水街道社工站',
    kind: 'street',
    parentId: JINPU.id,
    depth: 1,
    closed: true,
    staffCount: 0,
    openRequests: 0,
  },
]

const { code: _code, parentCode: _parentCode, ...example } = TEMPLATE_EXAMPLE
export const MINXIN_STATION: AdminStation = {
  ...example,
  id: MINXIN_ID,
  code: 'DL-JP-XJ-MX',
  name: '民馨社区社会工作室',
  parentId: XIANJIN_ID,
  parentName: '先进街道社工站',
  area: { ...example.area, community: '民馨社区' },
  coverage: ['和兴社区', '和平社区'],
  closed: null,
  exceptions: [{ from: '2027-02-10', to: '2027-02-16', hours: [], reason: '春节闭站' }],
  updatedAt: '2026-11-20T02:00:00.000Z',
}

export const IMPORT_REPORT: ImportReport = {
  dryRun: true,
  applied: false,
  summary: { created: 18, changed: 1, unchanged: 40, errors: 2 },
  problems: [],
  rows: [
    { row: 6, code: 'DL-JP-XJ-R05', name: '新建第5社区社会工作室', action: 'error', changes: [], errors: ['第 6 行「电话」格式不正确'] },
    {
      row: 13,
      code: 'DL-JP-XJ-R12',
      name: '新建第12社区社会工作室',
      action: 'error',
      changes: [],
      errors: ['第 13 行「经度」不在中国境内'],
    },
    { row: 3, code: 'DL-JP-XJ', name: '先进街道社工站', action: 'changed', changes: ['服务范围'], errors: [] },
  ],
}

export const CALENDAR_2027: CalendarYear = {
  year: 2027,
  shippedThroughYear: 2026,
  canEdit: true,
  days: [
    { date: '2027-02-06', kind: 'holiday', name: '春节', source: 'admin' },
    { date: '2027-02-07', kind: 'holiday', name: '春节', source: 'admin' },
    { date: '2027-02-14', kind: 'workday', name: '春节', source: 'admin' },
  ],
}

export const ACCOUNT: StaffAccount = {
  id: '0b7c1a52-0000-4000-8000-0000000000a1',
  username: 'xianjin-wang',
  nickname: '王社工',
  phone: '138****5678',
  role: 'staff',
  station: { id: XIANJIN_ID, code: 'DL-JP-XJ', name: '先进街道社工站', kind: 'street' },
  status: 'active',
  mustChangePassword: false,
  createdAt: '2026-11-01T02:00:00.000Z',
  disabledAt: null,
}

export const ACCOUNTS: StaffAccountList = {
  items: [
    ACCOUNT,
    {
      ...ACCOUNT,
      id: '0b7c1a52-0000-4000-8000-0000000000a2',
      username: 'xianjin-zhang',
      nickname: '张社工',
      status: 'disabled',
      disabledAt: '2026-11-21T02:00:00.000Z',
    },
  ],
  grantableRoles: ['staff', 'head', 'supervisor', 'admin'],
}

export const AUDIT: AuditList = {
  items: [
    {
      id: 42,
      at: '2026-11-21T06:30:00.000Z',
      actor: { id: ADMIN_ME.user.id, name: '吴管理员' },
      station: { id: MINXIN_ID, name: '民馨社区社会工作室' },
      entity: 'station',
      entityId: MINXIN_ID,
      action: 'update',
      changes: [{ field: '服务范围', before: '', after: '和兴社区、和平社区' }],
      summary: '修改站点「民馨社区社会工作室」',
    },
  ],
  nextBefore: null,
}

export const SESSIONS: StaffSessionList = {
  items: [
    { id: 's1', createdAt: '2026-11-21T01:00:00.000Z', expiresAt: '2026-12-21T01:00:00.000Z', current: true },
    { id: 's2', createdAt: '2026-11-19T01:00:00.000Z', expiresAt: '2026-12-19T01:00:00.000Z', current: false },
  ],
}
