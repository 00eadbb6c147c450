/**
 * 回访 on the weapp build: the resolve panel offers 「N 天后回访」 and sends
 * the days chosen; the 回访 page lists due and coming calls with whom to call
 * (tap the number to call), records 未接通 (the call stays, its attempts
 * counted) and 已接通 (满意 must be chosen; 还需要帮助 and a note are sent),
 * after which the call leaves the list.
 */
import type { FollowUp, FollowUpList } from '../../contract/types'
import { mountPage } from './harness'
import { XIANJIN } from './fixtures'
import { CLAIMED, STAFF_LOGGED_IN } from './request-fixtures'

const NOW = '2026-12-04T02:00:00.000Z' // Friday 10:00 in Beijing
const CALL: FollowUp = {
  id: '7f000000-0000-4000-8000-000000000001',
  requestId: CLAIMED.id,
  number: 'QZ-20261201-0007',
  category: 'elderly_care',
  station: { id: XIANJIN.id, code: XIANJIN.code, name: XIANJIN.name, kind: 'street' },
  contactName: '王阿姨',
  contactPhone: '13900005555',
  helped: { name: '王奶奶', relationship: '母亲', phone: '13800006666' },
  description: '想给母亲申请助餐',
  resolution: '已为老人办理助餐登记',
  resolvedAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-03T16:00:00.000Z',
  due: true,
  attempts: 0,
  lastAttemptAt: null,
}
const COMING: FollowUp = {
  ...CALL,
  id: '7f000000-0000-4000-8000-000000000002',
  number: 'QZ-20261203-0002',
  contactName: '李大爷',
  contactPhone: '13700007777',
  helped: null,
  dueAt: '2026-12-09T16:00:00.000Z',
  due: false,
}
const LIST: FollowUpList = { due: [CALL], upcoming: [COMING] }

test('办结 offers 「N 天后回访」 and sends the days chosen', async () => {
  const page = await mountPage(
    'packages/workbench/request/index',
    { id: CLAIMED.id },
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': CLAIMED,
        'GET /api/staff/replies': { items: [] },
        'POST /api/staff/requests/:id/resolve': { request: { ...CLAIMED, status: 'resolved' }, movedTo: null },
      },
    },
  )
  await page.waitFor(() => page.find('btn-resolve'), 'the resolve button')
  await page.tap('btn-resolve')
  const choices = () => page.querySelectorAll('option').map((n) => page.text(n))
  expect(choices()).toEqual(['✓ 不回访', '3 天后回访', '7 天后回访', '14 天后回访'])
  await page.tap(page.querySelectorAll('option').find((n) => page.text(n) === '7 天后回访')!)
  expect(choices()).toContain('✓ 7 天后回访')
  await page.input('staff-text', '已为老人办理助餐登记')
  await page.tap('btn-confirm')
  await page.waitFor(() => page.requests.find((r) => r.path.endsWith('/resolve')), 'the resolve call')
  expect(page.requests.find((r) => r.path.endsWith('/resolve'))!.data).toEqual({ summary: '已为老人办理助餐登记', followUpDays: 7 })
})

test('the 回访 page: whom to call, 未接通 keeps the call, 已接通 records 满意 and 还需要帮助', async () => {
  let missed = 0
  const page = await mountPage(
    'packages/workbench/followups/index',
    {},
    {
      storage: STAFF_LOGGED_IN,
      now: NOW,
      routes: {
        'GET /api/staff/followups': LIST,
        'POST /api/staff/followups/:id/outcome': (req: { data: unknown }) =>
          (req.data as { reached: boolean }).reached
            ? { closed: true, attempts: missed, reopened: true }
            : { closed: false, attempts: ++missed, reopened: false },
      },
    },
  )
  await page.waitFor(() => page.querySelectorAll('followup').length === 2, 'both calls')
  const text = page.text()
  expect(text).toContain('待回访（1）')
  expect(text).toContain('两周内到期（1）')
  expect(page.querySelectorAll('followup__due').map((n) => page.text(n))).toEqual(['今天回访', '12月10日回访'])
  const first = page.querySelectorAll('followup')[0]!
  expect(page.text(first)).toContain('王阿姨')
  expect(page.text(first)).toContain('王奶奶（母亲）')
  expect(page.text(first)).toContain('想给母亲申请助餐')
  expect(page.text(first)).toContain('已为老人办理助餐登记')
  // Only a due call has the outcome buttons.
  expect(page.querySelectorAll('btn-followup-missed')).toHaveLength(1)

  await page.tap(page.querySelectorAll('followup__phone')[0]!)
  expect(page.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '13900005555' })])

  // 未接通: still listed, the attempt said.
  await page.tap('btn-followup-missed')
  await page.waitFor(() => page.find('followup__attempts'), 'the attempt counted')
  expect(page.text(page.get('followup__attempts'))).toBe('已拨打 1 次未接通')
  expect(page.requests.filter((r) => r.method === 'POST').map((r) => r.data)).toEqual([{ reached: false }])

  // 已接通: 满意 must be chosen first.
  await page.tap('btn-followup-reached')
  await page.tap('btn-followup-submit')
  expect(page.querySelectorAll('field__error').map((n) => page.text(n))).toEqual(['请选择居民是否满意'])
  await page.tap(page.querySelectorAll('option').find((n) => page.text(n) === '不满意')!)
  await page.tap('followup__more-help')
  await page.input('followup-note', '老人还想申请上门助浴')
  await page.tap('btn-followup-submit')
  await page.waitFor(() => page.querySelectorAll('followup').length === 1, 'the call leaving the list')
  expect(page.requests.filter((r) => r.method === 'POST').map((r) => r.data)).toEqual([
    { reached: false },
    { reached: true, satisfied: false, needsMoreHelp: true, note: '老人还想申请上门助浴' },
  ])
  expect(page.text()).toContain('待回访（0）')
  expect(page.text()).toContain('现在没有要打的回访电话')
})
