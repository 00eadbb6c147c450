import { usePageClass } from '@/stores/elder'
import { Text, View } from '@tarojs/components'
import { PRIVACY_POLICY, PRIVACY_POLICY_VERSION } from '@/content/privacy'
import './index.scss'

export default function PrivacyPage() {
  const pageClass = usePageClass('page-privacy')
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='privacy__title'>社工站居民服务隐私政策</Text>
        <Text className='muted'>版本 {PRIVACY_POLICY_VERSION} · 自发布之日起生效</Text>
        {PRIVACY_POLICY.map((s) => (
          <View key={s.title} className='privacy__section'>
            <Text className='privacy__heading'>{s.title}</Text>
            {s.paragraphs.map((p) => (
              <Text key={p.slice(0, 12)} className='privacy__paragraph'>
                {p}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
