/**
 * Help requests ("有问题找社工"): statuses, urgencies, event types, and each
 * service category's own extra questions (like Open311 service attributes).
 * Plain data, shared by the mini-program and the API.
 */
import type { ServiceCategory } from './enums'

export const REQUEST_STATUSES = ['submitted', 'accepted', 'in_progress', 'resolved', 'cancelled'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '处理中',
  resolved: '已办结',
  cancelled: '已取消',
}

export const URGENCIES = ['normal', 'urgent'] as const
export type Urgency = (typeof URGENCIES)[number]
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急' }

export const REQUESTERS = ['self', 'family'] as const
export type Requester = (typeof REQUESTERS)[number]
export const REQUESTER_LABELS: Record<Requester, string> = { self: '本人', family: '家人代办' }

export const RELATIONSHIPS = [
  '父亲',
  '母亲',
  '祖父',
  '祖母',
  '外祖父',
  '外祖母',
  '配偶',
  '子女',
  '兄弟姐妹',
  '其他亲属',
  '邻居或朋友',
] as const

export const REQUEST_CHANNELS = ['miniprogram', 'phone', 'counter'] as const
export type RequestChannel = (typeof REQUEST_CHANNELS)[number]

/** Where a request came from, as the workbench says it. */
export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = { miniprogram: '小程序', phone: '电话登记', counter: '窗口来访' }

export const REQUEST_EVENT_TYPES = [
  'submitted',
  'accepted',
  'replied',
  'message',
  'note',
  'transferred',
  'escalated',
  'resolved',
  'reopened',
  'cancelled',
  /** Given to a colleague, taken, or handed back (internal: staff only). */
  'assigned',
  /** A duplicate merged into its original (on both requests). */
  'merged',
  /** Linked to, or unlinked from, a related request (internal: staff only). */
  'linked',
  /** The station proposed booking times (预约服务), and the resident picked one. */
  'booking_proposed',
  'booking_chosen',
] as const
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number]

export const REQUEST_EVENT_LABELS: Record<RequestEventType, string> = {
  submitted: '已提交',
  accepted: '已受理',
  replied: '社工回复',
  message: '补充说明',
  note: '内部备注',
  transferred: '已转介',
  escalated: '已升级',
  resolved: '已办结',
  reopened: '重新处理',
  cancelled: '已取消',
  assigned: '分派',
  merged: '已合并',
  linked: '相关求助',
  booking_proposed: '提议预约时间',
  booking_chosen: '已选定预约',
}

/** Categories whose requests only the assigned station's own staff may see. */
export const SENSITIVE_CATEGORIES: readonly ServiceCategory[] = ['child_protection', 'marriage_family', 'psychological']

/** How the request's station came to be in the form: the resident chose it (a station's page), or it was pre-filled as the nearest one (首页). */
export const STATION_SOURCES = ['chosen', 'nearest'] as const
export type StationSource = (typeof STATION_SOURCES)[number]

/** Why a request went to the station it went to. */
export const ROUTING_RULES = ['chosen', 'community', 'street', 'district', 'city', 'nearest'] as const
export type RoutingRule = (typeof ROUTING_RULES)[number]

export type EmergencyKind = 'violence' | 'self_harm' | 'medical' | 'child_at_risk'

export interface CategoryQuestion {
  key: string
  label: string
  options: { value: string; label: string; emergency?: EmergencyKind }[]
  required: boolean
}

/** Each category's extra questions; an option marked `emergency` means someone is in danger now. */
export const CATEGORY_QUESTIONS: Partial<Record<ServiceCategory, CategoryQuestion[]>> = {
  elderly_care: [
    {
      key: 'livesAlone',
      label: '老人是否独居',
      required: true,
      options: [
        { value: 'yes', label: '独居' },
        { value: 'no', label: '与家人同住' },
      ],
    },
    {
      key: 'mobility',
      label: '行动是否方便',
      required: true,
      options: [
        { value: 'good', label: '行动方便' },
        { value: 'limited', label: '需要搀扶或轮椅' },
        { value: 'bedridden', label: '长期卧床' },
        { value: 'fallen', label: '刚刚摔倒或突发不适', emergency: 'medical' },
      ],
    },
  ],
  child_protection: [
    {
      key: 'childSafe',
      label: '孩子现在是否安全',
      required: true,
      options: [
        { value: 'safe', label: '目前安全' },
        { value: 'unsure', label: '不确定' },
        { value: 'danger', label: '正处于危险中', emergency: 'child_at_risk' },
      ],
    },
  ],
  marriage_family: [
    {
      key: 'violence',
      label: '是否涉及家庭暴力',
      required: true,
      options: [
        { value: 'no', label: '不涉及' },
        { value: 'past', label: '以前发生过' },
        { value: 'now', label: '正在发生或马上可能发生', emergency: 'violence' },
      ],
    },
  ],
  psychological: [
    {
      key: 'selfHarm',
      label: '是否有伤害自己或他人的想法',
      required: true,
      options: [
        { value: 'no', label: '没有' },
        { value: 'sometimes', label: '偶尔有' },
        { value: 'now', label: '现在就有，很难控制', emergency: 'self_harm' },
      ],
    },
  ],
  disability: [
    {
      key: 'disabilityType',
      label: '残疾类别',
      required: false,
      options: [
        { value: 'physical', label: '肢体' },
        { value: 'visual', label: '视力' },
        { value: 'hearing', label: '听力或言语' },
        { value: 'intellectual', label: '智力' },
        { value: 'mental', label: '精神' },
        { value: 'multiple', label: '多重' },
      ],
    },
  ],
  social_assistance: [
    {
      key: 'assistanceStatus',
      label: '目前享受的救助',
      required: false,
      options: [
        { value: 'none', label: '暂无' },
        { value: 'dibao', label: '低保' },
        { value: 'tekun', label: '特困供养' },
        { value: 'temporary', label: '临时救助' },
      ],
    },
  ],
}

/** Hotlines shown when someone is in danger now. */
export const EMERGENCY_HOTLINES: { number: string; label: string; for: EmergencyKind[] }[] = [
  { number: '110', label: '报警电话 110', for: ['violence', 'child_at_risk', 'self_harm'] },
  { number: '120', label: '急救电话 120', for: ['medical', 'self_harm', 'violence'] },
  { number: '12356', label: '心理援助热线 12356', for: ['self_harm'] },
]
