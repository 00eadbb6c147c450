import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { REQUEST_EVENT_LABELS } from '@contract/requests'
import type { RequestEvent } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import './index.scss'

function who(e: RequestEvent, viewer: 'resident' | 'staff'): string {
  if (e.type === 'message' || (e.type === 'submitted' && viewer === 'resident' && e.actorName)) return viewer === 'resident' ? '我' : '居民'
  if (e.type === 'escalated' && !e.actorName) return '系统'
  return [e.stationName, e.actorName].filter(Boolean).join(' ')
}

/** Where a booking made from the request is seen (预约服务). */
const BOOKINGS_PAGE = { resident: '/packages/booking/mine/index', staff: '/packages/workbench/bookings/index' } as const

/** Every step of a help request, oldest first; a booking chosen from it links to the booking. */
export function Timeline({ events, viewer }: { events: RequestEvent[]; viewer: 'resident' | 'staff' }) {
  return (
    <View className='timeline'>
      {events.map((e) => (
        <View key={e.id} className={`timeline__item timeline__item--${e.type}${e.internal ? ' timeline__item--internal' : ''}`}>
          <View className='timeline__head'>
            <Text className='timeline__type'>
              {REQUEST_EVENT_LABELS[e.type]}
              {e.internal ? '（仅工作人员可见）' : ''}
            </Text>
            <Text className='timeline__time'>{formatCstDateTime(new Date(e.createdAt))}</Text>
          </View>
          <Text className='timeline__who'>{who(e, viewer)}</Text>
          {e.toStationName && <Text className='timeline__to'>转至：{e.toStationName}</Text>}
          {e.body && <Text className='timeline__body'>{e.body}</Text>}
          {e.type === 'booking_chosen' && (
            <Button
              className='btn btn--text timeline__link btn-timeline-booking'
              onClick={() => void Taro.navigateTo({ url: BOOKINGS_PAGE[viewer] })}
              ariaLabel={viewer === 'resident' ? '查看我的预约' : '在预约管理中查看'}
            >
              {viewer === 'resident' ? '查看我的预约' : '在预约管理中查看'}
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}

export default Timeline
