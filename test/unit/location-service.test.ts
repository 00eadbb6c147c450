/**
 * Locating the resident (src/services/location.ts), in the mini-program:
 * WeChat's getLocation gives GCJ-02 directly; a refusal is told apart from a
 * failure, so the page can offer 手动选择地区 or 去设置.
 */
import { getPosition, locate, openLocationSettings } from '@/services/location'
import { useLocation } from '@/stores/location'
import Taro from '../shims/taro'

const XIANJIN = { path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: { lat: 39.0535, lng: 121.779 } }
const failWith = (errMsg: string) => () => Promise.reject({ errMsg })

beforeEach(() => {
  useLocation.setState(useLocation.getInitialState(), true)
  Taro.__reset()
  process.env.TARO_ENV = 'weapp'
})
afterAll(() => {
  delete process.env.TARO_ENV
})

describe('locate() in the mini-program', () => {
  test('getLocation success → located, at the GCJ-02 position WeChat gave', async () => {
    Taro.getLocation.mockResolvedValue({ latitude: 39.0543, longitude: 121.7634, errMsg: 'getLocation:ok' } as never)
    await locate()
    expect(Taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }))
    expect(useLocation.getState()).toMatchObject({ status: 'located', source: 'gps', position: { lat: 39.0543, lng: 121.7634 } })
  })

  test('while WeChat is asked, the status is locating', async () => {
    let answer!: (v: unknown) => void
    Taro.getLocation.mockReturnValue(new Promise((r) => (answer = r)) as never)
    const done = locate()
    expect(useLocation.getState().status).toBe('locating')
    answer({ latitude: 39, longitude: 121 })
    await done
    expect(useLocation.getState().status).toBe('located')
  })

  test("'getLocation:fail auth deny' → denied, no position", async () => {
    Taro.getLocation.mockImplementation(failWith('getLocation:fail auth deny') as never)
    await locate()
    expect(useLocation.getState()).toMatchObject({ status: 'denied', position: null, source: null })
  })

  test('other refusals WeChat reports are denied too (privacy agreement, system permission)', async () => {
    for (const errMsg of [
      'getLocation:fail privacy permission is not authorized',
      'getLocation:fail system permission denied',
      'getLocation:fail:auth denied',
    ]) {
      Taro.getLocation.mockImplementation(failWith(errMsg) as never)
      await expect(getPosition()).rejects.toMatchObject({ reason: 'denied', message: errMsg })
    }
  })

  test('a failure that is not a refusal → failed', async () => {
    Taro.getLocation.mockImplementation(failWith('getLocation:fail:ERROR_NETWORK') as never)
    await locate()
    expect(useLocation.getState()).toMatchObject({ status: 'failed', position: null })
  })

  test('denied with a picked area: stations are still measured from the area', async () => {
    useLocation.getState().pickArea(XIANJIN)
    Taro.getLocation.mockImplementation(failWith('getLocation:fail auth deny') as never)
    await locate()
    expect(useLocation.getState()).toMatchObject({ status: 'denied', source: 'area', position: XIANJIN.center })
  })
})

describe('openLocationSettings()', () => {
  test('in WeChat: opens the settings and says whether location is now allowed', async () => {
    Taro.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.userLocation': true } } as never)
    expect(await openLocationSettings()).toBe(true)
    Taro.openSetting.mockResolvedValueOnce({ authSetting: {} } as never)
    expect(await openLocationSettings()).toBe(false)
  })

  test('in the browser: nothing to open', async () => {
    process.env.TARO_ENV = 'h5'
    expect(await openLocationSettings()).toBe(false)
    expect(Taro.openSetting).not.toHaveBeenCalled()
  })
})
