/**
 * Duplicates in the workbench on the weapp build: the queue card and the
 * request page say 「可能重复」 in words with the other request's number as a
 * link; 合并到… offers the suggested duplicates, asks for confirmation and
 * merges (the request then reads 已合并到 …); a number typed in is looked up;
 * 关联… links, and 相关求助 shows the link; the server's refusal is said next
 * to the button; counter entry warns 「此号码 30 天内已提交过 N 条求助」, and once
 * the name is typed asks for the same person too (本人: that name and phone).
 */
import type { DuplicateRef, StaffRequest, StaffRequestSummary } from '../../contract/types'
import { mountPage, reply, type MountedPage } from './harness'
import { CLAIMED, QUEUE, STAFF_LOGGED_IN } from './request-fixtures'

const REQUEST_PAGE = 'packages/workbench/request/index'
const ORIGINAL_ID = '0b7c1a52-0000-4000-8000-00000000d001'
const FOUND_ID = '0b7c1a52-0000-4000-8000-00000000d002'
const ORIGINAL: DuplicateRef = {
  id: ORIGINAL_ID,
  number: 'QZ-20261120-000007',
  status: 'accepted',
  createdAt: '2026-11-20T01:00:00.000Z',
  stationName: '先进街道社工站',
  reasons: ['phone', 'helped'],
}
const WITH_DUPLICATE: StaffRequest = { ...CLAIMED, duplicates: [ORIGINAL], related: [] }
const MERGED: StaffRequest = {
  ...WITH_DUPLICATE,
  status: 'cancelled',
  duplicates: [],
  mergedInto: { id: ORIGINAL_ID, number: ORIGINAL.number, own: true },
}

/** The request page of CLAIMED, with a possible duplicate, as 李社工. */
const mountRequest = (routes: Record<string, unknown>, opts: { modalConfirm?: boolean } = {}) =>
  mountPage(
    REQUEST_PAGE,
    { id: CLAIMED.id },
    { storage: STAFF_LOGGED_IN, ...opts, routes: { 'GET /api/staff/requests/:id': WITH_DUPLICATE, ...routes } },
  )
/** 合并到…, with the suggested original offered. */
async function openMerge(page: MountedPage) {
  await page.waitFor(() => page.find('btn-merge'), 'the 合并到… button')
  await page.tap('btn-merge')
  await page.waitFor(() => page.find('merge-option'), 'the suggestion')
}

const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.data])

test('the queue card says 「可能重复」 in words, with the other request’s number and why', async () => {
  const queue: StaffRequestSummary[] = [
    { ...QUEUE[0]!, duplicates: [ORIGINAL] },
    { ...QUEUE[1]!, duplicates: [] },
  ]
  const page = await mountPage(
    'packages/workbench/queue/index',
    {},
    { storage: STAFF_LOGGED_IN, routes: { 'GET /api/staff/queue': { items: queue } } },
  )
  await page.waitFor(() => page.querySelectorAll('queue-item').length === 2, 'the queue')
  const [flagged, plain] = page.querySelectorAll('queue-item')
  expect(page.text(flagged!)).toContain('可能重复')
  expect(page.text(page.get('duplicate-flag__link'))).toBe(ORIGINAL.number)
  expect(page.text(page.get('duplicate-flag__why'))).toBe('同一联系电话、同一被帮助人')
  expect(page.text(plain!)).not.toContain('可能重复')
  await page.tap('duplicate-flag__link')
  expect(page.callsOf('navigateTo').map((c) => c.url)).toEqual([`/packages/workbench/request/index?id=${ORIGINAL_ID}`])
})

