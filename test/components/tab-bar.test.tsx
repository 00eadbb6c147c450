/**
 * The h5 tab bar (src/components/TabBar/bar.ts): plain elements in the shape of Taro's own, the four tabs of
 * src/tabs.ts, the chosen one marked for sight and for screen readers, hidden on a page that is no tab, and a
 * tap on another tab asks for it.
 */
import { fireEvent, screen } from '@testing-library/react'
import { createTabBar, tabIndexOf } from '@/components/TabBar/bar'
import { TABS, type Tab } from '@/tabs'

const ICONS = Object.fromEntries(TABS.map((t) => [t.icon, { icon: `/${t.icon}.png`, selected: `/${t.icon}-on.png` }])) as Record<
  Tab['icon'],
  { icon: string; selected: string }
>

function mount() {
  const tapped: string[] = []
  const bar = createTabBar(document, ICONS, (t) => tapped.push(t.pagePath))
  document.body.appendChild(bar.element)
  return { bar, tapped, items: () => screen.getAllByRole('tab') }
}

afterEach(() => document.body.replaceChildren())

test('a route to its tab: leading slash and query do not matter; a page that is no tab is -1', () => {
  expect(tabIndexOf('/pages/index/index')).toBe(0)
  expect(tabIndexOf('pages/activities/index?type=course')).toBe(2)
  expect(tabIndexOf('/pages/mine/index')).toBe(3)
  expect(tabIndexOf('/pages/station/index?id=1')).toBe(-1)
  expect(tabIndexOf('')).toBe(-1)
})

test('the four tabs in a tab list; the route chosen, with its chosen icon; the others not', () => {
  const { bar, items } = mount()
  bar.select('/pages/stations/index')
  expect(screen.getByRole('tablist')).toBeVisible()
  expect(items().map((i) => i.textContent)).toEqual(['首页', '找社工站', '活动', '我的'])
  expect(items().map((i) => i.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false'])
  expect(items().map((i) => i.classList.contains('weui-bar__item_on'))).toEqual([false, true, false, false])
  expect(items().map((i) => i.querySelector('img')!.getAttribute('src'))).toEqual([
    '/home.png',
    '/stations-on.png',
    '/activities.png',
    '/mine.png',
  ])
  // The selectors the e2e tests and src/styles/chrome.scss use.
  expect(bar.element.querySelectorAll('.weui-tabbar .weui-tabbar__item .weui-tabbar__label')).toHaveLength(4)
  // Every tab is reachable by keyboard (src/utils/h5a11y.ts gives Enter and Space).
  expect(items().every((i) => i.tabIndex === 0)).toBe(true)
})

test('hidden on a page that is no tab, shown again on a tab', () => {
  const { bar } = mount()
  bar.select('/pages/index/index')
  expect(bar.element).not.toHaveClass('taro-tabbar__tabbar-hide')
  bar.select('/packages/request/new/index')
  expect(bar.element).toHaveClass('taro-tabbar__tabbar-hide')
  bar.select('/pages/mine/index')
  expect(bar.element).not.toHaveClass('taro-tabbar__tabbar-hide')
  expect(screen.getAllByRole('tab').map((i) => i.getAttribute('aria-selected'))).toEqual(['false', 'false', 'false', 'true'])
})

test('a tap on another tab asks for its page; a tap on the chosen one does nothing', () => {
  const { bar, tapped, items } = mount()
  bar.select('/pages/index/index')
  fireEvent.click(items()[0]!)
  fireEvent.click(screen.getByText('活动'))
  expect(tapped).toEqual(['pages/activities/index'])
})
