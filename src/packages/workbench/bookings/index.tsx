import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Booking } from '@contract/types'
import { dayLabel } from '@domain/booking'
import { cstDate } from '@domain/chinaTime'
import { fetchStaffBookings } from '@/api/bookings'
import { Tabs } from '@/components/Tabs'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { usePageClass } from '@/stores/elder'
import { useStaffQuery } from '../useStaffQuery'
import { BookingItem } from './BookingItem'
import { groupBookings, shiftDate, viewRange, type ViewMode } from './model'
import './index.scss'
import '../workbench.scss'

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
