/**
 * The app's stores (src/stores/*): what they keep across a restart of the
 * mini-program (Taro storage, faked in memory) and what they forget.
 */
import { useLocation, locationLabel, type PickedArea } from '@/stores/location'
import { useSession } from '@/stores/session'
import { usePrivacy, listenForPrivacyAuthorization, PRIVACY_AGREE_BUTTON_ID } from '@/stores/privacy'
import Taro from '../shims/taro'
import { failWith, fakeApi } from '../shims/fakeApi'

const USER = { id: '7d1f0a52-0000-4000-8000-0000000000a1', nickname: '微信用户', role: 'resident' as const }
const XIANJIN: PickedArea = { path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: { lat: 39.0535, lng: 121.779 } }

/** What a store persisted under `key` (zustand persist writes `{ state, version }`). */
const persisted = (key: string) => {
  const raw = Taro.getStorageSync(key)
  return raw ? (JSON.parse(raw as string) as { state: Record<string, unknown> }).state : null
}

/** A fresh copy of the location store, as after a restart of the mini-program (storage kept). */
function restartedLocationStore(): typeof useLocation {
  let store!: typeof useLocation
  jest.isolateModules(() => {
    store = (require('@/stores/location') as typeof import('@/stores/location')).useLocation
  })
  return store
}

beforeEach(() => {
  for (const s of [useLocation, useSession, usePrivacy] as { setState: (x: unknown, r: true) => void; getInitialState: () => unknown }[]) {
    s.setState(s.getInitialState(), true)
  }
  Taro.__reset()
  delete process.env.TARO_ENV
})

