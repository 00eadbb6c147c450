/**
 * 站点管理 and 居民评价 on a desktop (h5, 1280 px): the list and the chosen
 * item side by side, as the queue shows requests — the station tree beside the
 * station's editor, the ratings beside the chosen rating with its reply form.
 * On a phone (390 px) nothing changes: a station opens its own page, and every
 * rating is a whole card. Both modes; axe on each; screenshots
 * `workbench-split-<stations|ratings>-<390|1280>[-elder].png`.
 */
import type { Browser, Locator, Page } from 'playwright-core'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { seriousViolations } from './axe'
import { launch, screenshotPath } from './browser'
import { staffPage } from './staff'

jest.setTimeout(300_000)

let server: TestServer
let browser: Browser

/** A resident's request to 先进街道社工站, resolved by 李社工 and rated by the resident. */
async function ratedRequest(n: number, rating: Record<string, unknown>) {
  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: `评价居民${n}` })).body.token)
  const created = await resident.post<{ id: string }>(
    '/api/requests',
    {
      category: 'elderly_care',
      attributes: { livesAlone: 'yes', mobility: 'limited' },
      description: `父亲独居，想申请助餐服务（${n}）。`,
      requester: 'self',
      contactName: `周先生${n}`,
      contactPhone: `1381234560${n}`,
      urgency: 'normal',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
    },
    { 'idempotency-key': `e2e-split-${n}` },
  )
  expect(created.status).toBe(201)
  const li = api(
    server.url,
    (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token,
  )
  expect((await li.post(`/api/staff/requests/${created.body.id}/accept`, {})).status).toBe(200)
  expect((await li.post(`/api/staff/requests/${created.body.id}/resolve`, { summary: '已登记社区助餐' })).status).toBe(200)
  expect((await resident.post(`/api/requests/${created.body.id}/rating`, rating)).status).toBe(201)
}

beforeAll(async () => {
  server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
  browser = await launch()
  await ratedRequest(1, { outcome: 'resolved', stars: 5, comment: '送餐很及时，谢谢先进街道' })
  await ratedRequest(2, { outcome: 'unresolved', stars: 2, comment: '助餐点离家太远，父亲走不过去' })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The two panes are both on screen, the list's right edge at or left of the item's left edge. */
async function sideBySide(list: Locator, detail: Locator) {
  const [a, b] = [await list.boundingBox(), await detail.boundingBox()]
  expect(a && b).toBeTruthy()
  expect(a!.width).toBeGreaterThan(200)
  expect(b!.width).toBeGreaterThan(200)
  expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x + 1)
  expect(b!.y).toBeLessThan(a!.y + a!.height)
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300) // the last styles of lazily loaded inputs
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

for (const elder of [false, true]) {
  const mode = elder ? '-elder' : ''
  const label = elder ? '长辈模式' : '标准模式'

  test(`站点管理: the tree beside the station's editor at 1280 px; a station's own page at 390 px (${label})`, async () => {
    const wide = await staffPage(browser, server.url, 'jinpu-admin', { width: 1280, elder, home: '.page-admin-stations' })
    await wide.locator('.wb-split__hint').waitFor()
    await wide.locator('.station-node__body', { hasText: '先进街道社工站' }).click()
    const editor = wide.locator('.wb-split__detail .station-form').first()
    await editor.waitFor()
    expect(await wide.locator('.wb-split__detail .station-name input, .wb-split__detail input.station-name').inputValue()).toBe(
      '先进街道社工站',
    )
    await sideBySide(wide.locator('.wb-split__list .stations-tree'), editor)
    expect(await wide.locator('.station-node.wb-split__selected').textContent()).toContain('先进街道社工站')
    expect(await seriousViolations(wide)).toEqual([])
    await shot(wide, `workbench-split-stations-1280${mode}`)
    // A refused save shows its first error in the editor's own scrolling pane, not above it out of sight.
    await wide.locator('.wb-split__detail input.station-name').fill('')
    await wide.locator('.wb-split__detail .btn-station-save').click()
    await wide.locator('.wb-split__detail .field--error', { hasText: '请填写站点名称' }).waitFor()
    await wide.waitForFunction(() => {
      const r = document.querySelector('.wb-split__detail .field--error')!.getBoundingClientRect()
      return r.top >= 0 && r.bottom <= window.innerHeight
    })
    await wide.context().close()

    const small = await staffPage(browser, server.url, 'jinpu-admin', { elder, home: '.page-admin-stations' })
    await small.locator('.stations-tree').waitFor()
    expect(await small.locator('.wb-split').count()).toBe(0)
    await shot(small, `workbench-split-stations-390${mode}`)
    await small.locator('.station-node__body', { hasText: '先进街道社工站' }).click()
    await small.locator('.page-station-edit .station-form').first().waitFor()
    await small.context().close()
  })

  test(`居民评价: the ratings beside the chosen rating at 1280 px; whole cards at 390 px (${label})`, async () => {
    const wide = await staffPage(browser, server.url, 'xianjin-head', { width: 1280, elder })
    await wide.locator('.btn-staff-ratings').first().click()
    // Under the queue (the page it was opened from, still in the document).
    const ratings = wide.locator('.page-staff-ratings')
    const item = ratings.locator('.wb-split__list .staff-rating', { hasText: '助餐点离家太远' })
    await item.waitFor()
    // In the list: what was said and whether it is answered; the reply form only beside it.
    expect(await item.locator('.staff-rating__state').textContent()).toBe('待回复')
    expect(await ratings.locator('.wb-split__list .staff-rating__reply-form').count()).toBe(0)
    await item.click()
    const chosen = ratings.locator('.wb-split__detail .staff-rating')
    await chosen.locator('.staff-rating__reply-form').waitFor()
    expect(await chosen.locator('.staff-rating__comment').textContent()).toBe('助餐点离家太远，父亲走不过去')
    await sideBySide(ratings.locator('.wb-split__list'), chosen)
    expect(await seriousViolations(wide)).toEqual([])
    await shot(wide, `workbench-split-ratings-1280${mode}`)
    await wide.context().close()

    const small = await staffPage(browser, server.url, 'xianjin-head', { elder })
    await small.locator('.btn-staff-ratings').first().click()
    await small.locator('.page-staff-ratings .staff-rating', { hasText: '助餐点离家太远' }).locator('.staff-rating__reply-form').waitFor()
    expect(await small.locator('.page-staff-ratings .wb-split').count()).toBe(0)
    await shot(small, `workbench-split-ratings-390${mode}`)
    await small.context().close()
  })
}
