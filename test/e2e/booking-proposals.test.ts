/**
 * Booking from a help request, on the h5 build: a daughter asks 民馨社区社会工作室
 * for a talk for her mother; the worker proposes two 心理疏导谈心 times on the
 * workbench's request page; the daughter picks one on her request's page, the
 * timeline says so and leads to 我的预约, where the booking is for her mother.
 * Screenshots: both pages at 390 px (the workbench also at 1280 px), in both modes.
 */
import type { Browser, Page } from 'playwright-core'
import type { HelpRequest, StationSummary } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(300_000)

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

/** The whole page: Taro's h5 page scrolls inside its own container, so the viewport is made tall enough for it, then put back. */
const shot = async (page: Page, name: string) => {
  const size = page.viewportSize()!
  await page.setViewportSize({ width: size.width, height: 3200 })
  await page.waitForTimeout(700)
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
  await page.setViewportSize(size)
}

test('the worker proposes two times; the daughter picks one for her mother on the request’s page', async () => {
  const residentCtx = await browser.newContext({ ...phone })
  const daughter = await residentCtx.newPage()
  const errors: string[] = []
  daughter.on('pageerror', (e) => errors.push(e.message))
  await daughter.goto(`${server.url}/#/packages/request/mine/index`)
  const login = daughter.waitForResponse((r) => r.url().endsWith('/api/auth/dev'))
  await daughter.locator('.btn-login').click()
  const token = ((await (await login).json()) as { token: string }).token

  const stations = (await (await server.fetch(`/api/stations?q=${encodeURIComponent('民馨社区')}`)).json()) as { items: StationSummary[] }
  const minxin = stations.items.find((s) => s.name === '民馨社区社会工作室')!
  const request = (
    await api(server.url, token).post<HelpRequest>(
      '/api/requests',
      {
        category: 'psychological',
        attributes: { selfHarm: 'no' },
        description: '母亲最近情绪低落，想请社工聊一聊。',
        requester: 'family',
        helped: { name: '张秀兰', relationship: '母亲', phone: '13900001111', address: '民馨社区 3 号楼', consent: true },
        contactName: '李女士',
        contactPhone: '13812345678',
        urgency: 'normal',
        stationId: minxin.id,
        stationSource: 'chosen',
      },
      { 'idempotency-key': 'e2e-booking-proposals-1' },
    )
  ).body
  expect(request.station.id).toBe(minxin.id)

  // The worker of 民馨 proposes two free slots of 心理疏导谈心, with a note.
  const workerCtx = await browser.newContext({ ...phone })
  const worker = await workerCtx.newPage()
  await worker.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(worker, '.staff-username', 'minxin-liu')
  await fill(worker, '.staff-password', DEMO_STAFF_PASSWORD)
  await worker.locator('.btn-staff-login').click()
  await worker.locator('.btn-staff-bookings').first().waitFor({ timeout: 30_000 })
  await worker.goto(`${server.url}/#/packages/workbench/request/index?id=${request.id}`)
  await worker.locator('.btn-propose-booking').waitFor({ timeout: 30_000 })
  await worker.locator('.btn-propose-booking').click()
  await worker.locator('.propose__service', { hasText: '心理疏导谈心' }).click()
  await worker.locator('.reschedule__slot').nth(1).waitFor({ timeout: 30_000 })
  await worker.locator('.reschedule__slot').nth(0).click()
  await worker.locator('.reschedule__slot').nth(1).click()
  await fill(worker, '.propose-note', '刘社工接待，请带上最近的就诊记录')
  await shot(worker, 'workbench-booking-propose-390')
  await worker.setViewportSize({ width: 1280, height: 900 })
  await shot(worker, 'workbench-booking-propose-1280')
  await worker.setViewportSize({ width: 390, height: 844 })
  await worker.locator('.btn-send-proposal').click()
  await worker.locator('.proposal', { hasText: '待选择' }).waitFor({ timeout: 30_000 })
  await worker.locator('.timeline__item--booking_proposed').waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-booking-proposed-390')

  // The daughter sees them on her request's page and picks the second.
  await daughter.goto(`${server.url}/#/packages/request/detail/index?id=${request.id}`)
  await daughter.locator('.proposal-pick').waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.proposal-time--free').count()).resolves.toBe(2)
  await shot(daughter, 'request-booking-proposal-390')
  const second = daughter.locator('.proposal-time').nth(1)
  const chosenClock = (await second.locator('.proposal-time__clock').textContent())!.trim()
  await second.click()
  await daughter.locator('.taro-modal__foot .taro-model__confirm').click()
  await daughter.locator('.proposal-chosen').waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.proposal-chosen__time').textContent()).resolves.toContain(chosenClock.split('-')[0]!)
  await daughter.locator('.timeline__item--booking_chosen').waitFor({ timeout: 30_000 })
  await shot(daughter, 'request-booking-chosen-390')

  // The timeline leads to 我的预约: the booking is for her mother.
  await daughter.locator('.btn-timeline-booking').click()
  const card = daughter.locator('.booking', { hasText: '心理疏导谈心' })
  await card.waitFor({ timeout: 30_000 })
  await expect(card.locator('.booking__person').textContent()).resolves.toContain('张秀兰')

  // 长辈模式: both pages in large type.
  await daughter.goto(`${server.url}/#/packages/request/detail/index?id=${request.id}&elder=1`)
  await daughter.locator('.page-request-detail.elder .proposal-chosen').waitFor({ timeout: 30_000 })
  await shot(daughter, 'request-booking-chosen-390-elder')
  await worker.goto(`${server.url}/#/packages/workbench/request/index?id=${request.id}&elder=1`)
  await worker.locator('.proposal', { hasText: '已选定' }).waitFor({ timeout: 30_000 })
  await worker.locator('.btn-propose-booking').click()
  await worker.locator('.propose__service', { hasText: '入户探访' }).click()
  await worker.locator('.propose__free').waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-booking-propose-390-elder')
  await worker.setViewportSize({ width: 1280, height: 900 })
  await shot(worker, 'workbench-booking-propose-1280-elder')
  expect(errors).toEqual([])
  await residentCtx.close()
  await workerCtx.close()
})