describe('session store', () => {
  test('login (outside WeChat: the demo login) persists the token and user; logout clears both', async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const api = fakeApi({
      'POST /api/auth/dev': { token: 'tok-abc', user: USER, expiresAt },
      'POST /api/auth/logout': { ok: true },
    })

    await useSession.getState().login()
    expect(useSession.getState()).toMatchObject({ token: 'tok-abc', user: USER, loggingIn: false })
    expect(persisted('sgz-session')).toEqual({ token: 'tok-abc', user: USER, expiresAt })

    await useSession.getState().logout()
    expect(useSession.getState()).toMatchObject({ token: null, user: null })
    expect(persisted('sgz-session')).toEqual({ token: null, user: null, expiresAt: null })
    // The server was told, with the token that was being given up.
    expect(api.to('/api/auth/logout')[0]!.header.Authorization).toBe('Bearer tok-abc')
  })

  test('in WeChat, login sends the wx.login code', async () => {
    process.env.TARO_ENV = 'weapp'
    const api = fakeApi({
      'POST /api/auth/wechat': { token: 'tok-wx', user: USER, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
    await useSession.getState().login()
    expect(Taro.login).toHaveBeenCalled()
    expect(api.requests[0]!.data).toEqual({ code: 'test-wx-code' })
    expect(useSession.getState().token).toBe('tok-wx')
  })

  test('logout still clears the session when the server cannot be reached', async () => {
    useSession.setState({ token: 'tok-abc', user: USER, expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
    fakeApi({ 'POST /api/auth/logout': failWith('request:fail ') })
    await useSession.getState().logout()
    expect(useSession.getState().token).toBeNull()
  })

  test('two quick taps while logged out log in once (demo login): both wait for the same session', async () => {
    const api = fakeApi({
      'POST /api/auth/dev': { token: 'tok-once', user: USER, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
    await Promise.all([useSession.getState().login(), useSession.getState().login()])
    expect(api.to('/api/auth/dev')).toHaveLength(1)
    expect(useSession.getState()).toMatchObject({ token: 'tok-once', loggingIn: false })
  })

  test('in WeChat, two quick taps make one wx.login exchange', async () => {
    process.env.TARO_ENV = 'weapp'
    const api = fakeApi({
      'POST /api/auth/wechat': { token: 'tok-wx1', user: USER, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
    await Promise.all([useSession.getState().login(), useSession.getState().login(), useSession.getState().login()])
    expect(Taro.login).toHaveBeenCalledTimes(1)
    expect(api.to('/api/auth/wechat')).toHaveLength(1)
  })

  test('after a failed login the next tap tries again', async () => {
    fakeApi({})
    await expect(useSession.getState().login()).rejects.toMatchObject({ name: 'ApiError' })
    const api = fakeApi({
      'POST /api/auth/dev': { token: 'tok-2', user: USER, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
    await useSession.getState().login()
    expect(api.to('/api/auth/dev')).toHaveLength(1)
    expect(useSession.getState().token).toBe('tok-2')
  })

  test('a failed login leaves no one logged in and stops the spinner', async () => {
    fakeApi({}) // 404
    await expect(useSession.getState().login()).rejects.toMatchObject({ name: 'ApiError' })
    expect(useSession.getState()).toMatchObject({ token: null, loggingIn: false })
  })
})

describe('location store', () => {
  test('pickArea measures from the area centre and persists only the area', () => {
    useLocation.getState().pickArea(XIANJIN)
    expect(useLocation.getState()).toMatchObject({ status: 'located', source: 'area', position: XIANJIN.center, area: XIANJIN })
    expect(persisted('sgz-location')).toEqual({ area: XIANJIN })
  })

  test('after a restart the store starts from the remembered area', () => {
    useLocation.getState().pickArea(XIANJIN)
    const restarted = restartedLocationStore()
    expect(restarted).not.toBe(useLocation)
    expect(restarted.getState()).toMatchObject({ status: 'located', source: 'area', position: XIANJIN.center, area: XIANJIN })
    expect(locationLabel(restarted.getState())).toBe('大连市 金普新区 先进街道附近')
  })

  test('a GPS fix is not remembered: after a restart the store is idle again', () => {
    useLocation.getState().setGps({ lat: 39.05, lng: 121.76 })
    expect(useLocation.getState()).toMatchObject({ status: 'located', source: 'gps' })
    expect(restartedLocationStore().getState()).toMatchObject({ status: 'idle', position: null, source: null, area: null })
  })

  test('setFailed falls back to the picked area', () => {
    useLocation.getState().pickArea(XIANJIN)
    useLocation.getState().setGps({ lat: 39.05, lng: 121.76 })
    useLocation.getState().setLocating()
    useLocation.getState().setFailed('denied')
    expect(useLocation.getState()).toMatchObject({ status: 'denied', source: 'area', position: XIANJIN.center })
  })

  test('setFailed without a picked area leaves no position', () => {
    useLocation.getState().setGps({ lat: 39.05, lng: 121.76 })
    useLocation.getState().setFailed('failed')
    expect(useLocation.getState()).toMatchObject({ status: 'failed', source: null, position: null })
  })

  test('locationLabel says where the stations are measured from', () => {
    const s = useLocation.getState
    expect(locationLabel(s())).toBe('尚未定位')
    s().setLocating()
    expect(locationLabel(s())).toBe('正在定位…')
    s().setFailed('denied')
    expect(locationLabel(s())).toBe('未获得定位权限')
    s().setFailed('failed')
    expect(locationLabel(s())).toBe('定位失败')
    s().setGps({ lat: 39.05, lng: 121.76 })
    expect(locationLabel(s())).toBe('当前位置附近')
  })
})

describe('privacy store', () => {
  test("WeChat's privacy request shows the popup; 同意 answers agree with the agree button's id", () => {
    process.env.TARO_ENV = 'weapp'
    let ask: ((resolve: (r: unknown) => void) => void) | undefined
    ;(Taro as unknown as { onNeedPrivacyAuthorization: unknown }).onNeedPrivacyAuthorization = (cb: typeof ask) => {
      ask = cb
    }
    try {
      listenForPrivacyAuthorization()
      const resolve = jest.fn()
      ask!(resolve)
      expect(usePrivacy.getState().visible).toBe(true)
      usePrivacy.getState().agree()
      expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })
      expect(usePrivacy.getState().visible).toBe(false)
    } finally {
      delete (Taro as unknown as { onNeedPrivacyAuthorization?: unknown }).onNeedPrivacyAuthorization
    }
  })

  test('拒绝 answers disagree and hides the popup', () => {
    const resolve = jest.fn()
    usePrivacy.getState().ask(resolve)
    usePrivacy.getState().reject()
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
    expect(usePrivacy.getState()).toMatchObject({ visible: false, resolver: null })
  })
})

describe('locationLabel for an area picked above the street level', () => {
  test('a district reads 市 区', () => {
    expect(
      locationLabel({ status: 'located', source: 'area', area: { path: ['辽宁省', '大连市', '金普新区'], center: XIANJIN.center } }),
    ).toBe('大连市 金普新区附近')
  })

  /**
   * KNOWN BUG (src/stores/location.ts, locationLabel): the label drops the
   * province (`path.slice(1)`), so an area that *is* a province — 整个辽宁省
   * in the area picker, offered as soon as a province is opened — reads
   * "附近" with no place name (首页: "位置：附近"). `failing` until fixed.
   */
  test('a whole province still names the province', () => {
    expect(locationLabel({ status: 'located', source: 'area', area: { path: ['辽宁省'], center: { lat: 41.8, lng: 123.43 } } })).toBe(
      '辽宁省附近',
    )
  })
})
