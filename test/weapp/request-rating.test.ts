/**
 * The rating parts of 求助详情 and 我的求助 on the weapp build: "问题解决了吗？"
 * once the station resolved a request, the rating given with 修改 (for 7
 * days) and the station's reply, 社工会继续处理 after 未解决, and the 待评价
 * badge in the list.
 */
import { mountPage, type MountedPage } from './harness'
import { LOGGED_IN, MY_REQUESTS, RESOLVED_DETAIL } from './request-fixtures'
import { NOW } from './activity-fixtures'
import { GIVEN_RATING, RATED_DETAIL, reopenedBy } from './rating-fixtures'

const DETAIL = 'packages/request/detail/index'

async function openDetail(detail: typeof RESOLVED_DETAIL, now = NOW) {
  const page = await mountPage(DETAIL, { id: detail.id }, { now, storage: LOGGED_IN, routes: { 'GET /api/requests/:id': detail } })
  await page.waitFor(() => page.find('timeline'), 'the request')
  return page
}

test('resolved and not rated: 问题解决了吗？ with three answers, each opening the rating with it chosen', async () => {
  const page = await openDetail(RESOLVED_DETAIL)
  const prompt = page.get('rating-prompt')
  expect(page.text(prompt)).toContain('问题解决了吗？')
  expect(page.querySelectorAll('rating-prompt__option').map((n) => page.text(n).trim())).toEqual(['✓ 已解决', '◐ 部分解决', '✗ 未解决'])
  expect(page.find('rating-given')).toBeUndefined()
  await page.tap(page.querySelectorAll('rating-prompt__option')[2]!)
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([
    `/packages/rating/new/index?requestId=${RESOLVED_DETAIL.id}&outcome=unresolved`,
  ])
  expect(page.consoleErrors).toEqual([])
})

test('rated: the rating with its tags and comment, 修改 while editable, and the station’s reply', async () => {
  const replied = {
    ...RATED_DETAIL,
    rating: {
      ...GIVEN_RATING,
      reply: { body: '材料补齐后我们会第一时间提交', stationName: RESOLVED_DETAIL.station.name, createdAt: '2026-11-23T06:00:00.000Z' },
    },
  }
  const page = await openDetail(replied)
  expect(page.find('rating-prompt')).toBeUndefined()
  const given = page.get('rating-given')
  expect(page.text(given)).toContain('我的评价')
  expect(page.text(given)).toContain('★★★★☆')
  expect(page.text(given)).toContain('满意')
  expect(page.text(given)).toContain('部分解决')
  expect(page.text(given)).toContain('耐心细致')
  expect(page.text(given)).toContain(GIVEN_RATING.comment)
  expect(page.text(page.get('rating-reply'))).toContain(`${RESOLVED_DETAIL.station.name}回复：材料补齐后我们会第一时间提交`)
  expect(page.text(given)).toContain('11月30日 10:00 前可以修改')
  await page.tap('btn-edit-rating')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/rating/new/index?requestId=${RESOLVED_DETAIL.id}`])
})

test('rated more than 7 days ago: the rating without 修改', async () => {
  const page = await openDetail(RATED_DETAIL, '2026-12-02T02:00:00.000Z')
  expect(page.find('rating-given')).toBeDefined()
  expect(page.find('btn-edit-rating')).toBeUndefined()
})

test('after 未解决: 您反馈问题未解决，社工会继续处理, and the comment on the timeline', async () => {
  const page = await openDetail(reopenedBy({ stars: 2, tags: ['等待时间长'], comment: '还没有审核结果' }))
  expect(page.text(page.get('request-status'))).toBe('待受理')
  expect(page.text(page.get('rating-reopened'))).toBe('您反馈问题未解决，社工会继续处理')
  expect(page.text(page.querySelectorAll('timeline__item').at(-1)!)).toContain('还没有审核结果')
  expect(page.find('rating-prompt')).toBeUndefined()
  expect(page.find('btn-edit-rating')).toBeUndefined()
})

test('back from the rating page, the request is loaded again', async () => {
  const page = await openDetail(RESOLVED_DETAIL)
  expect(page.requests).toHaveLength(1)
  await page.lifecycle('onShow')
  await page.waitFor(() => page.requests.length === 2, 'the request loaded again')
})

test('我的求助: 待评价 on the resolved request that is not rated yet, only there', async () => {
  const page = await mountPage(
    'packages/request/mine/index',
    {},
    { storage: LOGGED_IN, routes: { 'GET /api/requests/mine': { items: MY_REQUESTS } } },
  )
  await page.waitFor(() => page.querySelectorAll('request-item').length === 2, 'two request items')
  const [waiting, done] = page.querySelectorAll('request-item') as [ReturnType<MountedPage['get']>, ReturnType<MountedPage['get']>]
  expect(page.querySelectorAll('rating-due-badge')).toHaveLength(1)
  expect(page.text(done)).toContain('待评价')
  expect(page.text(waiting)).not.toContain('待评价')
})
