/**
 * Runs the REAL weapp build (dist/weapp, from `npm run build:weapp`) under jest.
 *
 * How a page gets on screen here, step by step:
 *
 * 1. WXML. dist/weapp is compiled once per test file with WeChat's own WXML
 *    compiler `wcc` (npm package miniprogram-compiler: a native linux/mac/win
 *    binary, the one miniprogram-simulate uses for `compiler: 'official'`).
 *    `$gwx('pages/x/index.wxml')` then returns the page's render function with
 *    Taro's recursive `<template is="tmpl_0_…">` from base.wxml and utils.wxs
 *    already resolved, exactly as on a phone.
 *
 * 2. JS. Each mountPage() makes a fresh "app service": a fresh fake `wx`, then
 *    runs dist/weapp/app.js (which itself `require`s ./vendors, ./taro,
 *    ./runtime and ./common when present: webpack chunks that register through
 *    `wx.webpackJsonp`), comp.js and the page's JS, with a tiny CommonJS loader
 *    resolving paths inside dist/weapp. The code runs with the mini-program's
 *    globals (`wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`,
 *    `requirePlugin`) and *without* the browser's (`window`, `document`,
 *    `MessageChannel`, `setImmediate`, `fetch`, …), so it takes the same code
 *    paths it takes on a phone. `App(...)`, `Page(...)` and `Component(...)`
 *    only capture their options.
 *
 * 3. Render. The captured options are registered with j-component (the engine
 *    of miniprogram-simulate, on WeChat's exparser): `comp` as the custom
 *    component it is, the Page as a component whose methods are the page
 *    options' functions, each with its wcc render function. miniprogram-
 *    simulate registers the built-in tags (view, text, button, …). The page
 *    is then driven like the framework does: App.onLaunch/onShow, then
 *    page onLoad(query) → onShow → onReady. Taro's setData calls re-render it.
 *
 * 4. Drive. Helpers find nodes by class across custom-component boundaries,
 *    read their text, tap them (a real exparser `tap` event that bubbles to
 *    Taro's `eh` handler), and wait for the app to settle. The fake `wx`
 *    records every call; wx.request is answered from a per-test route table.
 */
import fs from 'node:fs'
import path from 'node:path'

/* eslint-disable @typescript-eslint/no-var-requires, @typescript-eslint/no-explicit-any */
// Importing miniprogram-simulate registers the built-in tags with j-component
// and puts its (fairly complete, always-succeeding) wx API on global.wx.
const simulate = require('miniprogram-simulate')
const jComponent = require('j-component')
const exparser = require('miniprogram-exparser')
const wcc = require('miniprogram-compiler')
/** j-component's node wrapper (dispatchEvent, querySelector, data, …). */
const JNode: new (exparserNode: any) => JNodeLike = Object.getPrototypeOf(require('j-component/src/render/component'))

void simulate
/** The build under test; WEAPP_DIST points the harness at another weapp build (e.g. a fixture app). */
export const DIST = path.resolve(process.env.WEAPP_DIST ?? path.join(__dirname, '../../dist/weapp'))

// ───────────────────────── types ─────────────────────────

/** A node of the rendered page (j-component wrapper around an exparser node). */
export interface JNodeLike {
  _exparserNode: any
  dom: HTMLElement
  data: any
  instance: any
  dispatchEvent(name: string, options?: { detail?: unknown }): void
  querySelector(selector: string): JNodeLike | undefined
  querySelectorAll(selector: string): JNodeLike[]
  triggerPageLifeTime(name: string, ...args: unknown[]): void
}

export interface WxCall {
  api: string
  /** The first argument (the options object for async APIs). */
  arg: any
  args: unknown[]
}

export interface FakeRequest {
  method: string
  /** Full URL as the phone would send it: for GET, `data` is appended as the query string. */
  url: string
  path: string
  query: Record<string, string>
  /** Route params, e.g. `{ id }` for `GET /api/stations/:id`. */
  params: Record<string, string>
  data: unknown
  header: Record<string, string>
}

/** A non-200 answer: `reply(404, { code: 'NOT_FOUND', message: '…' })`. */
export class HttpReply {
  constructor(readonly status: number, readonly body: unknown) {}
}
export const reply = (status: number, body: unknown): HttpReply => new HttpReply(status, body)
/** wx.request's `fail` (no HTTP answer at all), e.g. `networkError('request:fail timeout')`. */
export class NetworkError {
  constructor(readonly errMsg: string) {}
}
export const networkError = (errMsg = 'request:fail timeout'): NetworkError => new NetworkError(errMsg)

