import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Booking } from '@contract/types'
import { bookingTimeText, isUpcomingBooking, receptionText } from '@domain/booking'
import { formatCstDateTime } from '@domain/chinaTime'
import { cancelBooking, fetchMyBookings } from '@/api/bookings'
import { InfoRow } from '@/components/InfoRow'
import { LoginGate } from '@/components/LoginGate'
import { Tabs } from '@/components/Tabs'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { useQuery } from '@/hooks/useQuery'
import { alertError } from '@/services/errors'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'
import { addToPhoneCalendar } from '../phoneCalendar'
import { BookingStatusChip, personText } from '../shared'
import { BookingRating } from './BookingRating'
import '../shared.scss'
import './index.scss'

type Tab = 'upcoming' | 'past'

function BookingCard({ b, upcoming, onChange }: { b: Booking; upcoming: boolean; onChange: (b: Booking) => void }) {
  const [busy, setBusy] = useState(false)

  const cancel = async () => {
    const ok = await Taro.showModal({
      title: '取消预约',
      content: `确定取消${bookingTimeText(b)}的“${b.service.name}”吗？取消后这个时段会让给其他居民。`,
      confirmText: '确定取消',
      cancelText: '再想想',
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      onChange(await cancelBooking(b.id))
      void Taro.showToast({ title: '已取消', icon: 'success' })
    } catch (err) {
      alertError('没有取消成功', err)
    } finally {
      setBusy(false)
    }
  }
  const addCalendar = async () => {
    if (await addToPhoneCalendar(b))
      void Taro.showToast({ title: process.env.TARO_ENV === 'h5' ? '已下载日历文件' : '已添加到日历', icon: 'success' })
  }

  return (
    <View className={`card booking booking--${b.status}`}>
      <View className='booking__head'>
        <Text className='booking__title'>{b.service.name}</Text>
        <BookingStatusChip booking={b} />
      </View>
      <InfoRow label='时间' valueClassName='booking__time'>
        {bookingTimeText(b)}
      </InfoRow>
      <InfoRow label='地点'>
        {b.service.kind === 'home_visit' ? `社工上门（${b.station.name}）` : `${b.station.name}，${b.station.address}`}
      </InfoRow>
      {b.worker && <InfoRow label='接待'>{receptionText(b.worker.name)}</InfoRow>}
      <InfoRow label='预约人' valueClassName='booking__person'>
        {personText(b)}
      </InfoRow>
      {b.rescheduleReason && (
        <Text className='notice-box booking__reason'>
          社工站已改期：{b.rescheduleReason}
          {b.rescheduledAt ? `（${formatCstDateTime(new Date(b.rescheduledAt))}）` : ''}
        </Text>
      )}
      {b.cancelReason && <Text className='notice-box booking__reason booking__cancel-reason'>社工站已取消：{b.cancelReason}</Text>}
      <BookingRating b={b} />
      {upcoming && (
        <View className='booking__actions'>
          <Button className='btn btn--primary btn-add-calendar' onClick={addCalendar} ariaLabel={`添加到手机日历：${b.service.name}`}>
            添加到手机日历
          </Button>
          {b.canChange ? (
            <View className='btn-row'>
              <Button
                className='btn btn-reschedule'
                onClick={() => Taro.navigateTo({ url: `/packages/booking/new/index?bookingId=${b.id}` })}
                ariaLabel={`改期：${b.service.name}`}
              >
                改期
              </Button>
              <Button className='btn btn-cancel-booking' {...busyProps(busy)} onClick={cancel} ariaLabel={`取消预约：${b.service.name}`}>
                取消预约
              </Button>
            </View>
          ) : (
            <Text className='muted booking__closed'>
              已过改期和取消的截止时间（{formatCstDateTime(new Date(b.changeDeadline))}），如需调整请致电 {b.station.phone}
            </Text>
          )}
          {b.canChange && <Text className='muted booking__deadline'>{formatCstDateTime(new Date(b.changeDeadline))} 前可以改期或取消</Text>}
        </View>
      )}
    </View>
  )
}

export default function MyBookings() {
  const pageClass = usePageClass('page-my-bookings')
  const token = useSession((s) => s.token)
  const list = useQuery(['myBookings', token], fetchMyBookings, { enabled: !!token, refreshOnShow: true, pullDownRefresh: true })
  const [tab, setTab] = useState<Tab>('upcoming')

  if (!token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以查看、改期和取消您的预约' />
      </View>
    )
  }

  const now = new Date()
  const items = list.status === 'ok' ? list.data : []
  const upcoming = items.filter((b) => isUpcomingBooking(b, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  const past = items.filter((b) => !isUpcomingBooking(b, now))
  const shown = tab === 'upcoming' ? upcoming : past
  const replace = (next: Booking) => list.setData((all) => all.map((x) => (x.id === next.id ? next : x)))

  return (
    <View className={pageClass}>
      <Tabs
        label='我的预约'
        tabs={[
          ['upcoming', `即将到来（${upcoming.length}）`],
          ['past', `已结束或取消（${past.length}）`],
        ]}
        value={tab}
        onChange={setTab}
      />
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'ok' && shown.length === 0 && (
        <EmptyState text={tab === 'upcoming' ? '还没有即将到来的预约' : '还没有已结束或取消的预约'}>
          {tab === 'upcoming' && (
            <Button
              className='btn btn--primary btn--main btn-find-station'
              onClick={() => Taro.switchTab({ url: '/pages/stations/index' })}
            >
              找社工站预约
            </Button>
          )}
        </EmptyState>
      )}
      {shown.map((b) => (
        <BookingCard key={b.id} b={b} upcoming={tab === 'upcoming'} onChange={replace} />
      ))}
    </View>
  )
}
