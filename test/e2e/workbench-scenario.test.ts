/**
 * A day at 先进街道社工站, end to end on the h5 build (issue 16): a head, two
 * workers and a supervisor above, one server with an injected clock (from
 * Tuesday 2026-12-01 10:00 in Beijing; every browser context's clock follows
 * it) and one browser.
 *
 * - A daughter asks for help for her mother (the only API step besides her
 *   second request: a resident's submission).
 * - 孙站长, on a desktop, assigns it to 王社工 (分派).
 * - 王社工, on a phone, finds it under 我负责的, accepts it and replies with a
 *   常用回复, its placeholders filled in.
 * - The daughter asks again; 李社工 sees 「可能重复」 and merges it into the first.
 * - 王社工 resolves the first with 「3 天后回访」: the call is listed for 12月4日.
 * - The clock moves 3 days: 王社工 logs in again and the call is due (今天回访);
 *   he records 已接通, 满意.
 * - 赵督导's 站点服务报表 shows 先进街道社工站's 回访比例 and 回访满意率, its
 *   按时受理率 and 按时办结率, and 王社工's among 社工个人.
 */
import type { Browser, Page } from 'playwright-core'
import { api, startApp, type TestApp } from '../api/helpers/server'
import { launch, screenshotPath } from './browser'
import { staffPage } from './staff'

jest.setTimeout(300_000)

const DAY = 86_400_000
const START = Date.parse('2026-12-01T02:00:00Z')
const startedAt = Date.now()
let moved = 0
/** The server's clock: from START, running on, plus however far the test moved it. */
const now = () => new Date(START + (Date.now() - startedAt) + moved)

const FIRST = '母亲独居，腿脚不便，想申请社区助餐。'
const SECOND = '又来问一次：母亲的助餐申请办得怎么样了？'
const STATION_PHONE = '0411-87589120'

let server: TestApp
let browser: Browser
let daughter: ReturnType<typeof api>
let asked = 0

