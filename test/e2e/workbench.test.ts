/**
 * The workbench as staff use it all day, on the h5 build: a request taken by
 * phone at 先进街道; the station head (孙站长), on a desktop browser, sees the
 * queue and the request side by side and assigns it to 王社工; 王社工, on a
 * phone, finds it under 我负责的, accepts it and replies with a canned reply
 * filled in for the resident. axe-core on the pages it passes (queue, request,
 * 团队负责量, 常用回复) in both modes; screenshots at 390 and 1280 px.
 */
import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { startServer, type TestServer } from '../api/helpers/server'
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

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 2).map((n) => n.html.slice(0, 120)) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

async function staffPage(username: string, viewport: { width: number; height: number }, elder = false) {
  const context = await browser.newContext(viewport.width >= 1024 ? { viewport } : { ...phone, viewport })
  const page = await context.newPage()
  await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
  await fill(page, '.staff-username', username)
  await fill(page, '.staff-password', 'shegong2026')
  await page.locator('.btn-staff-login').click()
  await page.locator('.page-queue').first().waitFor({ timeout: 30_000 })
  return page
}

test('the head assigns on a desktop; the worker replies with a canned reply on a phone', async () => {
  // A call taken by 李社工: an elderly resident's daughter.
  const login = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xianjin-li', password: 'shegong2026' }),
  })
  const li = ((await login.json()) as { token: string }).token
  const created = await fetch(`${server.url}/api/staff/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${li}` },
    body: JSON.stringify({
      channel: 'phone',
      category: 'elderly_care',
      description: '母亲一个人住，腿脚不便，想了解助餐服务。',
      requester: 'self',
      contactName: '赵女士',
      contactPhone: '13812340000',
      urgency: 'normal',
    }),
  })
  expect(created.status).toBe(201)

  // 孙站长 at a desktop: the list and the request side by side.
  const head = await staffPage('xianjin-head', { width: 1280, height: 800 })
  await head.locator('.queue-item', { hasText: '母亲一个人住' }).click()
  await head.locator('.queue-layout__detail .staff-request__desc', { hasText: '母亲一个人住' }).waitFor({ timeout: 30_000 })
  expect(await head.locator('.queue-layout__list').isVisible()).toBe(true)
  await head.locator('.btn-assign').click()
  await head.locator('.assign-option', { hasText: '王社工' }).click()
  await head.locator('.btn-confirm-assign').click()
  await head.locator('.staff-request__assignee', { hasText: '王社工' }).waitFor({ timeout: 30_000 })
  await head.locator('.queue-item .queue-item__assignee', { hasText: '王社工' }).first().waitFor({ timeout: 30_000 })
  await head.screenshot({ path: screenshotPath('workbench-assign-1280') })
  expect(await seriousViolations(head)).toEqual([])

  // 王社工 on a phone: 我负责的, accept, a canned reply filled in for 赵女士.
  const wang = await staffPage('xianjin-wang', phone.viewport!)
  await wang.locator('.chip', { hasText: '我负责的' }).click()
  await wang.locator('.queue-item', { hasText: '母亲一个人住' }).click()
  await wang.locator('.page-staff-request .btn-accept').click()
  await wang.locator('.page-staff-request .btn-reply').click()
  await wang.locator('.reply-template', { hasText: '已收到，尽快联系' }).click()
  const text = await wang.locator('.staff-text textarea').inputValue()
  expect(text).toContain('赵女士您好，我是王社工')
  expect(text).not.toContain('{')
  await wang.locator('.btn-confirm').click()
  await wang.locator('.timeline__item--replied', { hasText: '赵女士您好，我是王社工' }).waitFor({ timeout: 30_000 })
  await wang.screenshot({ path: screenshotPath('workbench-canned-reply-390'), fullPage: true })
  expect(await seriousViolations(wang)).toEqual([])
})

for (const elder of [false, true]) {
  test(`axe on the head's pages: queue, 团队负责量, 常用回复 (${elder ? '长辈模式' : '标准模式'})`, async () => {
    const head = await staffPage('xianjin-head', phone.viewport!, elder)
    await head.locator('.queue-head').waitFor()
    expect(await seriousViolations(head)).toEqual([])
    await head.locator('.btn-staff-team').click()
    await head.locator('.team-member').first().waitFor({ timeout: 30_000 })
    await head.waitForTimeout(800)
    expect(await seriousViolations(head)).toEqual([])
    await head.screenshot({ path: screenshotPath(`workbench-team-390${elder ? '-elder' : ''}`), fullPage: true })
    await head.goto(`${server.url}/#/packages/workbench/replies/index`)
    await head.locator('.reply-item').first().waitFor({ timeout: 30_000 })
    await head.waitForTimeout(800)
    expect(await seriousViolations(head)).toEqual([])
    await head.screenshot({ path: screenshotPath(`workbench-replies-390${elder ? '-elder' : ''}`), fullPage: true })
  })
}
