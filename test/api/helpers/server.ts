/**
 * Runs the real API server as a child process on loopback, on PGlite (a fresh
 * temporary data folder) or — when TEST_DATABASE_URL is set — on a fresh
 * database of a real PostgreSQL server. `prepare` runs first, through the
 * server's own database module, to load test data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase, type Database } from '../../../server/db'

const ROOT = path.resolve(__dirname, '../../..')

export const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'

export interface TestServer {
  url: string
  /** Everything the server printed (stdout + stderr), to check what it logs. */
  output: () => string
  stop: () => Promise<void>
  child: ChildProcess
  dataDir: string
  databaseUrl: string | null
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** A fresh database for one test file: a temp folder for PGlite, or a new database on PostgreSQL. */
export async function freshDatabase(): Promise<{ dataDir: string; databaseUrl: string | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-api-'))
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) return { dataDir, databaseUrl: null }
  const name = `sgz_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  return { dataDir, databaseUrl: url.toString() }
}

export interface StartOptions {
  env?: Record<string, string>
  seedDemo?: boolean
  prepare?: (db: Database) => Promise<void>
  /** Reuse a database made by an earlier server (restart tests). */
  database?: { dataDir: string; databaseUrl: string | null }
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await freshDatabase())
  if (opts.prepare) {
    const db = await openDatabase({ dataDir: database.dataDir, databaseUrl: database.databaseUrl })
    try {
      await opts.prepare(db)
    } finally {
      await db.close()
    }
  }
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: database.dataDir,
    SEED_DEMO: opts.seedDemo === false ? 'false' : 'true',
    H5_DIR: path.join(ROOT, 'dist', 'h5'),
    // Tests log in and submit far more often than a person; the limits have their own test.
    RATE_LIMIT_LOGIN: '100000',
    RATE_LIMIT_SUBMIT: '100000',
    RATE_LIMIT_UPLOAD: '100000',
    RATE_LIMIT_ENROLL: '100000',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...opts.env,
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const url = `http://127.0.0.1:${port}`
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000)
    const onData = () => {
      if (output.includes('社工站居民服务已启动')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
  return { url, output: () => output, stop, child, ...database }
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** A tiny JSON client for tests. */
export function api(base: string, token?: string) {
  const call = async <T = any>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const res = await fetch(base + p, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }
  return {
    get: <T = any>(p: string, headers?: Record<string, string>) => call<T>('GET', p, undefined, headers),
    post: <T = any>(p: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', p, body, headers),
    patch: <T = any>(p: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', p, body, headers),
    delete: <T = any>(p: string, headers?: Record<string, string>) => call<T>('DELETE', p, undefined, headers),
    call,
  }
}
