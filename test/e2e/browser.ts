/** playwright-core driving Debian's chromium (no browser download). */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core'

export const ARTIFACTS = path.resolve(__dirname, '../../test-results/e2e')

export async function launch(): Promise<Browser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
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
