import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { BOOKABLE_KIND_LABELS } from '@contract/bookings'
import { formatMinutes } from '@domain/booking'
import { fetchStationBookables } from '@/api/bookings'
import { useQuery } from '@/hooks/useQuery'

/** 预约服务: what the station lets residents book, each with its 预约 button. Nothing shows for a station without any. */
export function StationBookables({ stationId }: { stationId: string }) {
  const list = useQuery(['stationBookables', stationId], () => fetchStationBookables(stationId))
  if (list.status === 'error') {
    return (
      <View className='card station-bookables'>
        <Text className='station-section__title'>预约服务</Text>
        <Text className='muted'>预约服务暂时没有加载出来：{list.error.message}</Text>
        <Button className='btn btn--text btn-retry-bookables' onClick={list.reload}>
          重试
        </Button>
      </View>
    )
  }
  if (list.status !== 'ok' || list.data.length === 0) return null
  return (
    <View className='card station-bookables'>
      <Text className='station-section__title'>预约服务</Text>
      <Text className='muted station-bookables__intro'>选好时间再来，不用在上班时间打电话</Text>
      {list.data.map((s) => (
        <View key={s.id} className='bookable'>
          <View className='bookable__text'>
            <Text className='bookable__name'>{s.name}</Text>
            <Text className='muted bookable__meta'>
              {BOOKABLE_KIND_LABELS[s.kind]} · 每次 {formatMinutes(s.durationMinutes)}
            </Text>
          </View>
          <Button
            className='btn btn--primary btn-book'
            onClick={() => Taro.navigateTo({ url: `/packages/booking/new/index?serviceId=${s.id}` })}
            ariaLabel={`预约 ${s.name}`}
          >
            预约
          </Button>
        </View>
      ))}
    </View>
  )
}

export default StationBookables
