/**
 * Size budgets, checked in CI (fails when over):
 *   - the weapp main package ≤ 1 MB (WeChat's limit is 2 MB per package; later
 *     features go into subpackages, which are listed and sized separately);
 *   - the h5 build's initial JavaScript (the scripts index.html loads) is reported,
 *     raw and as the brotli copy the server sends, against its own budget;
 *   - a cold first load of the h5 portal ≤ 200 KB transferred: the real server
 *     (on a throw-away database with the demo data) serves dist/h5 to Debian's
 *     chromium, a first-time visitor in 大连金普新区 opens 首页 and waits until the
 *     nearest station is shown and the network is quiet; every response counts,
 *     headers and API answers included, as the browser received them. The
 *     second visit (everything hashed cached) is reported beside it.
 * Usage: node scripts/budget.mjs [--json] [--no-browser]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { freePort } from './postgres.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const weapp = path.join(root, 'dist', 'weapp')
const h5 = path.join(root, 'dist', 'h5')

export const BUDGETS = {
  weappMainBytes: 1024 * 1024,
  h5InitialJsGzipBytes: 200 * 1024,
  h5ColdLoadBytes: 200 * 1024,
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
  let initialBrotli = 0
  for (const s of scripts) {
    const buf = fs.readFileSync(path.join(h5, s))
    initialRaw += buf.length
    initialGzip += zlib.gzipSync(buf, { level: 9 }).length
    const br = path.join(h5, `${s}.br`)
    initialBrotli += fs.existsSync(br) ? fs.statSync(br).size : 0
  }
  // The mini-program must never bundle server code or the schema library.
  const forbidden = ['fastify', 'pglite', '@sinclair/typebox', 'TypeBoxError', 'jscode2session']
  const leaks = []
  for (const file of [...packaged, ...files(h5)].filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(file, 'utf8')
    for (const marker of forbidden) if (text.includes(marker)) leaks.push(`${path.relative(root, file)} contains "${marker}"`)
  }
  return {
    weappMainBytes: main,
    weappSubpackages: subpackages,
    h5InitialScripts: scripts,
    h5InitialJsBytes: initialRaw,
    h5InitialJsGzipBytes: initialGzip,
    h5InitialJsBrotliBytes: initialBrotli,
    leaks,
  }
}

/** The API server on dist/h5 (or h5Dir) and a fresh PGlite folder with the demo data; resolves once it listens. */
export async function startPortal(h5Dir = h5) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-budget-'))
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      H5_DIR: h5Dir,
      LOG_LEVEL: 'warn',
      JOB_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${output}`)), 90_000)
    child.stdout.on('data', () => output.includes('社工站居民服务已启动') && (clearTimeout(timer), resolve()))
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`server exited with ${code}:\n${output}`))))
  })
  const stop = () =>
    new Promise((resolve) => {
      child.removeAllListeners('exit')
      child.once('exit', () => {
        fs.rmSync(dataDir, { recursive: true, force: true })
        resolve()
      })
      child.kill('SIGTERM')
    })
  return { url: `http://127.0.0.1:${port}`, stop }
}

/**
 * Bytes a phone's browser receives to show 首页 for the first time, and again on a
 * second visit: every response's status line, headers and body as they came over
 * the wire (compressed when they were; nothing for what came from the cache), as
 * chromium's DevTools protocol counts them.
 */
export async function measureColdLoad(url) {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: { latitude: 39.0543, longitude: 121.7634 },
      permissions: ['geolocation'],
    })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    let requests = new Map()
    let fromCache = new Set()
    cdp.on('Network.requestServedFromCache', ({ requestId }) => fromCache.add(requestId))
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      requests.set(requestId, {
        url: response.url.replace(url, ''),
        status: response.status,
        encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? null,
        cached: fromCache.has(requestId) || Boolean(response.fromDiskCache || response.fromMemoryCache),
        bytes: 0,
      })
    })
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId)
      if (r) r.bytes = encodedDataLength
    })
    const visit = async () => {
      requests = new Map()
      fromCache = new Set()
      await page.goto(`${url}/`)
      await page.locator('.station-card--hero').waitFor({ timeout: 60_000 })
      await page.waitForLoadState('networkidle')
      const items = [...requests.values()].filter((r) => !r.url.startsWith('data:'))
      return {
        bytes: items.reduce((n, i) => n + i.bytes, 0),
        requests: items.length,
        fromCache: items.filter((i) => i.cached).length,
        items,
      }
    }
    const cold = await visit()
    const warm = await visit()
    return { cold, warm }
  } finally {
    await browser.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = measure()
  if (!process.argv.includes('--no-browser')) {
    const portal = await startPortal()
    try {
      m.h5ColdLoad = await measureColdLoad(portal.url)
    } finally {
      await portal.stop()
    }
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(m, null, 2))
  } else {
    console.log(`weapp main package: ${kb(m.weappMainBytes)} (budget ${kb(BUDGETS.weappMainBytes)})`)
    for (const [r, s] of Object.entries(m.weappSubpackages)) console.log(`weapp subpackage ${r}: ${kb(s)}`)
    console.log(
      `h5 initial JS: ${m.h5InitialScripts.length} files, ${kb(m.h5InitialJsBytes)} raw, ${kb(m.h5InitialJsGzipBytes)} gzip, ${kb(m.h5InitialJsBrotliBytes)} brotli as sent (budget ${kb(BUDGETS.h5InitialJsGzipBytes)} gzip)`,
    )
    if (m.h5ColdLoad) {
      const { cold, warm } = m.h5ColdLoad
      console.log(
        `h5 首页, cold first load: ${kb(cold.bytes)} transferred in ${cold.requests} responses (budget ${kb(BUDGETS.h5ColdLoadBytes)})`,
      )
      for (const i of cold.items) console.log(`  ${kb(i.bytes).padStart(9)}  ${i.status} ${i.encoding ?? '-'}  ${i.url}`)
      console.log(
        `h5 首页, second visit: ${kb(warm.bytes)} transferred, ${warm.fromCache} of ${warm.requests} responses from the browser's cache`,
      )
    }
  }
  const over = []
  if (m.leaks.length) {
    console.error(`server code in the app bundle:\n  ${m.leaks.join('\n  ')}`)
    over.push('bundle purity')
  }
  if (m.weappMainBytes > BUDGETS.weappMainBytes) over.push('weapp main package')
  if (m.h5InitialJsGzipBytes > BUDGETS.h5InitialJsGzipBytes) over.push('h5 initial JS')
  if (m.h5ColdLoad && m.h5ColdLoad.cold.bytes > BUDGETS.h5ColdLoadBytes) over.push('h5 cold first load')
  if (over.length) {
    console.error(`failed: ${over.join(', ')}`)
    process.exit(1)
  }
}