/**
 * What a route answers: a JSON body (status 200), a `reply(status, body)`, a
 * `networkError()`, or a function of the request returning one of these (or a
 * Promise of one: the request stays pending until it resolves).
 */
export type RouteAnswer = HttpReply | NetworkError | object | string | number | boolean | null
export type RouteHandler = (req: FakeRequest) => RouteAnswer | Promise<RouteAnswer>
export type Routes = Record<string, RouteHandler | RouteAnswer>

export type PrivacyListener = (resolve: (e: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void, info: { referrer: string }) => void
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
}

// ───────────────────────── WXML (official compiler) ─────────────────────────

let gwxCache: { key: string; gwx: (file: string) => any } | undefined

/** `$gwx` of dist/weapp, compiled by wcc. Recompiled when any .wxml/.wxs changes (by mtime). */
function gwx(): (file: string) => any {
  assertBuilt()
  const files = listFiles(DIST).filter((f) => /\.(wxml|wxs)$/.test(f))
  const key = files.map((f) => `${f}:${fs.statSync(path.join(DIST, f)).mtimeMs}`).join('|')
  if (gwxCache?.key === key) return gwxCache.gwx
  // wcc's output checks the webview engine version (miniprogram-simulate sets the same).
  ;(globalThis as any).__webview_engine_version__ = 0.02
  const code: string = wcc.wxmlToJs(DIST, { wxmlList: files.filter((f) => f.endsWith('.wxml')), wxsList: files.filter((f) => f.endsWith('.wxs')), maxBuffer: 64 * 1024 * 1024 })
  // eslint-disable-next-line no-new-func
  gwxCache = { key, gwx: new Function(code)() }
  return gwxCache.gwx
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  )
}

let staleChecked = false

function assertBuilt(): void {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`No weapp build in ${DIST}: run \`npm run build:weapp\` first.`)
  }
  // The tests run what was built: say so when the sources are newer (npm test builds first).
  if (staleChecked || process.env.WEAPP_DIST) return
  staleChecked = true
  const root = path.resolve(__dirname, '../..')
  const built = fs.statSync(path.join(DIST, 'app.js')).mtimeMs
  const newer = ['src', 'contract', 'domain']
    .flatMap((d) => (fs.existsSync(path.join(root, d)) ? listFiles(path.join(root, d), `${d}/`) : []))
    .filter((f) => fs.statSync(path.join(root, f)).mtimeMs > built)
  if (newer.length) console.warn(`dist/weapp is older than ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ', …' : ''}: these tests run the old build. Run \`npm run build:weapp\`.`)
}

// ───────────────────────── fake wx ─────────────────────────

/** The base API set: miniprogram-simulate's wx (captured before any test touches global.wx). */
const simulateWx: Record<string, unknown> = { ...(globalThis as any).wx }

/** APIs the simulate base lacks but the app (or Taro) may call; they succeed unless faked below. */
const EXTRA_ASYNC_APIS = ['openPrivacyContract', 'openLocation', 'makePhoneCall']

