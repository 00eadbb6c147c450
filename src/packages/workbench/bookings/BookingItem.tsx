/**
 * One booking as the station sees it — time, service, person, contact — with
 * its actions: 已到场 / 未到场 once it has started, 改期 to a free slot with a
 * reason the resident reads, 取消预约 with a reason the resident reads (after
 * a confirmation). Used by the day/week view and by 停约's list of
 * the bookings a block leaves to move.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { BOOKING_CHANNEL_LABELS } from '@contract/bookings'
import { LIMITS } from '@contract/limits'
import type { Booking, SlotState } from '@contract/types'
import { bookingTimeText, slotLabel } from '@domain/booking'
import { cstDate } from '@domain/chinaTime'
import { cancelAsStation, fetchStaffSlots, markAttended, markNoShow, rescheduleAsStation } from '@/api/bookings'
import { ErrorState, Loading } from '@/components/StateView'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { useQuery } from '@/hooks/useQuery'
import { alertError, describeError } from '@/services/errors'
import { busyProps } from '@/utils/busy'
import { BookingStatusChip, personText } from '../../booking/shared'
import { SlotPicker } from './SlotPicker'
import './BookingItem.scss'

/** The reason for a station's 改期 or 取消 that the resident will read, and what the panel has to say under it. */
function ReasonField(props: {
  what: '改期' | '取消'
  className: string
  placeholder: string
  value: string
  onChange: (value: string) => void
  error: string | null
}) {
  return (
    <>
      <Field label={`${props.what}原因（居民会看到）`} required>
        <Textarea
          className={`textarea ${props.className}`}
          value={props.value}
          maxlength={LIMITS.reason}
          placeholder={props.placeholder}
          ariaLabel={`${props.what}原因`}
          onInput={(e) => props.onChange(e.detail.value)}
        />
      </Field>
      {props.error && (
        <View className='field__error' ariaRole='alert'>
          {props.error}
        </View>
      )}
    </>
  )
}

/** The station moves a booking: a free slot of the same service and the reason the resident will read. */
function Reschedule({ b, onDone, onClose }: { b: Booking; onDone: (b: Booking) => void; onClose: () => void }) {
  const slots = useQuery(['staffSlots', b.service.id], () => fetchStaffSlots(b.service.id))
  const [slot, setSlot] = useState<SlotState | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!slot) return setError('请选择新的时段')
    if (!reason.trim()) return setError('请写明改期原因，居民会看到')
    setBusy(true)
    try {
      onDone(await rescheduleAsStation(b.id, slot.startsAt, reason.trim(), slot.worker?.id))
      void Taro.showToast({ title: '已改期并通知居民', icon: 'none' })
    } catch (err) {
      setError(describeError(err).message)
      void slots.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='reschedule'>
      <Text className='reschedule__title'>改期：选择新的时段</Text>
      {slots.status === 'loading' && <Loading />}
      {slots.status === 'error' && <ErrorState message={slots.error.message} onRetry={slots.reload} />}
      {slots.data && <SlotPicker days={slots.data.days} value={slot} onChange={setSlot} />}
      <ReasonField
        what='改期'
        className='reschedule-reason'
        placeholder='例如：社工上午要入户探访，改到下午'
        value={reason}
        onChange={setReason}
        error={error}
      />
      <View className='reschedule__actions'>
        <Button className='btn btn--primary btn-confirm-reschedule' {...busyProps(busy)} onClick={submit}>
          {slot ? `改到 ${bookingTimeText(slot)}` : '确认改期'}
        </Button>
        <Button className='btn btn-cancel-reschedule' onClick={onClose}>
          不改了
        </Button>
      </View>
    </View>
  )
}

