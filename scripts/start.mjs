/**
 * `npm start`: the whole portal on this machine — builds the h5 portal when it
 * is missing or older than the sources, then starts the API with the embedded
 * database (created, migrated and loaded with the demo data on first start).
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const indexHtml = path.join(root, 'dist', 'h5', 'index.html')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const sources = ['src', 'contract', 'domain', 'config'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d))
const built = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0
if (built < Math.max(...sources.map(newestMtime))) {
  console.log(built ? 'H5 门户的源码有更新，正在重新构建…' : '首次启动：正在构建 H5 门户（约半分钟）…')
  const res = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (res.status !== 0) {
    console.error('H5 构建失败，请查看上面的错误。')
    process.exit(res.status ?? 1)
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env },
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
