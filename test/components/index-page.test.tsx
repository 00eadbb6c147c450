/**
 * 首页 (src/pages/index) in the browser build: it locates the resident, shows
 * the nearest station big with 有问题找社工, and offers 手动选择地区 when the
 * position is refused.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Index from '@/pages/index/index'
import { useElder } from '@/stores/elder'
import { useLocation } from '@/stores/location'
import { wgs84ToGcj02 } from '@domain/geo'
import Taro from '../shims/taro'
import { fakeApi, reply } from '../shims/fakeApi'
import { DONGSHAN, MINXIN, XIANJIN, XIANJIN_CENTER } from './fixtures'

/** The browser's position (WGS-84), a few hundred metres from 民馨社区. */
const HERE_WGS84 = { latitude: 39.0513, longitude: 121.7585 }

/** Puts a fake navigator.geolocation in place for one test. */
function stubGeolocation(getCurrentPosition: (ok: PositionCallback, fail: PositionErrorCallback) => void) {
  const geo = { getCurrentPosition: jest.fn(getCurrentPosition), watchPosition: jest.fn(), clearWatch: jest.fn() }
  Object.defineProperty(window.navigator, 'geolocation', { value: geo, configurable: true })
  return geo
}
const granted = () => stubGeolocation((ok) => ok({ coords: { ...HERE_WGS84, accuracy: 20 }, timestamp: Date.now() } as GeolocationPosition))
const refused = () =>
  stubGeolocation((_ok, fail) =>
    fail({
      code: 1,
      message: 'User denied Geolocation',
      PERMISSION_DENIED: 1,
      POSITION_UNAVAILABLE: 2,
      TIMEOUT: 3,
    } as GeolocationPositionError),
  )

afterEach(() => {
  delete (window.navigator as { geolocation?: unknown }).geolocation
})

/** The section 离您最近的社工站 (the big card). */
const heroSection = () => screen.getByText('离您最近的社工站').parentElement!

