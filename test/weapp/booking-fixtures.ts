/**
 * Fake API answers for 预约服务 (packages/booking, packages/workbench/bookings),
 * typed with the API contract. NOW is Tuesday 24 November 2026, 10:00 in
 * Beijing; 民馨社区社会工作室's 心理疏导谈心 (60 minutes, one person).
 */
import type { BookableService, Booking, SlotDay, SlotState } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { MINXIN } from './fixtures'

export { NOW } from './activity-fixtures'

const iso = (date: string, time: string) => cstInstant(date, time).toISOString()
const slot = (date: string, time: string, state: SlotState['state'], taken = state === 'full' ? 1 : 0): SlotState => {
  const start = cstInstant(date, time)
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3600_000).toISOString(),
    worker: null,
    capacity: 1,
    taken,
    state,
  }
}

const STATION = { id: MINXIN.id, name: MINXIN.name, phone: MINXIN.phone, address: '大连市金普新区先进街道民馨社区居委会1楼' }

export const PSY: BookableService = {
  id: '5d1f0a3e-0000-4000-8000-0000000000b1',
  station: STATION,
  name: '心理疏导谈心',
  description: '驻站社工一对一谈心，困境儿童家长心理辅导、长辈情绪疏导。内容严格保密，可为家人代约。',
  kind: 'talk',
  category: 'psychological',
  audience: 'all',
  minAge: null,
  maxAge: null,
  durationMinutes: 60,
  capacity: 1,
  horizonDays: 14,
  cutoffMinutes: 120,
  perPersonPerDay: 1,
  availability: [
    { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00' },
    { weekdays: [1, 2, 3, 4, 5], open: '14:00', close: '17:00' },
  ],
  workerName: '刘社工',
  active: true,
  workers: [],
}

export const VISIT: BookableService = {
  ...PSY,
  id: '5d1f0a3e-0000-4000-8000-0000000000b2',
  name: '入户探访',
  kind: 'home_visit',
  category: 'elderly_care',
  durationMinutes: 120,
  workerName: null,
}

export const DAYS: SlotDay[] = [
  // Today: 10:00 is within the 2-hour cut-off.
  {
    date: '2026-11-24',
    note: null,
    slots: [
      slot('2026-11-24', '10:00', 'closed'),
      slot('2026-11-24', '14:00', 'full'),
      slot('2026-11-24', '15:00', 'full'),
      slot('2026-11-24', '16:00', 'full'),
    ],
  },
  {
    date: '2026-11-25',
    note: null,
    slots: [
      slot('2026-11-25', '09:00', 'full'),
      slot('2026-11-25', '10:00', 'free'),
      slot('2026-11-25', '14:00', 'free'),
      slot('2026-11-25', '15:00', 'full'),
      slot('2026-11-25', '16:00', 'free'),
    ],
  },
  { date: '2026-11-26', note: '社工外出培训', slots: [] },
  { date: '2026-11-27', note: null, slots: [slot('2026-11-27', '09:00', 'free'), slot('2026-11-27', '10:00', 'free')] },
  { date: '2026-11-28', note: null, slots: [] },
]
export const SLOTS = { service: PSY, days: DAYS }

export const MOTHER_BOOKING: Booking = {
  id: '7a2b0c4d-0000-4000-8000-0000000000c1',
  service: { id: PSY.id, name: PSY.name, kind: PSY.kind, category: PSY.category, workerName: PSY.workerName },
  station: STATION,
  startsAt: iso('2026-11-25', '10:00'),
  endsAt: iso('2026-11-25', '11:00'),
  worker: null,
  status: 'booked',
  channel: 'miniprogram',
  forWhom: 'proxy',
  personName: '王秀兰',
  relationship: '母亲',
  contactName: '小王',
  contactPhone: '13812345678',
  note: '',
  rescheduleReason: null,
  rescheduledAt: null,
  cancelReason: null,
  changeDeadline: iso('2026-11-25', '08:00'),
  canChange: true,
  createdAt: iso('2026-11-24', '09:50'),
}

export const MOVED_BY_STATION: Booking = {
  ...MOTHER_BOOKING,
  id: '7a2b0c4d-0000-4000-8000-0000000000c2',
  startsAt: iso('2026-11-27', '09:00'),
  endsAt: iso('2026-11-27', '10:00'),
  changeDeadline: iso('2026-11-27', '07:00'),
  rescheduleReason: '刘社工周三要入户探访，改到周五上午',
  rescheduledAt: iso('2026-11-24', '09:30'),
}

export const PAST_ATTENDED: Booking = {
  ...MOTHER_BOOKING,
  id: '7a2b0c4d-0000-4000-8000-0000000000c3',
  service: { ...MOTHER_BOOKING.service },
  startsAt: iso('2026-11-17', '14:00'),
  endsAt: iso('2026-11-17', '15:00'),
  changeDeadline: iso('2026-11-17', '12:00'),
  status: 'attended',
  canChange: false,
}

export const MY_BOOKINGS = { items: [MOVED_BY_STATION, MOTHER_BOOKING, PAST_ATTENDED] }

/** The station's day view of 25 November: the talk above, and a phone-booked home visit. */
export const STAFF_DAY = {
  items: [
    { ...MOTHER_BOOKING, staffNote: '' },
    {
      ...MOTHER_BOOKING,
      id: '7a2b0c4d-0000-4000-8000-0000000000c4',
      service: { id: VISIT.id, name: VISIT.name, kind: VISIT.kind, category: VISIT.category, workerName: null },
      startsAt: iso('2026-11-25', '13:30'),
      endsAt: iso('2026-11-25', '15:30'),
      channel: 'phone' as const,
      forWhom: 'self' as const,
      personName: '李大爷',
      relationship: null,
      contactName: '李大爷',
      contactPhone: '13900001111',
      staffNote: '',
    },
  ],
}
