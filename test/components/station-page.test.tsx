/**
 * A station's page (src/pages/station), opened as /pages/station/index?id=…:
 * contact details first, one tap to call or navigate, its place in the network.
 */
import { fireEvent, render, screen, within } from '@testing-library/react'
import type { StationDetail } from '@contract/types'
import StationPage from '@/pages/station/index'
import Taro from '../shims/taro'
import { failWith, fakeApi, reply } from '../shims/fakeApi'
import { MINXIN, XIANJIN } from './fixtures'

const { distanceMeters: _d, ...minxin } = MINXIN
const { distanceMeters: _x, ...xianjin } = XIANJIN
const DETAIL: StationDetail = {
  ...xianjin,
  intro: '先进街道社工站立足社区，为困难群众提供社会救助、养老、儿童关爱等服务。',
  coverage: ['先进街道', '和兴社区'],
  ancestors: [
    { id: '0b7c1a52-0000-4000-8000-000000000001', code: 'DL', name: '大连市社工站指导中心', kind: 'city' },
    { id: '0b7c1a52-0000-4000-8000-000000000002', code: 'DL-JP', name: '金普新区社工总站', kind: 'district' },
  ],
  children: [minxin],
}

test('shows the station with its phone, address and hours, and titles the page with its name', async () => {
  Taro.__setRouterParams({ id: DETAIL.id })
  const api = fakeApi({
    [`GET /api/stations/${DETAIL.id}`]: DETAIL,
    'GET /api/activities': { items: [] },
    [`GET /api/stations/${DETAIL.id}/ratings`]: { count: 0, minimum: 5, summary: null, comments: [] },
    [`GET /api/stations/${DETAIL.id}/bookable`]: { items: [] },
  })
  render(<StationPage />)

  expect(await screen.findByText(DETAIL.intro)).toBeInTheDocument()
  // 本站活动 asks for this station's activities only.
  expect(await screen.findByText('本站近期没有活动')).toBeInTheDocument()
  expect(await screen.findByText('还没有居民评价。评价满 5 条后显示统计')).toBeInTheDocument()
  expect(api.to('/api/activities').map((r) => r.query)).toEqual([{ stationId: DETAIL.id }])
  expect(screen.getAllByText('先进街道社工站').length).toBeGreaterThan(0)
  expect(screen.getByText('乡镇（街道）社工站')).toBeInTheDocument()
  expect(screen.getByText('0411-87589120')).toBeInTheDocument()
  expect(screen.getByText(DETAIL.address)).toBeInTheDocument()
  expect(document.querySelector('.station-coverage')).toHaveTextContent('先进街道、和兴社区')
  expect(screen.getByText(/08:30/)).toBeInTheDocument()
  expect(screen.getByText('下设站点（1）')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /^民馨社区社会工作室/ })).toBeInTheDocument()
  expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '先进街道社工站' })
  expect(api.unmatched).toEqual([])
})

test('打电话 and 导航 act on this station', async () => {
  Taro.__setRouterParams({ id: DETAIL.id })
  fakeApi({ [`GET /api/stations/${DETAIL.id}`]: DETAIL })
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  render(<StationPage />)
  fireEvent.click(await screen.findByRole('button', { name: '打电话 0411-87589120' }))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0411-87589120' })
  fireEvent.click(screen.getByRole('button', { name: '导航到先进街道社工站' }))
  expect(open).toHaveBeenCalledWith(expect.stringContaining('position=121.779,39.0535'), '_blank', 'noopener')
})

