import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { BOOKING_CHANNEL_LABELS } from '@contract/bookings'
import { LIMITS } from '@contract/limits'
import type { Booking, SlotState } from '@contract/types'
import { bookingTimeText, dayLabel, slotLabel } from '@domain/booking'
import { cstDate } from '@domain/chinaTime'
import { fetchStaffBookings, fetchStaffSlots, markAttended, markNoShow, rescheduleAsStation } from '@/api/bookings'
import { Tabs } from '@/components/Tabs'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { useQuery } from '@/hooks/useQuery'
import { alertError, describeError } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { busyProps } from '@/utils/busy'
import { BookingStatusChip, personText } from '../../booking/shared'
import { useStaffQuery } from '../useStaffQuery'
import { SlotPicker } from './SlotPicker'
import { groupBookings, shiftDate, viewRange, type ViewMode } from './model'
import './index.scss'
import '../workbench.scss'

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
      <Field label='改期原因（居民会看到）' required>
        <Textarea
          className='textarea reschedule-reason'
          value={reason}
          maxlength={LIMITS.reason}
          placeholder='例如：社工上午要入户探访，改到下午'
          ariaLabel='改期原因'
          onInput={(e) => setReason(e.detail.value)}
        />
      </Field>
      {error && (
        <View className='field__error' ariaRole='alert'>
          {error}
        </View>
      )}
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

function BookingItem({ b, onChange }: { b: Booking; onChange: (b: Booking) => void }) {
  const [busy, setBusy] = useState<'attended' | 'no_show' | null>(null)
  const [moving, setMoving] = useState(false)
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
        <Text className='staff-booking__time'>{slotLabel(b)}</Text>
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
      {b.staffNote && <InfoRow label='备注'>{b.staffNote}</InfoRow>}
      {b.status === 'booked' && !moving && (
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
        </View>
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

export default function WorkbenchBookings() {
  const pageClass = usePageClass('page-workbench-bookings')
  const today = cstDate(new Date())
  const [mode, setMode] = useState<ViewMode>('day')
  const [date, setDate] = useState(today)
  const { from, to } = viewRange(mode, date)
  const list = useStaffQuery(['staffBookings', from, to], () => fetchStaffBookings(from, to))
  const replace = (next: Booking) => list.setData((all) => all.map((x) => (x.id === next.id ? next : x)))
  const step = mode === 'day' ? 1 : 7
  const fromLabel = dayLabel(from, today)
  const title = mode === 'day' ? `${fromLabel.day} ${fromLabel.weekday}` : `${fromLabel.day} – ${dayLabel(to, today).day}`

  return (
    <View className={pageClass}>
      <View className='bookings-bar'>
        <Tabs
          label='查看方式'
          tabs={[
            ['day', '按日'],
            ['week', '按周'],
          ]}
          value={mode}
          onChange={setMode}
        />
        <View className='bookings-nav'>
          <Button className='btn btn-prev' onClick={() => setDate(shiftDate(date, -step))} ariaLabel={mode === 'day' ? '前一天' : '上一周'}>
            ‹
          </Button>
          <Text className='bookings-nav__title'>{title}</Text>
          <Button className='btn btn-next' onClick={() => setDate(shiftDate(date, step))} ariaLabel={mode === 'day' ? '后一天' : '下一周'}>
            ›
          </Button>
          {date !== today && (
            <Button className='btn btn--text btn-today' onClick={() => setDate(today)}>
              今天
            </Button>
          )}
        </View>
        <View className='bookings-links'>
          <Button className='btn btn-go-counter' onClick={() => void Taro.navigateTo({ url: '/packages/workbench/booking-desk/index' })}>
            登记预约
          </Button>
          <Button
            className='btn btn-go-block'
            onClick={() => void Taro.navigateTo({ url: '/packages/workbench/booking-desk/index?tab=block' })}
          >
            停约 / 加开
          </Button>
          <Button className='btn btn-go-bookable' onClick={() => void Taro.navigateTo({ url: '/packages/workbench/bookable/index' })}>
            服务设置
          </Button>
        </View>
      </View>
      {list.status === 'loading' && !list.data && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <EmptyState text={mode === 'day' ? '这一天没有预约' : '这一周没有预约'} />}
      {list.data && list.data.length > 0 && (
        <View className={`bookings-days bookings-days--${mode}`}>
          {groupBookings(list.data, from, to).map((d) => (
            <View key={d.date} className='bookings-day'>
              {mode === 'week' && (
                <View className='bookings-day__title'>
                  <Text className='bookings-day__date'>{dayLabel(d.date, today).day}</Text>
                  <Text className='bookings-day__date'>{dayLabel(d.date, today).weekday}</Text>
                  <Text className='bookings-day__count'>{d.count} 个预约</Text>
                </View>
              )}
              {d.workers.map((w) => (
                <View key={w.worker} className='card bookings-worker'>
                  <Text className='bookings-worker__name'>{w.worker}</Text>
                  {w.bookings.map((b) => (
                    <BookingItem key={b.id} b={b} onChange={replace} />
                  ))}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
