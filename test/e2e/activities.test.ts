/**
 * Activities, as new users would, on the h5 build: a parent adds her
 * 7-year-old daughter in 我的家人 (with the children's privacy consent) and
 * enrolls her in 东山小学堂·节气美育 — 报名成功 and a check-in QR code; a
 * second parent takes the last seat, a third is 候补第 1 位; the first cancels
 * and the third becomes 报名成功. Then the station ticks the promoted child
 * in by name on its roster.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ActivitySummary } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
let activity: ActivitySummary

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const list = (await (await fetch(`${server.url}/api/activities?category=class&limit=50`)).json()) as { items: ActivitySummary[] }
  activity = list.items.find((a) => a.title === '节气美育')!
  // The station has two seats left in this run of the course (arranged through its API).
  const login = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xianjin-li', password: DEMO_STAFF_PASSWORD }),
  })
  const { token } = (await login.json()) as { token: string }
  const patched = await fetch(`${server.url}/api/staff/activities/${activity.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ capacity: 2 }),
  })
  expect(patched.status).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const contexts: BrowserContext[] = []
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
})

async function newResident(): Promise<Page> {
  const ctx = await browser.newContext({ ...phone, geolocation: { latitude: 39.0543, longitude: 121.7634 }, permissions: ['geolocation'] })
  contexts.push(ctx)
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  ;(page as Page & { errors?: string[] }).errors = errors
  return page
}

/** A screenshot once the page's slide-in transition has finished. */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(500)
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

/** From the 活动 tab to 节气美育's enroll page, logged in. */
async function openEnroll(page: Page) {
  await page.goto(`${server.url}/#/pages/activities/index`)
  const card = page.locator('.activity-card', { hasText: '节气美育' }).first()
  await card.waitFor({ timeout: 30_000 })
  await card.click()
  await page.locator('.page-activity-detail .btn-enroll').first().waitFor({ timeout: 30_000 })
  await page.locator('.page-activity-detail .btn-enroll').first().click()
  // A new resident is asked to log in first (the demo login in h5).
  const login = page.locator('.page-activity-enroll .btn-login')
  await login.or(page.locator('.page-activity-enroll .enroll-form')).first().waitFor({ timeout: 30_000 })
  if (await login.count()) await login.first().click()
  await page.locator('.page-activity-enroll .enroll-form').waitFor({ timeout: 30_000 })
}

/** 我的家人, reached from the enroll page: a daughter born on 1 January, seven years ago (the picker's year column moved one row). */
async function addDaughter(page: Page, name: string) {
  await page.locator('.page-activity-enroll .btn-add-family').click()
  await page.locator('.page-family .family-form').waitFor({ timeout: 30_000 })
  await fill(page, '.member-name', name)
  await page.locator('.page-family .member-birth-picker .picker-value').click()
  const year = page.locator('.weui-picker taro-picker-group').first()
  await year.waitFor({ timeout: 10_000 })
  // The picker slides up: wait until it stands still before aiming at its year column.
  let box: { x: number; y: number; width: number; height: number } | null = null
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100)
    const now = await year.boundingBox()
    const settled = box && now && now.y === box.y && now.y + now.height <= page.viewportSize()!.height
    box = now
    if (settled) break
  }
  box = box!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  // The picker opens on 2018-01-01; drag the year column up one row (34 px) to the next year.
  const target = new Date().getFullYear() - 7
  const rows = target - 2018
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x, y - 34 * rows, { steps: 8 })
  await page.mouse.up()
  await page.locator('.weui-picker__action', { hasText: '确定' }).click()
  await expect(page.locator('.page-family .picker-value').first().textContent()).resolves.toContain(`${target}-01-01`)
  await page.locator('.page-family .option', { hasText: '女儿' }).first().click()
  // Under 14: the children's privacy notice is shown, and saving needs the guardian's explicit consent.
  await page.locator('.page-family .btn-save-member').click()
  await page
    .locator('.page-family .child-consent .field__error, .page-family .child-consent [role="alert"]')
    .first()
    .waitFor({ timeout: 10_000 })
  await page.locator('.page-family .child-consent .check-item').first().click()
  await page.locator('.page-family .btn-save-member').click()
  // Back on the enroll page, the new member is there to choose.
  await page.locator('.page-activity-enroll .option', { hasText: name }).waitFor({ timeout: 30_000 })
}

