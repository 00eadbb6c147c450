/**
 * 站点管理 on the h5 build, as a new admin would: jinpu-admin opens 站点管理,
 * downloads nothing, uploads a CSV of 20 new community rooms under 先进街道;
 * the check flags two bad rows and writes nothing; the admin uploads the
 * fixed file and applies it; a resident standing next to one of the new rooms
 * finds it as the nearest station. Screenshots of the tree, the report, the
 * station form and the holiday calendar, at phone and desktop width, in both
 * modes, go to test-results/e2e/.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { SHEET_COLUMNS, TEMPLATE_EXAMPLE, toRow, type StationRecord } from '../../domain/stationSheet'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }

async function adminPage(options: BrowserContextOptions, elder = false): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage()
  await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
  await fill(page, '.staff-username', 'jinpu-admin')
  await fill(page, '.staff-password', DEMO_STAFF_PASSWORD)
  await page.locator('.btn-staff-login').click()
  await page.locator('.btn-station-new').waitFor({ timeout: 60_000 })
  return page
}

const rooms: StationRecord[] = Array.from({ length: 20 }, (_, i) => ({
  ...TEMPLATE_EXAMPLE,
  code: `DL-JP-XJ-E${String(i + 1).padStart(2, '0')}`,
  name: `试点第${i + 1}社区社会工作室`,
  parentCode: 'DL-JP-XJ',
  area: { ...TEMPLATE_EXAMPLE.area, community: `试点第${i + 1}社区` },
  location: { lat: 39.3 + i * 0.01, lng: 122.4 + i * 0.01 },
  brandProjects: [],
}))
const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
const csv = (rows: string[][]) => `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`

async function upload(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.btn-choose-file').click()
  await (await chooser).setFiles(file)
}

test('jinpu-admin imports 20 rooms under 先进街道: two bad rows flagged, fixed, applied; a resident next to one finds it first', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-import-'))
  const bad = rooms.map((s) => toRow(s))
  bad[2]![SHEET_COLUMNS.indexOf('电话')] = '0411-123' // file row 4
  bad[9]![SHEET_COLUMNS.indexOf('层级')] = '居委会' // file row 11
  fs.writeFileSync(path.join(dir, 'rooms-bad.csv'), csv([[...SHEET_COLUMNS], ...bad]))
  fs.writeFileSync(path.join(dir, 'rooms.csv'), csv([[...SHEET_COLUMNS], ...rooms.map((s) => toRow(s))]))

  const page = await adminPage(phone)
  await page.screenshot({ path: screenshotPath('admin-stations-390'), fullPage: true })
  await page.locator('.btn-station-import').click()
  await page.locator('.btn-choose-file').waitFor()
  await upload(page, path.join(dir, 'rooms-bad.csv'))
  await page.locator('.import-report').waitFor({ timeout: 60_000 })
  const report = await page.locator('.import-report').innerText()
  expect(report).toContain('检查未通过')
  expect(report).toContain('第 4 行「电话」格式不正确')
  expect(report).toContain('第 11 行「层级」「居委会」不是可选的层级')
  expect(await page.locator('.btn-apply-import').count()).toBe(0)
  await page.screenshot({ path: screenshotPath('admin-import-errors-390'), fullPage: true })
  const nearby = (lat: number, lng: number) => api(server.url).get(`/api/stations/nearby?lat=${lat}&lng=${lng}&limit=1`)
  const target = rooms[6]!
  expect((await nearby(target.location.lat + 0.0002, target.location.lng)).body.items[0].code).not.toBe(target.code)

  await upload(page, path.join(dir, 'rooms.csv'))
  await page.locator('.btn-apply-import').waitFor({ timeout: 60_000 })
  expect(await page.locator('.import-report').innerText()).toContain('检查通过')
  await page.locator('.btn-apply-import').click()
  await page.getByText('导入完成').waitFor({ timeout: 60_000 })
  await page.screenshot({ path: screenshotPath('admin-import-done-390'), fullPage: true })

  // A resident standing next to room 7 finds it as the nearest station.
  const resident = await (
    await browser.newContext({
      ...phone,
      geolocation: { latitude: target.location.lat + 0.0002, longitude: target.location.lng },
      permissions: ['geolocation'],
    })
  ).newPage()
  expect((await nearby(target.location.lat + 0.0002, target.location.lng)).body.items[0].code).toBe(target.code)
  await resident.goto(`${server.url}/#/pages/stations/index`)
  await resident.getByText(target.name).first().waitFor({ timeout: 60_000 })
})

test('screenshots: the tree, the station form and the holiday calendar, at 390 and 1280 px, in both modes', async () => {
  for (const [name, options] of [
    ['390', phone],
    ['1280', desktop],
  ] as const) {
    for (const elder of [false, true]) {
      const tag = `${name}${elder ? '-elder' : ''}`
      const page = await adminPage(options, elder)
      await page.locator('.stations-search input, input.stations-search').fill('先进')
      await page.locator('.station-node').first().waitFor()
      await page.screenshot({ path: screenshotPath(`admin-stations-search-${tag}`), fullPage: true })
      await page.locator('.station-node__body', { hasText: '先进街道社工站' }).first().click()
      await page.locator('.btn-station-save').waitFor({ timeout: 60_000 })
      await page.screenshot({ path: screenshotPath(`admin-station-edit-${tag}`), fullPage: true })
      await page.goto(`${server.url}/#/packages/workbench/calendar/index${elder ? '?elder=1' : ''}`)
      await page.locator('.calendar-day').first().waitFor({ timeout: 60_000 })
      await page.screenshot({ path: screenshotPath(`admin-calendar-${tag}`), fullPage: true })
      await page.context().close()
    }
  }
})