/** The daughter's request for her mother, from the resident's app (API). */
async function ask(description: string) {
  const res = await daughter.post<{ id: string; number: string; station: { name: string } }>(
    '/api/requests',
    {
      category: 'elderly_care',
      attributes: { livesAlone: 'yes', mobility: 'limited' },
      description,
      requester: 'family',
      helped: { name: '赵桂芝', relationship: '母亲', phone: '13900002222', consent: true, address: '民馨社区 5 号楼' },
      contactName: '钱女士',
      contactPhone: '13812347777',
      area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      address: '民馨社区 5 号楼',
      urgency: 'normal',
    },
    { 'idempotency-key': `workbench-scenario-${asked++}` },
  )
  expect(res.status).toBe(201)
  expect(res.body.station.name).toBe('先进街道社工站')
  return res.body
}

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: now, listen: true })
  browser = await launch()
  daughter = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '钱女士' })).body.token)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('assign, canned reply, merge a duplicate, resolve with 回访, the call 3 days later, the report', async () => {
  const first = await ask(FIRST)

  // 孙站长 at a desktop: the queue and the request side by side; 分派 to 王社工.
  const head = await staffPage(browser, server.url, 'xianjin-head', { width: 1280, clock: now() })
  await head.locator('.queue-item', { hasText: FIRST }).click()
  const beside = head.locator('.queue-layout__detail')
  await beside.locator('.btn-assign').click()
  await beside.locator('.assign-option', { hasText: '王社工' }).click()
  await beside.locator('.btn-confirm-assign').click()
  await beside.locator('.staff-request__assignee', { hasText: '王社工' }).waitFor()
  await head.context().close()

  // 王社工 on a phone: 我负责的, 受理, and 常用回复 「已收到，尽快联系」 filled in for 钱女士.
  const wang = await staffPage(browser, server.url, 'xianjin-wang', { clock: now() })
  await wang.locator('.chip', { hasText: '我负责的' }).click()
  await wang.locator('.queue-item', { hasText: FIRST }).click()
  const request = wang.locator('.page-staff-request')
  await request.locator('.btn-accept').click()
  await request.locator('.btn-reply').click()
  await request.locator('.reply-template', { hasText: '已收到，尽快联系' }).click()
  const reply = `钱女士您好，我是王社工，您的求助我们已经收到，会在今天之内给您回电。如有急事，请拨打站里电话${STATION_PHONE}。`
  expect(await request.locator('.staff-text textarea').inputValue()).toBe(reply)
  await request.locator('.btn-confirm').click()
  await request.locator('.timeline__item--replied', { hasText: reply }).waitFor()

  // The daughter asks again; 李社工 sees 「可能重复」 in the queue and merges it into the first.
  const second = await ask(SECOND)
  const li = await staffPage(browser, server.url, 'xianjin-li', { clock: now() })
  const card = li.locator('.queue-item', { hasText: SECOND })
  await card.locator('.duplicate-flag', { hasText: '可能重复' }).waitFor()
  // The words open it (the flag's own link opens the other request).
  await card.locator('.queue-item__desc').click()
  const duplicate = li.locator('.page-staff-request')
  await duplicate.locator('.staff-request__desc', { hasText: SECOND }).waitFor()
  await duplicate.locator('.btn-merge').click()
  await duplicate.locator('.merge-option', { hasText: first.number }).click()
  await duplicate.locator('.btn-confirm-merge').click()
  await li.locator('.taro-modal__foot .taro-model__confirm').click()
  await duplicate.locator('.staff-request__merged', { hasText: first.number }).waitFor()
  await li.context().close()

  // 王社工 resolves the first with 「3 天后回访」; its timeline has the second's words.
  await wang.reload()
  await request.locator('.timeline__item--merged', { hasText: second.number }).waitFor()
  await request.locator('.btn-resolve').click()
  await request.locator('.option', { hasText: '3 天后回访' }).click()
  await request.locator('.staff-text textarea').fill('已为老人登记社区助餐，工作日中午送餐上门。')
  await request.locator('.btn-confirm').click()
  await request.locator('.staff-request__status', { hasText: '已办结' }).waitFor()

  // 回访, from the queue's sections: listed for 12月4日, not yet to be called.
  const followUps = async (page: Page) => {
    await page.locator('.btn-staff-followups').filter({ visible: true }).click()
    const listed = page.locator('.page-workbench-followups').filter({ visible: true }).locator('.followup', { hasText: FIRST })
    await listed.waitFor()
    return listed
  }
  await wang.goto(`${server.url}/#/packages/workbench/queue/index`)
  let call = await followUps(wang)
  expect(await call.locator('.followup__due').textContent()).toBe('12月4日回访')
  expect(await call.locator('.btn-followup-reached').count()).toBe(0)
  await wang.context().close()

  // Three days later (the server's clock; the browser's starts there): 王社工 logs in again (a session lasts 12 hours),
  // the call is due today, and he records its outcome.
  moved += 3 * DAY
  const later = await staffPage(browser, server.url, 'xianjin-wang', { clock: now() })
  call = await followUps(later)
  expect(await call.locator('.followup__due').textContent()).toBe('今天回访')
  expect(await call.evaluate((el) => el.classList.contains('followup--due'))).toBe(true)
  expect(await call.locator('.followup__resolution').textContent()).toBe('已为老人登记社区助餐，工作日中午送餐上门。')
  await later.screenshot({ path: screenshotPath('workbench-scenario-followups-390'), fullPage: true })
  await call.locator('.btn-followup-reached').click()
  await call.locator('.option', { hasText: /^(✓ )?满意$/ }).click()
  await call.locator('.followup-note textarea').fill('老人说送餐准时，饭菜合口。')
  const recorded = later.waitForResponse((r) => /\/api\/staff\/followups\/[^/]+\/outcome$/.test(r.url()))
  await call.locator('.btn-followup-submit').click()
  expect((await recorded).status()).toBe(200)
  await call.waitFor({ state: 'detached' })
  await later.context().close()

  // 赵督导's 站点服务报表 (本月): 先进街道社工站 followed up 1 of 1 resolved, 1 of 1 satisfied; on time both ways.
  const zhao = await staffPage(browser, server.url, 'jinpu-zhao', { width: 1280, clock: now() })
  await zhao.locator('.btn-staff-report').first().click()
  const row = zhao.locator('.report-row', { hasText: '先进街道社工站' })
  await row.waitFor()
  expect(await row.locator('.report-figure__value--follow-up').textContent()).toBe('100%（1/1）')
  expect(await row.locator('.report-figure__value--follow-up-satisfaction').textContent()).toBe('100%（1/1）')
  // The two clocks: the first request accepted and resolved within its targets (the merged one was never accepted).
  expect(await row.locator('.report-figure__value--on-time').textContent()).toBe('100%（1/1）')
  expect(await row.locator('.report-figure__value--resolved-on-time').textContent()).toBe('100%（1/1）')
  // 社工个人: 王社工 accepted and resolved it, within both targets.
  const wangFigures = zhao.locator('.report-worker', { hasText: '王社工' })
  expect(await wangFigures.locator('.info-row__value').allTextContents()).toEqual(['100%（1/1）', '100%（1/1）'])
  await row.scrollIntoViewIfNeeded()
  await zhao.screenshot({ path: screenshotPath('workbench-scenario-report-1280') })
  await zhao.context().close()
})
