/**
 * Fake API answers for the 有问题找社工 pages (packages/request) and the
 * workbench (packages/workbench), typed with the API contract. Stations and
 * places follow fixtures.ts (大连 金普新区 先进街道).
 */
import { capabilitiesOf } from '../../domain/permissions'
import type {
  HelpRequest,
  HelpRequestSummary,
  RequestEvent,
  Session,
  StaffMe,
  StaffRequest,
  StaffRequestSummary,
} from '../../contract/types'
import { MINXIN, XIANJIN } from './fixtures'

/** zustand persist's storage format: JSON of `{ state, version }`. */
export const persisted = (state: object): string => JSON.stringify({ state, version: 0 })

// ───────────────────────── the resident ─────────────────────────

export const RESIDENT_SESSION: Session = {
  token: 'harness-resident-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: '0b7c1a52-0000-4000-8000-0000000000aa', nickname: '微信用户', role: 'resident' },
}

/** A resident who logged in earlier (storage key `sgz-session`, src/stores/session.ts). */
export const LOGGED_IN = {
  'sgz-session': persisted({ token: RESIDENT_SESSION.token, user: RESIDENT_SESSION.user, expiresAt: RESIDENT_SESSION.expiresAt }),
}

const XIANJIN_REF = { id: XIANJIN.id, name: XIANJIN.name, phone: XIANJIN.phone }
const MINXIN_REF = { id: MINXIN.id, name: MINXIN.name, phone: MINXIN.phone }

const event = (id: number, e: Partial<RequestEvent> & Pick<RequestEvent, 'type' | 'createdAt'>): RequestEvent => ({
  id,
  body: '',
  actorName: null,
  stationName: null,
  toStationName: null,
  internal: false,
  ...e,
})

/** What POST /api/requests answers for a new 养老服务 request. */
export const CREATED: HelpRequest = {
  id: '5d0e6a10-0000-4000-8000-000000000101',
  number: 'QZ20261124-0007',
  status: 'submitted',
  category: 'elderly_care',
  urgency: 'normal',
  requester: 'self',
  description: '腿脚不便，想了解助餐服务',
  station: XIANJIN_REF,
  helpedName: null,
  createdAt: '2026-11-24T02:00:00.000Z',
  updatedAt: '2026-11-24T02:00:00.000Z',
  dueAt: '2026-11-25T02:00:00.000Z',
  ratingDue: false,
  channel: 'miniprogram',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  emergency: [],
  contactName: '李女士',
  contactPhone: '13800001234',
  preferredTime: '',
  helped: null,
  area: {},
  address: '东山路18号',
  location: null,
  photoIds: [],
  routingReason: '您所在的先进街道由先进街道社工站提供养老服务',
  expectedResponse: '24 小时内',
  acceptedAt: null,
  resolvedAt: null,
  canCancel: true,
  rating: null,
  events: [event(1, { type: 'submitted', actorName: '李女士', createdAt: '2026-11-24T02:00:00.000Z' })],
}

/** 我的求助: one waiting to be accepted, one finished. */
export const MY_REQUESTS: HelpRequestSummary[] = [
  {
    id: '5d0e6a10-0000-4000-8000-000000000102',
    number: 'QZ20261124-0008',
    status: 'submitted',
    category: 'elderly_care',
    urgency: 'normal',
    requester: 'family',
    description: '母亲独自在家，想申请助餐',
    station: XIANJIN_REF,
    helpedName: '张秀兰',
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    dueAt: '2026-11-25T02:00:00.000Z',
    ratingDue: false,
  },
  {
    id: '5d0e6a10-0000-4000-8000-000000000103',
    number: 'QZ20261101-0002',
    status: 'resolved',
    category: 'social_assistance',
    urgency: 'normal',
    requester: 'self',
    description: '咨询低保申请材料',
    station: MINXIN_REF,
    helpedName: null,
    createdAt: '2026-11-01T01:00:00.000Z',
    updatedAt: '2026-11-03T07:30:00.000Z',
    dueAt: '2026-11-02T01:00:00.000Z',
    ratingDue: true,
  },
]

export const SOCIAL_WORKER = '王丽娜'
export const REPLY_TEXT = '低保需要户口本、身份证和收入证明，周三上午可以来站里办理。'
export const RESOLVE_TEXT = '已指导居民备齐材料并提交申请。'

