/**
 * Closing the loop, on the h5 build: a resident rates a resolved request
 * 未解决; it reappears in 先进街道社工站's queue (with a low-rating badge);
 * resolved again, the resident rates it 5 stars; the 金普新区 supervisor's
 * report shows both ratings; the station's public page still hides its
 * average (fewer than 5 ratings).
 */
import type { Browser, Page } from 'playwright-core'
import type { HelpRequest } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, startServer, type TestServer } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'
import { fill } from './staff'

jest.setTimeout(240_000)

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

const staffLogin = async (page: Page, username: string) => {
  await page.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(page, '.staff-username', username)
  await fill(page, '.staff-password', DEMO_STAFF_PASSWORD)
  await page.locator('.btn-staff-login').click()
  await page.locator('.btn-claim').waitFor({ timeout: 30_000 })
}

test("未解决 sends the request back to the queue; resolved again and rated 5★; the supervisor's report shows both", async () => {
  // The resident logs in on 我的求助.
  const residentCtx = await browser.newContext({ ...phone })
  const resident = await residentCtx.newPage()
  const errors: string[] = []
  resident.on('pageerror', (e) => errors.push(e.message))
  await resident.goto(`${server.url}/#/packages/request/mine/index`)
  const login = resident.waitForResponse((r) => r.url().endsWith('/api/auth/dev'))
  await resident.locator('.btn-login').click()
  const token = ((await (await login).json()) as { token: string }).token

  // Their request (sent through the API with their session), accepted and resolved by 先进.
  const me = api(server.url, token)
  const request = (
    await me.post<HelpRequest>(
      '/api/requests',
      {
        category: 'elderly_care',
        attributes: { livesAlone: 'yes', mobility: 'limited' },
        description: '父亲独居，想申请助餐服务。',
        requester: 'self',
        contactName: '周先生',
        contactPhone: '13812345678',
        urgency: 'normal',
        area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      },
      { 'idempotency-key': 'e2e-ratings-request-1' },
    )
  ).body
  expect(request.station.name).toBe('先进街道社工站')
  const xianjin = api(
    server.url,
    (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token,
  )
  expect((await xianjin.post(`/api/staff/requests/${request.id}/accept`, {})).status).toBe(200)
  expect((await xianjin.post(`/api/staff/requests/${request.id}/resolve`, { summary: '已登记社区助餐' })).status).toBe(200)

  // "问题解决了吗？" → 未解决, 2 stars, a tag and the words.
  await resident.goto(`${server.url}/#/packages/request/detail/index?id=${request.id}`)
  await resident.locator('.rating-prompt').waitFor({ timeout: 30_000 })
  await resident.locator('.rating-prompt__option--unresolved').click()
  await resident.locator('.rating-form').waitFor({ timeout: 30_000 })
  await resident.locator('.rating-star').nth(1).click()
  await resident.locator('.rating-tag', { hasText: '等待时间长' }).click()
  await fill(resident, '.rating-comment', '助餐点离家太远，父亲走不过去')
  await resident.screenshot({ path: screenshotPath('rating-unresolved'), fullPage: true })
  await resident.locator('.btn-submit-rating').click()
  await resident.locator('.rating-result', { hasText: '社工会继续处理' }).waitFor({ timeout: 30_000 })

  // Back in 先进's queue, flagged for the station head.
  const workerCtx = await browser.newContext({ ...phone })
  const worker = await workerCtx.newPage()
  await staffLogin(worker, 'xianjin-li')
  await worker.locator('.queue-item', { hasText: '父亲独居' }).waitFor({ timeout: 30_000 })
  await worker.locator('.btn-staff-ratings .ratings-badge', { hasText: '1 条差评待回复' }).waitFor({ timeout: 30_000 })
  await worker.locator('.queue-item', { hasText: '父亲独居' }).click()
  await worker.locator('.timeline__item--reopened', { hasText: '助餐点离家太远' }).waitFor({ timeout: 30_000 })
  await worker.screenshot({ path: screenshotPath('workbench-reopened'), fullPage: true })

  // Accepted and resolved again; now 已解决 with 5 stars.
  expect((await xianjin.post(`/api/staff/requests/${request.id}/accept`, {})).status).toBe(200)
  expect((await xianjin.post(`/api/staff/requests/${request.id}/resolve`, { summary: '已改为每天上门送餐' })).status).toBe(200)
  await resident.goto(`${server.url}/#/packages/request/detail/index?id=${request.id}`)
  await resident.locator('.rating-prompt').waitFor({ timeout: 30_000 })
  await resident.locator('.rating-prompt__option--resolved').click()
  await resident.locator('.rating-form').waitFor({ timeout: 30_000 })
  await resident.locator('.rating-star').nth(4).click()
  await resident.locator('.btn-submit-rating').click()
  await resident.locator('.rating-result', { hasText: '感谢您的评价' }).waitFor({ timeout: 30_000 })

  // The supervisor of 金普新区: 先进 has two ratings, 3.5 stars on average, half of them 已解决.
  const supervisorCtx = await browser.newContext({ ...phone })
  const supervisor = await supervisorCtx.newPage()
  await staffLogin(supervisor, 'jinpu-zhao')
  await supervisor.locator('.btn-staff-report').click()
  const row = supervisor.locator('.report-row', { hasText: '先进街道社工站' })
  await row.waitFor({ timeout: 30_000 })
  await expect(row.locator('.report-figure__value--stars').textContent()).resolves.toBe('3.5 星（2 条评价）')
  await expect(row.locator('.report-figure__value--resolved-share').textContent()).resolves.toBe('50%')
  // 趋势图: the satisfaction chart counts the same ratings as the total, in words and drawn (F2 on a canvas), labelled for screen readers.
  const ratedTotal = /（(\d+) 条评价）/.exec(
    (await supervisor.locator('.report-total .report-figure__value--stars').textContent()) ?? '',
  )![1]
  const satisfaction = supervisor.locator('.report-chart--satisfaction')
  await expect(satisfaction.locator('.report-chart__summary').textContent()).resolves.toMatch(new RegExp(`^共 ${ratedTotal} 条评价`))
  await expect(satisfaction.locator('[role="img"]').getAttribute('aria-label')).resolves.toMatch(
    /^每周满意度（平均星级）（图）：共 \d+ 条评价/,
  )
  await supervisor.waitForFunction(
    () => {
      const canvas = document.querySelector<HTMLCanvasElement>('.report-chart--satisfaction canvas')
      const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
      return !!pixels && pixels.some((v, i) => i % 4 === 3 && v > 0)
    },
    undefined,
    { timeout: 30_000 },
  )
  await supervisor.screenshot({ path: screenshotPath('supervisor-report'), fullPage: true })

  // The public page: two ratings are not enough to show an average.
  await resident.goto(`${server.url}/#/pages/station/index?id=${request.station.id}`)
  await resident.getByText('评价满 5 条后显示').first().waitFor({ timeout: 30_000 })
  expect(errors).toEqual([])
  await residentCtx.close()
  await workerCtx.close()
  await supervisorCtx.close()
})
