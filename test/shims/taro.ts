/**
 * `@tarojs/taro` for the unit and components jest projects (mapped in
 * jest.config.js `moduleNameMapper`). Every API is a jest.fn() with a default
 * that answers like Taro does (success/complete callbacks and a promise);
 * storage is an in-memory map; the page hooks run like React effects.
 *
 * The one instance lives on globalThis, so a module re-imported inside
 * jest.isolateModules() still talks to the same fakes and the same storage
 * (that is how a "restarted" store finds what the previous one persisted).
 *
 * Tests import it as `import Taro from '../shims/taro'` to get the mock types;
 * at run time it is the same module the app gets for '@tarojs/taro'.
 */
import { useEffect, useRef } from 'react'

type Options = Record<string, any> & {
  success?: (res: any) => void
  fail?: (err: any) => void
  complete?: (res: any) => void
}

/** Answers like a Taro async API: success + complete callbacks, and a resolved promise. */
function ok<T extends object>(res: T | ((opts: Options) => T)) {
  return (opts: Options = {}) => {
    const value = typeof res === 'function' ? (res as (o: Options) => T)(opts) : res
    opts.success?.(value)
    opts.complete?.(value)
    return Promise.resolve(value)
  }
}

/** A RequestTask-like promise: Taro.request returns a promise with abort(). */
function requestDefault(opts: Options) {
  const err = { errMsg: `request:fail no fake response for ${opts.method ?? 'GET'} ${opts.url}` }
  const promise = new Promise((_resolve, reject) =>
    setTimeout(() => {
      opts.fail?.(err)
      opts.complete?.(err)
      reject(err)
    }, 0),
  ) as Promise<never> & { abort: () => void }
  promise.catch(() => undefined) // callers use the callbacks; do not leave an unhandled rejection
  promise.abort = () => undefined
  return promise
}

/** Where Taro.getLocation puts the resident by default: 金普新区, Dalian (GCJ-02). */
export const DEFAULT_LOCATION = { latitude: 39.0543, longitude: 121.7634 }

