/**
 * 服务评价 (packages/rating/new/index) on the weapp build: rating a resolved
 * request (未解决 sends it back to the station), rating an attended activity,
 * changing a rating (the form prefilled), and a refusal from the server
 * (the message shown, nothing typed lost, one submission per tap).
 */
import type { RatingBody } from '../../contract/types'
import { attrOf, mountPage, reply, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION, RESOLVED_DETAIL, WAITING_DETAIL } from './request-fixtures'
import { MOTHER_WAITLISTED, NOW } from './activity-fixtures'
import { ENROLLMENT_RATING, GIVEN_RATING, RATED_DETAIL, reopenedBy, SON_ATTENDED, SON_RATED } from './rating-fixtures'

const ROUTE = 'packages/rating/new/index'

async function open(query: Record<string, string>, opts: MountOptions = {}) {
  const page = await mountPage(ROUTE, query, { now: NOW, storage: LOGGED_IN, ...opts })
  await page.waitFor(() => page.find('rating-form') ?? page.find('empty-state') ?? page.find('error-state'), 'the form or a message')
  return page
}

const option = (page: MountedPage, label: string) => page.querySelectorAll('option').find((n) => page.text(n).includes(label))!
/** The chosen option (OptionGroup marks it with a class and a ✓; its aria-checked is covered by the component tests). */
const chosen = (node: { _exparserNode: unknown }) => String(attrOf(node._exparserNode, 'class')).includes('option--active')
const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST')
const classOf = (node: { _exparserNode: unknown }) => String(attrOf(node._exparserNode, 'class'))

