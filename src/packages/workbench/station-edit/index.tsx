import { View } from '@tarojs/components'
import { usePageClass } from '@/stores/elder'
import { StationEditor } from './StationEditor'

/** 编辑站点 / 新建站点 on a phone (on a desktop, 站点管理 shows the editor beside its tree). */
export default function StationEditPage() {
  const pageClass = usePageClass('page-station-edit')
  return (
    <View className={pageClass}>
      <StationEditor />
    </View>
  )
}
