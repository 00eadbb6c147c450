/**
 * Forms and layout of the h5 portal at phone width (390 px), in both modes (issue 15, items 5–14):
 * text boxes that fill their frame in the page's type and keep everything pasted into them, the title bar
 * with its back button, the tab bar and the dialogs following 长辈模式, 有问题找社工 on 首页 without a
 * location, and times, dates and short labels that never break inside. Screenshots of every page looked
 * at go to test-results/e2e/layout-*.png.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { ActivitySummary } from '../../contract/types'
import { startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'

jest.setTimeout(300_000)

const HERE = { latitude: 39.0543, longitude: 121.7634 }
const MODES = ['normal', 'elder'] as const
type Mode = (typeof MODES)[number]

// E2E_SERVER_URL: run against a server already started on dist/h5 (on a machine too busy to start one in 60 s).
let server: Pick<TestServer, 'url' | 'stop'>
let browser: Browser
let course: ActivitySummary
let lecture: ActivitySummary
const contexts: BrowserContext[] = []

beforeAll(async () => {
  server = process.env.E2E_SERVER_URL
    ? { url: process.env.E2E_SERVER_URL, stop: async () => undefined }
    : await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const list = (await (await fetch(`${server.url}/api/activities?limit=50`)).json()) as { items: ActivitySummary[] }
  course = list.items.find((a) => a.title === '节气美育')!
  lecture = list.items.find((a) => a.title === '防治糖尿病健康讲座')!
})
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
})

/** A resident's phone in that mode; with or without the location allowed. */
async function resident(mode: Mode, located = true): Promise<Page> {
  const ctx = await browser.newContext({
    ...phone,
    deviceScaleFactor: 1,
    ...(located ? { geolocation: HERE, permissions: ['geolocation'] } : {}),
  })
  contexts.push(ctx)
  const page = await ctx.newPage()
  await page.goto(`${server.url}/#/pages/mine/index${mode === 'elder' ? '?elder=1' : ''}`)
  await page.locator(`.page-mine${mode === 'elder' ? '.elder' : ''}`).waitFor({ timeout: 30_000 })
  return page
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(400) // the page's slide-in
  await page.screenshot({ path: screenshotPath(`layout-${name}`), fullPage: true })
}

const px = (l: Locator, prop: string) => l.evaluate((el, p) => parseFloat(getComputedStyle(el).getPropertyValue(p)), prop)

/** Where a text breaks: for each occurrence of `pattern` in the element's text, whether it sits on more than one line. */
function brokenInside(l: Locator, pattern: RegExp): Promise<string[]> {
  return l.evaluate(
    (root, [source, flags]) => {
      const re = new RegExp(source, flags.includes('g') ? flags : flags + 'g')
      const broken: string[] = []
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? ''
        for (const m of text.matchAll(re)) {
          const range = document.createRange()
          range.setStart(n, m.index!)
          range.setEnd(n, m.index! + m[0].length)
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
          if (tops.size > 1) broken.push(m[0])
        }
      }
      return broken
    },
    [pattern.source, pattern.flags] as const,
  )
}

async function login(page: Page) {
  await page.locator('.btn-login').click()
  await page.locator('.btn-logout').waitFor({ timeout: 30_000 })
}