describe('rating a resolved request', () => {
  test('未解决 + 2 stars + a tag + a comment: the POST body, the warning before, and 社工会继续处理 after', async () => {
    const page = await open(
      { requestId: RESOLVED_DETAIL.id },
      {
        routes: {
          'GET /api/requests/:id': RESOLVED_DETAIL,
          'POST /api/requests/:id/rating': (req) => reply(201, reopenedBy(req.data as RatingBody)),
        },
      },
    )
    expect(page.text(page.get('rating-target__title'))).toBe('社会救助')
    expect(page.text()).toContain('问题解决了吗？')
    expect(page.querySelectorAll('option').map((n) => page.text(n).trim())).toEqual(['已解决', '部分解决', '未解决'])
    // Five stars, each its own tap target (their accessible names are checked in test/components/rating-page.test.tsx).
    const stars = page.querySelectorAll('rating-star')
    expect(stars.map((s) => page.text(s))).toEqual(['☆', '☆', '☆', '☆', '☆'])
    expect(page.text(page.get('rating-stars__label'))).toBe('点星星打分：1 星很不满意，5 星非常满意')
    // The request's own tags.
    expect(page.querySelectorAll('rating-tag').map((n) => page.text(n))).toEqual([
      '响应及时',
      '态度好',
      '专业',
      '耐心细致',
      '沟通清楚',
      '等待时间长',
      '没有说清楚',
    ])
    expect(page.text(page.get('text-box__count'))).toBe('0/500')
    expect(page.text()).toContain('工作人员看得到评价内容，看不到您的姓名')
    expect(page.find('rating-reopen-note')).toBeUndefined()

    await page.tap(option(page, '未解决'))
    expect(page.text(page.get('rating-reopen-note'))).toContain(`这条求助会回到「${RESOLVED_DETAIL.station.name}」的待办事项`)
    expect(page.text(page.get('btn-submit-rating'))).toBe('提交，请社工继续处理')
    await page.tap(stars[1]!)
    expect(page.text(page.get('rating-stars__label'))).toBe('2 星 · 不满意')
    expect(page.querySelectorAll('rating-star').map((s) => page.text(s))).toEqual(['★', '★', '☆', '☆', '☆'])
    await page.tap(page.querySelectorAll('rating-tag').find((n) => page.text(n) === '等待时间长')!)
    expect(page.text(page.querySelectorAll('rating-tag')[5]!)).toBe('✓ 等待时间长')
    const typed = '  材料交了一周，还没有审核结果  '
    await page.input('rating-comment', typed)
    expect(page.text(page.get('text-box__count'))).toBe(`${typed.length}/500`)

    await page.tap('btn-submit-rating')
    await page.waitFor(() => page.find('rating-result'), 'the result')
    expect(posts(page).map((r) => r.path)).toEqual([`/api/requests/${RESOLVED_DETAIL.id}/rating`])
    expect(posts(page)[0]!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)
    expect(posts(page)[0]!.data).toEqual({
      outcome: 'unresolved',
      stars: 2,
      tags: ['等待时间长'],
      comment: '材料交了一周，还没有审核结果',
      anonymous: false,
      commentPublic: false,
    })
    const result = page.text(page.get('rating-result'))
    expect(result).toContain('已收到，社工会继续处理')
    expect(result).toContain('您反馈问题未解决')
    expect(result).toContain(RESOLVED_DETAIL.station.name)
    // The draft is gone once the rating is in.
    expect(JSON.parse(String(page.storage.get('sgz-rating-drafts'))).state.drafts).toEqual({})
    await page.tap('btn-rating-done')
    expect(page.callsOf('redirectTo').map((o) => o.url)).toEqual([`/packages/request/detail/index?id=${RESOLVED_DETAIL.id}`])
    expect(page.consoleErrors).toEqual([])
  })

  test('nothing chosen: both missing answers said in words, nothing sent', async () => {
    const page = await open({ requestId: RESOLVED_DETAIL.id }, { routes: { 'GET /api/requests/:id': RESOLVED_DETAIL } })
    await page.tap('btn-submit-rating')
    expect(page.querySelectorAll('field__error').map((n) => page.text(n))).toEqual(['请选择问题是否已解决', '请点星星打分（1 到 5 星）'])
    expect(posts(page)).toEqual([])
  })

  test('the answer chosen on the request’s page arrives chosen; 已解决 with 5 stars says thanks', async () => {
    const page = await open(
      { requestId: RESOLVED_DETAIL.id, outcome: 'resolved' },
      {
        routes: {
          'GET /api/requests/:id': RESOLVED_DETAIL,
          'POST /api/requests/:id/rating': (req) =>
            reply(201, { ...RESOLVED_DETAIL, ratingDue: false, rating: { ...GIVEN_RATING, ...(req.data as RatingBody) } }),
        },
      },
    )
    expect(chosen(option(page, '已解决'))).toBe(true)
    expect(page.querySelectorAll('option').filter(chosen)).toHaveLength(1)
    await page.tap(page.querySelectorAll('rating-star')[4]!)
    await page.trigger('rating-public', 'change', { value: true })
    await page.tap('btn-submit-rating')
    await page.waitFor(() => page.find('rating-result'), 'the result')
    // A public wish without words shows nothing: not sent as public.
    expect(posts(page)[0]!.data).toEqual({ outcome: 'resolved', stars: 5, tags: [], comment: '', anonymous: false, commentPublic: false })
    expect(page.text(page.get('rating-result'))).toContain('感谢您的评价')
    expect(page.text(page.get('rating-result'))).toContain('前还可以修改')
  })

  test('a request not yet resolved: why it cannot be rated, no form', async () => {
    const page = await open({ requestId: WAITING_DETAIL.id }, { routes: { 'GET /api/requests/:id': WAITING_DETAIL } })
    expect(page.text(page.get('empty-state'))).toContain('社工办结这条求助后才能评价')
    expect(page.find('rating-form')).toBeUndefined()
  })
})