function createWx(opts: MountOptions, calls: WxCall[], requests: FakeRequest[], unmatched: FakeRequest[]) {
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

  const fakes: Record<string, (...args: any[]) => unknown> = {
    // ── network: the per-test route table
    request(o: any) {
      // wx.request knows only these methods (no PATCH): anything else fails as it does on a phone.
      const sent = String(o.method ?? 'GET').toUpperCase()
      if (!WX_REQUEST_METHODS.includes(sent)) {
        void Promise.resolve().then(() => answer('request', o, { errMsg: `request:fail invalid method ${sent}` }))
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
      }
      const req = toFakeRequest(o)
      requests.push(req)
      const found = findRoute(opts.routes ?? {}, req)
      if (found) req.params = found.params
      else unmatched.push(req)
      const pending = found
        ? Promise.resolve(typeof found.answer === 'function' ? (found.answer as RouteHandler)(req) : found.answer)
        : Promise.resolve(reply(404, { code: 'NOT_FOUND', message: `harness: no fake route for ${req.method} ${req.path}` }))
      pending.then((a) => {
        if (a instanceof NetworkError) return answer('request', o, { errMsg: a.errMsg })
        const { status, body } = a instanceof HttpReply ? a : { status: 200, body: a }
        // A JSON round trip: the page gets its own copy, as over the wire.
        return answer('request', o, { statusCode: status, data: JSON.parse(JSON.stringify(body ?? null)), header: { 'content-type': 'application/json' }, cookies: [] })
      })
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
    },

    // ── location & permissions
    getLocation: (o: any) =>
      withPrivacy('getLocation', o, () =>
        locationGranted
          ? answer('getLocation', o, { accuracy: 30, altitude: 0, speed: -1, verticalAccuracy: 0, horizontalAccuracy: 30, ...(location as object) })
          : answer('getLocation', o, location === 'deny' ? { errMsg: 'getLocation:fail auth deny' } : (location as { errMsg: string }))),
    getFuzzyLocation: (o: any) =>
      withPrivacy('getFuzzyLocation', o, () =>
        locationGranted ? answer('getFuzzyLocation', o, { ...(location as object) }) : answer('getFuzzyLocation', o, { errMsg: 'getFuzzyLocation:fail auth deny' })),
    chooseLocation: (o: any) => withPrivacy('chooseLocation', o, () => answer('chooseLocation', o, { errMsg: 'chooseLocation:fail cancel' })),
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
    getStorage: (o: any) => (storage.has(o.key) ? answer('getStorage', o, { data: storage.get(o.key) }) : answer('getStorage', o, { errMsg: 'getStorage:fail data not found' })),
    setStorage: (o: any) => (storage.set(o.key, o.data), answer('setStorage', o, {})),
    removeStorage: (o: any) => (storage.delete(o.key), answer('removeStorage', o, {})),
    clearStorage: (o: any) => (storage.clear(), answer('clearStorage', o, {})),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),

    // ── UI & navigation: record and succeed
    showModal: (o: any) => answer('showModal', o, opts.modalConfirm === false ? { confirm: false, cancel: true } : { confirm: true, cancel: false, content: '' }),
    navigateTo: (o: any) => answer('navigateTo', o, { eventChannel: { on() {}, off() {}, emit() {}, once() {} } }),
    makePhoneCall: ok('makePhoneCall'),
    openLocation: ok('openLocation'),
  }
  for (const name of ['redirectTo', 'switchTab', 'reLaunch', 'navigateBack', 'showToast', 'hideToast', 'showLoading', 'hideLoading',
    'stopPullDownRefresh', 'startPullDownRefresh', 'setNavigationBarTitle', 'setClipboardData', 'pageScrollTo', 'showShareMenu', 'vibrateShort']) {
    fakes[name] = ok(name)
  }

  if (opts.scanCode !== undefined) {
    const scanned = opts.scanCode
    fakes.scanCode = (o: any) =>
      answer('scanCode', o, typeof scanned === 'string' ? { result: scanned, scanType: 'QR_CODE', charSet: 'utf-8', rawData: '' } : scanned)
  }
  if (opts.downloadFile !== undefined) {
    const downloaded = opts.downloadFile
    fakes.downloadFile = (o: any) => {
      answer('downloadFile', o, 'errMsg' in downloaded ? downloaded : { tempFilePath: 'wxfile://tmp/harness-download', ...downloaded })
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    }
  }

  fakes.getAppBaseInfo = () => ({ SDKVersion: '3.7.0', language: 'zh_CN', version: '8.0.50', theme: 'light', fontSizeSetting: opts.fontSizeSetting ?? 17 })

  const wx: Record<string, unknown> = {}
  const names = new Set([...Object.keys(simulateWx), ...EXTRA_ASYNC_APIS, ...Object.keys(fakes)])
  for (const name of names) {
    const impl = fakes[name] ?? simulateWx[name] ?? ok(name)
    wx[name] = typeof impl === 'function'
      ? function recorded(this: unknown, ...args: unknown[]) {
        calls.push({ api: name, arg: args[0], args })
        return (impl as (...a: unknown[]) => unknown).apply(this, args)
      }
      : impl
  }
  return { wx, storage, privacy }
}

/** The methods wx.request accepts. */
const WX_REQUEST_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT']

