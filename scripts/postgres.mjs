/**
 * A throw-away PostgreSQL server on loopback for tests and benchmarks, made
 * from Debian's `postgresql` package (initdb + pg_ctl in a temp folder).
 * As root, the server runs as the `postgres` user (PostgreSQL refuses root).
 *
 *   const pg = await startPostgres()   // → { url, stop } or null when not installed
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export function findPgBin() {
  const candidates = []
  const base = '/usr/lib/postgresql'
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'))
  }
  for (const dir of (process.env.PATH ?? '').split(':')) candidates.push(dir)
  return candidates.find((d) => fs.existsSync(path.join(d, 'pg_ctl')) && fs.existsSync(path.join(d, 'initdb'))) ?? null
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

export async function startPostgres({ log = console.log } = {}) {
  const bin = findPgBin()
  if (!bin) return null
  const isRoot = process.getuid?.() === 0
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-pg-'))
  const data = path.join(dir, 'data')
  const run = (cmd, args) => {
    const full = path.join(bin, cmd)
    if (isRoot) return execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', cwd: dir })
    return execFileSync(full, args, { stdio: 'pipe', cwd: dir })
  }
  if (isRoot) execFileSync('chown', ['-R', 'postgres', dir])
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N'])
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ])
  start()
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  log(`PostgreSQL (${path.basename(path.dirname(bin))}) 已在 127.0.0.1:${port} 启动（临时目录 ${dir}）`)
  let stopped = false
  return {
    url,
    dir,
    restart() {
      run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'restart'])
    },
    /** Stops the server but keeps its data (tests of an outage); `resume()` starts it again. */
    halt() {
      run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop'])
    },
    resume() {
      start()
    },
    stop() {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop'])
      } catch {
        /* already down */
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
