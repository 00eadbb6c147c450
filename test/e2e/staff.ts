/**
 * The workbench in a browser: one context per account, on a phone (390 px, as
 * `phone`) or a desktop (≥ 1024 px), in either mode, logged in through the
 * login page — optionally with the browser's clock set to the server's
 * injected one (Playwright's clock: it then runs on from there).
 */
import type { Browser, Page } from 'playwright-core'
import type { Colleague } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api } from '../api/helpers/server'
import { phone } from './browser'

/** A demo station account's API client (to set up what its browser then sees), and its colleagues' ids by name. */
export async function staffApi(url: string, username: string) {
  const login = await api(url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
  const client = api(url, login.body.token)
  const colleagues = (await client.get<{ items: Colleague[] }>('/api/staff/colleagues')).body.items
  return { client, colleagueId: (nickname: string) => colleagues.find((c) => c.nickname === nickname)!.id }
}

/** Types into an input or a text box found by its class: on the element itself (h5 plain inputs) or on its frame. Every e2e file types through this. */
export const fill = (page: Page, selector: string, value: string) =>
  page.locator(`${selector} input, ${selector} textarea, input${selector}`).first().fill(value)

export interface StaffPageOptions {
  /** The window's width (default 390, a phone); 1024 and more is a desktop browser. */
  width?: number
  elder?: boolean
  /** The time the browser starts from (the server's injected clock). */
  clock?: Date
  /** What the account's home shows once logged in (default: the queue; an admin's is 站点管理, `.page-admin-stations`). */
  home?: string
}

/** A new context for `username` (demo password), logged in; the page shows the account's home. */
export async function staffPage(browser: Browser, url: string, username: string, opts: StaffPageOptions = {}): Promise<Page> {
  const width = opts.width ?? 390
  const viewport = { width, height: width >= 1024 ? 900 : 844 }
  const context = await browser.newContext(
    width >= 1024 ? { viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : { ...phone, viewport },
  )
  if (opts.clock) await context.clock.install({ time: opts.clock })
  const page = await context.newPage()
  await page.goto(`${url}/#/packages/workbench/login/index${opts.elder ? '?elder=1' : ''}`)
  await fill(page, '.staff-username', username)
  await fill(page, '.staff-password', DEMO_STAFF_PASSWORD)
  await page.locator('.btn-staff-login').click()
  await page
    .locator(opts.home ?? '.page-queue')
    .first()
    .waitFor({ timeout: 30_000 })
  return page
}
