/**
 * playwright-core driving Debian's chromium (no browser download).
 *
 * Every page of every browser from `launch()` is watched: an uncaught error or
 * a `console.error` fails the test it happened in (after the test, with the
 * messages), unless the test said it expects that message with
 * `expectConsoleError`. An API call answered with a 4xx, which the page shows
 * in words, is not an error of the page: chromium's own "Failed to load
 * resource" line for it is not counted (a 4xx for any other file is).
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'

export const ARTIFACTS = path.resolve(__dirname, '../../test-results/e2e')

const consoleErrors: string[] = []
let expected: RegExp[] = []

/** This test expects a console error matching `pattern` (e.g. a message the app logs on purpose). */
export function expectConsoleError(pattern: RegExp) {
  expected.push(pattern)
}

/** The errors seen so far in this test, and forget them. */
export function takeConsoleErrors(): string[] {
  return consoleErrors.splice(0)
}

function watch(page: Page) {
  const where = () => page.url().replace(/^https?:\/\/[^/]+/, '')
  page.on('pageerror', (e) => consoleErrors.push(`uncaught on ${where()}: ${e.stack ?? e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const text = m.text()
    if (
      /^Failed to load resource: the server responded with a status of 4\d\d/.test(text) &&
      new URL(m.location().url, 'http://x').pathname.startsWith('/api/')
    )
      return
    if (expected.some((p) => p.test(text))) return
    consoleErrors.push(`console.error on ${where()}: ${text}`)
  })
}

afterEach(() => {
  expected = []
  const errors = takeConsoleErrors()
  if (errors.length) throw new Error(`the browser reported ${errors.length} error(s):\n${errors.join('\n')}`)
})

export async function launch(): Promise<Browser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options?: BrowserContextOptions) => {
    const context = await newContext(options)
    context.on('page', watch)
    return context
  }
  const newPage = browser.newPage.bind(browser)
  browser.newPage = async (options?: BrowserContextOptions) => {
    const page = await newPage(options)
    watch(page)
    return page
  }
  return browser
}

/** A phone-sized page, as a resident would hold it. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS, `${name}.png`)

/** The whole page: h5 pages scroll inside Taro's page element, so the window is made as tall as the page (up to `maxHeight`) for the picture. */
export async function shootWholePage(page: Page, name: string, maxHeight = 6000) {
  const viewport = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.taro_page, .taro_page *, body'), (e) => e.scrollHeight).slice(0, 400)),
  )
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), maxHeight) })
  await page.waitForTimeout(300)
  await page.screenshot({ path: screenshotPath(name) })
  await page.setViewportSize(viewport)
}
