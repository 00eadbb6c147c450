import { usePageClass } from '@/stores/elder'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { RequestDetail } from './RequestDetail'
import './index.scss'
import '../workbench.scss'

/** Back to the queue (the page it was opened from, or the queue itself when opened directly). */
function backToQueue() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: '/packages/workbench/queue/index' })
}

/** One request on a phone (on a desktop, the queue shows it beside the list). */
export default function StaffRequestPage() {
  const pageClass = usePageClass('page-staff-request')
  const { params } = useRouter()
  return (
    <View className={pageClass}>
      <RequestDetail id={params.id ?? ''} onGone={backToQueue} />
    </View>
  )
}