describe('changing a rating', () => {
  test('the form comes prefilled with the rating given; 保存修改 posts the change', async () => {
    const page = await open(
      { requestId: RATED_DETAIL.id },
      {
        routes: {
          'GET /api/requests/:id': RATED_DETAIL,
          'POST /api/requests/:id/rating': (req) => ({
            ...RATED_DETAIL,
            rating: { ...GIVEN_RATING, ...(req.data as RatingBody), updatedAt: '2026-11-24T02:00:00.000Z' },
          }),
        },
      },
    )
    expect(page.text(page.get('rating-editing'))).toContain('11月30日 10:00 前可以修改')
    expect(chosen(option(page, '部分解决'))).toBe(true)
    expect(page.querySelectorAll('rating-star').map((s) => page.text(s))).toEqual(['★', '★', '★', '★', '☆'])
    expect(
      page
        .querySelectorAll('rating-tag')
        .filter((n) => classOf(n).includes('chip--active'))
        .map((n) => page.text(n)),
    ).toEqual(['✓ 态度好', '✓ 耐心细致'])
    expect(attrOf(page.get('rating-comment')._exparserNode, 'value')).toBe(GIVEN_RATING.comment)
    expect(attrOf(page.get('rating-public')._exparserNode, 'checked')).toBe(true)
    expect(page.text(page.get('btn-submit-rating'))).toBe('保存修改')

    await page.tap(option(page, '已解决'))
    await page.tap('btn-submit-rating')
    await page.waitFor(() => page.find('rating-result'), 'the result')
    expect(posts(page)[0]!.data).toEqual({
      outcome: 'resolved',
      stars: 4,
      tags: ['态度好', '耐心细致'],
      comment: GIVEN_RATING.comment,
      anonymous: false,
      commentPublic: true,
    })
    expect(page.text(page.get('rating-result'))).toContain('评价已修改')
  })

  test('after the 7 days: says so instead of the form', async () => {
    const page = await open(
      { requestId: RATED_DETAIL.id },
      { now: '2026-12-02T02:00:00.000Z', routes: { 'GET /api/requests/:id': RATED_DETAIL } },
    )
    expect(page.text(page.get('empty-state'))).toContain('评价超过 7 天，不能再修改了')
  })
})

describe('a refusal', () => {
  test('409: the server’s message next to the button; the typed text stays (also on disk); one POST per tap while it is sent', async () => {
    let release: (v: unknown) => void = () => undefined
    let calls = 0
    const page = await open(
      { requestId: RESOLVED_DETAIL.id },
      {
        routes: {
          'GET /api/requests/:id': RESOLVED_DETAIL,
          'POST /api/requests/:id/rating': () => {
            calls++
            return new Promise((resolve) => {
              release = () => resolve(reply(409, { code: 'CONFLICT', message: '评价已超过 7 天，不能再修改' }))
            })
          },
        },
      },
    )
    await page.tap(option(page, '部分解决'))
    await page.tap(page.querySelectorAll('rating-star')[2]!)
    await page.input('rating-comment', '还差一份证明')
    await page.tap('btn-submit-rating')
    await page.waitFor(() => calls === 1, 'the first POST')
    await page.tap('btn-submit-rating')
    expect(calls).toBe(1)
    expect(attrOf(page.get('btn-submit-rating')._exparserNode, 'loading')).toBe(true)
    release(null)
    await page.waitFor(() => page.find('rating-form-error'), 'the error')
    expect(page.text(page.get('rating-form-error'))).toBe('评价已超过 7 天，不能再修改')
    expect(attrOf(page.get('rating-comment')._exparserNode, 'value')).toBe('还差一份证明')
    const saved = JSON.parse(String(page.storage.get('sgz-rating-drafts'))).state.drafts[`request:${RESOLVED_DETAIL.id}`]
    expect(saved).toMatchObject({ outcome: 'partly', stars: 3, comment: '还差一份证明' })

    // Reopened later: the unsent text is back.
    const again = await open(
      { requestId: RESOLVED_DETAIL.id },
      {
        storage: { ...LOGGED_IN, 'sgz-rating-drafts': page.storage.get('sgz-rating-drafts') },
        routes: { 'GET /api/requests/:id': RESOLVED_DETAIL },
      },
    )
    expect(attrOf(again.get('rating-comment')._exparserNode, 'value')).toBe('还差一份证明')
    expect(chosen(option(again, '部分解决'))).toBe(true)
  })
})

