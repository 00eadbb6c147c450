import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePageClass } from '@/stores/elder'
import { AccountDetail } from './AccountDetail'

/** 新建账号 (no id) or one account, as its own page (a phone) or beside the list of accounts (a desktop). */
export default function AccountPage() {
  const pageClass = usePageClass('page-account')
  const { params } = useRouter()
  return (
    <View className={pageClass}>
      <AccountDetail id={params.id || null} />
    </View>
  )
}
