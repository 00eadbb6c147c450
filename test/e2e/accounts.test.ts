/**
 * 账号管理 as a city would use it, on the h5 build: 金普新区's 管理员 opens an
 * account for a new social worker at 先进街道社工站 and reads the first
 * password off the screen; the worker logs in, must set their own password,
 * and lands on the station's queue; the admin disables the account and the
 * worker's very next call is 401 — back on the login page. The 操作日志 shows
 * both changes.
 */
import type { Browser, Page } from 'playwright-core'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(240_000)

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

async function staffLogin(page: Page, username: string, password: string): Promise<string> {
  await page.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(page, '.staff-username', username)
  await fill(page, '.staff-password', password)
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/staff/login'))
  await page.locator('.btn-staff-login').click()
  return ((await (await answer).json()) as { token: string }).token
}

test('an admin opens an account; the worker sets a password and works; the admin disables it and the worker is out', async () => {
  const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const admin = await adminCtx.newPage()
  await staffLogin(admin, 'jinpu-admin', DEMO_STAFF_PASSWORD)
  await admin.locator('.page-accounts, .btn-staff-accounts').first().waitFor({ timeout: 30_000 })
  if (!(await admin.locator('.page-accounts').count())) await admin.locator('.btn-staff-accounts').first().click()
  await admin.locator('.account-item', { hasText: '李社工' }).first().waitFor({ timeout: 30_000 })
  await admin.screenshot({ path: screenshotPath('workbench-accounts'), fullPage: true })

  // 新建账号: a 社工 for 先进街道社工站.
  await admin.locator('.btn-new-account').click()
  await fill(admin, '.account-username', 'xianjin-zhang')
  await fill(admin, '.account-nickname', '张社工')
  await fill(admin, '.account-phone', '13812340000')
  await fill(admin, '.account-station-search', '先进')
  await admin.locator('.option', { hasText: '先进街道社工站' }).first().click()
  await admin.locator('.option', { hasText: '社工' }).first().click()
  await admin.locator('.btn-save-account').click()
  const shown = admin.locator('.account-password__value')
  await shown.waitFor({ timeout: 30_000 })
  const initial = (await shown.textContent())!.trim()
  expect(initial.length).toBeGreaterThanOrEqual(12)
  await admin.screenshot({ path: screenshotPath('workbench-account-created'), fullPage: true })

  // The worker: the first password, then their own.
  const workerCtx = await browser.newContext({ ...phone })
  const worker = await workerCtx.newPage()
  const token = await staffLogin(worker, 'xianjin-zhang', initial)
  await worker.locator('.my-account__forced').waitFor({ timeout: 30_000 })
  await fill(worker, '.my-current-password', initial)
  await fill(worker, '.my-new-password', 'short')
  await worker.locator('.btn-change-password').click()
  await expect(worker.locator('.field__error').first().textContent()).resolves.toContain('至少 10 位')
  await fill(worker, '.my-new-password', 'Zhang-xianjin-2026')
  await fill(worker, '.my-repeat-password', 'Zhang-xianjin-2026')
  await worker.screenshot({ path: screenshotPath('workbench-first-password'), fullPage: true })
  await worker.locator('.btn-change-password').click()
  await worker.locator('.page-queue .btn-claim').waitFor({ timeout: 30_000 })
  await expect(worker.locator('.queue__who').textContent()).resolves.toBe('张社工')
  await expect(worker.locator('.queue__station').textContent()).resolves.toBe('先进街道社工站')
  expect((await api(server.url, token).get('/api/staff/queue')).status).toBe(200)

  // The admin disables the account.
  await admin.goto(`${server.url}/#/packages/workbench/accounts/index`)
  await admin.locator('.account-item', { hasText: '张社工' }).first().click()
  await admin.locator('.btn-disable-account').click()
  await admin.locator('.taro-modal__foot .taro-model__confirm').click()
  await admin.locator('.account__status', { hasText: '已停用' }).waitFor({ timeout: 30_000 })
  await admin.screenshot({ path: screenshotPath('workbench-account-disabled'), fullPage: true })

  // The worker's very next call is 401, and the workbench goes back to its login page.
  expect((await api(server.url, token).get('/api/staff/queue')).status).toBe(401)
  await worker.reload()
  await worker.locator('.btn-staff-login').waitFor({ timeout: 30_000 })
  await fill(worker, '.staff-username', 'xianjin-zhang')
  await fill(worker, '.staff-password', 'Zhang-xianjin-2026')
  await worker.locator('.btn-staff-login').click()
  await expect(worker.locator('.field__error').first().textContent()).resolves.toContain('停用')

  // 操作日志: who created and who disabled the account.
  await admin.goto(`${server.url}/#/packages/workbench/audit/index`)
  await admin.locator('.audit-entry', { hasText: '停用账号' }).first().waitFor({ timeout: 30_000 })
  await expect(admin.locator('.audit-entry').first().textContent()).resolves.toContain('吴管理员')
  await admin.locator('.audit-entry', { hasText: '新建账号' }).first().waitFor()
  await admin.screenshot({ path: screenshotPath('workbench-audit'), fullPage: true })
})

/** The page has slid into place (h5's page transition), so its screenshot shows it whole. */
const settled = (page: Page, selector: string) =>
  page.waitForFunction((sel) => {
    const el = document.querySelector(sel)
    return !!el && Math.abs(el.getBoundingClientRect().left) < 1
  }, selector)

test('账号管理, an account, 操作日志 and 我的账号 on a phone in 长辈模式', async () => {
  const ctx = await browser.newContext({ ...phone })
  const page = await ctx.newPage()
  await page.goto(`${server.url}/#/pages/index/index?elder=1`)
  await page.locator('.page.elder').first().waitFor({ timeout: 30_000 })
  await staffLogin(page, 'jinpu-admin', DEMO_STAFF_PASSWORD)
  await page.locator('.page-accounts, .btn-staff-accounts').first().waitFor({ timeout: 30_000 })
  await page.goto(`${server.url}/#/packages/workbench/accounts/index`)
  await page.locator('.page-accounts.elder .account-item').first().waitFor({ timeout: 30_000 })
  await settled(page, '.page-accounts')
  await page.screenshot({ path: screenshotPath('workbench-accounts-elder') })
  await page.locator('.account-item', { hasText: '李社工' }).first().click()
  await page.locator('.page-account.elder .btn-reset-password').waitFor({ timeout: 30_000 })
  await settled(page, '.page-account')
  await page.screenshot({ path: screenshotPath('workbench-account-elder'), fullPage: true })
  await page.goto(`${server.url}/#/packages/workbench/audit/index`)
  await page.locator('.page-audit.elder').waitFor({ timeout: 30_000 })
  await settled(page, '.page-audit')
  await page.screenshot({ path: screenshotPath('workbench-audit-elder') })
  await page.goto(`${server.url}/#/packages/workbench/me/index`)
  await page.locator('.page-my-account.elder .my-session').first().waitFor({ timeout: 30_000 })
  await settled(page, '.page-my-account')
  await page.screenshot({ path: screenshotPath('workbench-my-account-elder') })
})
