/**
 * The API server as a real child process (`node --import tsx server/main.ts`)
 * on loopback, for what only a process shows: SIGKILL mid-burst, the
 * data-folder lock, restarts, exit codes, a PostgreSQL outage under a running
 * process, and the fuzzer's raw sockets. Everything else runs in-process
 * (inProcess.ts): see the table in server.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { openDatabase, type Database } from '../../../server/db'
import { freshDatabase, type DatabaseLocation } from './database'

const ROOT = path.resolve(__dirname, '../../..')

/** The environment every test server starts with (a child process, or loadConfig in-process). */
export const TEST_ENV = {
  NODE_ENV: 'test' as NodeJS.ProcessEnv['NODE_ENV'],
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  H5_DIR: path.join(ROOT, 'dist', 'h5'),
  // Tests log in and submit far more often than a person; the limits have their own test.
  RATE_LIMIT_LOGIN: '100000',
  RATE_LIMIT_SUBMIT: '100000',
  RATE_LIMIT_UPLOAD: '100000',
  RATE_LIMIT_ENROLL: '100000',
}

export interface StartOptions {
  env?: Record<string, string>
  seedDemo?: boolean
  /** Runs first, through the server's own database module, to load test data. */
  prepare?: (db: Database) => Promise<void>
  /** Reuse a database made by an earlier server (restart tests). */
  database?: DatabaseLocation
}

export interface TestServer extends DatabaseLocation {
  url: string
  /** Everything the server printed (stdout + stderr), to check what it logs. */
  output: () => string
  /** fetch() on this server: `server.fetch('/api/health', init)`. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  stop: () => Promise<void>
  child: ChildProcess
}

/** Starts server/main.ts in a child process and waits for its start line. */
export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await freshDatabase(opts.seedDemo === false ? 'migrated' : 'seeded'))
  if (opts.prepare) {
    const db = await openDatabase(database)
    try {
      await opts.prepare(db)
    } finally {
      await db.close()
    }
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...TEST_ENV,
    PORT: '0', // the system picks a free port; the start line says which
    DATA_DIR: database.dataDir,
    SEED_DEMO: opts.seedDemo === false ? 'false' : 'true',
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
  const url = await new Promise<string>((resolve, reject) => {
    // Starting compiles the server with tsx and opens the database: seconds alone, longer beside other layers on 2 cores.
    // A server that has not started by then is killed, so that it cannot keep the test process alive after the run.
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in 120 s:\n${output}`))
    }, 120_000)
    const onData = () => {
      const started = /社工站居民服务已启动 (http:\/\/[^/\s]+)\//.exec(output)
      if (started) {
        clearTimeout(timer)
        child.stdout!.off('data', onData) // the output keeps growing; it is searched no more
        resolve(started[1]!)
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
  return { url, output: () => output, fetch: (p, init) => fetch(url + p, init), stop, child, ...database }
}

/** A TCP port free on loopback now, for a process that must be told its port (npm start). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
