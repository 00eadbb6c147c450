import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { BookingFor } from '@contract/bookings'
import type { BookableService, Booking, BookingBody, FamilyMember, SlotFullError, SlotState } from '@contract/types'
import { bookingChoices, bookingEligibility, dayAvailability, slotIdOf } from '@domain/booking'
import { cstDate } from '@domain/chinaTime'
import { isMainlandPhone } from '@domain/phone'
import { fetchFamily } from '@/api/activities'
import { createBooking, fetchBooking, fetchSlots, fetchStationBookables, rescheduleBooking } from '@/api/bookings'
import { useQuery } from '@/hooks/useQuery'
import { describeError, type FieldMap } from '@/services/errors'
import { askSubscriptions, BOOKING_TEMPLATES } from '@/services/subscribe'
import { useEnrollProfile } from '@/stores/enrollProfile'
import { useSession } from '@/stores/session'

export interface BookForm {
  forWhom: BookingFor
  personName: string
  relationship: string
  contactName: string
  contactPhone: string
  note: string
  /** The member of 我的家人 it is for ('' : typed by hand); the server takes their name and relationship. */
  familyMemberId: string
  /** The person's birth date, asked only for a service with an age range (a family member has theirs). */
  birthDate: string
}
type ErrorKey = 'slot' | 'forWhom' | 'personName' | 'relationship' | 'birthDate' | 'contactName' | 'contactPhone' | 'note'
export type BookErrors = Partial<Record<ErrorKey | 'form', string>>

const BOOKING_FIELDS: FieldMap<ErrorKey> = {
  startsAt: 'slot',
  forWhom: 'forWhom',
  familyMemberId: 'forWhom',
  birthDate: 'birthDate',
  personName: 'personName',
  relationship: 'relationship',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  note: 'note',
}

/** Whether the form asks for a birth date: a service with an age range, for someone not picked from 我的家人. */
export const asksBirthDate = (s: Pick<BookableService, 'minAge' | 'maxAge'> | undefined, f: Pick<BookForm, 'familyMemberId'>) =>
  !!s && (s.minAge !== null || s.maxAge !== null) && !f.familyMemberId

export function validateBooking(f: BookForm, slot: SlotState | null, service?: BookableService): BookErrors {
  const errors: BookErrors = {}
  if (!slot) errors.slot = '请选择一个时段'
  // Who can book it: the same rule as the server's, said before sending (a family member picked was offered only if they fit).
  if (service && slot && !f.familyMemberId) {
    const refusal = bookingEligibility(service, new Date(slot.startsAt), {
      name: f.personName.trim() || '来预约的人',
      birthDate: asksBirthDate(service, f) ? f.birthDate || null : null,
      isSelf: f.forWhom === 'self',
      fromFamily: false,
    })
    if (refusal) errors[refusal.field === 'forWhom' ? 'forWhom' : 'birthDate'] = refusal.message
  }
  if (!f.personName.trim()) errors.personName = f.forWhom === 'self' ? '请填写您的姓名' : '请填写来预约的人的姓名'
  if (f.forWhom !== 'self' && !f.relationship.trim()) errors.relationship = '请填写与您的关系，例如：母亲'
  if (!f.contactName.trim()) errors.contactName = '请填写联系人'
  if (!isMainlandPhone(f.contactPhone)) errors.contactPhone = '请填写 11 位手机号，或带区号的固定电话'
  return errors
}

export function toBookingBody(serviceId: string, slot: SlotState, f: BookForm, service?: BookableService): BookingBody {
  return {
    ...(asksBirthDate(service, f) && f.birthDate ? { birthDate: f.birthDate } : {}),
    serviceId,
    startsAt: slot.startsAt,
    ...(slot.worker ? { workerId: slot.worker.id } : {}),
    forWhom: f.forWhom,
    personName: f.personName.trim(),
    ...(f.forWhom !== 'self' ? { relationship: f.relationship.trim() } : {}),
    ...(f.forWhom !== 'self' && f.familyMemberId ? { familyMemberId: f.familyMemberId } : {}),
    contactName: f.contactName.trim(),
    contactPhone: f.contactPhone.trim(),
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
  }
}