for (const mode of MODES) {
  describe(mode === 'elder' ? '长辈模式' : '标准模式', () => {
    test('the request form: the text box fills its frame in the page type, grows, keeps all that is pasted; no label breaks inside; the title bar has the title and 返回', async () => {
      const page = await resident(mode)
      await page.locator('.mine-link--requests').click()
      await page.locator('.page-my-requests').waitFor({ timeout: 30_000 })
      // From 我的 into 我的求助: the title bar says where, and 返回 goes back.
      const bar = page.locator('#taro-navigation-bar')
      await expect(bar.locator('.taro-navigation-bar-title').textContent()).resolves.toBe('我的求助')
      const back = bar.locator('.taro-navigation-bar-back')
      await expect(back.isVisible()).resolves.toBe(true)
      await expect(back.getAttribute('aria-label')).resolves.toBe('返回')
      const box = (await back.boundingBox())!
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44)
      await shot(page, `${mode}-my-requests`)
      await back.click()
      await page.locator('.page-mine').waitFor()
      await expect(bar.isVisible()).resolves.toBe(true)

      await page.goto(`${server.url}/#/packages/request/new/index`)
      await page.locator('.option', { hasText: '养老服务' }).first().click()
      await page.locator('.btn-next').click()
      const host = page.locator('.request-description')
      const area = host.locator('textarea')
      await area.waitFor()
      // The box fills its frame: the text area is the frame less its padding and border.
      const frame = (await host.boundingBox())!
      const inner = (await area.boundingBox())!
      expect(inner.height).toBeGreaterThanOrEqual(
        frame.height - 2 * ((await px(host, 'padding-top')) + (await px(host, 'border-top-width'))) - 1,
      )
      expect(inner.width).toBeGreaterThanOrEqual(
        frame.width - 2 * ((await px(host, 'padding-left')) + (await px(host, 'border-left-width'))) - 1,
      )
      // …in the page's type: the size of the page's body text, and at least 18 px in 长辈模式.
      const pageFont = await px(page.locator('.page-request-new'), 'font-size')
      expect(await px(area, 'font-size')).toBeCloseTo(pageFont, 1)
      if (mode === 'elder') expect(await px(area, 'font-size')).toBeGreaterThanOrEqual(18)
      // It grows with what is written (or scrolls), never hides it in a 2-line box.
      await area.fill(Array.from({ length: 30 }, (_, i) => `第 ${i + 1} 行`).join('\n'))
      const grown = await area.evaluate((el) => ({
        h: el.getBoundingClientRect().height,
        scroll: el.scrollHeight,
        client: el.clientHeight,
        overflow: getComputedStyle(el).overflowY,
      }))
      expect(grown.h > inner.height + 10 || (grown.scroll > grown.client && ['auto', 'scroll'].includes(grown.overflow))).toBe(true)
      // 5,000 characters pasted stay; the form says by how much it is too long and sends nothing until the resident decides.
      const long = '母亲独自在家'.repeat(834).slice(0, 5000)
      await area.fill(long)
      await expect(area.inputValue()).resolves.toHaveLength(5000)
      await expect(page.locator('.text-box__count--over').textContent()).resolves.toContain('超出 4000 字')
      await page.locator('.btn-next').click()
      await expect(page.locator('.steps__item--active').textContent()).resolves.toContain('遇到的问题')
      await shot(page, `${mode}-request-too-long`)
      await page.locator('.text-box__trim').click()
      await expect(area.inputValue()).resolves.toHaveLength(1000)
      await expect(page.locator('.text-box__count--over').count()).resolves.toBe(0)
      // Short labels keep their words: + 添加照片, 为家人代办（如父母）.
      await expect(brokenInside(page.locator('.btn-add-photo'), /添加照片/)).resolves.toEqual([])
      await page.locator('.option', { hasText: '独居' }).first().click()
      await page.locator('.option', { hasText: '需要搀扶或轮椅' }).first().click()
      await shot(page, `${mode}-request-step2`)
      await page.locator('.btn-next').click()
      await page.locator('.option', { hasText: '为家人代办' }).first().click()
      await expect(brokenInside(page.locator('.page-request-new'), /为家人代办|如父母/)).resolves.toEqual([])
      await shot(page, `${mode}-request-step3`)
    })

    test('首页 without a location still has 有问题找社工, and the tab bar follows the mode', async () => {
      const page = await resident(mode, false)
      await page.goto(`${server.url}/#/pages/index/index`)
      await page.locator('.btn-pick-area').first().waitFor({ timeout: 30_000 })
      const help = page.locator('.btn-help')
      await expect(help.isVisible()).resolves.toBe(true)
      await shot(page, `${mode}-index-no-location`)
      const label = page.locator('.weui-tabbar__label').first()
      expect(await px(label, 'font-size')).toBeGreaterThanOrEqual(mode === 'elder' ? 18 : 13)
      const tab = (await page.locator('.weui-tabbar__item').first().boundingBox())!
      expect(tab.height).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 44)
      await help.click()
      await page.locator('.page-request-new').waitFor({ timeout: 30_000 })
    })

    test('a course: session times never break; 报名成功 buttons alike; the cancel dialog and the 长辈模式 switch in the mode', async () => {
      const page = await resident(mode)
      // The switch keeps its size and its knob.
      const sw = page.locator('.elder-switch__control')
      const swBox = (await sw.boundingBox())!
      expect(Math.min(swBox.width, swBox.height)).toBeGreaterThanOrEqual(mode === 'elder' ? 44 : 32)
      const input = await sw
        .locator('input')
        .evaluate((el) => ({ w: el.getBoundingClientRect().width, sw: el.scrollWidth, cw: el.clientWidth }))
      expect(input.w).toBeGreaterThanOrEqual(50)
      await shot(page, `${mode}-mine`)
      await login(page)

      await page.goto(`${server.url}/#/packages/activity/detail/index?id=${course.id}`)
      await page.locator('.activity-session__time').first().waitFor({ timeout: 30_000 })
      await expect(brokenInside(page.locator('.activity-sessions'), /\d{1,2}:\d{2}–\d{1,2}:\d{2}|\d{1,2}月\d{1,2}日/)).resolves.toEqual([])
      await shot(page, `${mode}-activity-course`)

      await page.goto(`${server.url}/#/packages/activity/enroll/index?id=${lecture.id}`)
      await page.locator('.option', { hasText: '本人' }).first().click()
      await page.locator('.self-name input, input.self-name').fill('王阿姨')
      await page.locator('.contact-phone input, input.contact-phone').fill('13812345678')
      await page.locator('.btn-submit-enroll').click()
      await page.locator('.enroll-result').waitFor({ timeout: 30_000 })
      await shot(page, `${mode}-enrolled`)
      const heights = await page
        .locator('.enroll-result .btn-row .btn')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)))
      expect(heights).toHaveLength(2)
      expect(heights[0]).toBe(heights[1])

      await page.goto(`${server.url}/#/packages/activity/mine/index`)
      await page.locator('.btn-cancel-enrollment').first().click()
      const dialog = page.locator('.taro__modal .taro-modal__content')
      await dialog.waitFor()
      await expect(dialog.getAttribute('role')).resolves.toBe('dialog')
      const text = dialog.locator('.taro-modal__text')
      expect(await px(text, 'font-size')).toBeGreaterThanOrEqual(mode === 'elder' ? 18 : 15)
      expect(await text.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(31, 35, 41)')
      await expect(brokenInside(text, /\d{1,2}:\d{2}。?|\d{1,2}月\d{1,2}日/)).resolves.toEqual([])
      const buttons = await dialog.locator('.taro-model__btn').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
      for (const h of buttons) expect(h).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 44)
      await page.screenshot({ path: screenshotPath(`layout-${mode}-cancel-dialog`) })
      await dialog.locator('.taro-model__cancel').click()
    })
  })
}

