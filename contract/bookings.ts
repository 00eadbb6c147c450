/**
 * 预约服务: the services a station lets residents book (a talk, a call, a home
 * visit, a room), and bookings. Plain data, shared by the mini-program and the API.
 */

export const BOOKABLE_KINDS = ['talk', 'call', 'home_visit', 'room'] as const
export type BookableKind = (typeof BOOKABLE_KINDS)[number]
export const BOOKABLE_KIND_LABELS: Record<BookableKind, string> = {
  talk: '到站面谈',
  call: '电话沟通',
  home_visit: '入户探访',
  room: '场地预约',
}

/** booked → attended | no_show, or cancelled (by the resident before the cut-off, or by the station). */
export const BOOKING_STATUSES = ['booked', 'attended', 'no_show', 'cancelled'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  attended: '已到场',
  no_show: '未到场',
  cancelled: '已取消',
}
/** The statuses that hold a place in their slot. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['booked', 'attended', 'no_show']

/** Who the booking is for: 本人, a family member, or 代办 for an elderly parent. */
export const BOOKING_FOR = ['self', 'family', 'proxy'] as const
export type BookingFor = (typeof BOOKING_FOR)[number]
export const BOOKING_FOR_LABELS: Record<BookingFor, string> = {
  self: '本人',
  family: '家人',
  proxy: '代办（为长辈预约）',
}

/** Where a booking came from: the mini-program, or entered by the station (walk-in, phone). */
export const BOOKING_CHANNELS = ['miniprogram', 'counter', 'phone'] as const
export type BookingChannel = (typeof BOOKING_CHANNELS)[number]
export const BOOKING_CHANNEL_LABELS: Record<BookingChannel, string> = {
  miniprogram: '小程序',
  counter: '窗口登记',
  phone: '电话预约',
}

/** A staff entry in the station's calendar: time blocked (leave, an outing), or extra slots opened. */
export const BOOKING_BLOCK_KINDS = ['block', 'open'] as const
export type BookingBlockKind = (typeof BOOKING_BLOCK_KINDS)[number]

/** Slots offered in a 409 when the chosen one just filled. */
export const ALTERNATIVE_SLOTS = 3

/**
 * Booking from a help request: the station proposes 1–3 times — slots of one of
 * its bookable services, or, for a home visit, free times — and the resident
 * picks one on the request's page. 'withdrawn': a newer proposal replaced it.
 */
export const PROPOSAL_STATUSES = ['open', 'chosen', 'withdrawn', 'expired'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  open: '待选择',
  chosen: '已选定',
  withdrawn: '已重新提议',
  expired: '已过期',
}
/** At most this many times in one proposal. */
export const PROPOSAL_TIMES_MAX = 3
/** A proposal stays open this long (or until its last time comes, if sooner). */
export const PROPOSAL_VALID_HOURS = 72
/** A proposed time: free, taken meanwhile (full), or gone by (past). */
export const PROPOSAL_TIME_STATES = ['free', 'full', 'past'] as const
export type ProposalTimeState = (typeof PROPOSAL_TIME_STATES)[number]
