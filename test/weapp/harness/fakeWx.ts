/**
 * The fake `wx` of one mounted page: miniprogram-simulate's (fairly complete,
 * always-succeeding) API as the base, with the APIs the app depends on faked
 * here — wx.request from the route table (routes.ts), location and the privacy
 * agreement, storage in memory, modals, scanCode, downloadFile, the font size.
 * Every call is recorded.
 */

import {
  HttpReply,
  NetworkError,
  WX_REQUEST_METHODS,
  findRoute,
  reply,
  toFakeRequest,
  type FakeRequest,
  type RouteHandler,
  type Routes,
} from './routes'

// Importing miniprogram-simulate registers the built-in tags with j-component
// and puts its wx API on global.wx.
require('miniprogram-simulate')

export interface WxCall {
  api: string
  /** The first argument (the options object for async APIs). */
  arg: any
  args: unknown[]
}

export type PrivacyListener = (
  resolve: (e: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void,
  info: { referrer: string },
) => void
export interface PrivacyState {
  agreed: boolean
  listeners: PrivacyListener[]
}

export interface MountOptions {
  /** `'METHOD /path'` (with `:param` segments) → answer. Unknown routes answer 404 and are listed in `unmatchedRequests`. */
  routes?: Routes
  /** Result of wx.getLocation: coordinates, or `'deny'` (auth deny), or any `{ errMsg }` failure. Default: `'deny'`. */
  location?: { latitude: number; longitude: number; accuracy?: number } | 'deny' | { errMsg: string }
  /** Initial contents of wx storage (values stored as given, like setStorageSync). */
  storage?: Record<string, unknown>
  /** The resident has not agreed to the privacy guide yet (privacy-scoped APIs then need it). Default false. */
  needPrivacyAuthorization?: boolean
  /** wx.showModal answer. Default: confirm. */
  modalConfirm?: boolean
  /** The phone's clock: the app's `Date` starts here and runs on (opening hours say 开放中 / 已休息 from it). Default: the real clock. */
  now?: Date | string
  /** Routes of pages below this one in the stack (getCurrentPages()), e.g. `['pages/index/index']` when it was opened with navigateTo. */
  openedFrom?: string[]
  /** App launch scene. */
  scene?: number
  /** WeChat's font size as wx.getAppBaseInfo reports it (长辈模式 follows it). Default: the standard size. */
  fontSizeSetting?: number
  /** What wx.scanCode reads: the QR code's content, or a failure such as `{ errMsg: 'scanCode:fail cancel' }`. Default: miniprogram-simulate's empty result. */
  scanCode?: string | { errMsg: string }
  /** What wx.downloadFile answers (at once): the HTTP status and temp file, or a failure `{ errMsg }`. Default: miniprogram-simulate's (after 100 ms). */
  downloadFile?: { statusCode: number; tempFilePath?: string } | { errMsg: string }
  /** What wx.chooseMessageFile picks from a chat: one file, or a failure such as `{ errMsg: 'chooseMessageFile:fail cancel' }`. Default: cancelled. */
  messageFile?: { name: string; size?: number } | { errMsg: string }
}

/** The base API set: miniprogram-simulate's wx (captured before any test touches global.wx). */
const simulateWx: Record<string, unknown> = { ...(globalThis as any).wx }

/** APIs the simulate base lacks but the app (or Taro) may call; they succeed unless faked below. */
const EXTRA_ASYNC_APIS = ['openPrivacyContract', 'openLocation', 'makePhoneCall']

export function createWx(opts: MountOptions, calls: WxCall[], requests: FakeRequest[], unmatched: FakeRequest[]) {
  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}))
  const location = opts.location ?? 'deny'
  const locationGranted = typeof location === 'object' && 'latitude' in location

  /** Answer like wx does: callbacks a macrotask later, or a Promise when no callback is given. */
  const answer = (name: string, o: any, res: Record<string, unknown> | { errMsg: string }) => {
    const ok = !('errMsg' in res) || /:ok/.test(String(res.errMsg))
    const full: Record<string, unknown> = Object.assign({ errMsg: `${name}:ok` }, res)
    const settle = (resolve?: (v: unknown) => void, reject?: (e: unknown) => void) =>
      setTimeout(() => {
        if (ok) o?.success?.(full)
        else o?.fail?.(full)
        o?.complete?.(full)
        if (ok) resolve?.(full)
        else reject?.(full)
      }, 0)
    if (o && (o.success || o.fail || o.complete)) {
      settle()
      return undefined
    }
    return new Promise((resolve, reject) => settle(resolve, reject))
  }
  const ok = (name: string) => (o?: any) => answer(name, o, {})

  /**
   * Privacy (基础库 ≥ 2.32.3): while the resident has not agreed, a
   * privacy-scoped API first calls the app's (last) onNeedPrivacyAuthorization
   * listener and waits for its `resolve({ event: 'agree' | 'disagree' })`;
   * with no listener, or on disagree, it fails like WeChat does.
   */
  const privacy: PrivacyState = { agreed: !opts.needPrivacyAuthorization, listeners: [] }
  const withPrivacy = (name: string, o: any, run: () => unknown): unknown => {
    if (privacy.agreed) return run()
    const deny = () => answer(name, o, { errMsg: `${name}:fail privacy permission is not authorized`, errno: 104 })
    const listener = privacy.listeners[privacy.listeners.length - 1]
    if (!listener) return deny()
    return new Promise((resolve) =>
      listener(
        (e) => {
          if (e?.event === 'agree') privacy.agreed = true
          resolve(e?.event === 'agree' ? run() : deny())
        },
        { referrer: name },
      ),
    )
  }

  /** A request through the test's route table (recorded; unknown routes answer 404 and are listed). */
  const routed = (req: FakeRequest): Promise<unknown> => {
    requests.push(req)
    const found = findRoute(opts.routes ?? {}, req)
    if (found) req.params = found.params
    else unmatched.push(req)
    return found
      ? Promise.resolve(typeof found.answer === 'function' ? (found.answer as RouteHandler)(req) : found.answer)
      : Promise.resolve(reply(404, { code: 'NOT_FOUND', message: `harness: no fake route for ${req.method} ${req.path}` }))
  }

  const fakes: Record<string, (...args: any[]) => unknown> = {
    // ── network: the per-test route table
    request(o: any) {
      // wx.request knows only these methods (no PATCH): anything else fails as it does on a phone.
      const sent = String(o.method ?? 'GET').toUpperCase()
      if (!WX_REQUEST_METHODS.includes(sent)) {
        void Promise.resolve().then(() => answer('request', o, { errMsg: `request:fail invalid method ${sent}` }))
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
      }
      routed(toFakeRequest(o)).then((a) => {
        if (a instanceof NetworkError) return answer('request', o, { errMsg: a.errMsg })
        const { status, body } = a instanceof HttpReply ? a : { status: 200, body: a }
        // A JSON round trip: the page gets its own copy, as over the wire.
        return answer('request', o, {
          statusCode: status,
          data: JSON.parse(JSON.stringify(body ?? null)),
          header: { 'content-type': 'application/json' },
          cookies: [],
        })
      })
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
    },

    // ── location & permissions
    getLocation: (o: any) =>
      withPrivacy('getLocation', o, () =>
        locationGranted
          ? answer('getLocation', o, {
              accuracy: 30,
              altitude: 0,
              speed: -1,
              verticalAccuracy: 0,
              horizontalAccuracy: 30,
              ...(location as object),
            })
          : answer('getLocation', o, location === 'deny' ? { errMsg: 'getLocation:fail auth deny' } : (location as { errMsg: string })),
      ),
    getFuzzyLocation: (o: any) =>
      withPrivacy('getFuzzyLocation', o, () =>
        locationGranted
          ? answer('getFuzzyLocation', o, { ...(location as object) })
          : answer('getFuzzyLocation', o, { errMsg: 'getFuzzyLocation:fail auth deny' }),
      ),
    chooseLocation: (o: any) =>
      withPrivacy('chooseLocation', o, () => answer('chooseLocation', o, { errMsg: 'chooseLocation:fail cancel' })),
    getSetting: (o: any) =>
      answer('getSetting', o, {
        // Never asked (no `location` option) → no entry, as on a fresh install.
        authSetting: opts.location === undefined ? {} : { 'scope.userLocation': locationGranted },
        subscriptionsSetting: { mainSwitch: true },
      }),
    authorize: (o: any) =>
      o?.scope === 'scope.userLocation'
        ? withPrivacy('authorize', o, () => answer('authorize', o, locationGranted ? {} : { errMsg: 'authorize:fail auth deny' }))
        : answer('authorize', o, {}),
    openSetting: (o: any) => answer('openSetting', o, { authSetting: { 'scope.userLocation': locationGranted } }),
    getPrivacySetting: (o: any) =>
      answer('getPrivacySetting', o, { needAuthorization: !privacy.agreed, privacyContractName: '《社工站居民服务小程序隐私保护指引》' }),
    onNeedPrivacyAuthorization: (listener: PrivacyListener) => {
      privacy.listeners.push(listener)
    },
    requirePrivacyAuthorize: (o: any) => withPrivacy('requirePrivacyAuthorize', o, () => answer('requirePrivacyAuthorize', o, {})),
    openPrivacyContract: ok('openPrivacyContract'),
    login: (o: any) => answer('login', o, { code: 'harness-login-code' }),
    checkSession: ok('checkSession'),

    // ── storage (in memory, seeded per test)
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: (o: any) =>
      storage.has(o.key)
        ? answer('getStorage', o, { data: storage.get(o.key) })
        : answer('getStorage', o, { errMsg: 'getStorage:fail data not found' }),
    setStorage: (o: any) => (storage.set(o.key, o.data), answer('setStorage', o, {})),
    removeStorage: (o: any) => (storage.delete(o.key), answer('removeStorage', o, {})),
    clearStorage: (o: any) => (storage.clear(), answer('clearStorage', o, {})),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),

    // ── UI & navigation: record and succeed
    showModal: (o: any) =>
      answer(
        'showModal',
        o,
        opts.modalConfirm === false ? { confirm: false, cancel: true } : { confirm: true, cancel: false, content: '' },
      ),
    navigateTo: (o: any) => answer('navigateTo', o, { eventChannel: { on() {}, off() {}, emit() {}, once() {} } }),
    makePhoneCall: ok('makePhoneCall'),
    openLocation: ok('openLocation'),
  }
  for (const name of [
    'redirectTo',
    'switchTab',
    'reLaunch',
    'navigateBack',
    'showToast',
    'hideToast',
    'showLoading',
    'hideLoading',
    'stopPullDownRefresh',
    'startPullDownRefresh',
    'setNavigationBarTitle',
    'setClipboardData',
    'pageScrollTo',
    'showShareMenu',
    'vibrateShort',
  ]) {
    fakes[name] = ok(name)
  }

  if (opts.scanCode !== undefined) {
    const scanned = opts.scanCode
    fakes.scanCode = (o: any) =>
      answer('scanCode', o, typeof scanned === 'string' ? { result: scanned, scanType: 'QR_CODE', charSet: 'utf-8', rawData: '' } : scanned)
  }
  // A file from a chat, then uploaded: wx.uploadFile goes through the route table as a POST whose `data` is `{ file: tempPath }`,
  // and answers the route's body as a string, as WeChat does.
  const picked = opts.messageFile ?? { errMsg: 'chooseMessageFile:fail cancel' }
  fakes.chooseMessageFile = (o: any) =>
    answer(
      'chooseMessageFile',
      o,
      'errMsg' in picked
        ? picked
        : { tempFiles: [{ path: `wxfile://tmp/${picked.name}`, name: picked.name, size: picked.size ?? 2048, type: 'file', time: 0 }] },
    )
  fakes.uploadFile = (o: any) => {
    const req = toFakeRequest({ url: o.url, method: 'POST', header: o.header, data: { [o.name ?? 'file']: o.filePath } })
    void routed(req).then((a) => {
      if (a instanceof NetworkError) return answer('uploadFile', o, { errMsg: a.errMsg })
      const { status, body } = a instanceof HttpReply ? a : { status: 200, body: a }
      return answer('uploadFile', o, { statusCode: status, data: JSON.stringify(body ?? null) })
    })
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  if (opts.downloadFile !== undefined) {
    const downloaded = opts.downloadFile
    fakes.downloadFile = (o: any) => {
      answer('downloadFile', o, 'errMsg' in downloaded ? downloaded : { tempFilePath: 'wxfile://tmp/harness-download', ...downloaded })
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    }
  }

  fakes.getAppBaseInfo = () => ({
    SDKVersion: '3.7.0',
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    fontSizeSetting: opts.fontSizeSetting ?? 17,
  })

  const wx: Record<string, unknown> = {}
  const names = new Set([...Object.keys(simulateWx), ...EXTRA_ASYNC_APIS, ...Object.keys(fakes)])
  for (const name of names) {
    const impl = fakes[name] ?? simulateWx[name] ?? ok(name)
    wx[name] =
      typeof impl === 'function'
        ? function recorded(this: unknown, ...args: unknown[]) {
            calls.push({ api: name, arg: args[0], args })
            return (impl as (...a: unknown[]) => unknown).apply(this, args)
          }
        : impl
  }
  return { wx, storage, privacy }
}