describe('rating an activity', () => {
  const routes = { 'GET /api/enrollments/mine': { items: [SON_ATTENDED, MOTHER_WAITLISTED] } }

  test('stars, a tag and 对社工站匿名; no 问题解决了吗; the POST has no outcome', async () => {
    const page = await open(
      { enrollmentId: SON_ATTENDED.id },
      {
        routes: {
          ...routes,
          'POST /api/enrollments/:id/rating': (req) =>
            reply(201, { ...SON_ATTENDED, ratingDue: false, rating: { ...ENROLLMENT_RATING, ...(req.data as RatingBody) } }),
        },
      },
    )
    expect(page.text(page.get('rating-target__title'))).toBe('东山小学堂·节气美育')
    expect(page.text(page.get('rating-target__detail'))).toContain('张小明参加')
    expect(page.text()).not.toContain('问题解决了吗')
    expect(page.querySelectorAll('rating-tag').map((n) => page.text(n))).toEqual([
      '内容有收获',
      '孩子喜欢',
      '老师专业',
      '组织有序',
      '时间合适',
      '场地拥挤',
      '时间太短',
    ])
    await page.tap(page.querySelectorAll('rating-star')[4]!)
    await page.tap(page.querySelectorAll('rating-tag')[1]!)
    await page.trigger('rating-anonymous', 'change', { value: true })
    await page.tap('btn-submit-rating')
    await page.waitFor(() => page.find('rating-result'), 'the result')
    const [post] = posts(page)
    expect(post!.path).toBe(`/api/enrollments/${SON_ATTENDED.id}/rating`)
    expect(post!.data).toEqual({ stars: 5, tags: ['孩子喜欢'], comment: '', anonymous: true, commentPublic: false })
    expect(page.text(page.get('rating-result'))).toContain('感谢您的评价')
    await page.tap('btn-rating-done')
    expect(page.callsOf('redirectTo').map((o) => o.url)).toEqual(['/packages/activity/mine/index'])
  })

  test('not attended: 参加活动（签到）后才能评价', async () => {
    const page = await open({ enrollmentId: MOTHER_WAITLISTED.id }, { routes })
    expect(page.text(page.get('empty-state'))).toContain('参加活动（签到）后才能评价')
  })

  test('an activity rating being changed comes prefilled; the server’s 409 is shown', async () => {
    const page = await open(
      { enrollmentId: SON_RATED.id },
      {
        routes: {
          'GET /api/enrollments/mine': { items: [SON_RATED] },
          'POST /api/enrollments/:id/rating': reply(409, { code: 'CONFLICT', message: '参加活动（签到）后才能评价' }),
        },
      },
    )
    expect(page.querySelectorAll('rating-star').map((s) => page.text(s))).toEqual(['★', '★', '★', '★', '★'])
    expect(attrOf(page.get('rating-comment')._exparserNode, 'value')).toBe(ENROLLMENT_RATING.comment)
    await page.tap('btn-submit-rating')
    await page.waitFor(() => page.find('rating-form-error'), 'the error')
    expect(page.text(page.get('rating-form-error'))).toBe('参加活动（签到）后才能评价')
    expect(page.find('rating-result')).toBeUndefined()
  })
})

test('长辈模式 (WeChat’s large font): the page root carries the elder class that enlarges type and tap targets', async () => {
  const page = await open({ requestId: RESOLVED_DETAIL.id }, { fontSizeSetting: 22, routes: { 'GET /api/requests/:id': RESOLVED_DETAIL } })
  const root = await page.waitFor(() => page.find('page-rating'))
  expect(root.dom.className).toContain('elder')
  expect(page.querySelectorAll('rating-star')).toHaveLength(5)
})
