/**
 * 预约 per worker on the h5 build against the real API: 王社工 has a booking
 * to come in 先进街道's per-worker talk; 孙站长 disables his account; the day
 * view still lists the booking under 王社工 and says it needs another worker.
 * 李社工 proposes times from a help request: they are his, and the daughter
 * reads who receives. Screenshots at phone width in both modes and at desktop
 * width.
 */
import type { Browser } from 'playwright-core'
import type { BookableService, Booking, BookingProposal, SlotDay } from '../../contract/types'
import { familyRequest, talkService } from '../api/helpers/booking'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { staffApi, staffPage } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
let booked: Booking
let talk: BookableService
let liSlot: string

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const { client: head, colleagueId: id } = await staffApi(server.url, 'xianjin-head')
  const created = await head.post<BookableService>(
    '/api/staff/bookable',
    talkService([
      { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00', workerId: id('李社工') },
      { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00', workerId: id('王社工') },
    ]),
  )
  expect(created.status).toBe(201)
  talk = created.body
  const days = (await api(server.url).get<{ days: SlotDay[] }>(`/api/bookable/${created.body.id}/slots`)).body.days
  const slot = days.flatMap((d) => d.slots).find((s) => s.state === 'free' && s.worker?.name === '王社工')!
  const resident = await api(server.url).post('/api/auth/dev', { nickname: '停用截图居民' })
  const made = await api(server.url, resident.body.token).post<Booking>(
    '/api/bookings',
    {
      serviceId: created.body.id,
      startsAt: slot.startsAt,
      workerId: slot.worker!.id,
      forWhom: 'proxy',
      personName: '王秀兰',
      relationship: '母亲',
      contactName: '李女士',
      contactPhone: '13812345678',
    },
    { 'idempotency-key': 'e2e-disabled-worker-booking' },
  )
  expect(made.status).toBe(201)
  booked = made.body
  liSlot = days
    .flatMap((d) => d.slots)
    .find((s) => s.state === 'free' && s.worker?.name === '李社工' && s.startsAt !== slot.startsAt)!.startsAt
  expect((await head.post(`/api/admin/accounts/${id('王社工')}/disable`, {})).status).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

for (const [width, elder] of [
  [390, false],
  [390, true],
  [1280, false],
] as const) {
  test(`${width} px${elder ? ', 长辈模式' : ''}: the day view lists 王社工's booking and says it needs another worker`, async () => {
    const page = await staffPage(browser, server.url, 'xianjin-head', { width, elder })
    await page.goto(`${server.url}/#/packages/workbench/bookings/index`)
    await page.locator('.page-workbench-bookings .bookings-nav').waitFor({ timeout: 30_000 })
    const item = page.locator('.bookings-worker', { hasText: '王社工' }).locator('.staff-booking', { hasText: '王秀兰' })
    for (let day = 0; day < 15 && !(await item.count()); day++) {
      await page.waitForTimeout(800)
      if (await item.count()) break
      await page.locator('.btn-next').click()
    }
    await item.waitFor({ timeout: 30_000 })
    await expect(item.locator('.staff-booking__needs-worker').textContent()).resolves.toBe(
      '王社工的账号已停用，请点「改期」改由其他社工接待',
    )
    expect(booked.worker?.name).toBe('王社工')
    await page.waitForTimeout(500)
    await page.screenshot({ path: screenshotPath(`workbench-bookings-disabled-worker-${width}${elder ? '-elder' : ''}`), fullPage: true })
    await page.context().close()
  })
}

test('李社工 proposes his own time from a help request; the daughter reads who receives, in both modes', async () => {
  const ctx = await browser.newContext({ ...phone })
  const daughter = await ctx.newPage()
  await daughter.goto(`${server.url}/#/packages/request/mine/index`)
  const login = daughter.waitForResponse((r) => r.url().endsWith('/api/auth/dev'))
  await daughter.locator('.btn-login').click()
  const token = ((await (await login).json()) as { token: string }).token
  const request = await familyRequest(api(server.url, token), talk.station.id, '张秀兰', 'e2e-disabled-worker-request')
  const li = (await staffApi(server.url, 'xianjin-li')).client
  const proposed = await li.post<{ items: BookingProposal[] }>(`/api/staff/requests/${request.id}/booking-proposals`, {
    serviceId: talk.id,
    times: [liSlot],
  })
  expect(proposed.status).toBe(201)
  expect(proposed.body.items[0]!.worker?.name).toBe('李社工')
  for (const elder of [false, true]) {
    await daughter.goto(`${server.url}/#/packages/request/detail/index?id=${request.id}${elder ? '&elder=1' : ''}`)
    await daughter.locator('.proposal-pick__worker').waitFor({ timeout: 30_000 })
    await expect(daughter.locator('.proposal-pick__worker').textContent()).resolves.toBe('由 李社工 接待')
    await daughter.waitForTimeout(700)
    await daughter.screenshot({ path: screenshotPath(`request-booking-proposal-worker-390${elder ? '-elder' : ''}`), fullPage: true })
  }
  await ctx.close()
})
