/**
 * `npm test`: every layer, each with what it needs, and how long each took.
 *   - typecheck (tsc: app, server, tests)
 *   - lint (Prettier's check, then ESLint with react-hooks; any error fails)
 *   - jest unit + components (no build)
 *   - builds (weapp, h5) — skipped when dist/<target> was built by this script
 *     from the same sources and is untouched since — then the size budgets
 *   - jest + miniprogram-simulate on the weapp build
 *   - API tests over PGlite, then over a real PostgreSQL (a throw-away server
 *     from Debian's postgresql package; required in CI)
 *   - Playwright (playwright-core + Debian chromium) on the h5 build
 * Layers that do not need each other run side by side, as many at a time as
 * the machine has cores (--jobs=N); a layer's output is printed in one piece
 * when it ends. Ends with each layer's result and time, the total time, then
 * one line: `tests: N passed, M failed`.
 *
 * Options: --only=typecheck,lint,unit,weapp,api,api-pg,e2e,budget   --no-build
 *          --rebuild (build even when up to date)   --jobs=N (1: one layer at a time, output live)
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startPostgres } from './postgres.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
const noBuild = args.includes('--no-build')
const rebuild = args.includes('--rebuild')
const cores = os.availableParallelism?.() ?? os.cpus().length
const jobs = Math.max(1, Number(args.find((a) => a.startsWith('--jobs='))?.slice(7) ?? cores))
const want = (step) => !only || only.includes(step)
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-test-'))
const ci = process.env.CI === 'true' || process.env.CI === '1'
const started = Date.now()

let passed = 0
let failed = 0
/** One line per layer, in the order of the layers (not of their ends). */
const results = new Map()

const seconds = (ms) => {
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
}

/** Runs a command; its output goes to the terminal live (one layer at a time) or is printed whole when it ends. */
function run(name, cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now()
    const live = jobs === 1
    console.log(live ? `\n=== ${name}: ${cmd} ${cmdArgs.join(' ')}` : `--- ${name} started`)
    const child = spawn(cmd, cmdArgs, { cwd: root, env: { ...process.env, ...env }, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (d) => (output += d))
    child.stderr?.on('data', (d) => (output += d))
    child.on('close', (code) => {
      const ms = Date.now() - t0
      if (!live) console.log(`\n=== ${name}: ${cmd} ${cmdArgs.join(' ')} (${seconds(ms)})\n${output.trimEnd()}`)
      resolve({ ok: code === 0, code, ms })
    })
  })
}

/** A jest run of some projects; counts its tests from jest's JSON report. */
async function jest(name, projects, env = {}) {
  const out = path.join(outDir, `${name}.json`)
  const res = await run(
    name,
    'npx',
    // Jest's workers share the cores with the layers running beside this one (one worker: in band).
    [
      'jest',
      ...projects.flatMap((p) => ['--selectProjects', p]),
      `--maxWorkers=${Math.max(1, Math.floor(cores / running.size))}`,
      '--json',
      `--outputFile=${out}`,
    ],
    // PGlite loads its WebAssembly with a dynamic import, which jest's VM allows only with this flag.
    { NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning', ...env },
  )
  if (!fs.existsSync(out)) {
    failed += 1
    return `${name}: jest did not run (exit ${res.code}) (${seconds(res.ms)})`
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'))
  // A suite that failed to load counts as a failure even if it declared no test.
  const brokenSuites = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length
  passed += r.numPassedTests
  failed += r.numFailedTests + brokenSuites
  let line = `${name}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed (${seconds(res.ms)})`
  if (r.numTotalTests === 0) {
    failed += 1
    line += `\n${name}: ran no test`
  }
  return line
}

/** A command that is one check: passed or failed. */
async function check(name, cmd, cmdArgs) {
  const res = await run(name, cmd, cmdArgs)
  if (res.ok) passed += 1
  else failed += 1
  return `${name}: ${res.ok ? '1 passed, 0 failed' : '0 passed, 1 failed'} (${seconds(res.ms)})`
}

// ───────────────────────── builds ─────────────────────────

/** Written after a build by this script, beside dist/<target> (not in it: that folder is the app): the digest of its inputs and of its output listing. */
const stampOf = (target) => path.join(root, 'dist', `.build-${target}.json`)

/** What a build reads: the app's sources, the build config, the dependencies, the env files. */
const BUILD_INPUTS = [
  'src',
  'contract',
  'domain',
  'config',
  'types',
  'package.json',
  'package-lock.json',
  'babel.config.js',
  'tsconfig.json',
  'project.config.json',
]

function filesUnder(p) {
  const abs = path.join(root, p)
  if (!fs.existsSync(abs)) return []
  if (!fs.statSync(abs).isDirectory()) return [p]
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => filesUnder(path.join(p, e.name)))
}

/** A digest of everything `target`'s build depends on, the TARO_APP_* variables included. */
function buildInputs(target) {
  const hash = createHash('sha256').update(target)
  const envFiles = fs.readdirSync(root).filter((f) => f.startsWith('.env'))
  for (const f of [...BUILD_INPUTS, ...envFiles].flatMap(filesUnder).sort())
    hash.update(`${f}\0`).update(fs.readFileSync(path.join(root, f)))
  for (const [k, v] of Object.entries(process.env)
    .filter(([name]) => name.startsWith('TARO_') || name === 'NODE_ENV')
    .sort())
    hash.update(`${k}=${v}\0`)
  return hash.digest('hex')
}

/** The files of a build with their sizes and times: a build made by anything else (npm run dev:weapp…) differs. */
function outputListing(dir) {
  return filesUnder(dir)
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(root, f))
      return `${f} ${st.size} ${st.mtimeMs}`
    })
    .join('\n')
}

