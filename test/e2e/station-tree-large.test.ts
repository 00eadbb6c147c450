/**
 * 站点管理 with a province's tree (5,000 stations imported by dalian-admin),
 * on the h5 build: the page scrolls inside Taro's page element, and past the
 * first screen the search stays at the top with its count; a branch opens and
 * closes, 全部收起 folds everything back; a search that matches hundreds
 * draws 200 rows and offers the next ones. Screenshots of the whole page and
 * of the page scrolled down, at 390 and 1280 px, in both modes, go to
 * test-results/e2e/.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { SHEET_COLUMNS, toRow } from '../../domain/stationSheet'
import { provinceStations } from '../../bench/province'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath, shootWholePage } from './browser'

jest.setTimeout(600_000)

const stations = provinceStations()
let server: TestServer
let browser: Browser
beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  const token = (await api(server.url).post('/api/staff/login', { username: 'dalian-admin', password: DEMO_STAFF_PASSWORD })).body.token
  const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const csv = [[...SHEET_COLUMNS], ...stations.map(toRow)].map((r) => r.map(cell).join(',')).join('\r\n')
  const form = new FormData()
  form.append('file', new Blob([csv]), '全省站点.csv')
  const res = await server.fetch('/api/admin/stations/import?dryRun=false', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  expect(((await res.json()) as { summary: { created: number } }).summary.created).toBe(stations.length)
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }

async function adminPage(options: BrowserContextOptions, elder: boolean): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage()
  await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
  await page.locator('.staff-username input, input.staff-username').fill('dalian-admin')
  await page.locator('.staff-password input, input.staff-password').fill(DEMO_STAFF_PASSWORD)
  await page.locator('.btn-staff-login').click()
  await page.locator('.btn-station-new').waitFor({ timeout: 60_000 })
  await page.locator('.station-node').first().waitFor({ timeout: 60_000 })
  return page
}

/** The element the page scrolls in (Taro's page element in h5), scrolled to `to` (px; Infinity: the end). */
const scrollTo = (page: Page, to: number) =>
  page.evaluate((top) => {
    const scroller = [document.scrollingElement, ...Array.from(document.querySelectorAll('.taro_page, .taro_page *'))].find(
      (e): e is Element => !!e && e.scrollHeight > e.clientHeight + 10 && getComputedStyle(e).overflowY !== 'visible',
    )
    const el = scroller ?? document.scrollingElement!
    el.scrollTop = Number.isFinite(top) ? top : el.scrollHeight
    return el.scrollTop
  }, to)

const countText = (page: Page) => page.locator('.stations-search__count').innerText()

test('a province in the tree: open a branch, scroll past the first screen with the search on top, search hundreds, fold back', async () => {
  const page = await adminPage(phone, false)
  const total = Number(/共 (\d+) 个站点/.exec(await countText(page))?.[1])
  expect(total).toBeGreaterThan(stations.length)
  const first = stations[0]!
  const street = stations.find((s) => s.parentCode === first.code)!
  await page.locator('.station-node', { hasText: first.name }).locator('.station-node__toggle').click()
  await page.locator('.station-node', { hasText: street.name }).locator('.station-node__toggle').click()
  const room = stations.find((s) => s.parentCode === street.code)!
  await page.locator('.station-node__name', { hasText: room.name }).waitFor()
  expect(await countText(page)).toMatch(/^显示 \d+ 个，共 \d+ 个站点$/)

  // Scrolled to the end: the search and its count are still at the top of the screen.
  expect(await scrollTo(page, Infinity)).toBeGreaterThan(800)
  await page.waitForTimeout(300)
  const search = await page.locator('.stations-search').boundingBox()
  expect(search!.y).toBeGreaterThanOrEqual(-1)
  expect(search!.y).toBeLessThan(120)
  await page.screenshot({ path: screenshotPath('admin-stations-large-scrolled-390') })

  // A search matching hundreds: 200 rows drawn, the rest on demand.
  await page.locator('.stations-search input, input.stations-search').fill('第1街道')
  await page.locator('.btn-stations-more').waitFor()
  const matches = Number(/找到 (\d+) 个站点/.exec(await countText(page))?.[1])
  expect(matches).toBeGreaterThan(200)
  expect(await page.locator('.station-node').count()).toBe(200)
  await page.locator('.btn-stations-more').click()
  await page.waitForFunction(() => document.querySelectorAll('.station-node').length > 200)
  await scrollTo(page, 3000)
  await page.screenshot({ path: screenshotPath('admin-stations-large-search-390') })

  await page.locator('.btn-stations-clear').click()
  await page.locator('.btn-stations-collapse').click()
  await page.locator('.btn-stations-collapse').waitFor({ state: 'detached' })
  expect(await page.locator('.station-node__name', { hasText: street.name }).count()).toBe(0)
})

test('screenshots of the large tree: the whole page and scrolled down, at 390 and 1280 px, in both modes', async () => {
  for (const [width, options] of [
    ['390', phone],
    ['1280', desktop],
  ] as const) {
    for (const elder of [false, true]) {
      const tag = `${width}${elder ? '-elder' : ''}`
      const page = await adminPage(options, elder)
      for (const s of stations.slice(0, 2))
        await page.locator('.station-node', { hasText: s.name }).locator('.station-node__toggle').click()
      const street = stations.find((s) => s.parentCode === stations[1]!.code)!
      await page.locator('.station-node', { hasText: street.name }).locator('.station-node__toggle').click()
      await page.waitForTimeout(300)
      await shootWholePage(page, `admin-stations-large-${tag}`, 8000)
      await scrollTo(page, 1500)
      await page.waitForTimeout(300)
      await page.screenshot({ path: screenshotPath(`admin-stations-large-below-${tag}`) })
      await page.context().close()
    }
  }
})
