import { TABS, type Tab } from '@/tabs'

/** Which tab a route belongs to ('/pages/index/index?x=1' → 0), or -1 for a page that is none. */
export function tabIndexOf(path: string): number {
  const route = path.split('?')[0]!.replace(/^\/+/, '')
  return TABS.findIndex((t) => t.pagePath === route)
}

export interface TabBarElement {
  /** The bar: a `div.taro-tabbar__tabbar` to put after Taro's page panel. */
  element: HTMLElement
  /** Shows the route's tab as chosen, or hides the bar on a page that is no tab. */
  select: (path: string) => void
}

const COLOR = '#4a5563'
const SELECTED_COLOR = '#075c43'

/**
 * The h5 tab bar as plain elements, in the shape and with the classes of Taro's own (`weui-tabbar…`, which
 * src/styles/chrome.scss sizes for 长辈模式 and the e2e tests select), plus a tab list's roles. `icons` gives
 * each tab's icon and chosen icon; `onTap` is called with the tapped tab, unless it is the chosen one.
 */
export function createTabBar(
  doc: Document,
  icons: Record<Tab['icon'], { icon: string; selected: string }>,
  onTap: (tab: Tab) => void,
): TabBarElement {
  const element = doc.createElement('div')
  element.className = 'taro-tabbar__tabbar taro-tabbar__tabbar-bottom taro-tabbar__tabbar-hide'
  const bar = doc.createElement('div')
  bar.className = 'weui-tabbar taro-tabbar__border-black'
  bar.setAttribute('role', 'tablist')
  element.appendChild(bar)
  let chosen = -1
  const items = TABS.map((tab, i) => {
    const item = doc.createElement('div')
    item.className = 'weui-tabbar__item'
    item.setAttribute('role', 'tab')
    item.tabIndex = 0
    const frame = doc.createElement('span')
    frame.className = 'weui-tabbar__frame'
    const img = doc.createElement('img')
    img.className = 'weui-tabbar__icon'
    img.alt = ''
    frame.appendChild(img)
    const label = doc.createElement('p')
    label.className = 'weui-tabbar__label'
    label.textContent = tab.text
    item.append(frame, label)
    item.addEventListener('click', () => {
      if (i !== chosen) onTap(tab)
    })
    bar.appendChild(item)
    return { item, img, label }
  })
  const select = (path: string) => {
    chosen = tabIndexOf(path)
    element.classList.toggle('taro-tabbar__tabbar-hide', chosen < 0)
    items.forEach(({ item, img, label }, i) => {
      const on = i === chosen
      const { icon } = TABS[i]!
      item.classList.toggle('weui-bar__item_on', on)
      item.setAttribute('aria-selected', String(on))
      const src = on ? icons[icon].selected : icons[icon].icon
      if (img.getAttribute('src') !== src) img.src = src
      label.style.color = on ? SELECTED_COLOR : COLOR
    })
  }
  return { element, select }
}