test('长辈模式 from a link: the title bar and the tab bar are in the mode from the moment they are drawn (no layout shift)', async () => {
  const ctx = await browser.newContext({ ...phone, deviceScaleFactor: 1, geolocation: HERE, permissions: ['geolocation'] })
  contexts.push(ctx)
  const page = await ctx.newPage()
  // Whether <html> is in 长辈模式 when Taro's title bar and the tab bar enter the document: a mutation observer set
  // before the portal's scripts run sees each as it arrives. (At launch, after the first paint, the title bar grew
  // under the page already drawn.)
  await page.addInitScript(() => {
    const seen: Record<string, boolean> = {}
    Object.assign(window, { chromeSeen: seen })
    new MutationObserver(() => {
      for (const [name, selector] of [
        ['title bar', '#taro-navigation-bar'],
        ['tab bar', '.weui-tabbar'],
      ] as const) {
        if (!(name in seen) && document.querySelector(selector)) seen[name] = document.documentElement.classList.contains('elder-mode')
      }
    }).observe(document, { childList: true, subtree: true })
  })
  await page.goto(`${server.url}/#/pages/index/index?elder=1`)
  await page.locator('.page-index.elder').waitFor({ timeout: 30_000 })
  await expect(page.evaluate(() => (window as unknown as { chromeSeen: Record<string, boolean> }).chromeSeen)).resolves.toEqual({
    'title bar': true,
    'tab bar': true,
  })
})
