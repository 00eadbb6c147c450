/**
 * The mini-program's own tab bar (src/custom-tab-bar, `tabBar.custom` in app.json): WeChat's keeps its
 * small type in 长辈模式, this one follows it. Each tab page gets its instance, as on a phone.
 */
import fs from 'node:fs'
import path from 'node:path'
import { TABS } from '@/tabs'
import { DIST, attrOf, findByClass, mountPage, type JNodeLike, type MountedPage } from './harness'
import { HERE, NEARBY } from './fixtures'

const classOf = (n: JNodeLike) => String(attrOf(n._exparserNode, 'class'))
const items = (page: MountedPage) => findByClass(page.tabBar!, 'tab-bar__item')
const barRoot = (page: MountedPage) => findByClass(page.tabBar!, 'tab-bar')[0]!

test('app.json asks for the custom tab bar, with the same four tabs', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  expect(app.tabBar.custom).toBe(true)
  expect(app.tabBar.list.map((t: { pagePath: string; text: string }) => [t.pagePath, t.text])).toEqual(
    TABS.map((t) => [t.pagePath, t.text]),
  )
  expect(fs.existsSync(path.join(DIST, 'custom-tab-bar', 'index.json'))).toBe(true)
})

test('on 我的: four tabs, 我的 chosen; 长辈模式 switched on makes the bar large at once; a tab switches to its page', async () => {
  const page = await mountPage('pages/mine/index')
  expect(page.tabBar).not.toBeNull()
  await page.waitFor(() => items(page).length === 4)
  expect(items(page).map((n) => page.text(n).trim())).toEqual(['首页', '找社工站', '活动', '我的'])
  expect(items(page).map((n) => classOf(n).includes('tab-bar__item--on'))).toEqual([false, false, false, true])
  expect(classOf(barRoot(page))).not.toContain('tab-bar--elder')

  await page.trigger('elder-switch__control', 'change', { value: true })
  await page.waitFor(() => classOf(barRoot(page)).includes('tab-bar--elder'), 'the tab bar in 长辈模式')

  await page.tap(items(page)[0]!)
  expect(page.callsOf('switchTab').map((c) => c.url)).toEqual(['/pages/index/index'])
})

test('a large WeChat font size: 首页 and its tab bar both in 长辈模式', async () => {
  const page = await mountPage(
    'pages/index/index',
    {},
    {
      location: { latitude: HERE.latitude, longitude: HERE.longitude },
      routes: { 'GET /api/stations/nearby': NEARBY },
      fontSizeSetting: 22,
    },
  )
  await page.waitFor(() => page.find('elder-home'))
  await page.waitFor(() => classOf(barRoot(page)).includes('tab-bar--elder'), 'the tab bar in 长辈模式')
  expect(items(page).map((n) => classOf(n).includes('tab-bar__item--on'))).toEqual([true, false, false, false])
})