/** The station cancels a booking: the reason the resident will read, then a confirmation. */
function CancelByStation({ b, onDone, onClose }: { b: Booking; onDone: (b: Booking) => void; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const why = reason.trim()
    if (!why) return setError('请写明取消原因，居民会看到')
    setError(null)
    const sure = await Taro.showModal({
      title: '取消这条预约？',
      content: `${bookingTimeText(b)} ${b.personName}的${b.service.name}将被取消，居民会收到通知并看到原因。`,
      confirmText: '确认取消',
      cancelText: '再想想',
    })
    if (!sure.confirm) return
    setBusy(true)
    try {
      onDone(await cancelAsStation(b.id, why))
      void Taro.showToast({ title: '已取消并通知居民', icon: 'none' })
    } catch (err) {
      setError(describeError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='reschedule staff-cancel'>
      <Text className='reschedule__title'>取消预约</Text>
      <ReasonField
        what='取消'
        className='staff-cancel-reason'
        placeholder='例如：社工临时外出，请改约其他时间'
        value={reason}
        onChange={setReason}
        error={error}
      />
      <View className='reschedule__actions'>
        <Button className='btn btn--primary btn-confirm-staff-cancel' {...busyProps(busy)} onClick={submit}>
          确认取消预约
        </Button>
        <Button className='btn btn-close-staff-cancel' onClick={onClose}>
          不取消
        </Button>
      </View>
    </View>
  )
}

/** `withDate`: the booking's date before its time (a list across days; the day view groups by date). */
export function BookingItem({ b, onChange, withDate = false }: { b: Booking; onChange: (b: Booking) => void; withDate?: boolean }) {
  const [busy, setBusy] = useState<'attended' | 'no_show' | null>(null)
  const [moving, setMoving] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const over = new Date(b.endsAt).getTime() <= Date.now()
  const started = new Date(b.startsAt).getTime() <= Date.now() || cstDate(new Date(b.startsAt)) <= cstDate(new Date())

  const outcome = async (kind: 'attended' | 'no_show') => {
    const res = await Taro.showModal({
      title: kind === 'attended' ? '登记已到场' : '登记未到场',
      content: '',
      editable: true,
      placeholderText: '备注（选填），例如：谈了一小时，约了下次',
      confirmText: '登记',
      cancelText: '取消',
    } as Parameters<typeof Taro.showModal>[0])
    if (!res.confirm) return
    setBusy(kind)
    try {
      const note = (res as { content?: string }).content ?? ''
      onChange(await (kind === 'attended' ? markAttended(b.id, note) : markNoShow(b.id, note)))
    } catch (err) {
      alertError('没有登记成功', err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className={`staff-booking staff-booking--${b.status}`}>
      <View className='staff-booking__head'>
        <Text className='staff-booking__time'>{withDate ? bookingTimeText(b) : slotLabel(b)}</Text>
        <BookingStatusChip booking={b} />
      </View>
      <Text className='staff-booking__service'>{b.service.name}</Text>
      {b.needsWorker && (
        <Text className='notice-box notice-box--warn staff-booking__needs-worker'>
          {b.worker?.name ?? '接待社工'}的账号已停用，请点「改期」改由其他社工接待
        </Text>
      )}
      <InfoRow label='预约人' valueClassName='staff-booking__person'>
        {personText(b)}
      </InfoRow>
      <InfoRow label='联系人'>
        <Text>{b.contactName} </Text>
        <View
          className='staff-booking__phone'
          onClick={() => void Taro.makePhoneCall({ phoneNumber: b.contactPhone }).catch(() => undefined)}
          ariaRole='link'
          ariaLabel={`打电话给${b.contactName}，${b.contactPhone}`}
        >
          {b.contactPhone}
        </View>
      </InfoRow>
      {b.channel !== 'miniprogram' && <InfoRow label='来源'>{BOOKING_CHANNEL_LABELS[b.channel]}</InfoRow>}
      {b.note && <InfoRow label='居民留言'>{b.note}</InfoRow>}
      {b.rescheduleReason && <InfoRow label='改期原因'>{b.rescheduleReason}</InfoRow>}
      {b.cancelReason && (
        <InfoRow label='取消原因' valueClassName='staff-booking__cancel-reason'>
          {b.cancelReason}
        </InfoRow>
      )}
      {b.staffNote && <InfoRow label='备注'>{b.staffNote}</InfoRow>}
      {b.status === 'booked' && !moving && !cancelling && (
        <View className='btn-row btn-row--fit'>
          {started && (
            <Button
              className='btn btn--primary btn-attended'
              {...busyProps(busy === 'attended')}
              onClick={() => outcome('attended')}
              ariaLabel={`已到场：${b.personName}`}
            >
              已到场
            </Button>
          )}
          {started && (
            <Button
              className='btn btn-no-show'
              {...busyProps(busy === 'no_show')}
              onClick={() => outcome('no_show')}
              ariaLabel={`未到场：${b.personName}`}
            >
              未到场
            </Button>
          )}
          <Button className='btn btn-staff-reschedule' onClick={() => setMoving(true)} ariaLabel={`改期：${b.personName}`}>
            改期
          </Button>
          {!over && (
            <Button className='btn btn-staff-cancel' onClick={() => setCancelling(true)} ariaLabel={`取消预约：${b.personName}`}>
              取消预约
            </Button>
          )}
        </View>
      )}
      {cancelling && (
        <CancelByStation
          b={b}
          onClose={() => setCancelling(false)}
          onDone={(next) => {
            setCancelling(false)
            onChange(next)
          }}
        />
      )}
      {moving && (
        <Reschedule
          b={b}
          onClose={() => setMoving(false)}
          onDone={(next) => {
            setMoving(false)
            onChange(next)
          }}
        />
      )}
    </View>
  )
}
