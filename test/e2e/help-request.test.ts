/**
 * "有问题找社工", as new users would, on the h5 build: a daughter asks for help
 * for her mother in 民馨社区; a worker of 先进街道社工站 claims, replies and
 * resolves it in the workbench; the daughter sees the reply and the resolution.
 */
import type { Browser, Page } from 'playwright-core'
import { startServer, type TestServer } from '../api/helpers/server'
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

const tapOption = (page: Page, text: string) => page.locator('.option', { hasText: text }).first().click()

test('a daughter asks for her mother; a 先进街道 worker claims, replies and resolves; the daughter follows it to the end', async () => {
  // She lives in Shanghai (五角场); her mother lives in 民馨社区, 大连.
  const daughterCtx = await browser.newContext({
    ...phone,
    geolocation: { latitude: 31.2989, longitude: 121.5146 },
    permissions: ['geolocation'],
  })
  const daughter = await daughterCtx.newPage()
  const errors: string[] = []
  daughter.on('pageerror', (e) => errors.push(e.message))
  await daughter.goto(`${server.url}/#/pages/index/index`)
  await daughter.locator('.station-card--hero').waitFor({ timeout: 30_000 })
  await daughter.locator('.btn-help').first().click()

  // Step 1: the service.
  await tapOption(daughter, '养老服务')
  await daughter.locator('.btn-next').click()
  // Step 2: the problem, with 养老服务's own questions.
  await tapOption(daughter, '独居')
  await tapOption(daughter, '需要搀扶或轮椅')
  await fill(daughter, '.request-description', '母亲一个人住在民馨社区，腿脚不方便，想了解助餐和上门探访服务。')
  await daughter.locator('.btn-next').click()
  // Step 3: on behalf of her mother.
  await tapOption(daughter, '为家人代办')
  await daughter.locator('.btn-next').click()
  await expect(daughter.locator('.field__error').first().textContent()).resolves.toContain('姓名') // said in words, next to the field
  await fill(daughter, '.helped-name', '张秀兰')
  await tapOption(daughter, '母亲')
  await daughter.locator('.helped-consent').click() // a checkbox, as the child consent is
  await daughter.locator('.btn-next').click()
  // Step 4: how to reach her.
  await fill(daughter, '.contact-name', '李女士')
  await fill(daughter, '.contact-phone', '13812345678')
  await tapOption(daughter, '工作日晚上')
  await fill(daughter, '.contact-address', '民馨社区 3 号楼 2 单元 501')
  // Where her mother lives decides the station, not her own position: 大连市 › 金普新区 › 先进街道 › 民馨社区.
  await daughter.locator('.btn-pick-helped-area').click()
  for (const name of ['大连市', '金普新区', '先进街道', '民馨社区']) {
    await daughter.locator('.area-item', { hasText: name }).first().click()
  }
  await expect(daughter.locator('.helped-place').textContent()).resolves.toContain('先进街道 民馨社区')
  await daughter.screenshot({ path: screenshotPath('request-form'), fullPage: true })
  await daughter.locator('.btn-submit').click()
  // A new resident: the 求助信息使用说明 and the privacy policy first.
  await daughter.locator('.consent-panel').waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.consent-panel').textContent()).resolves.toContain('谁能看到')
  await daughter.locator('.btn-consent-agree').click()

  await daughter.locator('.request-success').waitFor({ timeout: 30_000 })
  await expect(daughter.locator('.request-success__station').textContent()).resolves.toBe('先进街道社工站')
  await expect(daughter.locator('.request-success__reason').textContent()).resolves.toContain('按被帮助人所在的民馨社区')
  const number = (await daughter.locator('.request-success__number').textContent())!.trim()
  expect(number).toMatch(/^QZ-/)
  await daughter.screenshot({ path: screenshotPath('request-submitted'), fullPage: true })

  // The worker's workbench.
  const workerCtx = await browser.newContext({ ...phone })
  const worker = await workerCtx.newPage()
  await worker.goto(`${server.url}/#/packages/workbench/login/index`)
  await fill(worker, '.staff-username', 'xianjin-li')
  await fill(worker, '.staff-password', 'shegong2026')
  await worker.locator('.btn-staff-login').click()
  await worker.locator('.queue-item', { hasText: '母亲一个人住' }).waitFor({ timeout: 30_000 })
  await worker.locator('.btn-claim').click()
  await worker.locator('.page-staff-request .staff-request__desc', { hasText: '母亲一个人住' }).waitFor({ timeout: 30_000 })
  await expect(worker.locator('.staff-request__helped').textContent()).resolves.toContain('张秀兰')
  await worker.locator('.btn-reply').click()
  await fill(worker, '.staff-text', '李女士您好，明天上午我们上门探访张阿姨，并介绍社区助餐服务。')
  await worker.locator('.btn-confirm').click()
  await worker.locator('.timeline__item--replied').waitFor()
  await worker.locator('.btn-resolve').click()
  await fill(worker, '.staff-text', '已上门探访，已为张阿姨办理社区助餐，每周二、四送餐上门。')
  await worker.locator('.btn-confirm').click()
  await worker.locator('.timeline__item--resolved').waitFor()
  await worker.screenshot({ path: screenshotPath('workbench-request'), fullPage: true })

  // The daughter follows it to the end.
  await daughter.locator('.btn-view-request').click()
  await daughter.locator('.timeline__item--resolved').waitFor({ timeout: 30_000 })
  const timeline = await daughter.locator('.timeline').textContent()
  expect(timeline).toContain('已受理')
  expect(timeline).toContain('李社工')
  expect(timeline).toContain('明天上午我们上门探访张阿姨')
  expect(timeline).toContain('每周二、四送餐上门')
  await expect(daughter.locator('.request-status').first().textContent()).resolves.toBe('已办结')
  await daughter.screenshot({ path: screenshotPath('request-resolved'), fullPage: true })

  // Opened cold (a reload, a bookmark, a shared link): the detail still shows, with the token.
  await daughter.reload()
  await daughter.locator('.timeline__item--resolved').waitFor({ timeout: 30_000 })

  // 我的求助 lists it with its status.
  await daughter.goto(`${server.url}/#/packages/request/mine/index`)
  await daughter.locator('.request-item', { hasText: number }).waitFor({ timeout: 30_000 })
  expect(errors).toEqual([])
  await daughterCtx.close()
  await workerCtx.close()
})

test('someone in danger now: the form stops and shows 110 / 120 first, and can still send an urgent request', async () => {
  const ctx = await browser.newContext({ ...phone, geolocation: { latitude: 39.0543, longitude: 121.7634 }, permissions: ['geolocation'] })
  const page = await ctx.newPage()
  await page.goto(`${server.url}/#/packages/request/new/index`)
  await tapOption(page, '养老服务')
  await page.locator('.btn-next').click()
  await tapOption(page, '独居')
  await tapOption(page, '刚刚摔倒或突发不适')
  await fill(page, '.request-description', '老人在家摔倒了，起不来')
  await page.locator('.btn-next').click()
  await page.locator('.emergency-panel').waitFor()
  const hotlines = await page.locator('.btn-hotline').allTextContents()
  expect(hotlines.join(' ')).toContain('120')
  await page.screenshot({ path: screenshotPath('request-emergency'), fullPage: true })
  await page.locator('.btn-send-anyway').click()
  // Continues with the next step, urgency set to 紧急.
  await page.locator('.btn-next').waitFor()
  await ctx.close()
})
