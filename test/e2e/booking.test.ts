/**
 * 预约服务 on the h5 build, as people would: a daughter books a 心理疏导 talk
 * for her mother at 民馨社区社会工作室 from the station's page and downloads it
 * as an .ics file for her phone's calendar; the 民馨 worker finds it in the
 * workbench's day view and reschedules it with a reason; the daughter sees the
 * new time and the reason in 我的预约. Then the talk's day comes (the server
 * restarts on the same database and port with the booking moved to this
 * morning: a server process has no injected clock), the worker marks it
 * attended, and the daughter rates it from 我的预约 (「评价这次服务」).
 * Screenshots of each page, both modes, and the week view at desktop width.
 */
import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import type { BookableService, StationSummary } from '../../contract/types'
import { openDatabase } from '../../server/db'
import { startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
let minxinId = ''
let talk: BookableService

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const stations = (await (await fetch(`${server.url}/api/stations?q=${encodeURIComponent('民馨社区')}`)).json()) as {
    items: StationSummary[]
  }
  minxinId = stations.items.find((s) => s.name === '民馨社区社会工作室')!.id
  const bookable = (await (await fetch(`${server.url}/api/stations/${minxinId}/bookable`)).json()) as { items: BookableService[] }
  talk = bookable.items.find((s) => s.name === '心理疏导谈心')!
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(500)
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

test('a daughter books a 心理疏导 talk for her mother and adds it to her calendar; the worker reschedules it; she sees the new time and why', async () => {
  const daughterCtx = await browser.newContext({ ...phone, acceptDownloads: true })
  const daughter = await daughterCtx.newPage()
  await daughter.goto(`${server.url}/#/pages/station/index?id=${minxinId}`)
  const entry = daughter.locator('.station-bookables .bookable', { hasText: '心理疏导谈心' })
  await entry.waitFor({ timeout: 30_000 })
  await entry.scrollIntoViewIfNeeded()
  await daughter.locator('.station-bookables').screenshot({ path: screenshotPath('booking-station-bookables') })
  await entry.locator('.btn-book').click()

  // Not logged in yet: the slots, then the demo login.
  await daughter.locator('.page-booking-new .slot').first().waitFor({ timeout: 30_000 })
  await daughter.locator('.page-booking-new .btn-login').click()
  await daughter.locator('.page-booking-new .book-form').waitFor({ timeout: 30_000 })
  const firstFree = daughter.locator('.slot--free').first()
  const chosenTime = (await firstFree.locator('.slot__time').textContent())!.trim()
  await firstFree.click()
  await daughter.locator('.option', { hasText: '代办（为长辈预约）' }).click()
  await fill(daughter, '.person-name', '王秀兰')
  await fill(daughter, '.relationship', '母亲')
  await fill(daughter, '.contact-name', '小王')
  await fill(daughter, '.contact-phone', '13812345678')
  await shot(daughter, 'booking-new')
  await daughter.locator('.btn-confirm-booking').click()
  await daughter.locator('.book-result').waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.book-result__time').textContent()).resolves.toContain(chosenTime.replace(/^✓ /, ''))
  await shot(daughter, 'booking-result')

  const [download] = await Promise.all([daughter.waitForEvent('download'), daughter.locator('.btn-add-calendar').click()])
  expect(download.suggestedFilename()).toMatch(/\.ics$/)
  const ics = fs.readFileSync((await download.path())!, 'utf8')
  expect(ics).toContain('BEGIN:VEVENT')
  expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:心理疏导谈心 · 民馨社区社会工作室')

  // The worker's day view: forward day by day to the booking.
  const workerCtx = await browser.newContext({ ...phone })
  const worker = await workerCtx.newPage()
  await worker.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(worker, '.staff-username', 'minxin-liu')
  await fill(worker, '.staff-password', 'shegong2026')
  await worker.locator('.btn-staff-login').click()
  await worker.locator('.btn-staff-bookings').first().waitFor({ timeout: 30_000 })
  await worker.locator('.btn-staff-bookings').first().click()
  await worker.locator('.page-workbench-bookings .bookings-nav').waitFor({ timeout: 30_000 })
  const item = worker.locator('.staff-booking', { hasText: '王秀兰' })
  for (let day = 0; day < 15 && !(await item.count()); day++) {
    await worker.waitForTimeout(800)
    if (await item.count()) break
    await worker.locator('.btn-next').click()
  }
  await item.waitFor({ timeout: 30_000 })
  await expect(item.textContent()).resolves.toContain('13812345678')
  await shot(worker, 'workbench-bookings-day')
  await item.locator('.btn-staff-reschedule').click()
  await worker.locator('.reschedule__slot').first().waitFor({ timeout: 30_000 })
  // The second free slot offered (soon, so the week view below shows it).
  const offered = worker.locator('.reschedule__slot').nth(1)
  const newTime = (await offered.textContent())!.trim()
  await offered.click()
  await fill(worker, '.reschedule-reason', '刘社工那天上午要入户探访，改到这个时间，请您谅解')
  await shot(worker, 'workbench-bookings-reschedule')
  await worker.locator('.btn-confirm-reschedule').click()
  // Moved: the panel closes and the booking reads the reason it was moved for.
  await worker.locator('.reschedule').waitFor({ state: 'detached', timeout: 30_000 })
  await worker.locator('.staff-booking', { hasText: '刘社工那天上午要入户探访' }).first().waitFor({ timeout: 30_000 })

  // The week at desktop width.
  await worker.setViewportSize({ width: 1280, height: 900 })
  await worker.locator('.tab-week').click()
  await worker.waitForTimeout(1500)
  await shot(worker, 'workbench-bookings-week-1280')

  // The daughter sees the new time and the reason.
  await daughter.goto(`${server.url}/#/packages/booking/mine/index`)
  const card = daughter.locator('.booking', { hasText: '心理疏导谈心' })
  await card.locator('.booking__reason').waitFor({ timeout: 30_000 })
  await expect(card.locator('.booking__reason').textContent()).resolves.toContain('刘社工那天上午要入户探访')
  await expect(card.locator('.booking__time').textContent()).resolves.toContain(newTime)
  await shot(daughter, 'booking-mine')

  // 长辈模式: the same pages in large type.
  await daughter.goto(`${server.url}/#/packages/booking/new/index?serviceId=${talk.id}&elder=1`)
  await daughter.locator('.page-booking-new.elder .slot').first().waitFor({ timeout: 30_000 })
  await shot(daughter, 'booking-new-elder')
  await daughter.goto(`${server.url}/#/packages/booking/mine/index`)
  await daughter.locator('.page-my-bookings.elder .booking').first().waitFor({ timeout: 30_000 })
  await shot(daughter, 'booking-mine-elder')

  // The day of the talk: the same server, database and port again, with the booking moved to earlier today.
  const port = new URL(server.url).port
  await server.stop()
  const db = await openDatabase(server)
  try {
    await db.query(
      `UPDATE bookings SET starts_at = date_trunc('hour', now()) - interval '2 hours', ends_at = date_trunc('hour', now()) - interval '1 hour'
        WHERE person_name = '王秀兰'`,
    )
  } finally {
    await db.close()
  }
  server = await startServer({
    database: { dataDir: server.dataDir, databaseUrl: server.databaseUrl },
    env: { JOB_INTERVAL_MS: '0', PORT: port },
  })
  expect(server.url).toBe(`http://127.0.0.1:${port}`)

  // The worker marks it attended in the day view (today, or yesterday just after midnight).
  await worker.setViewportSize({ width: 390, height: 844 })
  await worker.goto(`${server.url}/#/packages/workbench/bookings/index`)
  const attendedItem = worker.locator('.staff-booking', { hasText: '王秀兰' })
  await worker.locator('.page-workbench-bookings .bookings-nav').waitFor({ timeout: 30_000 })
  await worker.waitForTimeout(1000)
  if (!(await attendedItem.count())) await worker.locator('.btn-prev').click()
  await attendedItem.locator('.btn-attended').click()
  await worker.locator('.taro-modal__foot .taro-model__confirm').click()
  await worker.locator('.staff-booking--attended', { hasText: '王秀兰' }).waitFor({ timeout: 30_000 })

  // The daughter rates it from 我的预约.
  await daughter.goto(`${server.url}/#/packages/booking/mine/index`)
  await daughter.locator('.tab-past').click()
  const done = daughter.locator('.booking', { hasText: '心理疏导谈心' })
  await done.locator('.btn-rate-booking').waitFor({ timeout: 30_000 })
  await shot(daughter, 'booking-mine-rate')
  await done.locator('.btn-rate-booking').click()
  await daughter.locator('.page-rating .rating-star').nth(4).waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.rating-target__kind').textContent()).resolves.toBe('评价预约服务')
  await expect(daughter.locator('.rating-outcome').count()).resolves.toBe(0)
  await daughter.locator('.page-rating .rating-star').nth(4).click()
  await daughter.locator('.rating-tag', { hasText: '耐心细致' }).click()
  await fill(daughter, '.rating-comment', '刘社工很耐心，妈妈说谈完心里轻松多了')
  await shot(daughter, 'booking-rating')
  await daughter.locator('.btn-submit-rating').click()
  await daughter.locator('.rating-result').waitFor({ timeout: 30_000 })
  await daughter.locator('.btn-rating-done').click()
  await daughter.locator('.tab-past').click()
  const rated = daughter.locator('.booking', { hasText: '心理疏导谈心' }).locator('.booking__rating')
  await rated.waitFor({ timeout: 30_000 })
  await expect(rated.textContent()).resolves.toContain('刘社工很耐心')
  await shot(daughter, 'booking-mine-rated')
  await daughter.goto(`${server.url}/#/packages/rating/new/index?bookingId=${await bookingIdOf(server, '王秀兰')}&elder=1`)
  await daughter.locator('.page-rating.elder .rating-editing').waitFor({ timeout: 30_000 })
  await shot(daughter, 'booking-rating-elder')
  await daughterCtx.close()
  await workerCtx.close()
})

/** The booking's id, as the staff day view of today (and yesterday) gives it. */
async function bookingIdOf(s: TestServer, personName: string): Promise<string> {
  const login = await (
    await s.fetch('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'minxin-liu', password: 'shegong2026' }),
    })
  ).json()
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  const res = await s.fetch(`/api/staff/bookings?from=${day(new Date(Date.now() - 86_400_000))}&to=${day(new Date())}`, {
    headers: { authorization: `Bearer ${(login as { token: string }).token}` },
  })
  const items = ((await res.json()) as { items: { id: string; personName: string }[] }).items
  return items.find((b) => b.personName === personName)!.id
}
