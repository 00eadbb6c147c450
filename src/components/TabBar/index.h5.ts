/**
 * The h5 portal's tab bar. `tabBar.custom` (app.config.ts) keeps Taro from drawing its own, a Stencil custom
 * element whose runtime was evaluated in the start-up task of every page; this one is plain elements
 * (./bar.ts), drawn when the router starts on its first page, in the same frame as the title bar.
 */
import Taro from '@tarojs/taro'
import type { Tab } from '@/tabs'
import home from '@/assets/tabbar/home.png'
import homeOn from '@/assets/tabbar/home-active.png'
import stations from '@/assets/tabbar/stations.png'
import stationsOn from '@/assets/tabbar/stations-active.png'
import activities from '@/assets/tabbar/activities.png'
import activitiesOn from '@/assets/tabbar/activities-active.png'
import mine from '@/assets/tabbar/mine.png'
import mineOn from '@/assets/tabbar/mine-active.png'
import { createTabBar, type TabBarElement } from './bar'

const ICONS: Record<Tab['icon'], { icon: string; selected: string }> = {
  home: { icon: home, selected: homeOn },
  stations: { icon: stations, selected: stationsOn },
  activities: { icon: activities, selected: activitiesOn },
  mine: { icon: mine, selected: mineOn },
}

/**
 * Call before Taro's router starts (at the app module's evaluation). The router announces every page it
 * shows, the first one included, with `__taroRouterChange` (what Taro's own tab bar listened to), before
 * loading the page's code: the bar goes into Taro's tab container (`#container`, after the page panel) then.
 */
export function mountTabBar(): void {
  let bar: TabBarElement | null = null
  Taro.eventCenter.on('__taroRouterChange', (change?: { toLocation?: { path?: string } }) => {
    if (!bar) {
      bar = createTabBar(document, ICONS, (tab) => void Taro.switchTab({ url: `/${tab.pagePath}` }))
      document.getElementById('container')?.appendChild(bar.element)
    }
    bar.select(change?.toLocation?.path ?? '')
  })
}
