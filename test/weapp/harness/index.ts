/**
 * Runs the REAL weapp build (dist/weapp, from `npm run build:weapp`) under jest.
 *
 * How a page gets on screen here, step by step, one module each:
 *
 * 1. build.ts — WXML. dist/weapp is compiled once per test file with WeChat's
 *    own WXML compiler `wcc`; `$gwx('pages/x/index.wxml')` gives each page's
 *    and component's render function, as on a phone.
 * 2. fakeWx.ts, routes.ts — a fresh fake `wx` per page: miniprogram-simulate's
 *    API with location, privacy, storage, modals, scanCode, downloadFile and
 *    wx.request (from a per-test route table) faked; every call recorded.
 * 3. appService.ts — JS. app.js, Taro's chunks, comp.js and the page's JS run
 *    in a fresh app service with the mini-program's globals and without the
 *    browser's; `App()`, `Page()` and `Component()` capture their options.
 * 4. page.ts — render and drive. The options are registered with j-component
 *    (miniprogram-simulate's engine, on WeChat's exparser) and the page goes
 *    through App.onLaunch/onShow, onLoad → onShow → onReady; taps, inputs and
 *    waiting for the app to settle.
 * 5. tree.ts — finding nodes by class across custom components, their text and
 *    WXML attributes. The only module that reaches into j-component's and
 *    exparser's private parts; its comment says why it must.
 *
 * Tests import from here: `import { mountPage, reply } from './harness'`.
 */
export { DIST, appPages } from './build'
export type { MountOptions, PrivacyListener, PrivacyState, WxCall } from './fakeWx'
export { HttpReply, NetworkError, networkError, reply, type FakeRequest, type RouteAnswer, type RouteHandler, type Routes } from './routes'
export { mountPage, settle, type MountedPage } from './page'
export { attrOf, findByClass, textOf, type JNodeLike } from './tree'
