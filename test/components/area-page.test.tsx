/**
 * 选择所在地区 (src/pages/area): the resident taps down the area tree from
 * the city (市 › 区县 › 街道, each city with its province beside it); the
 * chosen area (with its province) becomes where stations are measured from,
 * remembered across restarts.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import AreaPage from '@/pages/area/index'
import { useLocation } from '@/stores/location'
import Taro from '../shims/taro'
import { fakeApi, reply } from '../shims/fakeApi'
import { AREAS, XIANJIN_CENTER } from './fixtures'

/** Opened from 首页: the picker is the second page on the stack. */
const openedFromIndex = () => Taro.getCurrentPages.mockReturnValue([{ route: 'pages/index/index' }, { route: 'pages/area/index' }])

const tap = async (name: RegExp) => fireEvent.click(await screen.findByRole('button', { name }))

test('tapping 大连市 → 金普新区 → 先进街道 sets the area (with its province) and goes back', async () => {
  openedFromIndex()
  const api = fakeApi({ 'GET /api/areas': { items: AREAS } })
  render(<AreaPage />)

  // It starts at the city, with the province beside each; a province without stations lists no city.
  expect(await screen.findByText('请选择城市')).toBeInTheDocument()
  expect(screen.getAllByRole('button', { name: /个站点/ }).map((b) => b.textContent)).toEqual(['大连市辽宁省 · 5 个站点 ›'])
  await tap(/^大连市/)
  expect(screen.getByText('请选择区县')).toBeInTheDocument()
  await tap(/^金普新区/)
  expect(screen.getByText('请选择街道（乡镇）')).toBeInTheDocument()
  expect(screen.getByLabelText('已选择的地区')).toHaveTextContent('全部城市› 大连市› 金普新区')
  expect(Taro.navigateBack).not.toHaveBeenCalled()
  await tap(/^先进街道/)

  const area = { path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: XIANJIN_CENTER }
  expect(useLocation.getState()).toMatchObject({ area, position: XIANJIN_CENTER, source: 'area', status: 'located' })
  expect(JSON.parse(Taro.getStorageSync('sgz-location') as string).state).toEqual({ area })
  expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
  expect(Taro.switchTab).not.toHaveBeenCalled()
  expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/areas']) // the tree is loaded once
})

test('整个金普新区 picks the district itself', async () => {
  openedFromIndex()
  fakeApi({ 'GET /api/areas': { items: AREAS } })
  render(<AreaPage />)
  await tap(/^大连市/)
  await tap(/^金普新区/)
  fireEvent.click(screen.getByRole('button', { name: '整个金普新区' }))
  expect(useLocation.getState().area).toEqual({
    path: ['辽宁省', '大连市', '金普新区'],
    center: AREAS[0]!.children[0]!.children[0]!.center,
  })
  expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
})

test('返回上一级 and the breadcrumb go back up the tree', async () => {
  fakeApi({ 'GET /api/areas': { items: AREAS } })
  render(<AreaPage />)
  await tap(/^大连市/)
  await tap(/^金普新区/)
  fireEvent.click(screen.getByRole('button', { name: '返回上一级' }))
  expect(screen.getByText('请选择区县')).toBeInTheDocument()
  fireEvent.click(screen.getByRole('button', { name: '全部城市' }))
  expect(screen.getByText('请选择城市')).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: '返回上一级' })).not.toBeInTheDocument()
})

test('opened as the first page (no page to go back to): goes to 首页', async () => {
  // the shim's default: one page on the stack
  fakeApi({ 'GET /api/areas': { items: AREAS } })
  render(<AreaPage />)
  await tap(/^大连市/)
  await tap(/^中山区/)
  expect(useLocation.getState().area?.path).toEqual(['辽宁省', '大连市', '中山区'])
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  expect(Taro.navigateBack).not.toHaveBeenCalled()
})

test('the tree failing to load shows why, and 重试 loads it', async () => {
  let calls = 0
  fakeApi({ 'GET /api/areas': () => (++calls === 1 ? reply(500, { code: 'INTERNAL', message: '服务暂时不可用' }) : { items: AREAS }) })
  render(<AreaPage />)
  expect(await screen.findByRole('alert')).toHaveTextContent('服务暂时不可用')
  fireEvent.click(screen.getByRole('button', { name: '重试' }))
  expect(await screen.findByText('请选择城市')).toBeInTheDocument()
})

test('a municipality is listed once, without its own name beside it', async () => {
  const SHANGHAI = { name: '上海市', level: 'city' as const, center: { lat: 31.23, lng: 121.47 }, stationCount: 17, children: [] }
  fakeApi({
    'GET /api/areas': {
      items: [...AREAS, { name: '上海市', level: 'province' as const, center: SHANGHAI.center, stationCount: 17, children: [SHANGHAI] }],
    },
  })
  render(<AreaPage />)
  expect(await screen.findByRole('button', { name: /^上海市/ })).toHaveTextContent(/^上海市17 个站点 ›$/)
  expect(screen.getByRole('button', { name: /^大连市/ })).toHaveTextContent('辽宁省 · 5 个站点')
})
