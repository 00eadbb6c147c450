/**
 * `npm start`: the whole portal on this machine — builds the h5 portal when it
 * is missing or older than the sources, then starts the API with the embedded
 * database (created, migrated and loaded with the demo data on first start).
 *
 * The build is always a production build, whatever NODE_ENV the shell sets
 * (many set NODE_ENV=development, which made a bundle that died on load).
 * Its output is kept quiet: webpack's progress bar only on a terminal, then
 * how long it took and the text of every warning; on failure, the errors.
 *
 * H5_DIR (also read by the server) builds and serves the portal elsewhere than dist/h5.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SOURCES = ['src', 'contract', 'domain', 'config', 'babel.config.js', 'package.json'].map((d) => path.join(root, d))

function newestMtime(p) {
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)))
  return newest
}

/** 'missing' (never built), 'stale' (sources changed since) or null (up to date). */
export function h5BuildNeeded(h5Dir) {
  const indexHtml = path.join(h5Dir, 'index.html')
  if (!fs.existsSync(indexHtml)) return 'missing'
  const built = fs.statSync(indexHtml).mtimeMs
  const sources = SOURCES.filter((p) => fs.existsSync(p))
  return built < Math.max(...sources.map(newestMtime)) ? 'stale' : null
}

/** The build's environment: production, into h5Dir, whatever the shell's NODE_ENV says. */
export function h5BuildEnv(env, h5Dir) {
  return { ...env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: h5Dir }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g

/** webpack's warnings (or errors) in a build's output, each as its full text. */
export function buildMessages(output, kind = 'WARNING') {
  const lines = output.replace(ANSI, '').replace(/\r/g, '\n').split('\n')
  const messages = []
  let current = null
  for (const line of lines) {
    if (line.startsWith(`${kind} in `) || line.startsWith(`${kind} `)) {
      if (current) messages.push(current.join('\n').trim())
      current = [line.replace(new RegExp(`^${kind} (in )?`), '').trimEnd()]
    } else if (current) {
      // A message ends at a blank line or at the next heading of webpack's summary.
      if (line.trim() === '' || /^(WARNING|ERROR|webpack \d|assets by|asset |Entrypoint )/.test(line)) {
        messages.push(current.join('\n').trim())
        current = null
      } else current.push(line.trimEnd())
    }
  }
  if (current) messages.push(current.join('\n').trim())
  return messages.filter(Boolean)
}

/** Runs `npm run build:h5`; resolves with how long it took, or exits the process on failure. */
export function buildH5(h5Dir, { out = process.stdout, tty = Boolean(process.stdout.isTTY) } = {}) {
  const started = Date.now()
  return new Promise((resolve) => {
    // On a terminal, webpack's own progress bar (stderr) is useful; anywhere else it is noise.
    const child = spawn('npm', ['run', 'build:h5'], {
      cwd: root,
      env: h5BuildEnv(process.env, h5Dir),
      stdio: ['ignore', 'pipe', tty ? 'inherit' : 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr?.on('data', (d) => (output += d))
    child.on('exit', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000)
      if (code !== 0) {
        const errors = buildMessages(output, 'ERROR')
        out.write(
          `H5 门户构建失败（用时 ${seconds} 秒）：\n${errors.length ? errors.map((e) => `  ${e.replace(/\n/g, '\n  ')}`).join('\n') : output.replace(ANSI, '').trim().split('\n').slice(-30).join('\n')}\n`,
        )
        process.exit(code ?? 1)
      }
      out.write(`H5 门户构建完成，用时 ${seconds} 秒。\n`)
      const warnings = buildMessages(output)
      if (warnings.length)
        out.write(`⚠️ 编译警告（${warnings.length} 条）：\n${warnings.map((w) => `  · ${w.replace(/\n/g, '\n    ')}`).join('\n')}\n`)
      resolve(seconds)
    })
  })
}

async function main() {
  const h5Dir = path.resolve(process.env.H5_DIR || path.join(root, 'dist', 'h5'))
  const needed = h5BuildNeeded(h5Dir)
  if (needed) {
    console.log(
      needed === 'missing'
        ? '首次启动：正在构建 H5 门户，在 2 核的机器上需要 1–5 分钟（只需一次，以后源码有改动才重新构建）…'
        : 'H5 门户的源码有更新，正在重新构建（在 2 核的机器上需要 1–5 分钟）…',
    )
    await buildH5(h5Dir)
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, H5_DIR: h5Dir },
  })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
