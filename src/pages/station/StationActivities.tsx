import { Button, Text, View } from '@tarojs/components'
import { fetchActivities } from '@/api/activities'
import { ActivityCard } from '@/components/ActivityCard'
import { useQuery } from '@/hooks/useQuery'

/** 本站活动: the station's upcoming activities, each opening its detail. A failure here leaves the rest of the page alone. */
export function StationActivities({ stationId }: { stationId: string }) {
  const list = useQuery(['stationActivities', stationId], () => fetchActivities({ stationId }))
  const items = list.status === 'ok' ? list.data : []

  return (
    <View className='station-activities'>
      <Text className='section-title'>本站活动{items.length > 0 ? `（${items.length}）` : ''}</Text>
      {list.status === 'loading' && <Text className='muted station-activities__note'>正在加载本站活动…</Text>}
      {list.status === 'error' && (
        <View className='station-activities__note'>
          <Text className='muted'>本站活动暂时没有加载出来：{list.error.message}</Text>
          <Button className='btn btn--text btn-retry-activities' onClick={list.reload}>
            重试
          </Button>
        </View>
      )}
      {list.status === 'ok' && items.length === 0 && <Text className='muted station-activities__note'>本站近期没有活动</Text>}
      {items.map((a) => (
        <ActivityCard key={a.id} activity={a} />
      ))}
    </View>
  )
}

export default StationActivities