test('the breadcrumb opens a station higher up', async () => {
  Taro.__setRouterParams({ id: DETAIL.id })
  fakeApi({ [`GET /api/stations/${DETAIL.id}`]: DETAIL })
  render(<StationPage />)
  // From 市级 down to the direct parent, each one a link (reachable by keyboard and screen readers).
  const crumbs = within(await screen.findByLabelText('上级站点')).getAllByRole('link')
  expect(crumbs.map((c) => c.textContent)).toEqual(['大连市社工站指导中心 ›', '金普新区社工总站 ›'])
  fireEvent.click(screen.getByRole('link', { name: '金普新区社工总站 ›' }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/station/index?id=0b7c1a52-0000-4000-8000-000000000002' })
})

test('an unknown station: the server’s message, no retry', async () => {
  const id = '0b7c1a52-0000-4000-8000-0000000000ff'
  Taro.__setRouterParams({ id })
  fakeApi({ [`GET /api/stations/${id}`]: reply(404, { code: 'NOT_FOUND', message: '没有找到这个社工站' }) })
  render(<StationPage />)
  expect(await screen.findByText('没有找到这个社工站')).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: '重试' })).not.toBeInTheDocument()
})

test('opened without an id: 缺少站点编号, and nothing is asked of the server', async () => {
  const api = fakeApi({})
  render(<StationPage />)
  expect(await screen.findByText('缺少站点编号')).toBeInTheDocument()
  expect(api.requests).toEqual([])
})

test('the network failing: a message and 重试', async () => {
  Taro.__setRouterParams({ id: DETAIL.id })
  let calls = 0
  fakeApi({ [`GET /api/stations/${DETAIL.id}`]: () => (++calls === 1 ? failWith('request:fail ') : DETAIL) })
  render(<StationPage />)
  expect(await screen.findByRole('alert')).toHaveTextContent('网络连接失败，请检查网络后重试')
  fireEvent.click(screen.getByRole('button', { name: '重试' }))
  expect(await screen.findByText(DETAIL.intro)).toBeInTheDocument()
})

describe('居民评价', () => {
  test('below the minimum: no figures, the count so far', async () => {
    Taro.__setRouterParams({ id: DETAIL.id })
    fakeApi({
      [`GET /api/stations/${DETAIL.id}`]: DETAIL,
      [`GET /api/stations/${DETAIL.id}/ratings`]: { count: 4, minimum: 5, summary: null, comments: [] },
    })
    render(<StationPage />)
    expect(await screen.findByText('评价满 5 条后显示统计（目前 4 条）')).toBeInTheDocument()
    expect(screen.queryByRole('img', { name: /平均/ })).not.toBeInTheDocument()
  })

  test('with a summary: the average said in words, each bar named, comments with the station’s reply', async () => {
    Taro.__setRouterParams({ id: DETAIL.id })
    fakeApi({
      [`GET /api/stations/${DETAIL.id}`]: DETAIL,
      [`GET /api/stations/${DETAIL.id}/ratings`]: {
        count: 10,
        minimum: 5,
        summary: { average: 4.56, distribution: [0, 1, 0, 2, 7], resolvedShare: 0.9 },
        comments: [
          {
            id: 'c1',
            subject: 'request',
            subjectLabel: '养老服务',
            stars: 5,
            tags: ['态度好'],
            comment: '社工很耐心',
            createdAt: '2026-11-20T02:00:00.000Z',
            reply: { body: '谢谢您', stationName: '先进街道社工站', createdAt: '2026-11-20T03:00:00.000Z' },
          },
        ],
      },
    })
    render(<StationPage />)
    expect(await screen.findByRole('img', { name: '平均 4.6 星' })).toBeInTheDocument()
    expect(screen.getByText('4.6')).toBeInTheDocument()
    expect(screen.getByText('共 10 条评价')).toBeInTheDocument()
    expect(screen.getByLabelText('5 星 7 条')).toBeInTheDocument()
    expect(screen.getByLabelText('2 星 1 条')).toBeInTheDocument()
    expect(screen.getByText('求助评价中 90% 表示问题“已解决”')).toBeInTheDocument()
    expect(screen.getByRole('img', { name: '5 星 非常满意' })).toBeInTheDocument()
    expect(screen.getByText('社工很耐心')).toBeInTheDocument()
    expect(screen.getByText('谢谢您')).toBeInTheDocument()
  })
})
