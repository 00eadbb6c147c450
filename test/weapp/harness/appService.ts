/**
 * A fresh "app service" per mounted page: dist/weapp/app.js (which itself
 * `require`s ./vendors, ./taro, ./runtime and ./common when present: webpack
 * chunks that register through `wx.webpackJsonp`), comp.js and the page's JS,
 * run by a tiny CommonJS loader rooted at dist/weapp. The code runs with the
 * mini-program's globals (`wx`, `App`, `Page`, `Component`, `getApp`,
 * `getCurrentPages`, `requirePlugin`) and *without* the browser's (`window`,
 * `document`, `MessageChannel`, `setImmediate`, `fetch`, …), so it takes the
 * code paths it takes on a phone. `App(...)`, `Page(...)` and `Component(...)`
 * only capture their options.
 */

import fs from 'node:fs'
import path from 'node:path'
import { DIST } from './build'

/** Browser globals a mini-program's JS does not have; shadowed so the bundle takes its mini-program paths. */
const HIDDEN_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'fetch',
  'MessageChannel',
  'setImmediate',
  'self',
  'requestAnimationFrame',
  'cancelAnimationFrame',
]

export interface AppService {
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

export function createAppService(wx: Record<string, unknown>, consoleErrors: string[], now?: Date | string): AppService {
  const service: AppService = { wx, pages: new Map(), components: new Map(), pageStack: [], require: () => undefined }
  const modules = new Map<string, { exports: unknown }>()
  let current = ''
  const mpGlobals: Record<string, unknown> = {
    wx,
    App: (o: any) => {
      service.appOptions = o
    },
    Page: (o: any) => {
      service.pages.set(current, o)
    },
    Component: (o: any) => {
      service.components.set(current, o)
    },
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
