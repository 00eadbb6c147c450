/**
 * Lighthouse's accessibility score on the main pages of the h5 portal, in
 * normal mode and in 长辈模式 (`elder=1`): at least 95 each. Lighthouse runs
 * from npm against Debian's chromium, with no network.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { startServer, type TestServer } from '../api/helpers/server'
import { ARTIFACTS } from './browser'

jest.setTimeout(600_000)
const run = promisify(execFile)
const LIGHTHOUSE = path.resolve(__dirname, '../../node_modules/.bin/lighthouse')

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server?.stop())

async function accessibilityScore(url: string): Promise<{ score: number; failing: string[] }> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-lh-')), 'report.json')
  await run(
    LIGHTHOUSE,
    [
      url,
      '--only-categories=accessibility',
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH || '/usr/bin/chromium' }, timeout: 180_000 },
  )
  const report = JSON.parse(fs.readFileSync(out, 'utf8'))
  const refs: { id: string }[] = report.categories.accessibility.auditRefs
  const failing = refs
    .map((r) => report.audits[r.id])
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => a.id)
  return { score: Math.round(report.categories.accessibility.score * 100), failing }
}

const PAGES = [
  '#/pages/index/index',
  '#/pages/stations/index',
  '#/pages/activities/index',
  '#/pages/mine/index',
  '#/packages/request/new/index',
]

test('accessibility score ≥ 95 on the main pages, in both modes', async () => {
  const scores: Record<string, { score: number; failing: string[] }> = {}
  for (const page of PAGES) {
    for (const elder of [false, true]) {
      const url = `${server.url}/${page}${elder ? '?elder=1' : ''}`
      scores[`${page}${elder ? ' (长辈模式)' : ''}`] = await accessibilityScore(url)
    }
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  fs.writeFileSync(path.join(ARTIFACTS, 'lighthouse.json'), JSON.stringify(scores, null, 2))
  for (const [page, s] of Object.entries(scores)) {
    expect({ page, score: s.score >= 95 ? 'ok' : s.score, failing: s.score >= 95 ? [] : s.failing }).toEqual({
      page,
      score: 'ok',
      failing: [],
    })
  }
})