async function build(target) {
  const dir = path.join('dist', target)
  const stampFile = stampOf(target)
  const inputs = buildInputs(target)
  if (!rebuild && fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'))
    if (stamp.inputs === inputs && stamp.output === createHash('sha256').update(outputListing(dir)).digest('hex')) {
      return { ok: true, line: `build ${target}: up to date (same sources as its last build by npm test; --rebuild to build anyway)` }
    }
  }
  const res = await run(`build ${target}`, 'npm', ['run', `build:${target}`])
  if (!res.ok) {
    failed += 1
    return { ok: false, line: `build ${target}: failed (${seconds(res.ms)})` }
  }
  fs.writeFileSync(stampFile, JSON.stringify({ inputs, output: createHash('sha256').update(outputListing(dir)).digest('hex') }))
  return { ok: true, line: `build ${target}: built (${seconds(res.ms)})` }
}

// ───────────────────────── the layers ─────────────────────────

/** { name, needs, fn }: `fn` runs the layer and returns its summary line. Listed in the order they start when they can: the long chains first. */
const layers = []
/** The layers running now (their promises). */
const running = new Set()
const layer = (name, needs, fn) => layers.push({ name, needs, fn })
const builds = {}

const buildsWanted = !noBuild && (want('weapp') || want('e2e') || want('budget'))
for (const target of ['h5', 'weapp']) {
  if (buildsWanted) {
    layer(`build ${target}`, [], async () => {
      const b = await build(target)
      builds[target] = b.ok
      return b.line
    })
  }
}
const afterBuild = (...targets) => (buildsWanted ? targets.map((t) => `build ${t}`) : [])

if (want('e2e')) layer('e2e', afterBuild('h5'), () => jest('e2e', ['e2e']))
if (want('api')) layer('api-pglite', [], () => jest('api-pglite', ['api']))
if (want('api-pg')) {
  layer('api-postgres', [], async () => {
    const pg = await startPostgres()
    if (!pg) {
      const msg = 'api-postgres: PostgreSQL is not installed (apt-get install -y postgresql)'
      if (ci) {
        failed += 1
        return `${msg} — required in CI`
      }
      return `${msg} — skipped`
    }
    try {
      return await jest('api-postgres', ['api'], { TEST_DATABASE_URL: pg.url })
    } finally {
      pg.stop()
    }
  })
}
if (want('weapp')) layer('weapp', afterBuild('weapp'), () => jest('weapp', ['weapp']))
if (want('budget')) layer('budget', afterBuild('weapp', 'h5'), () => check('budget', 'node', ['scripts/budget.mjs']))
if (want('typecheck')) layer('typecheck', [], () => check('typecheck', 'npm', ['run', 'typecheck']))
if (want('lint')) layer('lint', [], () => check('lint', 'npm', ['run', 'lint']))
if (want('unit')) layer('unit+components', [], () => jest('unit+components', ['unit', 'components']))

/** Starts every layer whose needs are met, up to `jobs` at a time; a layer whose build failed is not run. */
async function schedule() {
  const done = new Set()
  const pending = [...layers]
  await new Promise((resolve) => {
    const next = () => {
      if (pending.length === 0 && running.size === 0) return resolve()
      for (const l of [...pending]) {
        if (running.size >= jobs) break
        if (!l.needs.every((n) => done.has(n))) continue
        pending.splice(pending.indexOf(l), 1)
        // Started after this round, so that each layer sees all the layers it runs beside.
        const p = Promise.resolve().then(async () => {
          const brokenBuild = l.needs.find((n) => n.startsWith('build ') && builds[n.slice(6)] === false)
          results.set(l.name, brokenBuild ? `${l.name}: not run (${brokenBuild} failed)` : await l.fn())
        })
        running.add(p)
        p.finally(() => {
          running.delete(p)
          done.add(l.name)
          next()
        })
      }
    }
    next()
  })
}

await schedule()
fs.rmSync(outDir, { recursive: true, force: true })
const ORDER = ['typecheck', 'lint', 'unit+components', 'build weapp', 'build h5', 'budget', 'weapp', 'api-pglite', 'api-postgres', 'e2e']
console.log(
  `\n${ORDER.filter((n) => results.has(n))
    .map((n) => results.get(n))
    .join('\n')}`,
)
console.log(`total: ${seconds(Date.now() - started)} (${jobs} ${jobs === 1 ? 'layer' : 'layers'} at a time)`)
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