test('合并到…: the suggested original, a confirmation, the merge; the request then reads 已合并到', async () => {
  const page = await mountRequest({ 'POST /api/staff/requests/:id/merge': { request: MERGED, movedTo: null } })
  await page.waitFor(() => page.find('duplicates-card'), 'the 可能重复 card')
  expect(page.text(page.get('duplicates-card'))).toContain('可能重复')
  expect(page.text(page.get('duplicates-card__link'))).toBe(ORIGINAL.number)
  expect(page.text(page.get('duplicates-card__meta'))).toContain('同一联系电话、同一被帮助人 · 先进街道社工站')

  await openMerge(page)
  expect(page.querySelectorAll('merge-option')).toHaveLength(1)
  expect(page.text(page.get('merge-option__number'))).toBe(ORIGINAL.number)
  await page.input('merge-note', '同一位老人的助餐申请')
  await page.tap('btn-confirm-merge')
  await page.waitFor(() => page.find('staff-request__merged'), 'the merged request')
  expect(page.callsOf('showModal')[0]).toMatchObject({ title: '确认合并', confirmText: '合并' })
  expect(page.callsOf('showModal')[0].content).toContain(`并入 ${ORIGINAL.number}`)
  expect(posts(page)).toEqual([[`/api/staff/requests/${CLAIMED.id}/merge`, { intoId: ORIGINAL_ID, note: '同一位老人的助餐申请' }]])
  expect(page.text(page.get('staff-request__merged'))).toContain('已合并到')
  expect(page.text(page.get('staff-request__merged'))).toContain(ORIGINAL.number)
  expect(page.find('duplicates-card')).toBeUndefined()
  expect(page.find('btn-merge')).toBeUndefined()
})

test('合并到… cancelled in the dialog sends nothing', async () => {
  const page = await mountRequest({}, { modalConfirm: false })
  await openMerge(page)
  await page.tap('btn-confirm-merge')
  await page.waitFor(() => page.callsOf('showModal').length === 1, 'the dialog')
  expect(posts(page)).toEqual([])
  expect(page.find('merge-panel')).toBeDefined()
})

test('合并到…: the server’s refusal is said in the panel', async () => {
  const page = await mountRequest({
    'POST /api/staff/requests/:id/merge': reply(409, {
      code: 'MERGE_TARGET_CLOSED',
      field: 'intoId',
      message: `求助 ${ORIGINAL.number} 已关闭，请合并到仍在处理的求助`,
    }),
  })
  await openMerge(page)
  await page.tap('btn-confirm-merge')
  await page.waitFor(() => page.find('field__error'), 'the refusal')
  expect(page.text(page.get('field__error'))).toContain('已关闭，请合并到仍在处理的求助')
  expect(page.find('staff-request__merged')).toBeUndefined()
})

test('关联…: a number typed in is looked up, confirmed and linked; 相关求助 shows it', async () => {
  const found = { id: FOUND_ID, number: 'QZ-20261101-000123', status: 'resolved' as const, stationName: '民馨社区社会工作室' }
  const page = await mountPage(
    REQUEST_PAGE,
    { id: CLAIMED.id },
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': { ...CLAIMED, duplicates: [], related: [] },
        'GET /api/staff/requests/lookup': found,
        'POST /api/staff/requests/:id/link': {
          request: { ...CLAIMED, duplicates: [], related: [{ id: FOUND_ID, number: found.number, status: 'resolved' }] },
          movedTo: null,
        },
      },
    },
  )
  await page.waitFor(() => page.find('btn-link'), 'the 关联… button')
  await page.tap('btn-link')
  await page.waitFor(() => page.find('merge-number'), 'the number field')
  await page.input('merge-number', 'qz-20261101-000123')
  await page.tap('btn-find-request')
  await page.waitFor(() => page.find('merge-option'), 'the request found')
  expect(page.text(page.get('merge-option__why'))).toBe('按编号查找 · 民馨社区社会工作室 · 已办结')
  await page.tap('btn-confirm-link')
  await page.waitFor(() => page.find('related-card'), '相关求助')
  expect(page.requests.find((r) => r.path === '/api/staff/requests/lookup')!.query).toEqual({ number: 'qz-20261101-000123' })
  expect(posts(page)).toEqual([[`/api/staff/requests/${CLAIMED.id}/link`, { otherId: FOUND_ID }]])
  expect(page.text(page.get('related-card__link'))).toBe(found.number)
})

