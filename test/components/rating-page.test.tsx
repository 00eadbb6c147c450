/**
 * 服务评价 (src/packages/rating/new) as the h5 build renders it: what a screen
 * reader hears (the outcome as a radio group, each star as a radio named
 * "4 星 满意", the tags as checkboxes, the two switches by their labels), and
 * the body that is sent.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import RateService from '@/packages/rating/new/index'
import { useRatingDrafts } from '@/stores/ratingDraft'
import { useSession } from '@/stores/session'
import Taro from '../shims/taro'
import { fakeApi, reply } from '../shims/fakeApi'
import { RESOLVED_DETAIL } from '../weapp/request-fixtures'
import { reopenedBy } from '../weapp/rating-fixtures'

beforeEach(() => {
  useSession.setState({
    token: 'resident-token',
    user: { id: '0b7c1a52-0000-4000-8000-0000000000aa', nickname: '微信用户', role: 'resident' },
    expiresAt: '2099-01-01T00:00:00.000Z',
  })
})
afterEach(() => {
  act(() => useRatingDrafts.setState(useRatingDrafts.getInitialState(), true))
})

test('the form by role and name; 未解决 with 2 stars is sent and the page says the station carries on', async () => {
  Taro.__setRouterParams({ requestId: RESOLVED_DETAIL.id })
  const api = fakeApi({
    [`GET /api/requests/${RESOLVED_DETAIL.id}`]: RESOLVED_DETAIL,
    [`POST /api/requests/${RESOLVED_DETAIL.id}/rating`]: (req) => reply(201, reopenedBy(req.data as { stars: number })),
  })
  render(<RateService />)

  const outcome = await screen.findByRole('radiogroup', { name: '问题解决了吗' })
  expect(
    within(outcome)
      .getAllByRole('radio')
      .map((r) => r.textContent?.trim()),
  ).toEqual(['已解决', '部分解决', '未解决'])
  const stars = screen.getByRole('radiogroup', { name: '满意度' })
  expect(
    within(stars)
      .getAllByRole('radio')
      .map((r) => r.getAttribute('aria-label')),
  ).toEqual(['1 星 很不满意', '2 星 不满意', '3 星 一般', '4 星 满意', '5 星 非常满意'])
  expect(within(screen.getByRole('group', { name: '评价标签' })).getAllByRole('checkbox')).toHaveLength(7)
  expect(screen.getByRole('switch', { name: '对社工站匿名' })).not.toBeChecked()
  expect(screen.getByRole('switch', { name: '允许公开展示评价内容（不显示姓名）' })).not.toBeChecked()
  expect(screen.getByText(/工作人员看得到评价内容，看不到您的姓名/)).toBeInTheDocument()

  // The chosen one carries one ✓ (it said 「✓ ✓ 已解决」).
  fireEvent.click(within(outcome).getByRole('radio', { name: /已解决/ }))
  expect(within(outcome).getByRole('radio', { name: /已解决/ }).textContent).toBe('✓ 已解决')
  fireEvent.click(within(outcome).getByRole('radio', { name: /未解决/ }))
  expect(within(outcome).getByRole('radio', { name: /未解决/ })).toHaveAttribute('aria-checked', 'true')
  expect(within(outcome).getByRole('radio', { name: /未解决/ }).textContent).toBe('✓ 未解决')
  expect(screen.getByRole('note')).toHaveTextContent('这条求助会回到「民馨社区社会工作室」的待办事项')
  fireEvent.click(screen.getByRole('radio', { name: '2 星 不满意' }))
  expect(screen.getByRole('radio', { name: '2 星 不满意' })).toHaveAttribute('aria-checked', 'true')
  fireEvent.click(screen.getByRole('checkbox', { name: '等待时间长' }))
  expect(screen.getByRole('checkbox', { name: '等待时间长' })).toHaveAttribute('aria-checked', 'true')
  fireEvent.change(screen.getByRole('textbox', { name: '评价内容' }), { target: { value: '还没有审核结果' } })
  fireEvent.click(screen.getByRole('switch', { name: '对社工站匿名' }))
  fireEvent.click(screen.getByRole('button', { name: '提交，请社工继续处理' }))

  expect(await screen.findByText('已收到，社工会继续处理')).toBeInTheDocument()
  expect(screen.getByRole('status')).toHaveTextContent('您反馈问题未解决')
  expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.data)).toEqual([
    { outcome: 'unresolved', stars: 2, tags: ['等待时间长'], comment: '还没有审核结果', anonymous: true, commentPublic: false },
  ])
})

test('missing answers are said next to the fields, as alerts', async () => {
  Taro.__setRouterParams({ requestId: RESOLVED_DETAIL.id })
  const api = fakeApi({ [`GET /api/requests/${RESOLVED_DETAIL.id}`]: RESOLVED_DETAIL })
  render(<RateService />)
  fireEvent.click(await screen.findByRole('button', { name: '提交评价' }))
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请选择问题是否已解决', '请点星星打分（1 到 5 星）'])
  expect(api.requests.filter((r) => r.method === 'POST')).toEqual([])
})