describe('首页 with the position granted', () => {
  test('shows the nearest station as the big card, the others below', async () => {
    granted()
    const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN, DONGSHAN] } })
    render(<Index />)

    await screen.findByText('离您最近的社工站')
    expect(within(heroSection()).getByText('民馨社区社会工作室')).toBeInTheDocument()
    expect(within(heroSection()).getByRole('button', { name: /^打电话给民馨社区社会工作室/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '有问题找社工' })).toBeInTheDocument()

    const others = screen.getByText('附近其他社工站').parentElement!
    expect([...others.querySelectorAll('.station-card__name')].map((n) => n.textContent)).toEqual(['先进街道社工站', '东山社区社会工作室'])
    expect(within(others).getAllByRole('link')).toHaveLength(2) // each card opens its station
    expect(screen.getByText('位置：当前位置附近')).toBeInTheDocument()

    // The browser's WGS-84 fix is converted to GCJ-02 (the stations' datum) before asking for stations.
    const gcj = wgs84ToGcj02({ lat: HERE_WGS84.latitude, lng: HERE_WGS84.longitude })
    expect(api.to('/api/stations/nearby')).toHaveLength(1)
    expect(api.requests[0]!.query).toEqual({ lat: String(gcj.lat), lng: String(gcj.lng), limit: '3' })
    expect(api.unmatched).toEqual([])
  })

  test('有问题找社工 starts a request to the nearest station', async () => {
    granted()
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN] } })
    render(<Index />)
    await screen.findByText('离您最近的社工站')
    fireEvent.click(screen.getByRole('button', { name: '有问题找社工' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/request/new/index?stationId=${MINXIN.id}&source=nearest` })
  })

  test('while looking: 正在查找附近的社工站…, with 有问题找社工 and its hint already there and above what comes', async () => {
    granted()
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
    const { container } = render(<Index />)
    expect(screen.getByText('正在查找附近的社工站…')).toBeInTheDocument()
    const help = screen.getByRole('button', { name: '有问题找社工' })
    const hint = screen.getByText('社工可以帮您对接社会救助、养老服务、儿童关爱保护、心理疏导等')
    await screen.findByText('民馨社区社会工作室')
    expect(screen.queryByText('正在查找附近的社工站…')).not.toBeInTheDocument()
    // The same elements, not drawn again, and nothing the stations brought is above them (so they did not move).
    expect(screen.getByRole('button', { name: '有问题找社工' })).toBe(help)
    expect(screen.getByText('社工可以帮您对接社会救助、养老服务、儿童关爱保护、心理疏导等')).toBe(hint)
    const card = container.querySelector('.station-card--hero')!
    expect(hint.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  test('有问题找社工 before the stations arrive opens the form without a station (its address decides)', async () => {
    granted()
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
    render(<Index />)
    fireEvent.click(screen.getByRole('button', { name: '有问题找社工' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/request/new/index' })
    await screen.findByText('民馨社区社会工作室')
  })

  test('no station nearby: 附近暂时没有社工站', async () => {
    granted()
    fakeApi({ 'GET /api/stations/nearby': { items: [] } })
    render(<Index />)
    expect(await screen.findByText('附近暂时没有社工站')).toBeInTheDocument()
    // The main action stays: the form's address decides where the request goes.
    fireEvent.click(screen.getByRole('button', { name: '有问题找社工' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/request/new/index' })
  })

  test('the API failing shows its message and 重试 asks again', async () => {
    granted()
    let calls = 0
    fakeApi({ 'GET /api/stations/nearby': () => (++calls === 1 ? reply(503, '') : { items: [MINXIN] }) })
    render(<Index />)
    expect(await screen.findByRole('alert')).toHaveTextContent('服务暂时不可用，请稍后重试')
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})

describe('首页 with the position refused', () => {
  test('offers 手动选择地区 and shows no station', async () => {
    const geo = refused()
    const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
    render(<Index />)

    expect(await screen.findByText('没有获得定位权限。您可以手动选择所在地区，同样能找到最近的社工站。')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '手动选择地区' })).toBeInTheDocument()
    expect(screen.getByText('位置：未获得定位权限')).toBeInTheDocument()
    expect(geo.getCurrentPosition).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('离您最近的社工站')).not.toBeInTheDocument()
    expect(screen.queryByText('民馨社区社会工作室')).not.toBeInTheDocument()
    expect(screen.queryByText('正在查找附近的社工站…')).not.toBeInTheDocument()
    // The main action is always there, without a station to send it to yet.
    fireEvent.click(screen.getByRole('button', { name: '有问题找社工' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/request/new/index' })
    // WeChat's settings page does not exist in a browser.
    expect(screen.queryByRole('button', { name: '去设置开启定位' })).not.toBeInTheDocument()
    expect(api.requests).toEqual([])
  })

  test('手动选择地区 opens the area picker', async () => {
    refused()
    render(<Index />)
    fireEvent.click(await screen.findByRole('button', { name: '手动选择地区' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/area/index' })
  })

  test('a browser without geolocation: 暂时无法获取您的位置', async () => {
    render(<Index />) // jsdom has no navigator.geolocation
    expect(await screen.findByText('暂时无法获取您的位置。您可以手动选择所在地区。')).toBeInTheDocument()
    expect(screen.getByText('位置：定位失败')).toBeInTheDocument()
  })
})

describe('首页 in the mini-program (weapp branch)', () => {
  test('refused: 去设置开启定位 opens WeChat settings; once allowed, it locates again and shows stations', async () => {
    process.env.TARO_ENV = 'weapp' // read at render and call time; restored after each test
    Taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' } as never)
    Taro.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.userLocation': true } } as never)
    const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
    render(<Index />)

    fireEvent.click(await screen.findByRole('button', { name: '去设置开启定位' }))
    expect(Taro.openSetting).toHaveBeenCalledTimes(1)
    expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
    expect(Taro.getLocation).toHaveBeenCalledTimes(2)
    expect(Taro.getLocation).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'gcj02' }))
    // WeChat's position is GCJ-02 already: sent as it is.
    expect(api.requests[0]!.query).toMatchObject({ lat: '39.0543', lng: '121.7634' })
    expect(screen.queryByRole('button', { name: '去设置开启定位' })).not.toBeInTheDocument()
  })

  test('still refused after the settings page: stays on 手动选择地区', async () => {
    process.env.TARO_ENV = 'weapp'
    Taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail auth deny' } as never)
    render(<Index />)
    fireEvent.click(await screen.findByRole('button', { name: '去设置开启定位' }))
    await act(async () => undefined)
    expect(Taro.getLocation).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('button', { name: '手动选择地区' })).toBeInTheDocument()
  })
})

describe('首页 with an area picked earlier', () => {
  test('does not ask for the position and shows stations near the area', async () => {
    useLocation.getState().pickArea({ path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: XIANJIN_CENTER })
    const geo = granted()
    const api = fakeApi({ 'GET /api/stations/nearby': { items: [XIANJIN, MINXIN] } })
    render(<Index />)

    await screen.findByText('离您最近的社工站')
    expect(within(heroSection()).getByText('先进街道社工站')).toBeInTheDocument()
    expect(screen.getByText('位置：大连市 金普新区 先进街道附近')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '切换地区' })).toBeInTheDocument()
    expect(geo.getCurrentPosition).not.toHaveBeenCalled()
    expect(api.requests[0]!.query).toMatchObject({ lat: String(XIANJIN_CENTER.lat), lng: String(XIANJIN_CENTER.lng) })
  })

  test('重新定位 asks for the position again and measures from it', async () => {
    useLocation.getState().pickArea({ path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: XIANJIN_CENTER })
    const geo = granted()
    const api = fakeApi({
      'GET /api/stations/nearby': (req) => ({ items: req.query.lat === String(XIANJIN_CENTER.lat) ? [XIANJIN] : [MINXIN] }),
    })
    render(<Index />)
    await screen.findByText('先进街道社工站')

    fireEvent.click(screen.getByRole('button', { name: '重新定位' }))
    expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
    expect(screen.getByText('位置：当前位置附近')).toBeInTheDocument()
    expect(geo.getCurrentPosition).toHaveBeenCalledTimes(1)
    expect(api.to('/api/stations/nearby')).toHaveLength(2)
  })
})

describe('首页 when the position is lost while stations are loading', () => {
  /**
   * A request still in flight for the old position must not land once the
   * position is gone (src/hooks/useNearbyStations.ts bumps `seq` for that);
   * otherwise 首页 would show 手动选择地区 *and* a "nearest" station.
   */
  test('a late answer for the old position is not shown once the position is gone', async () => {
    let allow!: () => void
    const answered = new Promise<void>((r) => (allow = r))
    let first = true
    const geo = stubGeolocation((ok, fail) => {
      if (first) {
        first = false
        ok({ coords: { ...HERE_WGS84, accuracy: 20 }, timestamp: Date.now() } as GeolocationPosition)
      } else fail({ code: 1, message: 'User denied Geolocation' } as GeolocationPositionError)
    })
    fakeApi({ 'GET /api/stations/nearby': async () => (await answered, { items: [MINXIN] }) })
    render(<Index />)
    expect(await screen.findByText('正在查找附近的社工站…')).toBeInTheDocument()

    // Before the stations arrive, the resident taps 重新定位 and this time refuses.
    fireEvent.click(screen.getByRole('button', { name: '重新定位' }))
    expect(await screen.findByRole('button', { name: '手动选择地区' })).toBeInTheDocument()
    expect(geo.getCurrentPosition).toHaveBeenCalledTimes(2)

    await act(async () => {
      allow()
      await new Promise((r) => setTimeout(r, 20))
    })
    // The page says it has no position; it should not also show a station "nearest" to the discarded one.
    expect(screen.getByText('位置：未获得定位权限')).toBeInTheDocument()
    expect(screen.queryByText('离您最近的社工站')).not.toBeInTheDocument()
  })
})

describe('首页 in 长辈模式', () => {
  beforeEach(() => {
    useElder.getState().setEnabled(true)
  })

  test('the nearest station’s name and phone in large type, and four big actions; 打电话给社工站 dials it, 预约服务 opens its services', async () => {
    granted()
    fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN] } })
    const { container } = render(<Index />)

    expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
    expect(screen.getByText('电话 0411-87589365')).toBeInTheDocument()
    expect(container.querySelector('.page-index')).toHaveClass('elder') // the root switches the design tokens
    expect(screen.queryByText('先进街道社工站')).not.toBeInTheDocument() // fewer choices: only the nearest
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['打电话给社工站', '有问题找社工', '预约服务', '我的求助'])

    fireEvent.click(screen.getByRole('button', { name: '打电话给社工站' }))
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0411-87589365' })
    fireEvent.click(screen.getByRole('button', { name: '有问题找社工' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/request/new/index?stationId=${MINXIN.id}&source=nearest` })
    fireEvent.click(screen.getByRole('button', { name: '预约服务' }))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/booking/new/index?stationId=${MINXIN.id}` })
  })

  test('refused: 选择所在地区 instead, no station to call yet, and 有问题找社工 all the same', async () => {
    refused()
    render(<Index />)
    fireEvent.click(await screen.findByRole('button', { name: '选择所在地区' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/area/index' })
    // Nothing to call yet; the main action stays.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['选择所在地区', '有问题找社工', '我的求助'])
    fireEvent.click(screen.getByRole('button', { name: '有问题找社工' }))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/request/new/index' })
  })
})
