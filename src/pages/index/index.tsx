import { View, Text } from '@tarojs/components'
import { STATION_KIND_LABELS } from '@contract/enums'
import type { StationSummary } from '@contract/types'

export default function Index() {
  const s: StationSummary | null = null
  return (
    <View className='index'>
      <Text>{STATION_KIND_LABELS.street}{s ? 'x' : ''}</Text>
    </View>
  )
}
