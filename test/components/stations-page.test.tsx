/**
 * 找社工站 (src/pages/stations) in the browser build: the stations near the
 * resident in the API's order, filters by kind and service, the sketch map.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Stations from '@/pages/stations/index'
import { useLocation } from '@/stores/location'
import Taro from '../shims/taro'
import { fakeApi } from '../shims/fakeApi'
import { DONGSHAN, MINXIN, XIANJIN, XIANJIN_CENTER } from './fixtures'

const AREA = { path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: XIANJIN_CENTER }

/** The station names in the list, top to bottom, as the resident reads them. */
const listed = () => [...document.querySelectorAll('.stations-list .station-card__name')].map((n) => n.textContent)

beforeEach(() => {
  useLocation.getState().pickArea(AREA) // measured from 先进街道, so no geolocation is involved
})

test('lists the stations in the order the API gave', async () => {
  // Not sorted by name or kind: the server's order (by distance) is kept.
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [DONGSHAN, XIANJIN, MINXIN] } })
  render(<Stations />)
  await waitFor(() => expect(listed()).toEqual(['东山社区社会工作室', '先进街道社工站', '民馨社区社会工作室']))
  expect(api.requests[0]!.query).toEqual({ lat: String(AREA.center.lat), lng: String(AREA.center.lng), limit: '30' })
  expect(screen.getByText('位置：大连市 金普新区 先进街道附近')).toBeInTheDocument()
})

test('tapping 村社工作室 asks again with kind=community and shows only what came back', async () => {
  const api = fakeApi({
    'GET /api/stations/nearby': (req) => ({ items: req.query.kind === 'community' ? [MINXIN, DONGSHAN] : [MINXIN, XIANJIN, DONGSHAN] }),
  })
  render(<Stations />)
  await waitFor(() => expect(listed()).toHaveLength(3))

  fireEvent.click(screen.getByRole('button', { name: '村社工作室' }))
  await waitFor(() => expect(listed()).not.toContain('先进街道社工站')) // the street station is gone once the answer lands
  expect(listed()).toEqual(['民馨社区社会工作室', '东山社区社会工作室'])
  const nearby = api.to('/api/stations/nearby')
  expect(nearby).toHaveLength(2)
  expect(nearby[0]!.query.kind).toBeUndefined()
  expect(nearby[1]!.url).toContain('kind=community')
  expect(screen.getByRole('button', { name: '村社工作室' })).toHaveClass('chip--active')
  expect(screen.getByRole('button', { name: '全部' })).not.toHaveClass('chip--active')

  // Back to 全部: the kind filter is dropped again.
  fireEvent.click(screen.getByRole('button', { name: '全部' }))
  await waitFor(() => expect(listed()).toHaveLength(3))
  expect(api.to('/api/stations/nearby')[2]!.query.kind).toBeUndefined()
})

test('a service chip filters by service', async () => {
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
  render(<Stations />)
  await waitFor(() => expect(listed()).toHaveLength(1))
  fireEvent.click(screen.getByRole('button', { name: '心理疏导' }))
  await waitFor(() => expect(api.to('/api/stations/nearby')).toHaveLength(2))
  expect(api.requests[1]!.query.service).toBe('psychological')
})

test('no station of that kind: says so', async () => {
  fakeApi({ 'GET /api/stations/nearby': (req) => ({ items: req.query.kind === 'school' ? [] : [MINXIN] }) })
  render(<Stations />)
  await waitFor(() => expect(listed()).toHaveLength(1))
  fireEvent.click(screen.getByRole('button', { name: '学校社工站' }))
  expect(await screen.findByText('附近没有符合条件的社工站，换个筛选条件试试')).toBeInTheDocument()
  expect(listed()).toEqual([])
})

test('the sketch map numbers the stations; tapping a marker highlights its card and scrolls to it', async () => {
  fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN] } })
  render(<Stations />)
  const map = await screen.findByLabelText('附近社工站示意图')
  // The list's cards carry the markers' numbers.
  expect(within(document.getElementById(`station-${MINXIN.id}`)!).getByLabelText('1号')).toHaveTextContent('1')
  expect(within(document.getElementById(`station-${XIANJIN.id}`)!).getByLabelText('2号')).toHaveTextContent('2')
  fireEvent.click(within(map).getByRole('button', { name: '2号 先进街道社工站，1.3公里' }))
  // Once the card is drawn (the next tick).
  await waitFor(() => expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: `#station-${XIANJIN.id}` })))
  expect(document.getElementById(`station-${XIANJIN.id}`)).toHaveClass('station-card--highlighted')
  expect(document.getElementById(`station-${MINXIN.id}`)).not.toHaveClass('station-card--highlighted')
  expect(screen.queryByTestId('map')).not.toBeInTheDocument() // the native map is the mini-program's
})