for (const confirm of [true, false]) {
  test(`相关求助's 取消关联 asks first${confirm ? ', then unlinks and the card goes' : '; 保留 sends nothing'}`, async () => {
    const linked = { id: FOUND_ID, number: 'QZ-20261101-000123', status: 'resolved' as const }
    const page = await mountPage(
      REQUEST_PAGE,
      { id: CLAIMED.id },
      {
        storage: STAFF_LOGGED_IN,
        modalConfirm: confirm,
        routes: {
          'GET /api/staff/requests/:id': { ...CLAIMED, duplicates: [], related: [linked] },
          'POST /api/staff/requests/:id/unlink': { request: { ...CLAIMED, duplicates: [], related: [] }, movedTo: null },
        },
      },
    )
    await page.waitFor(() => page.find('related-card__unlink'), 'the 取消关联 link')
    await page.tap('related-card__unlink')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '取消关联', confirmText: '取消关联', cancelText: '保留' })
    expect(page.callsOf('showModal')[0].content).toContain(linked.number)
    if (!confirm) {
      expect(posts(page)).toEqual([])
      expect(page.find('related-card')).toBeDefined()
      return
    }
    await page.waitFor(() => page.find('related-card') === undefined, 'the card gone')
    expect(posts(page)).toEqual([[`/api/staff/requests/${CLAIMED.id}/unlink`, { otherId: FOUND_ID }]])
  })
}

test('counter entry warns 「此号码 30 天内已提交过 N 条求助」 once the phone is whole, with links', async () => {
  const page = await mountPage(
    'packages/workbench/new/index',
    {},
    { storage: STAFF_LOGGED_IN, routes: { 'POST /api/staff/duplicates/check': { items: [ORIGINAL] } } },
  )
  const phone = await page.waitFor(() => page.find('counter-contact-phone'), 'the phone field')
  await page.input(phone, '1381234')
  await new Promise((resolve) => setTimeout(resolve, 400))
  expect(page.requests.filter((r) => r.path === '/api/staff/duplicates/check')).toEqual([])
  await page.input(phone, '13812340001')
  await page.waitFor(() => page.find('counter-duplicates'), 'the warning')
  expect(page.text(page.get('counter-duplicates__title'))).toBe('此号码 30 天内已提交过 1 条求助')
  expect(page.text(page.get('counter-duplicates__link'))).toBe(ORIGINAL.number)
  expect(page.requests.filter((r) => r.path === '/api/staff/duplicates/check').map((r) => r.data)).toEqual([
    { contactPhone: '13812340001' },
  ])
})

test('counter entry also asks for the same person (本人: the name typed in and that phone) and says 「此号码或此居民」', async () => {
  const FOR_HER: DuplicateRef = { ...ORIGINAL, id: FOUND_ID, number: 'QZ-20261121-000003', reasons: ['helped'] }
  const page = await mountPage(
    'packages/workbench/new/index',
    {},
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        // The daughter's request for her mother is found only through the mother's name and phone.
        'POST /api/staff/duplicates/check': (req) =>
          ({ items: (req.data as { helped?: unknown }).helped ? [ORIGINAL, FOR_HER] : [ORIGINAL] }) as object,
      },
    },
  )
  const phone = await page.waitFor(() => page.find('counter-contact-phone'), 'the phone field')
  await page.input(phone, '13900002222')
  await page.waitFor(() => page.find('counter-duplicates'), 'the warning')
  expect(page.text(page.get('counter-duplicates__title'))).toBe('此号码 30 天内已提交过 1 条求助')
  await page.input('counter-contact-name', ' 赵桂芝 ')
  await page.waitFor(() => page.querySelectorAll('counter-duplicates__link').length === 2, 'the request for her')
  expect(page.text(page.get('counter-duplicates__title'))).toBe('此号码或此居民 30 天内已有 2 条求助')
  expect(page.querySelectorAll('counter-duplicates__link').map((l) => page.text(l))).toEqual([ORIGINAL.number, FOR_HER.number])
  expect(page.requests.filter((r) => r.path === '/api/staff/duplicates/check').map((r) => r.data)).toEqual([
    { contactPhone: '13900002222' },
    { contactPhone: '13900002222', helped: { name: '赵桂芝', phone: '13900002222' } },
  ])
})