function toFakeRequest(o: any): FakeRequest {
  // A PATCH travels as POST with X-HTTP-Method-Override (src/api/taroAdapter.ts); the server reads it as PATCH, and so do the fakes.
  const header: Record<string, string> = o.header ?? {}
  const override = Object.entries(header).find(([k]) => k.toLowerCase() === 'x-http-method-override')?.[1]
  const method = String(o.method ?? 'GET').toUpperCase() === 'POST' && override?.toUpperCase() === 'PATCH' ? 'PATCH' : String(o.method ?? 'GET').toUpperCase()
  const u = new URL(String(o.url), 'https://harness.invalid')
  // wx.request sends `data` as the query string for GET (and for DELETE/HEAD with non-JSON data).
  if (method === 'GET' && o.data && typeof o.data === 'object') {
    for (const [k, v] of Object.entries(o.data)) if (v !== undefined && v !== null) u.searchParams.append(k, String(v))
  }
  const url = /^https?:/.test(String(o.url)) ? u.toString() : `${u.pathname}${u.search}`
  return { method, url, path: u.pathname, query: Object.fromEntries(u.searchParams), params: {}, data: o.data, header: o.header ?? {} }
}

/** The route for a request; literal routes win over `:param` ones (`/api/stations/nearby` before `/api/stations/:id`). */
function findRoute(routes: Routes, req: FakeRequest) {
  const params = (key: string) => (key.match(/:\w+/g) ?? []).length
  for (const [key, answer] of Object.entries(routes).sort(([a], [b]) => params(a) - params(b))) {
    const [m, p] = key.includes(' ') ? key.split(/\s+/, 2) : ['GET', key]
    if (m.toUpperCase() !== req.method) continue
    const names: string[] = []
    const re = new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_s, n: string) => (names.push(n), '([^/]+)'))}/?$`)
    const m2 = re.exec(req.path)
    if (m2) return { answer, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m2[i + 1])])) }
  }
  return undefined
}

// ───────────────────────── loading Taro's chunks ─────────────────────────

/** Browser globals a mini-program's JS does not have; shadowed so the bundle takes its mini-program paths. */
const HIDDEN_GLOBALS = ['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'XMLHttpRequest', 'fetch', 'MessageChannel', 'setImmediate', 'self', 'requestAnimationFrame', 'cancelAnimationFrame']

interface AppService {
  wx: Record<string, unknown>
  appOptions?: any
  pages: Map<string, any>
  components: Map<string, any>
  pageStack: any[]
  require(file: string): unknown
}

/** A `Date` whose clock starts at `start` and runs on in real time (for the app's code only). */
function clockFrom(start: number): DateConstructor {
  const RealDate = Date
  const offset = start - RealDate.now()
  class PhoneDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...(args as [string]))
    }
    static now(): number {
      return RealDate.now() + offset
    }
  }
  return PhoneDate as DateConstructor
}

function createAppService(wx: Record<string, unknown>, consoleErrors: string[], now?: Date | string): AppService {
  const service: AppService = { wx, pages: new Map(), components: new Map(), pageStack: [], require: () => undefined }
  const modules = new Map<string, { exports: unknown }>()
  let current = ''
  const mpGlobals: Record<string, unknown> = {
    wx,
    App: (o: any) => { service.appOptions = o },
    Page: (o: any) => { service.pages.set(current, o) },
    Component: (o: any) => { service.components.set(current, o) },
    Behavior: (o: any) => o,
    getApp: () => service.appOptions,
    getCurrentPages: () => service.pageStack.slice(),
    requirePlugin: () => ({}),
    __wxConfig: { envVersion: 'develop', platform: 'devtools' },
    Date: now === undefined ? Date : clockFrom(new Date(now).getTime()),
    // The app's console.error / console.warn are recorded (page.consoleErrors) and still printed.
    console: Object.assign(Object.create(console), {
      error: (...a: unknown[]) => (consoleErrors.push(a.map(String).join(' ')), console.error(...a)),
      warn: (...a: unknown[]) => (consoleErrors.push(a.map(String).join(' ')), console.warn(...a)),
    }),
  }
  const load = (file: string): unknown => {
    const abs = path.resolve(DIST, file.endsWith('.js') ? file : `${file}.js`)
    const cached = modules.get(abs)
    if (cached) return cached.exports
    const mod = { exports: {} as unknown }
    modules.set(abs, mod)
    const rel = path.relative(DIST, abs)
    const code = `${fs.readFileSync(abs, 'utf8')}\n//# sourceURL=dist/weapp/${rel}`
    const names = ['require', 'module', 'exports', ...Object.keys(mpGlobals), ...HIDDEN_GLOBALS]
    // eslint-disable-next-line no-new-func
    const fn = new Function(...names, code)
    const previous = current
    current = rel.replace(/\.js$/, '')
    const localRequire = (spec: string) => load(path.relative(DIST, path.resolve(path.dirname(abs), spec)))
    try {
      fn(localRequire, mod, mod.exports, ...Object.values(mpGlobals), ...HIDDEN_GLOBALS.map(() => undefined))
    } finally {
      current = previous
    }
    return mod.exports
  }
  service.require = load
  return service
}

