/**
 * Duplicates on the h5 build: a daughter calls twice about her mother (two
 * requests from the same phone, entered by 李社工). The queue and the request
 * flag 「可能重复」 with the other's number; counter entry warns before a third
 * one is entered; the second request is merged into the first from 合并到…
 * (confirmed in the dialog), and then reads 已合并到 with a link. Screenshots
 * at 390 and 1280 px, standard and 长辈模式; axe on the request page.
 */
import type { Browser } from 'playwright-core'
import { startServer, type TestServer } from '../api/helpers/server'
import { seriousViolations } from './axe'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(400_000)

const PHONE = '13812347777'
let server: TestServer
let browser: Browser
let li = ''
const ids: string[] = []

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(li ? { authorization: `Bearer ${li}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  li = (await post('/api/staff/login', { username: 'xianjin-li', password: 'shegong2026' })).body.token as string
  for (const description of ['母亲一个人住，想申请助餐服务。', '又打来电话：母亲的助餐申请办得怎么样了？']) {
    const created = await post('/api/staff/requests', {
      channel: 'phone',
      category: 'elderly_care',
      description,
      requester: 'self',
      contactName: '钱女士',
      contactPhone: PHONE,
      urgency: 'normal',
    })
    expect(created.status).toBe(201)
    ids.push(created.body.id as string)
  }
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function staffPage(viewport: { width: number; height: number }, elder: boolean) {
  const context = await browser.newContext(viewport.width >= 1024 ? { viewport } : { ...phone, viewport })
  const page = await context.newPage()
  await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
  await fill(page, '.staff-username', 'xianjin-li')
  await fill(page, '.staff-password', 'shegong2026')
  await page.locator('.btn-staff-login').click()
  await page.locator('.page-queue').first().waitFor({ timeout: 30_000 })
  return page
}

for (const elder of [false, true]) {
  const mode = elder ? '-elder' : ''
  test(`「可能重复」 in the queue and on the request, at 390 and 1280 px (${elder ? '长辈模式' : '标准模式'})`, async () => {
    const small = await staffPage(phone.viewport!, elder)
    const card = small.locator('.queue-item', { hasText: '又打来电话' })
    await card.locator('.duplicate-flag', { hasText: '可能重复' }).waitFor({ timeout: 30_000 })
    // Both entered as 本人 with the same name and phone: the same phone, and the same person helped.
    expect(await card.locator('.duplicate-flag__why').first().textContent()).toBe('同一联系电话、同一被帮助人')
    await card.scrollIntoViewIfNeeded()
    await small.screenshot({ path: screenshotPath(`duplicates-queue-390${mode}`), fullPage: true })
    await card.click()
    await small.locator('.page-staff-request .duplicates-card').waitFor({ timeout: 30_000 })
    await small.screenshot({ path: screenshotPath(`duplicates-request-390${mode}`), fullPage: true })
    expect(await seriousViolations(small)).toEqual([])

    const wide = await staffPage({ width: 1280, height: 900 }, elder)
    await wide.locator('.queue-item', { hasText: '又打来电话' }).click()
    await wide.locator('.queue-layout__detail .duplicates-card').waitFor({ timeout: 30_000 })
    await wide.locator('.queue-layout__detail .btn-merge').click()
    await wide.locator('.merge-option').first().waitFor()
    await wide.screenshot({ path: screenshotPath(`duplicates-request-1280${mode}`) })
    await small.context().close()
    await wide.context().close()
  })
}

test('counter entry warns before a third request from the same phone; the worker merges the second into the first', async () => {
  const page = await staffPage(phone.viewport!, false)
  await page.goto(`${server.url}/#/packages/workbench/new/index`)
  await fill(page, '.counter-contact-phone', PHONE)
  await page.locator('.counter-duplicates__title', { hasText: '此号码 30 天内已提交过 2 条求助' }).waitFor({ timeout: 30_000 })
  await page.locator('.counter-duplicates').scrollIntoViewIfNeeded()
  await page.screenshot({ path: screenshotPath('duplicates-counter-390'), fullPage: true })

  await page.goto(`${server.url}/#/packages/workbench/request/index?id=${ids[1]}`)
  await page.locator('.btn-merge').click()
  await page.locator('.merge-option').first().click()
  await fill(page, '.merge-note', '同一位老人的助餐申请')
  await page.locator('.btn-confirm-merge').click()
  // The confirmation dialog (Taro's h5 modal): 合并.
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await page.locator('.staff-request__merged').waitFor({ timeout: 30_000 })
  expect(await page.locator('.staff-request__merged').textContent()).toContain('已合并到')
  await page.screenshot({ path: screenshotPath('duplicates-merged-390'), fullPage: true })
})
