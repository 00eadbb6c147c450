/**
 * The weapp build under test (dist/weapp) and its WXML, compiled with WeChat's
 * own compiler `wcc` (npm package miniprogram-compiler: a native linux/mac/win
 * binary, the one miniprogram-simulate uses for `compiler: 'official'`).
 * `$gwx('pages/x/index.wxml')` returns the page's render function with Taro's
 * recursive `<template is="tmpl_0_…">` from base.wxml and utils.wxs already
 * resolved, exactly as on a phone. It is compiled once per test file.
 */
import fs from 'node:fs'
import path from 'node:path'

const wcc = require('miniprogram-compiler')

/** The build under test; WEAPP_DIST points the harness at another weapp build (e.g. a fixture app). */
export const DIST = path.resolve(process.env.WEAPP_DIST ?? path.join(__dirname, '../../../dist/weapp'))

let gwxCache: { key: string; gwx: (file: string) => any } | undefined

/** `$gwx` of dist/weapp, compiled by wcc. Recompiled when any .wxml/.wxs changes (by mtime). */
export function gwx(): (file: string) => any {
  assertBuilt()
  const files = listFiles(DIST).filter((f) => /\.(wxml|wxs)$/.test(f))
  const key = files.map((f) => `${f}:${fs.statSync(path.join(DIST, f)).mtimeMs}`).join('|')
  if (gwxCache?.key === key) return gwxCache.gwx
  // wcc's output checks the webview engine version (miniprogram-simulate sets the same).
  ;(globalThis as any).__webview_engine_version__ = 0.02
  const code: string = wcc.wxmlToJs(DIST, {
    wxmlList: files.filter((f) => f.endsWith('.wxml')),
    wxsList: files.filter((f) => f.endsWith('.wxs')),
    maxBuffer: 64 * 1024 * 1024,
  })

  gwxCache = { key, gwx: new Function(code)() }
  return gwxCache.gwx
}

export function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
}

let staleChecked = false

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`No weapp build in ${DIST}: run \`npm run build:weapp\` first.`)
  }
  // The tests run what was built: say so when the sources are newer (npm test builds first).
  if (staleChecked || process.env.WEAPP_DIST) return
  staleChecked = true
  const root = path.resolve(__dirname, '../../..')
  const built = fs.statSync(path.join(DIST, 'app.js')).mtimeMs
  const newer = ['src', 'contract', 'domain']
    .flatMap((d) => (fs.existsSync(path.join(root, d)) ? listFiles(path.join(root, d), `${d}/`) : []))
    .filter((f) => fs.statSync(path.join(root, f)).mtimeMs > built)
  if (newer.length)
    console.warn(
      `dist/weapp is older than ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ', …' : ''}: these tests run the old build. Run \`npm run build:weapp\`.`,
    )
}

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
