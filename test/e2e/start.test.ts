/**
 * `npm start` from a developer's shell that sets NODE_ENV=development (many
 * do): it must still build a production portal that works in a browser —
 * not a bundle that dies with "$RefreshReg$ is not defined" — and say how
 * long the build took, without webpack's progress bar when its output is not
 * a terminal. It builds into a folder of its own (H5_DIR), so the other
 * browser tests keep dist/h5. The build takes minutes on 2 cores.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { freePort } from '../api/helpers/server'
import { launch, phone, screenshotPath } from './browser'

jest.setTimeout(20 * 60_000)

const ROOT = path.resolve(__dirname, '../..')
let child: ChildProcess | undefined
let browser: Browser | undefined
const dirs: string[] = []

afterAll(async () => {
  await browser?.close()
  if (child && child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child!.once('exit', () => resolve())
      child!.kill('SIGTERM') // start.mjs passes it on to the server
    })
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

test('NODE_ENV=development in the shell: npm start builds a production portal that works, and says how long it took', async () => {
  const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-start-h5-'))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-start-data-'))
  dirs.push(h5Dir, dataDir)
  fs.rmdirSync(h5Dir) // not built yet
  const port = await freePort()
  // What `npm start` runs (package.json), with the shell's NODE_ENV.
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      H5_DIR: h5Dir,
      JOB_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not start in 18 minutes:\n${output}`)), 18 * 60_000)
    child!.stdout!.on('data', () => output.includes('社工站居民服务已启动') && (clearTimeout(timer), resolve()))
    child!.once('exit', (code) => (clearTimeout(timer), reject(new Error(`npm start exited with ${code}:\n${output}`))))
  })

  // What it said: the truth about the wait, how long it took, and no progress bar.
  expect(output).toContain('首次启动：正在构建 H5 门户，在 2 核的机器上需要 1–5 分钟')
  expect(output).toMatch(/H5 门户构建完成，用时 \d+ 秒。/)
  // eslint-disable-next-line no-control-regex -- no ANSI escape (ESC [) may reach the output
  expect(output).not.toMatch(/约半分钟|█|Webpack|即将开始启动编译|\u001b\[/)

  // A production bundle: React Refresh's hooks never made it in.
  const js = fs
    .readdirSync(path.join(h5Dir, 'js'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(h5Dir, 'js', f), 'utf8'))
    .join('\n')
  expect(js).not.toContain('$RefreshReg$')
  expect(js).not.toContain('$RefreshSig$')

  // And it works: 首页 shows the nearest station (any console error fails the test, see browser.ts).
  browser = await launch()
  const context = await browser.newContext({
    ...phone,
    geolocation: { latitude: 39.0543, longitude: 121.7634 },
    permissions: ['geolocation'],
  })
  const page = await context.newPage()
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.locator('.station-card--hero .station-card__name').waitFor({ timeout: 60_000 })
  await page.screenshot({ path: screenshotPath('start-node-env-development') })
  await context.close()
})
