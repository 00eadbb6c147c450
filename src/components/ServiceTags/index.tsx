import { Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import type { ServiceCategory } from '@contract/types'

export function ServiceTags({ services }: { services: ServiceCategory[] }) {
  return (
    <View className='service-tags'>
      {services.map((s) => (
        <Text key={s} className='tag service-tag'>
          {SERVICE_CATEGORY_LABELS[s]}
        </Text>
      ))}
    </View>
  )
}
