/**
 * 预约管理's own screens on the h5 build, as a worker uses them: 民馨's worker
 * adds a service in 预约服务设置 (a length that does not divide the hours is
 * refused next to 每次时长, then saved), sees it offered to residents, enters a
 * phone booking for it at the counter, and takes that hour out (停约): the
 * booking stays and is listed under the block, and is moved from there (改期).
 * Screenshots at phone width in both modes, and at desktop width.
 */
import type { Page } from 'playwright-core'
import type { BookableService, StationSummary } from '../../contract/types'
import { isoToCst } from '../../domain/chinaTime'
import { startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import type { Browser } from 'playwright-core'
import { fill } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser
let minxinId = ''

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const stations = (await (await fetch(`${server.url}/api/stations?q=${encodeURIComponent('民馨社区')}`)).json()) as {
    items: StationSummary[]
  }
  minxinId = stations.items.find((s) => s.name === '民馨社区社会工作室')!.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Sets one of Taro's h5 pickers (a custom element) as choosing `value` and 确定 would: its change event. */
const pick = (page: Page, selector: string, value: string) =>
  page.locator(selector).evaluate((el, v) => el.dispatchEvent(new CustomEvent('change', { detail: { value: v } })), value)

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(500)
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

test('a worker adds a bookable service, books a caller at the counter, blocks that hour and moves the booking it left', async () => {
  const ctx = await browser.newContext({ ...phone })
  const worker = await ctx.newPage()
  await worker.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(worker, '.staff-username', 'minxin-liu')
  await fill(worker, '.staff-password', 'shegong2026')
  await worker.locator('.btn-staff-login').click()
  await worker.locator('.btn-staff-bookings').first().waitFor({ timeout: 30_000 })
  await worker.locator('.btn-staff-bookings').first().click()
  await worker.locator('.page-workbench-bookings .btn-go-bookable').click()

  // 预约服务设置: the two demo services, then a new one.
  await worker.locator('.bookable-item').nth(1).waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-bookable-list')
  await worker.locator('.btn-new-bookable').click()
  await fill(worker, '.bookable-name', '多功能活动室')
  await worker.locator('.option', { hasText: '场地预约' }).click()
  await worker.locator('.option', { hasText: '社区治理' }).click()
  await fill(worker, '.bookable-capacity', '12')
  await fill(worker, '.bookable-durationMinutes', '45')
  await fill(worker, '.bookable-availability', '周一至周五 14:00-16:00')
  await worker.locator('.btn-save-bookable').click()
  const refusal = worker.locator('.field--error', { hasText: '不能整除' })
  await refusal.waitFor({ timeout: 30_000 })
  await expect(refusal.textContent()).resolves.toContain('每次 45 分钟不能整除可预约时段 14:00-16:00')
  await shot(worker, 'workbench-bookable-refused')
  await fill(worker, '.bookable-durationMinutes', '60')
  await worker.locator('.btn-save-bookable').click()
  await worker.locator('.bookable-item', { hasText: '多功能活动室' }).waitFor({ timeout: 30_000 })
  const offered = (await (await fetch(`${server.url}/api/stations/${minxinId}/bookable`)).json()) as { items: BookableService[] }
  const room = offered.items.find((s) => s.name === '多功能活动室')!
  expect(room).toMatchObject({ kind: 'room', capacity: 12, durationMinutes: 60, category: 'community_governance' })

  // 登记预约: a caller books the room by phone.
  await worker.goBack()
  await worker.locator('.page-workbench-bookings .btn-go-counter').click()
  await worker.locator('.desk-counter').waitFor({ timeout: 30_000 })
  await worker.locator('.desk-counter .option', { hasText: '电话预约' }).click()
  await worker.locator('.desk-counter .option', { hasText: '多功能活动室' }).click()
  const slot = worker.locator('.desk-counter .reschedule__slot').first()
  await slot.waitFor({ timeout: 30_000 })
  await slot.click()
  await fill(worker, '.desk-person-name', '赵大爷')
  await fill(worker, '.desk-contact-name', '赵大爷')
  await fill(worker, '.desk-contact-phone', '13900002222')
  await shot(worker, 'workbench-booking-counter')
  await worker.locator('.btn-counter-book').click()
  await worker.locator('.desk-done', { hasText: '已登记：赵大爷' }).waitFor({ timeout: 30_000 })
  const slots = (await (await fetch(`${server.url}/api/bookable/${room.id}/slots`)).json()) as {
    days: { slots: { taken: number; startsAt: string; endsAt: string }[] }[]
  }
  const booked = slots.days.flatMap((d) => d.slots).filter((s) => s.taken === 1)
  expect(booked).toHaveLength(1)

  // 停约 for the whole station over 赵大爷's hour: it stays booked, and the desk lists it to move.
  await worker.locator('.tab-block').click()
  await worker.locator('.desk-block').waitFor({ timeout: 30_000 })
  const { date, time: from } = isoToCst(booked[0]!.startsAt)
  const { time: to } = isoToCst(booked[0]!.endsAt)
  // The same block over the booking, in each mode.
  const blockTheBooking = async () => {
    await pick(worker, '.block-start-date', date)
    await pick(worker, '.block-start-time', from)
    await pick(worker, '.block-end-date', date)
    await pick(worker, '.block-end-time', to)
    await fill(worker, '.block-reason', '社工外出培训')
    await worker.locator('.btn-save-block').click()
  }
  await blockTheBooking()
  const affected = worker.locator('.desk-affected .staff-booking', { hasText: '赵大爷' })
  await affected.waitFor({ timeout: 30_000 })
  await expect(worker.locator('.desk-done').textContent()).resolves.toContain('已约的 1 个预约仍然有效')
  // The outcome is scrolled into view under the long form.
  await worker.waitForFunction(() => {
    const r = document.querySelector('.desk-done')!.getBoundingClientRect()
    return r.top >= 0 && r.bottom <= window.innerHeight
  })
  await shot(worker, 'workbench-booking-block')
  await worker.goto(`${server.url}/#/packages/workbench/booking-desk/index?tab=block&elder=1`)
  await worker.locator('.page-workbench-booking-desk.elder .desk-block').waitFor({ timeout: 30_000 })
  await blockTheBooking()
  await affected.waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-booking-block-elder')
  // Moved from that list to another free hour, with the reason 赵大爷 will read.
  await affected.locator('.btn-staff-reschedule').click()
  await affected.locator('.reschedule__slot').first().click()
  await fill(worker, '.reschedule-reason', '社工外出培训，改到这个时间')
  await affected.locator('.btn-confirm-reschedule').click()
  await affected.locator('.info-row', { hasText: '改期原因' }).waitFor({ timeout: 30_000 })
  const after = (await (await fetch(`${server.url}/api/bookable/${room.id}/slots`)).json()) as typeof slots
  const taken = after.days.flatMap((d) => d.slots).filter((s) => s.taken === 1)
  expect(taken).toHaveLength(1)
  expect(taken[0]!.startsAt).not.toBe(booked[0]!.startsAt)

  // 长辈模式, and a desktop browser.
  await worker.goto(`${server.url}/#/packages/workbench/bookable/index?elder=1`)
  await worker.locator('.page-workbench-bookable.elder .bookable-item').nth(2).waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-bookable-list-elder')
  await worker.goto(`${server.url}/#/packages/workbench/booking-desk/index?elder=1`)
  await worker.locator('.page-workbench-booking-desk.elder .reschedule__slot').first().waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-booking-counter-elder')
  await worker.setViewportSize({ width: 1280, height: 900 })
  await worker.goto(`${server.url}/#/packages/workbench/bookable/index`)
  await worker.locator('.bookable-item').nth(2).waitFor({ timeout: 30_000 })
  await worker.locator('.btn-edit-bookable').first().click()
  await shot(worker, 'workbench-bookable-edit-1280')
  await worker.goto(`${server.url}/#/packages/workbench/bookings/index`)
  await worker.locator('.bookings-links').waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-bookings-1280')
  // 停约 at a desktop's width: the outcome and the booking still to move under the form.
  await worker.goto(`${server.url}/#/packages/workbench/booking-desk/index?tab=block`)
  await worker.locator('.desk-block').waitFor({ timeout: 30_000 })
  // The day 赵大爷's booking was moved to (the same day, or the next weekday when the moved hour was the day's last).
  const movedDay = isoToCst(taken[0]!.startsAt).date
  await pick(worker, '.block-start-date', movedDay)
  await pick(worker, '.block-start-time', '08:00')
  await pick(worker, '.block-end-date', movedDay)
  await pick(worker, '.block-end-time', '18:00')
  await fill(worker, '.block-reason', '全站培训')
  await worker.locator('.btn-save-block').click()
  await worker.locator('.desk-affected .staff-booking', { hasText: '赵大爷' }).waitFor({ timeout: 30_000 })
  await shot(worker, 'workbench-booking-block-1280')
  await ctx.close()
})
