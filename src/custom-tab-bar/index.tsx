import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { TABS, tabIconPath } from '@/tabs'
import { useElder } from '@/stores/elder'
import './index.scss'

/** The tab the page showing this bar belongs to (WeChat gives every tab page its own bar). */
function currentTab(): number {
  const pages = Taro.getCurrentPages()
  const route = pages[pages.length - 1]?.route ?? ''
  return TABS.findIndex((t) => t.pagePath === route)
}

/**
 * The mini-program's tab bar (`tabBar.custom` in app.config.ts): WeChat's own keeps its small type in
 * 长辈模式, this one follows it — larger labels and icons, a taller bar.
 */
export default function CustomTabBar() {
  const elder = useElder((s) => s.enabled)
  const selected = currentTab()
  return (
    <View className={`tab-bar${elder ? ' tab-bar--elder' : ''}`} ariaRole='tablist'>
      {TABS.map((t, i) => (
        <View
          key={t.pagePath}
          className={`tab-bar__item${i === selected ? ' tab-bar__item--on' : ''}`}
          ariaRole='tab'
          {...{ 'aria-selected': i === selected }}
          onClick={() => i !== selected && void Taro.switchTab({ url: `/${t.pagePath}` })}
        >
          <Image className='tab-bar__icon' src={`/${tabIconPath(t, i === selected)}`} />
          <Text className='tab-bar__label'>{t.text}</Text>
        </View>
      ))}
    </View>
  )
}