// ───────────────────────── mounting a page ─────────────────────────

/** The pages of the build's app.json: `main` pages and subpackage (`sub`) pages, as routes. */
export function appPages(): { main: string[]; sub: string[] } {
  assertBuilt()
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  const subPackages: { root: string; pages: string[] }[] = appJson.subPackages ?? appJson.subpackages ?? []
  return {
    main: appJson.pages ?? [],
    sub: subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`)),
  }
}

export interface MountedPage {
  /** The page root (j-component). */
  root: JNodeLike
  /** The page instance (`this` inside Taro's page config). */
  instance: any
  wx: Record<string, any>
  /** Every wx API call, in order. */
  calls: WxCall[]
  /** Every wx.request, in order. */
  requests: FakeRequest[]
  /** Requests no route answered (they got a 404). */
  unmatchedRequests: FakeRequest[]
  storage: Map<string, unknown>
  /** Privacy agreement state (see MountOptions.needPrivacyAuthorization) and the app's listeners. */
  privacy: PrivacyState
  /** What the app wrote with console.error / console.warn (React errors land here). */
  consoleErrors: string[]
  /** Calls of one API: the first argument of each (e.g. `callsOf('makePhoneCall')[0].phoneNumber`). */
  callsOf(api: string): any[]
  /** Nodes with this class (`'station-card'` or `'.station-card'`), in document order, across custom components. */
  querySelectorAll(className: string): JNodeLike[]
  /** The only node with this class; throws if there is none or several. */
  get(className: string): JNodeLike
  /** The first node with this class, or undefined. */
  find(className: string): JNodeLike | undefined
  /** Visible text of the page (or of `node`). */
  text(node?: JNodeLike): string
  /** Taps a node (or the only node with a class) and lets the app settle. */
  tap(target: string | JNodeLike): Promise<void>
  /** Fires any event on a node, e.g. `trigger('picker', 'change', { value: 2 })`. */
  trigger(target: string | JNodeLike, event: string, detail?: Record<string, unknown>): Promise<void>
  /** Types into an input/textarea (fires `input` then `confirm`). */
  input(target: string | JNodeLike, value: string): Promise<void>
  /** Flushes promises and timers until `fn` returns truthy (or doesn't throw); returns its value. */
  waitFor<T>(fn: () => T, what?: string): Promise<NonNullable<T>>
  /** Runs a page lifecycle again, e.g. `lifecycle('onPullDownRefresh')`, `lifecycle('onShow')`. */
  lifecycle(name: string, ...args: unknown[]): Promise<void>
  unmount(): void
}

let mountedPages: MountedPage[] = []
if (typeof afterEach === 'function') {
  afterEach(() => {
    mountedPages.forEach((p) => p.unmount())
    mountedPages = []
  })
}

/**
 * Loads the app and `route` (e.g. `'pages/index/index'`) from dist/weapp and
 * renders the page with `query` as its onLoad options. Waits until Taro's
 * first render has reached the page.
 */
export async function mountPage(route: string, query: Record<string, string> = {}, opts: MountOptions = {}): Promise<MountedPage> {
  route = route.replace(/^\//, '')
  const { main, sub } = appPages()
  if (![...main, ...sub].includes(route)) throw new Error(`${route} is not in dist/weapp/app.json: ${[...main, ...sub].join(', ')}`)
  const gwxFn = gwx()

  const calls: WxCall[] = []
  const requests: FakeRequest[] = []
  const unmatchedRequests: FakeRequest[] = []
  const { wx, storage, privacy } = createWx(opts, calls, requests, unmatchedRequests)
  const consoleErrors: string[] = []
  const service = createAppService(wx, consoleErrors, opts.now)
  service.require('app')

  // Components the page uses (comp, custom-wrapper, …), then the page.
  const usingOf = (file: string) => {
    const json = JSON.parse(fs.readFileSync(path.join(DIST, `${file}.json`), 'utf8'))
    return Object.entries<string>(json.usingComponents ?? {}).map(([tag, p]) => ({
      tag,
      file: p.startsWith('/') ? p.slice(1) : path.relative(DIST, path.resolve(path.dirname(path.join(DIST, file)), p)),
    }))
  }
  const componentIds = new Map<string, string>()
  const registerComponent = (file: string, tag: string): string => {
    const existing = componentIds.get(file)
    if (existing) return existing
    const id = `harness-${file.replace(/\W/g, '-')}-${nextId++}`
    componentIds.set(file, id)
    service.require(file)
    const options = service.components.get(file)
    if (!options) throw new Error(`${file}.js did not call Component()`)
    const usingComponents: Record<string, string> = {}
    for (const u of usingOf(file)) usingComponents[u.tag] = registerComponent(u.file, u.tag)
    jComponent.register({ ...options, id, tagName: tag, path: `/${file}`, template: gwxFn(`${file}.wxml`), usingComponents, options: { ...(options.options ?? {}), classPrefix: '' } })
    return id
  }
  const pageUsing: Record<string, string> = {}
  for (const u of usingOf(route)) pageUsing[u.tag] = registerComponent(u.file, u.tag)

  service.require(route)
  const pageOptions = service.pages.get(route)
  if (!pageOptions) throw new Error(`${route}.js did not call Page()`)
  const methods: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(pageOptions)) if (typeof v === 'function') methods[k] = v
  const pageId = `harness-page-${nextId++}`
  jComponent.register({ id: pageId, tagName: 'page', path: `/${route}`, template: gwxFn(`${route}.wxml`), usingComponents: pageUsing, data: pageOptions.data ?? {}, methods, options: { classPrefix: '' } })

  const root: JNodeLike = jComponent.create(pageId)
  const parent = document.createElement('harness-root')
  document.body.appendChild(parent)
  ;(root as any).attach(parent)
  const instance = root.instance
  // What the framework puts on a page instance.
  Object.assign(instance, { route, __route__: route, options: query, is: route })
  // Count Taro's setData calls: mounting waits for the first one (a page may render nothing).
  let setDataCalls = 0
  const setData = instance.setData
  instance.setData = (data: unknown, cb?: () => void) => (setDataCalls++, setData(data, cb))
  for (const [k, v] of Object.entries(pageOptions)) if (typeof v !== 'function' && !(k in instance)) instance[k] = v
  for (const below of opts.openedFrom ?? []) service.pageStack.push({ route: below, __route__: below, options: {} })
  service.pageStack.push(instance)

  const app = service.appOptions
  if (!app) throw new Error('app.js did not call App()')
  const launch = { path: route, query, scene: opts.scene ?? 1001, referrerInfo: {}, shareTicket: undefined }
  app.onLaunch?.call(app, launch)
  app.onShow?.call(app, launch)

  const page = makePage({ root, instance, wx, calls, requests, unmatchedRequests, storage, consoleErrors, privacy }, parent)
  mountedPages.push(page)
  instance.onLoad?.call(instance, { ...query })
  instance.onShow?.call(instance)
  instance.onReady?.call(instance)
  await page.waitFor(() => setDataCalls > 0, 'Taro’s first render (no setData yet)')
  await settle()
  return page
}

let nextId = 1

type PageState = Pick<MountedPage, 'root' | 'instance' | 'wx' | 'calls' | 'requests' | 'unmatchedRequests' | 'storage' | 'consoleErrors' | 'privacy'>

/** What tapping a `<button open-type=…>` fires besides `tap`, as on a phone (detail as a resident who agrees). */
const OPEN_TYPE_EVENTS: Record<string, [string, Record<string, unknown>]> = {
  agreePrivacyAuthorization: ['agreeprivacyauthorization', { buttonId: '' }],
  openSetting: ['opensetting', { authSetting: { 'scope.userLocation': true } }],
  contact: ['contact', { path: '', query: {} }],
}

function makePage(state: PageState, parent: HTMLElement): MountedPage {
  const { root, instance, calls, requests } = state
  const page: MountedPage = {
    ...state,
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.arg),
    querySelectorAll: (cls) => findByClass(root, cls.replace(/^\./, '')),
    find: (cls) => page.querySelectorAll(cls)[0],
    get(cls) {
      const all = page.querySelectorAll(cls)
      if (all.length !== 1) throw new Error(`expected one .${cls.replace(/^\./, '')}, found ${all.length}. Page text: ${page.text()}`)
      return all[0]
    },
    text: (node) => textOf((node ?? root)._exparserNode),
    async tap(target) {
      const node = typeof target === 'string' ? page.get(target) : target
      node.dispatchEvent('tap', { detail: { x: 0, y: 0 } })
      await settle()
      const openType = attrOf(node._exparserNode, 'openType')
      const extra = typeof openType === 'string' ? OPEN_TYPE_EVENTS[openType] : undefined
      // On a phone, tapping the agree button is itself the agreement.
      if (openType === 'agreePrivacyAuthorization') state.privacy.agreed = true
      if (extra) await page.trigger(node, extra[0], extra[1])
    },
    async trigger(target, event, detail = {}) {
      const node = typeof target === 'string' ? page.get(target) : target
      node.dispatchEvent(event, { detail })
      await settle()
    },
    async input(target, value) {
      const node = typeof target === 'string' ? page.get(target) : target
      node.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } })
      await settle()
      node.dispatchEvent('confirm', { detail: { value } })
      await settle()
    },
    async waitFor(fn, what) {
      let last: unknown
      for (let turn = 0; turn < MAX_TURNS; turn++) {
        try {
          const v = fn()
          if (v) return v as NonNullable<typeof v>
          last = undefined
        } catch (e) {
          last = e
        }
        await macrotask()
      }
      const detail = last instanceof Error ? `\nlast error: ${last.message}` : ''
      throw new Error(
        `waitFor: gave up waiting for ${what ?? String(fn)}${detail}\n` +
          `page text: ${page.text()}\n` +
          `wx calls: ${calls.map((c) => c.api).join(', ')}\n` +
          `requests: ${requests.map((r) => `${r.method} ${r.url}${state.unmatchedRequests.includes(r) ? ' (no fake route: 404)' : ''}`).join(', ')}`,
      )
    },
    async lifecycle(name, ...args) {
      const f = instance[name]
      if (typeof f !== 'function') throw new Error(`page has no ${name}()`)
      f.apply(instance, args)
      await settle()
    },
    unmount() {
      try {
        instance.onUnload?.call(instance)
      } catch {
        // the app may already be torn down
      }
      ;(root as any).detach?.()
      parent.remove()
    },
  }
  return page
}

// ───────────────────────── tree helpers ─────────────────────────

/** Bounded number of macrotasks waitFor/settle will spin: enough for Taro's setTimeout-batched setData and chained fake requests. */
const MAX_TURNS = 200

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Lets pending promises, zero-delay timers and the resulting re-renders run. */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await macrotask()
}

/**
 * Children in render order, through custom components: a component shows its
 * shadow tree, and a `<slot>` in it shows the host's light children (built-in
 * tags like view/text are registered as `<slot/>` only).
 */
function childrenOf(node: any): any[] {
  if (node instanceof exparser.Component && node.shadowRoot && node.shadowRoot !== node) return [...node.shadowRoot.childNodes]
  if (node.__slotName !== undefined) {
    const host = node.ownerShadowRoot?.getHostNode?.()
    return host ? [...host.childNodes] : []
  }
  return [...(node.childNodes ?? [])]
}

/** An attribute as rendered from the WXML (wcc camel-cases names: `openType`). */
export function attrOf(node: any, name: string): unknown {
  return node._vt?.attrs?.find((a: { name: string }) => a.name === name)?.value
}

/** The node's `class` attribute as rendered from the WXML (virtual and text nodes have none). */
function classesOf(node: any): string[] {
  const attr = node._vt?.attrs?.find((a: { name: string }) => a.name === 'class')
  return typeof attr?.value === 'string' ? attr.value.split(/\s+/).filter(Boolean) : []
}

function findByClass(root: JNodeLike, cls: string): JNodeLike[] {
  const out: JNodeLike[] = []
  const walk = (node: any) => {
    if (node !== root._exparserNode && classesOf(node).includes(cls)) out.push(node.__componentNode__ ?? new JNode(node))
    childrenOf(node).forEach(walk)
  }
  walk(root._exparserNode)
  return out
}

function textOf(node: any): string {
  if (node instanceof exparser.TextNode) return node.textContent
  return childrenOf(node).map(textOf).join('')
}
