/**
 * `npm test`: every layer, in order, each with what it needs.
 *   1. jest unit + components (fast, no build)
 *   2. builds (weapp + h5) and the size budgets
 *   3. jest + miniprogram-simulate on the weapp build
 *   4. API tests on a real server over PGlite, then over a real PostgreSQL
 *      (a throw-away server from Debian's postgresql package; required in CI)
 *   5. Playwright (playwright-core + Debian chromium) on the h5 build
 * Ends with one line: `tests: N passed, M failed`.
 *
 * Options: --only=typecheck,unit,weapp,api,api-pg,e2e,budget   --no-build
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startPostgres } from './postgres.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',')
const noBuild = args.includes('--no-build')
const want = (step) => !only || only.includes(step)
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-test-'))
const ci = process.env.CI === 'true' || process.env.CI === '1'

let passed = 0
let failed = 0
const lines = []

function jest(name, projects, env = {}) {
  const out = path.join(outDir, `${name}.json`)
  const res = spawnSync(
    'npx',
    ['jest', ...projects.flatMap((p) => ['--selectProjects', p]), '--json', `--outputFile=${out}`],
    // PGlite loads its WebAssembly with a dynamic import, which jest's VM allows only with this flag.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning', ...env } },
  )
  if (!fs.existsSync(out)) {
    failed += 1
    lines.push(`${name}: jest did not run (exit ${res.status})`)
    return
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'))
  // A suite that failed to load counts as a failure even if it declared no test.
  const brokenSuites = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length
  passed += r.numPassedTests
  failed += r.numFailedTests + brokenSuites
  lines.push(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed`)
  if (r.numTotalTests === 0) {
    failed += 1
    lines.push(`${name}: ran no test`)
  }
}

function step(name, cmd, cmdArgs) {
  console.log(`\n=== ${name}: ${cmd} ${cmdArgs.join(' ')}`)
  const res = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' })
  return res.status === 0
}

if (want('typecheck')) {
  const ok = step('typecheck', 'npm', ['run', 'typecheck'])
  if (ok) passed += 1
  else failed += 1
  lines.push(`typecheck: ${ok ? '1 passed, 0 failed' : '0 passed, 1 failed'}`)
}

if (want('unit')) jest('unit+components', ['unit', 'components'])

if (!noBuild && (want('weapp') || want('e2e') || want('budget'))) {
  for (const target of ['weapp', 'h5']) {
    if (!step(`build ${target}`, 'npm', ['run', `build:${target}`])) {
      failed += 1
      lines.push(`build ${target}: failed`)
    }
  }
}

if (want('budget')) {
  const ok = step('size budgets', 'node', ['scripts/budget.mjs'])
  if (ok) passed += 1
  else failed += 1
  lines.push(`budget: ${ok ? '1 passed, 0 failed' : '0 passed, 1 failed'}`)
}

if (want('weapp')) jest('weapp', ['weapp'])
if (want('api')) jest('api-pglite', ['api'])

if (want('api-pg')) {
  const pg = await startPostgres()
  if (!pg) {
    const msg = 'api-postgres: PostgreSQL is not installed (apt-get install -y postgresql)'
    if (ci) {
      failed += 1
      lines.push(`${msg} — required in CI`)
    } else lines.push(`${msg} — skipped`)
  } else {
    try {
      jest('api-postgres', ['api'], { TEST_DATABASE_URL: pg.url })
    } finally {
      pg.stop()
    }
  }
}

if (want('e2e')) jest('e2e', ['e2e'])

fs.rmSync(outDir, { recursive: true, force: true })
console.log('\n' + lines.join('\n'))
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
