/**
 * scripts/start.mjs, the parts that decide and report (the whole `npm start`
 * with NODE_ENV=development is test/e2e/start.test.ts): the h5 build always
 * gets NODE_ENV=production, and webpack's warnings are printed with their text.
 * The script is a plain ES module; it is loaded in a child node process.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const START = path.resolve(__dirname, '../../scripts/start.mjs')

function call<T>(expression: string): T {
  const code = `import * as start from ${JSON.stringify(START)}; process.stdout.write(JSON.stringify(await (${expression})))`
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })) as T
}

test('the build is a production build whatever NODE_ENV the shell has, into the folder asked for', () => {
  for (const shell of ['development', 'test', 'production', undefined]) {
    const env = call<Record<string, string>>(`start.h5BuildEnv(${JSON.stringify({ NODE_ENV: shell, PATH: '/usr/bin' })}, '/tmp/sgz-h5')`)
    expect(env).toEqual({ NODE_ENV: 'production', PATH: '/usr/bin', TARO_OUTPUT_ROOT: '/tmp/sgz-h5' })
  }
})

test('a missing build is built, an old one rebuilt; one newer than every source is not', () => {
  expect(call<string | null>(`start.h5BuildNeeded('/nonexistent/sgz-h5')`)).toBe('missing')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-start-'))
  try {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>')
    fs.utimesSync(path.join(dir, 'index.html'), new Date('2000-01-01'), new Date('2000-01-01'))
    expect(call<string | null>(`start.h5BuildNeeded(${JSON.stringify(dir)})`)).toBe('stale')
    const future = new Date(Date.now() + 3600_000)
    fs.utimesSync(path.join(dir, 'index.html'), future, future)
    expect(call<string | null>(`start.h5BuildNeeded(${JSON.stringify(dir)})`)).toBeNull()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

// What webpack printed during a real build (colours, and the progress bar on stderr, kept).
const OUTPUT = [
  '\u001b[2K\u001b[1A\u001b[2K\u001b[G● Webpack ████████████ sealing (92%) asset processing',
  ' RealContentHashPlugin',
  '- 即将开始启动编译，请稍等~',
  'asset \u001b[1m\u001b[32mindex.html\u001b[39m\u001b[22m 960 bytes \u001b[1m\u001b[32m[emitted]\u001b[39m\u001b[22m',
  '',
  '\u001b[1m\u001b[33mWARNING\u001b[39m\u001b[22m in \u001b[1masset size limit: The following asset(s) exceed the recommended size limit (244 KiB).',
  'This can impact web performance.',
  'Assets: ',
  '  js/app.fec24181.js (376 KiB)\u001b[39m\u001b[22m',
  '',
  '\u001b[1m\u001b[33mWARNING\u001b[39m\u001b[22m in ./src/app.scss',
  'Deprecation: the legacy JS API is deprecated',
  '',
  'webpack 5.91.0 compiled with \u001b[1m\u001b[33m2 warnings\u001b[39m\u001b[22m in 67414 ms',
  '⚠️  编译警告. 12/1/2026, 6:03:23 PM',
].join('\n')

test('each webpack warning comes out with its whole text, and nothing of the progress bar', () => {
  const warnings = call<string[]>(`start.buildMessages(${JSON.stringify(OUTPUT)})`)
  expect(warnings).toEqual([
    'asset size limit: The following asset(s) exceed the recommended size limit (244 KiB).\nThis can impact web performance.\nAssets:\n  js/app.fec24181.js (376 KiB)',
    './src/app.scss\nDeprecation: the legacy JS API is deprecated',
  ])
  expect(call<string[]>(`start.buildMessages(${JSON.stringify(OUTPUT)}, 'ERROR')`)).toEqual([])
})
