import { Button, Text, View } from '@tarojs/components'

/** Where the list is measured from, in words, with 重新定位 and 切换地区 (找社工站 and 活动). */
export function LocationStatus({ text, onRelocate, onPickArea }: { text: string; onRelocate: () => void; onPickArea: () => void }) {
  return (
    <View className='location-status' ariaRole='status'>
      <Text className='location-status__text'>{text}</Text>
      <View className='location-status__actions'>
        <Button className='btn btn--text btn-locate' onClick={onRelocate}>
          重新定位
        </Button>
        <Button className='btn btn--text btn-pick-area' onClick={onPickArea}>
          切换地区
        </Button>
      </View>
    </View>
  )
}

export default LocationStatus