/** The finished request, with its whole timeline. */
export const RESOLVED_DETAIL: HelpRequest = {
  ...MY_REQUESTS[1]!,
  channel: 'miniprogram',
  attributes: { assistanceStatus: 'none' },
  emergency: [],
  contactName: '刘先生',
  contactPhone: '13900005678',
  preferredTime: '工作日上午',
  helped: null,
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  address: '民馨小区3号楼',
  location: null,
  photoIds: [],
  routingReason: '您选择了民馨社区社会工作室',
  expectedResponse: '24 小时内',
  acceptedAt: '2026-11-01T03:00:00.000Z',
  resolvedAt: '2026-11-03T07:30:00.000Z',
  canCancel: false,
  rating: null,
  events: [
    event(11, { type: 'submitted', actorName: '刘先生', createdAt: '2026-11-01T01:00:00.000Z' }),
    event(12, { type: 'accepted', actorName: SOCIAL_WORKER, stationName: MINXIN.name, createdAt: '2026-11-01T03:00:00.000Z' }),
    event(13, {
      type: 'replied',
      body: REPLY_TEXT,
      actorName: SOCIAL_WORKER,
      stationName: MINXIN.name,
      createdAt: '2026-11-01T03:10:00.000Z',
    }),
    event(14, {
      type: 'resolved',
      body: RESOLVE_TEXT,
      actorName: SOCIAL_WORKER,
      stationName: MINXIN.name,
      createdAt: '2026-11-03T07:30:00.000Z',
    }),
  ],
}

/** The waiting request: the resident may still cancel it. */
export const WAITING_DETAIL: HelpRequest = {
  ...MY_REQUESTS[0]!,
  channel: 'miniprogram',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  emergency: [],
  contactName: '李女士',
  contactPhone: '13800001234',
  preferredTime: '',
  helped: { name: '张秀兰', relationship: '母亲', phone: null, address: '东山小区5号楼' },
  area: {},
  address: '东山小区5号楼',
  location: null,
  photoIds: [],
  routingReason: '您所在的先进街道由先进街道社工站提供养老服务',
  expectedResponse: '24 小时内',
  acceptedAt: null,
  resolvedAt: null,
  canCancel: true,
  rating: null,
  events: [event(21, { type: 'submitted', actorName: '李女士', createdAt: '2026-11-24T02:00:00.000Z' })],
}

// ───────────────────────── the workbench ─────────────────────────

export const STAFF_SESSION: Session = {
  token: 'harness-staff-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: '0b7c1a52-0000-4000-8000-0000000000bb', nickname: SOCIAL_WORKER, role: 'staff' },
}

export const STAFF_ME: StaffMe = {
  user: STAFF_SESSION.user,
  station: { id: XIANJIN.id, code: XIANJIN.code, name: XIANJIN.name, kind: 'street' },
  scope: [{ id: XIANJIN.id, code: XIANJIN.code, name: XIANJIN.name, kind: 'street' }],
  capabilities: capabilitiesOf('staff'),
  username: 'xianjin-li',
  mustChangePassword: false,
}

/** A station account that logged in earlier (storage key `sgz-staff-session`, src/stores/staffSession.ts). */
export const STAFF_LOGGED_IN = {
  'sgz-staff-session': persisted({ token: STAFF_SESSION.token, expiresAt: STAFF_SESSION.expiresAt, me: STAFF_ME }),
}

export const QUEUE: StaffRequestSummary[] = [
  {
    ...MY_REQUESTS[0]!,
    urgency: 'urgent',
    assigneeName: null,
    overdue: true,
    overdueMinutes: 185,
    sensitive: false,
    clocks: {
      acceptance: { kind: 'acceptance', dueAt: '2026-11-24T02:00:00.000Z', done: false, overdue: true, text: '受理：已超时 3 小时' },
      resolution: { kind: 'resolution', dueAt: '2026-11-25T00:00:00.000Z', done: false, overdue: false, text: '办结：剩 20 小时' },
    },
  },
  {
    ...CREATED,
    assigneeName: SOCIAL_WORKER,
    overdue: false,
    overdueMinutes: null,
    sensitive: false,
    clocks: {
      acceptance: { kind: 'acceptance', dueAt: '2026-11-25T02:00:00.000Z', done: true, overdue: false, text: '受理：按时' },
      resolution: { kind: 'resolution', dueAt: '2026-12-01T02:00:00.000Z', done: false, overdue: false, text: '办结：剩 3 个工作日' },
    },
  },
]

/** What 领取下一条 (POST /api/staff/queue/claim) hands the worker. */
export const CLAIMED: StaffRequest = {
  ...WAITING_DETAIL,
  status: 'accepted',
  urgency: 'urgent',
  assigneeId: STAFF_SESSION.user.id,
  assigneeName: SOCIAL_WORKER,
  overdue: true,
  overdueMinutes: null,
  sensitive: false,
  escalations: 0,
  clocks: {
    acceptance: { kind: 'acceptance', dueAt: '2026-11-24T02:00:00.000Z', done: true, overdue: false, text: '受理：按时' },
    resolution: { kind: 'resolution', dueAt: '2026-11-25T00:00:00.000Z', done: false, overdue: false, text: '办结：剩 20 小时' },
  },
}
