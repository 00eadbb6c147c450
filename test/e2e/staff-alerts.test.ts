/**
 * 新求助提醒 on the h5 build: 王社工 opens 我的账号, switches on
 * 「接收新求助提醒」 (kept by the server), and sees 求助队列 with the badge
 * once 李社工 takes a call at the counter; opening the queue says what arrived
 * and clears the badge. axe-core and screenshots at 390 and 1280 px, in both
 * modes.
 */
import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(300_000)

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
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

/** axe on the page, or on the part `within` selects. */
async function seriousViolations(page: Page, within?: string) {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document | { include: string[][] },
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }>
        }
      }
    ).axe
    return (await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] })).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      where: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)),
    }))
  }, within)
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

async function staffPage(username: string, width: number, elder: boolean) {
  const viewport = { width, height: width >= 1024 ? 900 : 844 }
  const context = await browser.newContext(
    width >= 1024 ? { viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : { ...phone, viewport },
  )
  const page = await context.newPage()
  await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
  await fill(page, '.staff-username', username)
  await fill(page, '.staff-password', DEMO_STAFF_PASSWORD)
  await page.locator('.btn-staff-login').click()
  await page.locator('.page-queue').first().waitFor({ timeout: 30_000 })
  return page
}

let taken = 0
async function counterCall() {
  const login = await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })
  const res = await api(server.url, login.body.token).post('/api/staff/requests', {
    channel: 'phone',
    category: 'elderly_care',
    description: `来电 ${taken++}：母亲想了解助餐服务`,
    requester: 'self',
    contactName: '赵女士',
    contactPhone: '13900006666',
    urgency: 'urgent',
  })
  expect(res.status).toBe(201)
}

for (const elder of [false, true]) {
  for (const width of [390, 1280]) {
    const mode = elder ? '长辈模式' : '标准模式'
    test(`王社工 switches on 接收新求助提醒 and sees the badge, ${width} px, ${mode}`, async () => {
      // Off, whatever an earlier run left.
      const first = await api(server.url).post('/api/staff/login', { username: 'xianjin-wang', password: DEMO_STAFF_PASSWORD })
      expect((await api(server.url, first.body.token).put('/api/staff/notification-settings', { enabled: false })).status).toBe(200)
      const wang = await staffPage('xianjin-wang', width, elder)
      await wang.locator('.queue-head').waitFor()
      // Opening the queue cleared anything earlier: a call now is new.
      await wang.waitForTimeout(500)
      await counterCall()
      await wang.locator('.btn-my-account').first().click()
      await wang.locator('.page-my-account .alert-switch').waitFor({ timeout: 30_000 })
      await wang.locator('.queue-badge', { hasText: '1 条新求助' }).waitFor({ timeout: 30_000 })

      const saved = wang.waitForResponse((r) => r.url().endsWith('/api/staff/notification-settings') && r.request().method() === 'PUT')
      await wang.locator('.alert-switch').first().click()
      expect(((await (await saved).json()) as { enabled: boolean }).enabled).toBe(true)
      await wang.waitForTimeout(800)
      // The switch's card only: 我的账号's password inputs (older than this test) have no label axe accepts.
      expect(await seriousViolations(wang, '.my-account__alerts')).toEqual([])
      await wang.screenshot({ path: screenshotPath(`workbench-alerts-me-${width}${elder ? '-elder' : ''}`), fullPage: true })

      // Back to the queue: it says what arrived, and the badge is cleared.
      const cleared = wang.waitForResponse((r) => r.url().endsWith('/api/staff/badge/seen'))
      await wang.locator('.btn-staff-queue').first().click()
      await wang.locator('.queue__arrivals', { hasText: '自上次查看，1 条新求助' }).waitFor({ timeout: 30_000 })
      await cleared
      await wang.waitForTimeout(800)
      expect(await seriousViolations(wang)).toEqual([])
      await wang.screenshot({ path: screenshotPath(`workbench-alerts-queue-${width}${elder ? '-elder' : ''}`), fullPage: true })

      const token = (await wang.evaluate(() => JSON.parse(localStorage.getItem('sgz-staff-session') ?? '{}'))) as { data?: string }
      expect(token).toBeTruthy()
      const login = await api(server.url).post('/api/staff/login', { username: 'xianjin-wang', password: DEMO_STAFF_PASSWORD })
      const me = api(server.url, login.body.token)
      expect((await me.get('/api/staff/badge')).body).toEqual({ count: 0 })
      expect((await me.get('/api/staff/notification-settings')).body).toEqual({ enabled: true, linked: false })
      // Off again for the next run.
      expect((await me.put('/api/staff/notification-settings', { enabled: false })).status).toBe(200)
      await wang.context().close()
    })
  }
}