const newKey = () => `bk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

export function useBook() {
  const { params } = useRouter()
  const bookingId = params.bookingId ?? ''
  const stationId = params.stationId ?? ''
  const token = useSession((s) => s.token)
  const profile = useEnrollProfile()

  const original = useQuery(['booking', bookingId, token], () => fetchBooking(bookingId), {
    enabled: !!bookingId && !!token,
    notFound: true,
  })
  const services = useQuery(['stationBookables', stationId], () => fetchStationBookables(stationId), {
    enabled: !!stationId && !params.serviceId && !bookingId,
  })
  const [chosenService, setChosenService] = useState<string>(params.serviceId ?? '')
  const serviceId = bookingId ? (original.data?.service.id ?? '') : chosenService
  const slots = useQuery(['slots', serviceId], () => fetchSlots(serviceId), { enabled: !!serviceId, notFound: true, refreshOnShow: true })

  const [date, setDate] = useState<string | null>(null)
  const [slot, setSlot] = useState<SlotState | null>(null)
  const [form, setForm] = useState<BookForm>({
    forWhom: 'self',
    personName: profile.selfName,
    relationship: '',
    contactName: profile.selfName,
    contactPhone: profile.contactPhone,
    note: '',
    familyMemberId: '',
    birthDate: profile.selfBirthDate,
  })
  const family = useQuery(['family', token], fetchFamily, { enabled: !!token && !bookingId, refreshOnShow: true })
  /** A 409 SLOT_FULL's nearest free slots, offered as buttons. */
  const [alternatives, setAlternatives] = useState<SlotState[]>([])
  const [errors, setErrors] = useState<BookErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<Booking | null>(null)
  const key = useRef<{ body: string; key: string } | null>(null)

  // The first day with a free slot is chosen once the slots are in (and kept while it still exists).
  useEffect(() => {
    if (slots.status !== 'ok') return
    const days = slots.data.days
    setDate((d) =>
      d && days.some((x) => x.date === d) ? d : (days.find((x) => dayAvailability(x).bookable)?.date ?? days[0]?.date ?? null),
    )
    setSlot((s) => (s ? (days.flatMap((d) => d.slots).find((x) => slotIdOf(x) === slotIdOf(s) && x.state === 'free') ?? null) : null))
  }, [slots.status, slots.data])

  const update = (patch: Partial<BookForm>) => {
    setForm((f) => {
      const next = { ...f, ...patch }
      // 本人: the person is the contact; a name typed for one fills the other while it is empty.
      if (patch.forWhom === 'self' && !f.personName) next.personName = f.contactName
      // A name or relationship typed by hand, or 本人: no longer the member picked from 我的家人.
      if (patch.forWhom === 'self' || patch.personName !== undefined || patch.relationship !== undefined) next.familyMemberId = ''
      // 本人's birth date is remembered; someone else's is asked afresh.
      if (patch.forWhom !== undefined && patch.forWhom !== f.forWhom)
        next.birthDate = patch.forWhom === 'self' ? profile.selfBirthDate : f.forWhom === 'self' ? '' : f.birthDate
      return next
    })
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as ErrorKey]
      delete next.form
      return next
    })
  }

  const chooseSlot = (s: SlotState) => {
    if (s.state !== 'free') return
    setSlot(s)
    setAlternatives([])
    setErrors((e) => ({ ...e, slot: undefined, form: undefined }))
  }

  /** A member of 我的家人: their name and relationship, as recorded there. */
  const chooseMember = (m: FamilyMember) => {
    setForm((f) => ({ ...f, familyMemberId: m.id, personName: m.name, relationship: m.relationship }))
    setErrors((e) => ({ ...e, personName: undefined, relationship: undefined, form: undefined }))
  }

  /** One of the free slots a 409 offered: its day, then the slot. */
  const chooseAlternative = (s: SlotState) => {
    setDate(cstDate(new Date(s.startsAt)))
    chooseSlot({ ...s, state: 'free' })
  }

  const fail = (err: unknown) => {
    const { message, field, error } = describeError(err, BOOKING_FIELDS)
    setErrors({ [field ?? 'form']: message })
    setAlternatives(error.code === 'SLOT_FULL' ? ((error.details as SlotFullError | null)?.alternatives ?? []) : [])
    // The slot just filled, or the day changed: show the slots as they are now.
    if (error.status === 409 || error.status === 422) {
      setSlot(null)
      void slots.reload()
    }
  }

  const submit = async () => {
    // One dialog for both messages a booking brings: 预约成功 (or 已改期) and the reminder the day before.
    askSubscriptions(BOOKING_TEMPLATES)
    if (bookingId) {
      if (!slot) return setErrors({ slot: '请选择新的时段' })
      setSubmitting(true)
      try {
        setResult(await rescheduleBooking(bookingId, slot.startsAt, slot.worker?.id))
      } catch (err) {
        fail(err)
      } finally {
        setSubmitting(false)
      }
      return
    }
    const service = slots.data?.service
    const problems = validateBooking(form, slot, service)
    setErrors(problems)
    if (Object.keys(problems).length > 0 || !slot) return
    const body = toBookingBody(serviceId, slot, form, service)
    const json = JSON.stringify(body)
    // The same key for a retry of the same booking; a new one once anything changed.
    if (!key.current || key.current.body !== json) key.current = { body: json, key: newKey() }
    setSubmitting(true)
    try {
      const booking = await createBooking(body, key.current.key)
      key.current = null
      profile.remember({
        contactPhone: form.contactPhone.trim(),
        ...(form.forWhom === 'self'
          ? { selfName: form.personName.trim(), ...(body.birthDate ? { selfBirthDate: body.birthDate } : {}) }
          : {}),
      })
      setResult(booking)
    } catch (err) {
      fail(err)
    } finally {
      setSubmitting(false)
    }
  }

  // Who can be booked for: 本人 and the members of 我的家人 who fit (age on the chosen slot's day, else today); the others with why.
  const service = slots.data?.service
  const choices = service
    ? bookingChoices(service, slot ? new Date(slot.startsAt) : new Date(), { birthDate: profile.selfBirthDate || null }, family.data ?? [])
    : []
  const selfRefusal = choices.find((c) => c.value === 'self')?.refusal ?? null
  const members = choices.filter((c) => c.value !== 'self')
  const eligibleMembers = (family.data ?? []).filter((m) => members.some((c) => c.value === m.id && !c.refusal))
  const excludedMembers = members.filter((c) => c.refusal)

  // 本人 cannot be booked for (a children's service, or their age): the form starts with 家人.
  useEffect(() => {
    if (selfRefusal) setForm((f) => (f.forWhom === 'self' ? { ...f, forWhom: 'family', personName: '', birthDate: '' } : f))
  }, [selfRefusal])
  // A member picked who no longer fits the slot now chosen: picked no more.
  const eligibleIds = eligibleMembers.map((m) => m.id).join()
  useEffect(() => {
    if (form.familyMemberId && !eligibleIds.split(',').includes(form.familyMemberId))
      setForm((f) => ({ ...f, familyMemberId: '', personName: '', relationship: '' }))
  }, [form.familyMemberId, eligibleIds])

  return {
    token,
    bookingId,
    selfRefusal,
    eligibleMembers,
    excludedMembers,
    asksBirthDate: asksBirthDate(service, form),
    original,
    stationId,
    services,
    chooseService: setChosenService,
    serviceId,
    slots,
    date,
    setDate: (d: string) => {
      setDate(d)
      setSlot(null)
    },
    slot,
    chooseSlot,
    form,
    update,
    errors,
    alternatives,
    chooseAlternative,
    family,
    chooseMember,
    addFamily: () => Taro.navigateTo({ url: '/packages/activity/family/index?add=1&back=1' }),
    submit,
    submitting,
    result,
  }
}