async function enroll(page: Page, participant: string, phoneNumber: string) {
  await page.locator('.page-activity-enroll .option', { hasText: participant }).first().click()
  await fill(page, '.contact-phone', phoneNumber)
  await page.locator('.page-activity-enroll .btn-submit-enroll').click()
  const title = page.locator('.enroll-result__title')
  await title.waitFor({ timeout: 30_000 })
  return (await title.textContent())!.trim()
}

test('a parent enrolls her 7-year-old in 节气美育; the last seat goes; the third is 候补第 1 位 and gets the seat when the first cancels', async () => {
  // The first parent.
  const first = await newResident()
  await openEnroll(first)
  await addDaughter(first, '小雨')
  expect(await enroll(first, '小雨', '13812345678')).toContain('报名成功')
  await shot(first, 'activity-enrolled')
  await first.locator('.btn-view-mine').click()
  await first.locator('.page-my-enrollments .enrollment--confirmed').waitFor({ timeout: 30_000 })
  const qr = first.locator('.page-my-enrollments .checkin-qr__image').first()
  await qr.waitFor({ timeout: 10_000 })
  expect(await qr.evaluate((el) => (el.querySelector('img') ?? el).getAttribute('src'))).toMatch(/^data:image\/gif;base64,/)
  await expect(first.locator('.page-my-enrollments .checkin-qr__title').first().textContent()).resolves.toContain('小雨')
  await shot(first, 'activity-qr')

  // The second parent takes the last seat.
  const second = await newResident()
  await openEnroll(second)
  await addDaughter(second, '小美')
  expect(await enroll(second, '小美', '13812345679')).toContain('报名成功')

  // The third waits.
  const third = await newResident()
  await openEnroll(third)
  await addDaughter(third, '小宇')
  expect(await enroll(third, '小宇', '13812345670')).toBe('候补第 1 位')
  await shot(third, 'activity-waitlisted')

  // The first cancels in 我的报名 (and confirms in the dialog); it moves to 已结束或取消.
  await first.locator('.page-my-enrollments .enrollment--confirmed .btn-cancel-enrollment').first().click()
  await first.locator('.taro-modal__foot .taro-model__confirm').click()
  await first.locator('.page-my-enrollments .tab-past').click()
  await first.locator('.page-my-enrollments .enrollment--cancelled', { hasText: '小雨' }).waitFor({ timeout: 30_000 })

  // The third sees 报名成功 and her own QR code.
  await third.locator('.btn-view-mine').click()
  await third.locator('.page-my-enrollments .enrollment--confirmed').waitFor({ timeout: 30_000 })
  await expect(third.locator('.page-my-enrollments .enrollment--confirmed').first().textContent()).resolves.toContain('小宇')
  await third.locator('.page-my-enrollments .checkin-qr__image').first().waitFor({ timeout: 10_000 })
  await shot(third, 'activity-promoted')

  for (const p of [first, second, third]) expect((p as Page & { errors?: string[] }).errors).toEqual([])

  // At the first class, the station ticks 小宇 in by name on the roster.
  const workerCtx = await browser.newContext({ ...phone })
  contexts.push(workerCtx)
  const worker = await workerCtx.newPage()
  await worker.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(worker, '.staff-username', 'xianjin-li')
  await fill(worker, '.staff-password', DEMO_STAFF_PASSWORD)
  await worker.locator('.btn-staff-login').click()
  await worker.locator('.btn-staff-activities').click()
  await worker.locator('.staff-activity', { hasText: '节气美育' }).first().click()
  const entry = worker.locator('.roster-entry--confirmed', { hasText: '小宇' })
  await entry.waitFor({ timeout: 30_000 })
  await expect(worker.locator('.roster-entry--confirmed').count()).resolves.toBe(2)
  await entry.locator('.roster-tick').click()
  await worker.locator('.taro-modal__foot .taro-model__confirm').click()
  await worker.locator('.roster-entry--present', { hasText: '小宇' }).waitFor({ timeout: 30_000 })
  await shot(worker, 'activity-roster')
})
