/**
 * The first screen's data asked for at launch (src/services/firstScreen.ts): for 首页, 找社工站 and 活动 the
 * app locates the resident as the page would and asks for the page's first query as soon as the position is
 * known; the page, drawn later, takes that answer (one request, not two). Consent rules hold: after a
 * withdrawal nothing is located, and a new version of the location text is left to the page to ask.
 */
import { act, render, screen } from '@testing-library/react'
import Index from '@/pages/index/index'
import Stations from '@/pages/stations/index'
import Activities from '@/pages/activities/index'
import { openedRoute, prefetchFirstScreen } from '@/services/firstScreen'
import { useConsents } from '@/stores/consents'
import { useLocation } from '@/stores/location'
import { wgs84ToGcj02 } from '@domain/geo'
import Taro from '../shims/taro'
import { fakeApi } from '../shims/fakeApi'
import { ACTIVITIES, JIEQI } from '../weapp/activity-fixtures'
import { MINXIN, XIANJIN } from './fixtures'

const HERE_WGS84 = { latitude: 39.0513, longitude: 121.7585 }
const HERE = wgs84ToGcj02({ lat: HERE_WGS84.latitude, lng: HERE_WGS84.longitude })
const AREA = { path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: { lat: 39.0535, lng: 121.779 } }

function granted() {
  const geo = {
    getCurrentPosition: jest.fn((ok: PositionCallback) =>
      ok({ coords: { ...HERE_WGS84, accuracy: 20 }, timestamp: Date.now() } as GeolocationPosition),
    ),
    watchPosition: jest.fn(),
    clearWatch: jest.fn(),
  }
  Object.defineProperty(window.navigator, 'geolocation', { value: geo, configurable: true })
  return geo
}
afterEach(() => {
  delete (window.navigator as { geolocation?: unknown }).geolocation
})

/** Lets the position's callback and the request's first steps run. */
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)))

test('the opened page, from the launch path or the h5 address', () => {
  expect(openedRoute('#/pages/stations/index?elder=1')).toBe('pages/stations/index')
  expect(openedRoute('#/pages/activities/index')).toBe('pages/activities/index')
  expect(openedRoute('')).toBe('pages/index/index')
  expect(openedRoute('#/')).toBe('pages/index/index')
  expect(openedRoute('pages/activities/index')).toBe('pages/activities/index')
})

test('首页: located and asked for at launch; the page shows that answer without asking again', async () => {
  const geo = granted()
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN, XIANJIN] } })
  prefetchFirstScreen('pages/index/index')
  await settle()
  // Before the page exists: the position and its request.
  expect(useLocation.getState()).toMatchObject({ status: 'located', source: 'gps' })
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
  expect(api.requests[0]!.query).toEqual({ lat: String(HERE.lat), lng: String(HERE.lng), limit: '3' })

  render(<Index />)
  expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
  expect(screen.getByText('位置：当前位置附近')).toBeInTheDocument()
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
  expect(geo.getCurrentPosition).toHaveBeenCalledTimes(1)
  expect(api.unmatched).toEqual([])
})

test('首页 drawn while the answer is still on its way: it waits for that one', async () => {
  granted()
  let answer!: () => void
  const api = fakeApi({
    'GET /api/stations/nearby': () => new Promise((resolve) => (answer = () => resolve({ items: [MINXIN] }))),
  })
  prefetchFirstScreen('pages/index/index')
  await settle()
  render(<Index />)
  expect(screen.getByText('正在查找附近的社工站…')).toBeInTheDocument()
  await settle()
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
  await act(async () => answer())
  expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
})

test('找社工站 with a picked area: asked for at once (no locating), 30 stations, one request', async () => {
  useLocation.getState().pickArea(AREA)
  const geo = granted()
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [XIANJIN, MINXIN] } })
  prefetchFirstScreen('pages/stations/index')
  expect(api.to('/api/stations/nearby')).toHaveLength(0) // the request is on its way (Taro.request answers later)
  await settle()
  expect(api.requests[0]!.query).toEqual({ lat: String(AREA.center.lat), lng: String(AREA.center.lng), limit: '30' })
  render(<Stations />)
  expect(await screen.findByText('先进街道社工站')).toBeInTheDocument()
  await settle()
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
  expect(geo.getCurrentPosition).not.toHaveBeenCalled()
})

test('活动: the list near the position, asked for once the position is known, shown by the page', async () => {
  granted()
  const api = fakeApi({ 'GET /api/activities': ACTIVITIES })
  prefetchFirstScreen('pages/activities/index')
  await settle()
  expect(api.to('/api/activities')).toHaveLength(1)
  expect(api.requests[0]!.query).toEqual({ lat: String(HERE.lat), lng: String(HERE.lng) })
  render(<Activities />)
  expect(await screen.findByText(JIEQI.title, { exact: false })).toBeInTheDocument()
  await settle()
  expect(api.to('/api/activities')).toHaveLength(1)
  expect(api.unmatched).toEqual([])
})

test('location consent withdrawn: nothing located at launch; stations near a picked area are still asked for once', async () => {
  useConsents.setState({ location: { version: '2026-11-23', granted: false, at: new Date().toISOString(), recordedFor: 'u1' } })
  const geo = granted()
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
  prefetchFirstScreen('pages/index/index')
  await settle()
  expect(geo.getCurrentPosition).not.toHaveBeenCalled()
  expect(useLocation.getState().status).toBe('denied')
  expect(api.requests).toEqual([])
  render(<Index />)
  await settle()
  expect(screen.getByRole('button', { name: '手动选择地区' })).toBeInTheDocument()
  expect(geo.getCurrentPosition).not.toHaveBeenCalled()
  expect(api.requests).toEqual([])
})

test('location consent withdrawn, with a picked area: its stations, once, and still no locating', async () => {
  useConsents.setState({ location: { version: '2026-11-23', granted: false, at: new Date().toISOString(), recordedFor: 'u1' } })
  useLocation.getState().pickArea(AREA)
  const geo = granted()
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
  prefetchFirstScreen('pages/index/index')
  await settle()
  render(<Index />)
  expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
  expect(geo.getCurrentPosition).not.toHaveBeenCalled()
})

test('a new version of the location text: nothing at launch; the page asks first, as before', async () => {
  useConsents.setState({ location: { version: '2020-01-01', granted: true, at: new Date().toISOString(), recordedFor: null } })
  const geo = granted()
  const api = fakeApi({ 'GET /api/stations/nearby': { items: [MINXIN] } })
  prefetchFirstScreen('pages/index/index')
  await settle()
  expect(Taro.showModal).not.toHaveBeenCalled()
  expect(geo.getCurrentPosition).not.toHaveBeenCalled()
  expect(useLocation.getState().status).toBe('idle')
  expect(api.requests).toEqual([])
  render(<Index />)
  expect(await screen.findByText('民馨社区社会工作室')).toBeInTheDocument()
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '位置信息使用说明已更新' }))
  expect(api.to('/api/stations/nearby')).toHaveLength(1)
})

test('another page (我的, a station) opened: nothing located, nothing asked for', async () => {
  const geo = granted()
  const api = fakeApi({})
  prefetchFirstScreen('pages/mine/index')
  prefetchFirstScreen('pages/station/index')
  await settle()
  expect(geo.getCurrentPosition).not.toHaveBeenCalled()
  expect(useLocation.getState().status).toBe('idle')
  expect(api.requests).toEqual([])
})