function createShim() {
  const storage = new Map<string, unknown>()
  const state = {
    routerParams: {} as Record<string, string | undefined>,
    pullDownRefresh: new Set<{ current: () => unknown }>(),
    reachBottom: new Set<{ current: () => unknown }>(),
    didShow: new Set<{ current: () => unknown }>(),
  }

  const defaults = {
    request: requestDefault,
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => {
      storage.set(key, value)
    },
    removeStorageSync: (key: string) => {
      storage.delete(key)
    },
    clearStorageSync: () => storage.clear(),
    getLocation: ok(() => ({ ...DEFAULT_LOCATION, accuracy: 30, errMsg: 'getLocation:ok' })),
    makePhoneCall: ok({ errMsg: 'makePhoneCall:ok' }),
    openLocation: ok({ errMsg: 'openLocation:ok' }),
    chooseLocation: ok({ name: '', address: '', ...DEFAULT_LOCATION, errMsg: 'chooseLocation:ok' }),
    navigateTo: ok({ errMsg: 'navigateTo:ok' }),
    redirectTo: ok({ errMsg: 'redirectTo:ok' }),
    navigateBack: ok({ errMsg: 'navigateBack:ok' }),
    switchTab: ok({ errMsg: 'switchTab:ok' }),
    pageScrollTo: ok({ errMsg: 'pageScrollTo:ok' }),
    stopPullDownRefresh: ok({ errMsg: 'stopPullDownRefresh:ok' }),
    setNavigationBarTitle: ok({ errMsg: 'setNavigationBarTitle:ok' }),
    showToast: ok({ errMsg: 'showToast:ok' }),
    showModal: ok({ confirm: true, cancel: false, errMsg: 'showModal:ok' }),
    login: ok({ code: 'test-wx-code', errMsg: 'login:ok' }),
    openSetting: ok({ authSetting: {}, errMsg: 'openSetting:ok' }),
    requestSubscribeMessage: ok({ errMsg: 'requestSubscribeMessage:ok' }),
    chooseMedia: ok({ tempFiles: [], type: 'image', errMsg: 'chooseMedia:ok' }),
    chooseImage: ok({ tempFilePaths: [], tempFiles: [], errMsg: 'chooseImage:ok' }),
    uploadFile: ok({ data: '{}', statusCode: 200, errMsg: 'uploadFile:ok' }),
    downloadFile: ok({ tempFilePath: 'wxfile://tmp/download', statusCode: 200, errMsg: 'downloadFile:ok' }),
    getCurrentPages: (): { route: string }[] => [{ route: 'pages/index/index' }],
    // After the next render, as Taro's (h5: a macrotask).
    nextTick: (cb: () => void): void => {
      setTimeout(cb, 0)
    },
  }

  type Defaults = typeof defaults
  type Fakes = { [K in keyof Defaults]: jest.Mock<ReturnType<Defaults[K]>, Parameters<Defaults[K]>> }
  const fakes = Object.fromEntries(Object.entries(defaults).map(([k, impl]) => [k, jest.fn(impl as never)])) as unknown as Fakes

  /** Runs `cb` once when the page mounts (a page's first onShow); __show() runs it again. */
  function useDidShow(cb: () => unknown) {
    const ref = useRef(cb)
    ref.current = cb
    useEffect(() => {
      state.didShow.add(ref)
      ref.current()
      return () => {
        state.didShow.delete(ref)
      }
    }, [])
  }

  /** Registers the page's pull-down handler; __pullDownRefresh() triggers it. */
  function usePullDownRefresh(cb: () => unknown) {
    const ref = useRef(cb)
    ref.current = cb
    useEffect(() => {
      state.pullDownRefresh.add(ref)
      return () => {
        state.pullDownRefresh.delete(ref)
      }
    }, [])
  }

  /** Registers the page's end-of-page handler; __reachBottom() triggers it. */
  function useReachBottom(cb: () => unknown) {
    const ref = useRef(cb)
    ref.current = cb
    useEffect(() => {
      state.reachBottom.add(ref)
      return () => {
        state.reachBottom.delete(ref)
      }
    }, [])
  }

  function useLaunch(cb: () => unknown) {
    const ref = useRef(cb)
    ref.current = cb
    useEffect(() => {
      ref.current()
    }, [])
  }

  function useRouter() {
    return { params: state.routerParams, path: '' }
  }

  const helpers = {
    /** The in-memory storage behind get/set/removeStorageSync. */
    __storage: storage,
    /** What useRouter().params returns until the next __reset(). */
    __setRouterParams(params: Record<string, string | undefined>) {
      state.routerParams = { ...params }
    },
    /** The resident pulls the page down: runs every mounted usePullDownRefresh handler. */
    async __pullDownRefresh() {
      await Promise.all([...state.pullDownRefresh].map((r) => r.current()))
    },
    /** The resident scrolls to the end of the page: runs every mounted useReachBottom handler. */
    async __reachBottom() {
      await Promise.all([...state.reachBottom].map((r) => r.current()))
    },
    /** The page is shown again (back from another page): runs every mounted useDidShow handler. */
    async __show() {
      await Promise.all([...state.didShow].map((r) => r.current()))
    },
    /** Empties storage and router params and restores every fake's default. */
    __reset() {
      storage.clear()
      state.routerParams = {}
      for (const [k, impl] of Object.entries(defaults)) {
        const fn = (fakes as unknown as Record<string, jest.Mock>)[k]!
        fn.mockReset()
        fn.mockImplementation(impl as never)
      }
    },
  }

  return { ...fakes, useDidShow, usePullDownRefresh, useReachBottom, useLaunch, useRouter, ...helpers }
}

type Shim = ReturnType<typeof createShim>
const g = globalThis as typeof globalThis & { __taroShim?: Shim }
const Taro: Shim = (g.__taroShim ??= createShim())

export const {
  useDidShow,
  usePullDownRefresh,
  useReachBottom,
  useLaunch,
  useRouter,
  __reset,
  __setRouterParams,
  __pullDownRefresh,
  __reachBottom,
  __show,
  __storage,
} = Taro
export default Taro