test('pulling down reloads the list and stops the refresh indicator', async () => {
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
  render(<Stations />)
  await waitFor(() => expect(listed()).toHaveLength(1))
  await act(() => Taro.__pullDownRefresh())
  expect(api.to('/api/stations/nearby')).toHaveLength(2)
  expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
})

describe('location refused, no area picked yet', () => {
  beforeEach(() => {
    useLocation.setState({ status: 'idle', position: null, source: null, area: null })
  })

  test('in the browser: 手动选择地区 opens the area picker; no settings button there', async () => {
    const api = fakeApi({})
    render(<Stations />) // jsdom has no navigator.geolocation: locating fails
    fireEvent.click(await screen.findByRole('button', { name: '手动选择地区' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/area/index' })
    expect(screen.queryByRole('button', { name: '去设置开启定位' })).not.toBeInTheDocument()
    expect(api.requests).toEqual([]) // no position, nothing to ask for
  })

  test('in the mini-program: 去设置开启定位 opens WeChat settings, and once allowed the list appears', async () => {
    process.env.TARO_ENV = 'weapp'
    Taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' } as never)
    Taro.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.userLocation': true } } as never)
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
    render(<Stations />)
    expect(await screen.findByText('没有获得您的位置。请手动选择所在地区，查看附近的社工站。')).toBeInTheDocument()
    expect(screen.getByText('位置：未获得定位权限')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '去设置开启定位' }))
    await waitFor(() => expect(listed()).toEqual(['民馨社区社会工作室']))
    expect(Taro.openSetting).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('button', { name: '手动选择地区' })).not.toBeInTheDocument()
  })
})

describe('in the mini-program (weapp branch: the native map)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp' // read at render time; restored after each test
  })

  test('the map is centred on the resident and marks every listed station', async () => {
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN] } })
    render(<Stations />)
    const map = await screen.findByTestId('map')
    expect(map).toHaveAttribute('data-latitude', String(AREA.center.lat))
    expect(map).toHaveAttribute('data-longitude', String(AREA.center.lng))
    expect(map).toHaveTextContent('民馨社区社会工作室先进街道社工站')
    expect(screen.queryByLabelText('附近社工站示意图')).not.toBeInTheDocument()
  })

  test('地图 on a card centres the map on that station', async () => {
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN] } })
    render(<Stations />)
    fireEvent.click(await screen.findByRole('button', { name: '地图上显示先进街道社工站' }))
    expect(screen.getByTestId('map')).toHaveAttribute('data-latitude', String(XIANJIN.location.lat))
    expect(document.getElementById(`station-${XIANJIN.id}`)).toHaveClass('station-card--highlighted')
  })

  /** The centre set by selecting a station must not outlive a new position or filter. */
  test('after picking another area, the map is centred on the new area, not on the station selected before', async () => {
    const ZHONGSHAN = { path: ['辽宁省', '大连市', '中山区'], center: { lat: 38.92, lng: 121.64 } }
    const FAR = {
      ...DONGSHAN,
      id: '0b7c1a52-0000-4000-8000-0000000000aa',
      name: '中山区社工总站',
      location: { lat: 38.921, lng: 121.641 },
      distanceMeters: 150,
    }
    fakeApi({
      'GET /api/stations/nearby': (req) => ({ items: req.query.lat === String(ZHONGSHAN.center.lat) ? [FAR] : [MINXIN, XIANJIN] }),
    })
    render(<Stations />)
    fireEvent.click(await screen.findByRole('button', { name: '地图上显示先进街道社工站' }))

    // 切换地区 → the picker → back to this page (it stayed mounted under the picker).
    act(() => useLocation.getState().pickArea(ZHONGSHAN))
    await act(() => Taro.__show())
    await waitFor(() => expect(listed()).toEqual(['中山区社工总站']))
    expect(screen.getByTestId('map')).toHaveAttribute('data-latitude', String(ZHONGSHAN.center.lat))
  })
})

test('a long list: the first 10 cards, 10 more on 再显示 and at the end of the page', async () => {
  const many = Array.from({ length: 25 }, (_, i) => ({
    ...MINXIN,
    id: `${MINXIN.id.slice(0, -2)}${String(i).padStart(2, '0')}`,
    name: `第${i + 1}社区社会工作室`,
    distanceMeters: 500 + i * 300,
  }))
  fakeApi({ 'GET /api/stations/nearby': { items: many } })
  render(<Stations />)
  await waitFor(() => expect(listed()).toHaveLength(10))
  expect(screen.getByText('还有 15 个社工站')).toBeInTheDocument()

  fireEvent.click(screen.getByRole('button', { name: '再显示 10 个' }))
  await waitFor(() => expect(listed()).toHaveLength(20))
  await act(() => Taro.__reachBottom())
  await waitFor(() => expect(listed()).toHaveLength(25))
  expect(listed()).toEqual(many.map((s) => s.name))
  expect(screen.queryByRole('button', { name: /再显示/ })).not.toBeInTheDocument()
})
