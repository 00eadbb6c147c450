/**
 * 预约服务 per worker and by age, on the h5 build against the real API: 先进街道's
 * head sets a 60-岁以上 service whose weekly hours are 李社工's and 王社工's
 * (预约服务设置 → 按社工设置时段); a daughter sees each slot 「由 X 接待」,
 * only her mother is offered among 我的家人 (her 8-year-old is listed with
 * why), and books 王社工's hour for her; the head's day view shows it under
 * 王社工. Screenshots at phone width in both modes and at desktop width.
 */
import type { Browser, Page } from 'playwright-core'
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { BookableService } from '../../contract/types'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill, staffApi } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
let service: BookableService

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const { client: head, colleagueId: id } = await staffApi(server.url, 'xianjin-head')
  const created = await head.post<BookableService>('/api/staff/bookable', {
    name: '长者个案面谈',
    description: '社工一对一面谈：养老服务、救助政策、家庭照护的困难都可以谈。',
    kind: 'talk',
    category: 'elderly_care',
    audience: 'elderly',
    minAge: 60,
    durationMinutes: 60,
    capacity: 1,
    availability: [
      { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00', workerId: id('李社工') },
      { weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '12:00', workerId: id('王社工') },
    ],
  })
  expect(created.status).toBe(201)
  service = created.body
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(500)
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

test('the head sets hours per worker and an age; a daughter books 王社工 for her mother; the day view groups it under 王社工', async () => {
  // The head's editor: the service's groups per worker, and its age range.
  const headCtx = await browser.newContext({ ...phone })
  const head = await headCtx.newPage()
  await head.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(head, '.staff-username', 'xianjin-head')
  await fill(head, '.staff-password', 'shegong2026')
  await head.locator('.btn-staff-login').click()
  await head.locator('.btn-staff-bookings').first().waitFor({ timeout: 30_000 })
  for (const [suffix, query, width] of [
    ['390', '', 390],
    ['390-elder', '?elder=1', 390],
    ['1280', '', 1280],
  ] as const) {
    await head.setViewportSize({ width, height: 900 })
    await head.goto(`${server.url}/#/packages/workbench/bookable/index${query}`)
    const item = head.locator('.bookable-item', { hasText: '长者个案面谈' })
    await item.waitFor({ timeout: 30_000 })
    await expect(item.textContent()).resolves.toContain('王社工')
    await item.scrollIntoViewIfNeeded()
    await shot(head, `workbench-bookable-workers-list-${suffix}`)
    await item.locator('.btn-edit-bookable').click()
    await head.locator('.worker-window').nth(1).waitFor({ timeout: 30_000 })
    await expect(head.locator('.bookable-minAge input, input.bookable-minAge').inputValue()).resolves.toBe('60')
    await head.locator('.bookable-minAge').scrollIntoViewIfNeeded()
    await shot(head, `workbench-bookable-workers-ages-${suffix}`)
    await head.locator('.worker-window').first().scrollIntoViewIfNeeded()
    await shot(head, `workbench-bookable-workers-edit-${suffix}`)
  }

  // The daughter: each slot says who receives; only her mother fits among 我的家人.
  const ctx = await browser.newContext({ ...phone })
  const daughter = await ctx.newPage()
  await daughter.goto(`${server.url}/#/packages/booking/new/index?serviceId=${service.id}`)
  await daughter.locator('.page-booking-new .slot').first().waitFor({ timeout: 30_000 })
  await daughter.locator('.page-booking-new .btn-login').click()
  await daughter.locator('.page-booking-new .book-form').waitFor({ timeout: 30_000 })
  const raw = (await daughter.evaluate(() => localStorage.getItem('sgz-session'))) ?? ''
  const token = /token\\?":\\?"([^"\\]+)/.exec(raw)?.[1]
  expect(token).toBeTruthy()
  const resident = api(server.url, token)
  expect(
    (
      await resident.post('/api/me/family', {
        name: '小雨',
        birthDate: '2018-03-01',
        relationship: '女儿',
        childNoticeVersion: CHILD_NOTICE_VERSION,
      })
    ).status,
  ).toBe(201)
  expect((await resident.post('/api/me/family', { name: '王秀兰', birthDate: '1950-02-01', relationship: '母亲' })).status).toBe(201)

  for (const elder of [false, true]) {
    await daughter.goto(`${server.url}/#/packages/booking/new/index?serviceId=${service.id}${elder ? '&elder=1' : ''}`)
    await daughter.reload()
    await daughter.locator('.page-booking-new .book-form').waitFor({ timeout: 30_000 })
    await expect(daughter.locator('.book-service__who').textContent()).resolves.toContain('60 岁以上')
    const wang = daughter.locator('.slot--free', { hasText: '王社工' }).first()
    await wang.waitFor({ timeout: 30_000 })
    await wang.click()
    await daughter.locator('.book-service').scrollIntoViewIfNeeded()
    await shot(daughter, `booking-workers-slots-390${elder ? '-elder' : ''}`)
    await daughter.locator('.option', { hasText: '代办（为长辈预约）' }).click()
    await daughter.locator('.book-excluded', { hasText: '小雨' }).waitFor({ timeout: 30_000 })
    await expect(daughter.locator('.book-excluded').textContent()).resolves.toContain('不符合年龄要求')
    await daughter.locator('.option', { hasText: '王秀兰' }).click()
    await fill(daughter, '.contact-name', '小王')
    await fill(daughter, '.contact-phone', '13812345678')
    await daughter.locator('.book-form').scrollIntoViewIfNeeded()
    await shot(daughter, `booking-workers-new-390${elder ? '-elder' : ''}`)
  }
  await daughter.locator('.btn-confirm-booking').click()
  await daughter.locator('.book-result').waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.book-result').textContent()).resolves.toContain('由 王社工 接待')
  await shot(daughter, 'booking-workers-result-390-elder')
  const mine = (
    await resident.get<{ items: { worker: { name: string } | null; personName: string; startsAt: string }[] }>('/api/bookings/mine')
  ).body.items
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ personName: '王秀兰', worker: { name: '王社工' } })

  // The head's day view of that day: the booking under 王社工.
  await head.setViewportSize({ width: 390, height: 900 })
  await head.goto(`${server.url}/#/packages/workbench/bookings/index`)
  await head.locator('.page-workbench-bookings .bookings-nav').waitFor({ timeout: 30_000 })
  const item = head.locator('.bookings-worker', { hasText: '王社工' }).locator('.staff-booking', { hasText: '王秀兰' })
  for (let day = 0; day < 15 && !(await item.count()); day++) {
    await head.waitForTimeout(800)
    if (await item.count()) break
    await head.locator('.btn-next').click()
  }
  await item.waitFor({ timeout: 30_000 })
  await shot(head, 'workbench-bookings-workers-day-390')
  await head.setViewportSize({ width: 1280, height: 900 })
  await head.locator('.tab-week').click()
  await head.waitForTimeout(1500)
  await shot(head, 'workbench-bookings-workers-week-1280')
  await ctx.close()
  await headCtx.close()
})
