/**
 * Accessibility of the h5 portal, in normal mode and in 长辈模式: axe-core on
 * every main page (no serious or critical violation), type and tap-target
 * sizes in 长辈模式 from computed styles, keyboard activation, and
 * screenshots of both modes.
 */
import type { Browser, Page } from 'playwright-core'
import { startServer, type TestServer } from '../api/helpers/server'
import { seriousViolations } from './axe'
import { launch, phone, screenshotPath } from './browser'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
let stationId: string
let activityId: string

beforeAll(async () => {
  server = await startServer()
  browser = await launch()
  const res = await fetch(`${server.url}/api/stations?q=${encodeURIComponent('先进街道社工站')}`)
  stationId = ((await res.json()) as { items: { id: string }[] }).items[0]!.id
  const acts = await fetch(`${server.url}/api/activities?category=class&limit=50`)
  activityId = ((await acts.json()) as { items: { id: string; title: string }[] }).items.find((a) => a.title === '小小主播')!.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** [name, route, the page's root class] */
const PAGES: [string, string, string][] = [
  ['index', '#/pages/index/index', 'page-index'],
  ['stations', '#/pages/stations/index', 'page-stations'],
  ['station', '#/pages/station/index?id=STATION', 'page-station'],
  ['area', '#/pages/area/index', 'page-area'],
  ['mine', '#/pages/mine/index', 'page-mine'],
  ['privacy', '#/pages/privacy/index', 'page-privacy'],
  ['request-form', '#/packages/request/new/index', 'page-request-new'],
  ['my-requests', '#/packages/request/mine/index', 'page-my-requests'],
  ['activities', '#/pages/activities/index', 'page-activities'],
  ['activity', '#/packages/activity/detail/index?id=ACTIVITY', 'page-activity-detail'],
  ['enroll', '#/packages/activity/enroll/index?id=ACTIVITY', 'page-activity-enroll'],
  ['my-enrollments', '#/packages/activity/mine/index', 'page-my-enrollments'],
  ['family', '#/packages/activity/family/index', 'page-family'],
  ['my-data', '#/packages/account/data/index', 'page-my-data'],
]

async function open(page: Page, hash: string, rootClass: string) {
  await page.goto(`${server.url}/${hash.replace('STATION', stationId).replace('ACTIVITY', activityId)}`)
  await page.reload() // a fresh start of the portal on that page, as from a shared link
  await page.locator(`.${rootClass}`).first().waitFor({ timeout: 30_000 })
  // Let data arrive and the page settle.
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300)
}

for (const mode of ['normal', 'elder'] as const) {
  test(`no serious or critical axe violation on the main pages (${mode === 'elder' ? '长辈模式' : '标准模式'})`, async () => {
    const context = await browser.newContext({
      ...phone,
      geolocation: { latitude: 39.0543, longitude: 121.7634 },
      permissions: ['geolocation'],
    })
    const page = await context.newPage()
    if (mode === 'elder') {
      // The link a family member shares turns it on, and it is remembered.
      await open(page, '#/pages/index/index?elder=1', 'page-index')
    }
    const found: Record<string, unknown> = {}
    for (const [name, hash, rootClass] of PAGES) {
      await open(page, hash, rootClass)
      const root = page.locator(`.${rootClass}`).first()
      expect(await root.getAttribute('class')).toContain(mode === 'elder' ? 'elder' : 'page')
      if (mode === 'normal') expect(await root.getAttribute('class')).not.toContain('elder')
      const v = await seriousViolations(page)
      if (v.length) found[name] = v
      await page.screenshot({ path: screenshotPath(`a11y-${mode}-${name}`), fullPage: true })
    }
    expect(found).toEqual({})
    await context.close()
  })
}

test('长辈模式: body text ≥ 18px with line height ≥ 1.5, main actions ≥ 60×60, other controls ≥ 44×44', async () => {
  const context = await browser.newContext({
    ...phone,
    deviceScaleFactor: 1,
    geolocation: { latitude: 39.0543, longitude: 121.7634 },
    permissions: ['geolocation'],
  })
  const page = await context.newPage()
  await open(page, '#/pages/index/index?elder=1', 'page-index')
  await page.locator('.elder-home__name').waitFor({ timeout: 30_000 })
  // The simplified 首页: four big actions, the nearest station's name and phone in large type.
  expect((await page.locator('.elder-action').allTextContents()).map((t) => t.trim())).toEqual([
    '打电话给社工站',
    '有问题找社工',
    '预约服务',
    '我的求助',
  ])
  await page.screenshot({ path: screenshotPath('elder-index') })

  for (const [name, hash, rootClass] of PAGES) {
    await open(page, hash, rootClass)
    const m = await page.evaluate((cls) => {
      const root = document.querySelector(`.${cls}`)!
      const texts = [...root.querySelectorAll('.taro-text, div, .taro-button-core, input, textarea')]
        .filter((el) => {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim().length > 0)
          const r = el.getBoundingClientRect()
          const field = (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'checkbox') || el.tagName === 'TEXTAREA'
          return (own || field) && r.width > 0 && r.height > 0
        })
        .map((el) => {
          const cs = getComputedStyle(el)
          const size = parseFloat(cs.fontSize)
          const lh = cs.lineHeight === 'normal' ? size * 1.2 : parseFloat(cs.lineHeight)
          return {
            text: (el.textContent ?? '').trim().slice(0, 20),
            size,
            ratio: lh / size,
            button: el.classList.contains('taro-button-core'),
          }
        })
      const controls = [...root.querySelectorAll('.taro-button-core, [role="button"], [role="radio"], [role="link"]')]
        .map((el) => ({ cls: el.className, text: (el.textContent ?? '').trim().slice(0, 20), r: el.getBoundingClientRect() }))
        .filter((c) => c.r.width > 0 && c.r.height > 0)
        .map((c) => ({ cls: String(c.cls), text: c.text, w: c.r.width, h: c.r.height }))
      return { texts, controls }
    }, rootClass)
    const small = m.texts.filter((t) => t.size < 18)
    expect({ page: name, small }).toEqual({ page: name, small: [] })
    const tight = m.texts.filter((t) => !t.button && t.ratio < 1.5 - 1e-6)
    expect({ page: name, tight }).toEqual({ page: name, tight: [] })
    const tiny = m.controls.filter((c) => c.w < 44 || c.h < 44)
    expect({ page: name, tiny }).toEqual({ page: name, tiny: [] })
    const main = m.controls.filter((c) => c.cls.includes('btn--main') && (c.w < 60 || c.h < 60))
    expect({ page: name, main }).toEqual({ page: name, main: [] })
  }
  await context.close()
})

test('the portal works from the keyboard: Tab reaches 有问题找社工 and Enter opens the form', async () => {
  const context = await browser.newContext({
    ...phone,
    geolocation: { latitude: 39.0543, longitude: 121.7634 },
    permissions: ['geolocation'],
  })
  const page = await context.newPage()
  await open(page, '#/pages/index/index', 'page-index')
  await page.locator('.btn-help').waitFor({ timeout: 30_000 })
  let reached = false
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await page.evaluate(() => document.activeElement?.classList.contains('btn-help') ?? false)
  }
  expect(reached).toBe(true)
  await page.keyboard.press('Enter')
  await page.locator('.page-request-new').waitFor({ timeout: 30_000 })
  await context.close()
})
