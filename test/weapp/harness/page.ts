/**
 * Mounting a page and driving it. The captured App/Page/Component options are
 * registered with j-component (miniprogram-simulate's engine, on WeChat's
 * exparser): `comp` as the custom component it is, the Page as a component
 * whose methods are the page options' functions, each with its wcc render
 * function. The page is then driven like the framework does: App.onLaunch /
 * onShow, then page onLoad(query) → onShow → onReady; Taro's setData calls
 * re-render it. Taps are real exparser `tap` events that bubble to Taro's `eh`
 * handler.
 */

import fs from 'node:fs'
import path from 'node:path'
import { createAppService } from './appService'
import { DIST, appPages, gwx } from './build'
import { createWx, type MountOptions, type PrivacyState, type WxCall } from './fakeWx'
import type { FakeRequest } from './routes'
import { attrOf, findByClass, textOf, type JNodeLike } from './tree'

const jComponent = require('j-component')

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
  /**
   * The tab bar WeChat draws under a tab page when app.json's `tabBar.custom` is set: the
   * `custom-tab-bar/index` component, created for this page as WeChat does (null on other pages).
   */
  tabBar: JNodeLike | null
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
    jComponent.register({
      ...options,
      id,
      tagName: tag,
      path: `/${file}`,
      template: gwxFn(`${file}.wxml`),
      usingComponents,
      options: { ...(options.options ?? {}), classPrefix: '' },
      // Taro's component config (custom-tab-bar) leaves these as {} where none are given; WeChat takes that, j-component wants arrays.
      behaviors: Array.isArray(options.behaviors) ? options.behaviors : [],
      externalClasses: Array.isArray(options.externalClasses) ? options.externalClasses : [],
    })
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
  jComponent.register({
    id: pageId,
    tagName: 'page',
    path: `/${route}`,
    template: gwxFn(`${route}.wxml`),
    usingComponents: pageUsing,
    data: pageOptions.data ?? {},
    methods,
    options: { classPrefix: '' },
  })

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

  // WeChat gives every tab page its own instance of the custom tab bar, below the page.
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  let tabBar: JNodeLike | null = null
  if (appJson.tabBar?.custom && (appJson.tabBar.list ?? []).some((t: { pagePath: string }) => t.pagePath === route)) {
    tabBar = jComponent.create(registerComponent('custom-tab-bar/index', 'custom-tab-bar'))
    ;(tabBar as any).attach(parent)
  }

  const page = makePage({ root, instance, wx, calls, requests, unmatchedRequests, storage, consoleErrors, privacy, tabBar }, parent)
  mountedPages.push(page)
  instance.onLoad?.call(instance, { ...query })
  instance.onShow?.call(instance)
  instance.onReady?.call(instance)
  await page.waitFor(() => setDataCalls > 0, 'Taro’s first render (no setData yet)')
  await settle()
  return page
}

let nextId = 1

type PageState = Pick<
  MountedPage,
  'root' | 'instance' | 'wx' | 'calls' | 'requests' | 'unmatchedRequests' | 'storage' | 'consoleErrors' | 'privacy' | 'tabBar'
>

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
      return all[0]!
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
