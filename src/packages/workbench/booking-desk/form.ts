/** 登记预约与停约's forms, pure: the checks made before sending, and the bodies to send. */
import type { BookingFor } from '@contract/bookings'
import type { BookableService, BookingBlockBody, SlotState, StaffBookingBody } from '@contract/types'
import { bookingEligibility } from '@domain/booking'
import { isMainlandPhone } from '@domain/phone'
import type { FieldMap } from '@/services/errors'

export interface CounterForm {
  channel: 'counter' | 'phone'
  serviceId: string
  forWhom: BookingFor
  personName: string
  relationship: string
  contactName: string
  contactPhone: string
  note: string
  /** The person's birth date, for a service with an age range ('' : not given). */
  birthDate: string
}

export interface BlockForm {
  serviceId: string
  /** One worker's own leave or extra slots ('' : the whole station). */
  workerId: string
  startsAt: string | null
  endsAt: string | null
  reason: string
}

type DeskKey =
  | 'serviceId'
  | 'workerId'
  | 'slot'
  | 'birthDate'
  | 'personName'
  | 'relationship'
  | 'contactName'
  | 'contactPhone'
  | 'note'
  | 'startsAt'
  | 'endsAt'
  | 'reason'
export type DeskErrors = Partial<Record<DeskKey | 'form', string>>

export const COUNTER_FIELDS: FieldMap<DeskKey> = {
  serviceId: 'serviceId',
  birthDate: 'birthDate',
  startsAt: 'slot',
  personName: 'personName',
  relationship: 'relationship',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  note: 'note',
}

export const BLOCK_FIELDS: FieldMap<DeskKey> = {
  serviceId: 'serviceId',
  workerId: 'workerId',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  reason: 'reason',
}

export const EMPTY_COUNTER: CounterForm = {
  channel: 'counter',
  serviceId: '',
  forWhom: 'self',
  personName: '',
  relationship: '',
  contactName: '',
  contactPhone: '',
  note: '',
  birthDate: '',
}

export const EMPTY_BLOCK: BlockForm = { serviceId: '', workerId: '', startsAt: null, endsAt: null, reason: '' }

/** Whether the counter form asks for a birth date: the service has an age range. */
export const counterAsksBirthDate = (s: Pick<BookableService, 'minAge' | 'maxAge'> | undefined) =>
  !!s && (s.minAge !== null || s.maxAge !== null)

export function counterBody(
  f: CounterForm,
  slot: SlotState | null,
  service?: BookableService,
): { body: StaffBookingBody | null; errors: DeskErrors } {
  const errors: DeskErrors = {}
  if (service && slot) {
    // The age rule as the server applies it at the counter: the person named, their age on the slot's day.
    const refusal = bookingEligibility(service, new Date(slot.startsAt), {
      name: f.personName.trim() || '来预约的人',
      birthDate: counterAsksBirthDate(service) ? f.birthDate || null : null,
      isSelf: false,
      fromFamily: false,
    })
    if (refusal) errors.birthDate = refusal.message
  }
  if (!f.serviceId) errors.serviceId = '请选择预约服务'
  if (!slot) errors.slot = '请选择一个时段'
  if (!f.personName.trim()) errors.personName = '请填写来预约的人的姓名'
  if (f.forWhom !== 'self' && !f.relationship.trim()) errors.relationship = '请填写与联系人的关系，例如：母亲'
  if (!f.contactName.trim()) errors.contactName = '请填写居民称呼'
  if (!isMainlandPhone(f.contactPhone)) errors.contactPhone = '请填写 11 位手机号，或带区号的固定电话'
  if (Object.keys(errors).length > 0 || !slot) return { body: null, errors }
  return {
    body: {
      serviceId: f.serviceId,
      startsAt: slot.startsAt,
      ...(slot.worker ? { workerId: slot.worker.id } : {}),
      channel: f.channel,
      forWhom: f.forWhom,
      personName: f.personName.trim(),
      ...(f.forWhom !== 'self' ? { relationship: f.relationship.trim() } : {}),
      contactName: f.contactName.trim(),
      contactPhone: f.contactPhone.trim(),
      ...(f.note.trim() ? { note: f.note.trim() } : {}),
      ...(counterAsksBirthDate(service) && f.birthDate ? { birthDate: f.birthDate } : {}),
    },
    errors,
  }
}

export function blockBody(kind: 'block' | 'open', f: BlockForm): { body: BookingBlockBody | null; errors: DeskErrors } {
  const errors: DeskErrors = {}
  if (kind === 'open' && !f.serviceId) errors.serviceId = '加开时段要选择是哪项服务'
  if (!f.startsAt) errors.startsAt = '请选择开始的日期和时间'
  if (!f.endsAt) errors.endsAt = '请选择结束的日期和时间'
  else if (f.startsAt && f.endsAt <= f.startsAt) errors.endsAt = '结束时间要晚于开始时间'
  if (!f.reason.trim()) errors.reason = kind === 'block' ? '请填写停约原因' : '请填写加开说明'
  if (Object.keys(errors).length > 0 || !f.startsAt || !f.endsAt) return { body: null, errors }
  return {
    body: {
      kind,
      ...(f.serviceId ? { serviceId: f.serviceId } : {}),
      ...(f.workerId ? { workerId: f.workerId } : {}),
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      reason: f.reason.trim(),
    },
    errors,
  }
}

/** What 停约 did: the slots are closed; the bookings already made stay, and the station moves them (listed below it). */
export function blockDoneText(affected: number): string {
  return affected === 0
    ? '已停约：这段时间居民不能再预约，没有需要改期的预约'
    : `已停约：这段时间居民不能再预约。已约的 ${affected} 个预约仍然有效，请在下面逐一改期，居民会收到通知`
}
