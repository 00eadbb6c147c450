/**
 * As a new resident would: open the h5 portal (the mini-program's h5 build,
 * served by the same server `npm start` runs) in 大连金普新区, see the nearest
 * stations, open one, see its brand project; and, with location refused, pick
 * the area by hand and still get the nearest stations. And the first screen's data asked for at launch
 * (src/services/firstScreen.ts): a cold load of 首页, 找社工站 and 活动 asks for its stations or activities once —
 * at launch, from the position — and the page shows that answer. It is asked for before the page's own
 * scripts have come: they are held back until the request is seen (the build before this asked only once
 * the page had run, and waited here in vain).
 */
import type { Browser, Page } from 'playwright-core'
import { startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'

jest.setTimeout(180_000)

let server: TestServer
let browser: Browser
/** The start-up's own scripts, as index.html lists them (runtime, React, Taro, the core, the app: config/startupTasks.ts). */
let startup: Set<string>

beforeAll(async () => {
  server = await startServer()
  browser = await launch()
  const html = await (await fetch(`${server.url}/`)).text()
  startup = new Set([...html.matchAll(/<script defer="defer" src="([^"]+)"/g)].map((m) => m[1]!))
  expect([...startup].map((src) => src.replace(/\.[0-9a-f]{8}\.js$/, ''))).toEqual([
    '/js/runtime',
    '/js/react',
    '/js/taro',
    '/js/core',
    '/js/app',
  ])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('a resident in 先进街道 sees 民馨社区 / 先进街道社工站 first, opens 先进街道社工站 and sees 东山小学堂', async () => {
  // WGS-84, as a phone's browser reports it; the portal converts to GCJ-02.
  const context = await browser.newContext({
    ...phone,
    geolocation: { latitude: 39.0543, longitude: 121.7634 },
    permissions: ['geolocation'],
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${server.url}/#/pages/index/index`)

  const hero = page.locator('.station-card--hero .station-card__name')
  await hero.waitFor({ timeout: 30_000 })
  expect(['民馨社区社会工作室', '先进街道社工站']).toContain((await hero.textContent())?.trim())
  await expect(page.locator('.station-card__distance').first().textContent()).resolves.toMatch(/米$/)
  await page.locator('.btn-help').waitFor()
  await page.screenshot({ path: screenshotPath('index'), fullPage: true })

  // 找社工站: the list, nearest first; open 先进街道社工站.
  await page.getByText('找社工站', { exact: true }).last().click()
  const names = page.locator('.page-stations .station-card__name')
  await names.first().waitFor()
  const firstTwo = (await names.allTextContents()).slice(0, 2).map((s) => s.trim())
  expect(firstTwo.sort()).toEqual(['先进街道社工站', '民馨社区社会工作室'].sort())
  await page.screenshot({ path: screenshotPath('stations'), fullPage: false })
  await page.locator('.page-stations .station-card__name', { hasText: '先进街道社工站' }).click()

  await page.locator('.page-station .brand-project__name').first().waitFor()
  expect(await page.locator('.page-station .brand-project__name').allTextContents()).toContain('东山小学堂')
  await expect(page.locator('.page-station').textContent()).resolves.toContain('节气美育')
  const crumbs = (await page.locator('.breadcrumb__item').allTextContents()).map((t) => t.replace('›', '').trim())
  expect(crumbs).toEqual(['大连市社工站指导中心', '金普新区社工总站'])
  expect(await page.locator('.station-children .station-card__name').allTextContents()).toEqual(
    expect.arrayContaining(['民馨社区社会工作室', '东山社区社会工作室']),
  )
  await page.waitForTimeout(600) // let the page's slide-in transition finish
  await page.screenshot({ path: screenshotPath('station'), fullPage: true })
  expect(errors).toEqual([])
  await context.close()
})

test('location refused: the resident picks 大连市 → 金普新区 → 先进街道 by hand and still gets the nearest stations', async () => {
  const context = await browser.newContext({ ...phone, permissions: [] })
  const page = await context.newPage()
  await page.goto(`${server.url}/#/pages/index/index`)
  const pick = page.locator('.empty-state .btn-pick-area')
  await pick.waitFor({ timeout: 30_000 })
  expect(await page.locator('.station-card').count()).toBe(0)
  await pick.click()

  // The picker starts at the city, as residents know where they live.
  await expect(page.locator('.page-area .section-title').textContent()).resolves.toBe('请选择城市')
  for (const name of ['大连市', '金普新区', '先进街道']) {
    await page.locator('.area-item', { hasText: name }).first().click()
  }
  const hero = page.locator('.station-card--hero .station-card__name')
  await hero.waitFor({ timeout: 30_000 })
  expect(['民馨社区社会工作室', '先进街道社工站', '东山社区社会工作室']).toContain((await hero.textContent())?.trim())
  await expect(page.locator('.location-status').textContent()).resolves.toContain('先进街道')
  await page.screenshot({ path: screenshotPath('picked-area'), fullPage: false })

  // Remembered after a reload.
  await page.reload()
  await hero.waitFor({ timeout: 30_000 })
  await expect(page.locator('.location-status').textContent()).resolves.toContain('先进街道')
  await context.close()
})

/**
 * Opens `hash` cold, in 先进街道 with the position granted (or refused), and records the requests sent. Every
 * script but the start-up's own (the page's chunks) is held until `api` has been asked for, or for 5 s at most.
 */
async function open(hash: string, api: string, geolocation = true) {
  const context = await browser.newContext({
    ...phone,
    ...(geolocation ? { geolocation: { latitude: 39.0543, longitude: 121.7634 }, permissions: ['geolocation'] } : { permissions: [] }),
  })
  const page = await context.newPage()
  const sent: string[] = []
  let asked!: () => void
  const apiAsked = new Promise<void>((resolve) => (asked = resolve))
  const held = { scripts: 0, apiWhileHeld: false }
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname
    sent.push(p)
    if (p === api) {
      held.apiWhileHeld = held.scripts > 0
      asked()
    }
  })
  await page.route(/\/js\/[^/]+\.js$/, async (route) => {
    if (startup.has(new URL(route.request().url()).pathname)) return route.continue()
    held.scripts++
    await Promise.race([apiAsked, new Promise((r) => setTimeout(r, 5_000))])
    await route.continue()
    held.scripts--
  })
  await page.goto(`${server.url}/${hash}`)
  return { context, page, sent, held }
}

/** Once the page shows its data, nothing more comes (a second request would come right after the first). */
async function quiet(page: Page) {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300)
}

test.each([
  ['首页', '#/pages/index/index', '/api/stations/nearby', '.station-card--hero .station-card__name'],
  ['首页 in 长辈模式', '#/pages/index/index?elder=1', '/api/stations/nearby', '.elder-home__phone'],
  ['找社工站', '#/pages/stations/index', '/api/stations/nearby', '.page-stations .station-card__name'],
  ['活动', '#/pages/activities/index', '/api/activities', '.page-activities .activity-list'],
])('%s: its data is asked for once, before the page’s scripts have come', async (_name, hash, api, shown) => {
  const { context, page, sent, held } = await open(hash, api)
  await page.locator(shown).first().waitFor({ timeout: 30_000 })
  await quiet(page)
  expect(sent.filter((p) => p === api)).toHaveLength(1)
  expect(held.apiWhileHeld).toBe(true)
  await context.close()
})

test('location refused on 首页: nothing asked for, 手动选择地区 offered as before', async () => {
  const { context, page, sent } = await open('#/pages/index/index', '/api/stations/nearby', false)
  await page.locator('.empty-state .btn-pick-area').waitFor({ timeout: 30_000 })
  await quiet(page)
  expect(sent.filter((p) => p.startsWith('/api/stations'))).toEqual([])
  await context.close()
})
