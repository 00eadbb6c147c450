/**
 * Size budgets, checked in CI (fails when over):
 *   - the weapp main package ≤ 1 MB (WeChat's limit is 2 MB per package; later
 *     features go into subpackages, which are listed and sized separately);
 *   - the h5 build's initial JavaScript (the scripts index.html loads) is reported,
 *     raw and gzipped, against its own budget.
 * Usage: node scripts/budget.mjs [--json]
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const weapp = path.join(root, 'dist', 'weapp')
const h5 = path.join(root, 'dist', 'h5')

export const BUDGETS = {
  weappMainBytes: 1024 * 1024,
  h5InitialJsGzipBytes: 200 * 1024,
}

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? files(p) : [p]
  })
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`

export function measure() {
  if (!fs.existsSync(path.join(weapp, 'app.json'))) throw new Error('dist/weapp is missing: run npm run build:weapp')
  if (!fs.existsSync(path.join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
  const appJson = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'))
  const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((s) => s.root.replace(/\/?$/, '/'))
  const packaged = files(weapp).filter((f) => !f.endsWith('.map'))
  const subpackages = Object.fromEntries(subRoots.map((r) => [r, 0]))
  let main = 0
  for (const f of packaged) {
    const rel = path.relative(weapp, f).split(path.sep).join('/')
    const size = fs.statSync(f).size
    const sub = subRoots.find((r) => rel.startsWith(r))
    if (sub) subpackages[sub] += size
    else main += size
  }
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
  const scripts = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => m[1])
  let initialRaw = 0
  let initialGzip = 0
  for (const s of scripts) {
    const buf = fs.readFileSync(path.join(h5, s))
    initialRaw += buf.length
    initialGzip += zlib.gzipSync(buf, { level: 9 }).length
  }
  // The mini-program must never bundle server code or the schema library.
  const forbidden = ['fastify', 'pglite', '@sinclair/typebox', 'TypeBoxError', 'jscode2session']
  const leaks = []
  for (const f of [...packaged, ...files(h5)].filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(f, 'utf8')
    for (const marker of forbidden) if (text.includes(marker)) leaks.push(`${path.relative(root, f)} contains "${marker}"`)
  }
  return { weappMainBytes: main, weappSubpackages: subpackages, h5InitialScripts: scripts, h5InitialJsBytes: initialRaw, h5InitialJsGzipBytes: initialGzip, leaks }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = measure()
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(m, null, 2))
  } else {
    console.log(`weapp main package: ${kb(m.weappMainBytes)} (budget ${kb(BUDGETS.weappMainBytes)})`)
    for (const [r, s] of Object.entries(m.weappSubpackages)) console.log(`weapp subpackage ${r}: ${kb(s)}`)
    console.log(`h5 initial JS: ${m.h5InitialScripts.length} files, ${kb(m.h5InitialJsBytes)} raw, ${kb(m.h5InitialJsGzipBytes)} gzip (budget ${kb(BUDGETS.h5InitialJsGzipBytes)} gzip)`)
  }
  const over = []
  if (m.leaks.length) {
    console.error(`server code in the app bundle:\n  ${m.leaks.join('\n  ')}`)
    over.push('bundle purity')
  }
  if (m.weappMainBytes > BUDGETS.weappMainBytes) over.push('weapp main package')
  if (m.h5InitialJsGzipBytes > BUDGETS.h5InitialJsGzipBytes) over.push('h5 initial JS')
  if (over.length) {
    console.error(`failed: ${over.join(', ')}`)
    process.exit(1)
  }
}
