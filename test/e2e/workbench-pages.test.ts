/**
 * Every workbench page on the h5 build, as the account that works it: axe-core
 * (no serious or critical violation) at a phone's width (390 px) and a
 * desktop's (1280 px), in normal mode and in 长辈模式; and a full-page
 * screenshot of each, `test-results/e2e/workbench-page-<page>-<width>[-elder].png`,
 * for people to look at (not compared).
 */
import type { Browser, Page } from 'playwright-core'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { startServer, type TestServer } from '../api/helpers/server'
import { seriousViolations } from './axe'
import { launch, phone, shootWholePage } from './browser'

jest.setTimeout(900_000)

let server: TestServer
let browser: Browser
const ids: Record<string, string> = {}

async function staffToken(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_STAFF_PASSWORD }),
  })
  return ((await res.json()) as { token: string }).token
}
async function get<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  const head = await staffToken('xianjin-head')
  // A call taken at the counter, so the queue and a request have something to show.
  const created = await fetch(`${server.url}/api/staff/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${head}` },
    body: JSON.stringify({
      channel: 'counter',
      category: 'elderly_care',
      description: '我母亲78岁，一个人住在民馨社区，腿脚不便，想了解社区助餐和上门探访服务。',
      requester: 'self',
      contactName: '赵女士',
      contactPhone: '13812340000',
      urgency: 'urgent',
    }),
  })
  expect(created.status).toBe(201)
  ids.request = ((await created.json()) as { id: string }).id
  ids.activity = (await get<{ items: { id: string }[] }>(head, '/api/staff/activities')).items[0]!.id
  const admin = await staffToken('jinpu-admin')
  const accounts = await get<{ items: { id: string; username: string }[] }>(admin, '/api/admin/accounts')
  ids.account = accounts.items.find((a) => a.username === 'xianjin-li')!.id
  const stations = await fetch(`${server.url}/api/stations?q=${encodeURIComponent('先进街道社工站')}`)
  ids.station = ((await stations.json()) as { items: { id: string }[] }).items[0]!.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** [page, route (ID_* replaced), the page's root class] by the account that works them. */
const PAGES: Record<string, [string, string, string][]> = {
  'xianjin-head': [
    ['queue', 'queue/index', 'page-queue'],
    ['request', 'request/index?id=ID_REQUEST', 'page-staff-request'],
    ['new', 'new/index', 'page-counter-request'],
    ['activities', 'activities/index', 'page-staff-activities'],
    ['activity-new', 'activity-edit/index', 'page-activity-edit'],
    ['activity-edit', 'activity-edit/index?id=ID_ACTIVITY', 'page-activity-edit'],
    ['roster', 'roster/index?id=ID_ACTIVITY', 'page-roster'],
    ['ratings', 'ratings/index', 'page-staff-ratings'],
    ['team', 'team/index', 'page-team'],
    ['replies', 'replies/index', 'page-replies'],
    ['bookings', 'bookings/index', 'page-workbench-bookings'],
    ['bookable', 'bookable/index', 'page-workbench-bookable'],
    ['booking-desk', 'booking-desk/index', 'page-workbench-booking-desk'],
    ['followups', 'followups/index', 'page-workbench-followups'],
    ['station-own', 'station-edit/index', 'page-station-edit'],
    ['me', 'me/index', 'page-my-account'],
  ],
  'jinpu-zhao': [
    ['report', 'report/index', 'page-station-report'],
    ['audit', 'audit/index', 'page-audit'],
  ],
  'jinpu-admin': [
    ['stations', 'stations/index', 'page-admin-stations'],
    ['station-edit', 'station-edit/index?id=ID_STATION', 'page-station-edit'],
    ['station-import', 'station-import/index', 'page-station-import'],
    ['accounts', 'accounts/index', 'page-accounts'],
    ['account', 'account/index?id=ID_ACCOUNT', 'page-account'],
  ],
  'dalian-admin': [['calendar', 'calendar/index', 'page-admin-calendar']],
}

const WIDTHS = [390, 1280] as const

async function context(width: number) {
  return browser.newContext(width >= 1024 ? { viewport: { width, height: 800 }, locale: 'zh-CN' } : phone)
}

/** Settled: the page's root is there, its calls are answered, its lazily loaded inputs are drawn. */
async function settle(page: Page, rootClass: string) {
  await page.locator(`.${rootClass}`).first().waitFor({ timeout: 30_000 })
  // A page that keeps a call open (a poll) never goes idle: then 10 s is settled enough.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
  await page.waitForTimeout(800)
}

const suffix = (width: number, elder: boolean) => `${width}${elder ? '-elder' : ''}`

const shoot = (page: Page, name: string) => shootWholePage(page, name)

for (const elder of [false, true]) {
  for (const width of WIDTHS) {
    test(`the login page at ${width} px (${elder ? '长辈模式' : '标准模式'})`, async () => {
      const ctx = await context(width)
      const page = await ctx.newPage()
      await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
      await settle(page, 'page-staff-login')
      await shoot(page, `workbench-page-login-${suffix(width, elder)}`)
      expect(await seriousViolations(page)).toEqual([])
      await ctx.close()
    })

    for (const [username, pages] of Object.entries(PAGES)) {
      test(`${username}'s pages at ${width} px (${elder ? '长辈模式' : '标准模式'}): ${pages.map((p) => p[0]).join(', ')}`, async () => {
        const ctx = await context(width)
        const page = await ctx.newPage()
        await page.goto(`${server.url}/#/packages/workbench/login/index${elder ? '?elder=1' : ''}`)
        await page.locator('.staff-username input, input.staff-username').fill(username)
        await page.locator('.staff-password input, input.staff-password').fill(DEMO_STAFF_PASSWORD)
        await page.locator('.btn-staff-login').click()
        await page.waitForURL(/workbench\/(?!login)/, { timeout: 30_000 })
        const found: Record<string, unknown> = {}
        for (const [name, route, rootClass] of pages) {
          const url = route.replace(/ID_([A-Z]+)/, (_, key: string) => ids[key.toLowerCase()]!)
          await page.goto('about:blank')
          await page.goto(`${server.url}/#/packages/workbench/${url}`)
          await settle(page, rootClass)
          await shoot(page, `workbench-page-${name}-${suffix(width, elder)}`)
          const violations = await seriousViolations(page)
          if (violations.length) found[name] = violations
        }
        expect(found).toEqual({})
        await ctx.close()
      })
    }
  }
}
