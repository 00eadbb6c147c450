/**
 * The API in the test's own process: the same steps as server/main.ts — config
 * from an environment (loadConfig), open and migrate the database, the demo
 * data, buildApp, the background jobs — without the child process, its tsx
 * start-up and a socket per call. Requests go through Fastify's injection
 * (light-my-request) into the HTTP server's own request listener, so the
 * server factory's X-HTTP-Method-Override step runs as it does for a socket.
 * What the server logs is pino's output, captured from a stream.
 *
 * With `listen`, the app also listens on a loopback socket and `url` is that
 * socket's: for a browser (an e2e test that needs the injected clock), which
 * only a real address reaches.
 *
 * Not covered here, by design (those files use process.ts): Node's HTTP parser
 * (431, oversized heads, malformed request lines), sockets closing early, the
 * process's exit codes and signals, the data-folder lock between processes,
 * and anything main.ts does besides the steps above (the start line).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { buildApp, loggerOptions } from '../../../server/app'
import { loadConfig } from '../../../server/config'
import { openDatabase, type Database } from '../../../server/db'
import { startJobs } from '../../../server/jobs'
import { seedDemoData } from '../../../server/seed'
import { freshDatabase, type DatabaseLocation } from './database'
import { registerOrigin } from './client'
import { TEST_ENV, type StartOptions } from './process'

export interface InProcessOptions extends StartOptions {
  /** The server's clock (Fastify's `app.clock` and the background jobs). Default: the real clock. */
  clock?: () => Date
  /** Also listen on a loopback socket, and give its address as `url` (a browser's tests: e2e with an injected clock). */
  listen?: boolean
}

export interface TestApp extends DatabaseLocation {
  /** An origin only api() and this app's fetch() know: calls to it are injected, never sent over a network (with `listen`: the socket's address). */
  url: string
  /** What the server logged (pino's JSON lines), to check what it logs. */
  output: () => string
  /** fetch() on this app: `app.fetch('/api/health', init)` → a standard Response. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  /** The server's own database handle (the app keeps it open until stop()). */
  db: Database
  app: Awaited<ReturnType<typeof buildApp>>
  stop: () => Promise<void>
}

/**
 * light-my-request (Fastify's injection), loaded by Node's own require rather than jest's module registry: it is a
 * plain library, so loading it outside jest changes nothing for the app, and it keeps working whichever `cookie`
 * major it pulls in (package.json pins light-my-request 6.6.0, whose `cookie` 1 is CommonJS; `cookie` 2 is an ES
 * module, which jest's loader will not require while --experimental-vm-modules is on, and PGlite needs that flag).
 */
const nodeModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:module') as
  typeof import('node:module') | undefined
if (!nodeModule)
  throw new Error(`in-process API tests need Node ≥ 20.19 (process.getBuiltinModule, require of ES modules); this is ${process.version}`)
const inject: typeof import('light-my-request') = nodeModule.createRequire(__filename)('light-my-request')

let apps = 0

/** Builds and starts the API in this process on a fresh (or the given) database. */
export async function startApp(opts: InProcessOptions = {}): Promise<TestApp> {
  const seedDemo = opts.seedDemo !== false
  const database = opts.database ?? (await freshDatabase(seedDemo ? 'seeded' : 'migrated'))
  const config = loadConfig({
    ...TEST_ENV,
    DATA_DIR: database.dataDir,
    SEED_DEMO: seedDemo ? 'true' : 'false',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...opts.env,
  })
  const db = await openDatabase(config)
  let output = ''
  let app: TestApp['app']
  let stopJobs = () => {}
  try {
    if (opts.prepare) await opts.prepare(db)
    if (config.seedDemo) await seedDemoData(db)
    const stream = { write: (line: string) => void (output += line) }
    const logger = { ...(loggerOptions(config.logLevel) as object), stream }
    app = await buildApp({ config, db, clock: opts.clock, logger })
    stopJobs = startJobs(app.ctx, app.log)
    await app.ready()
    if (opts.listen) await app.listen({ host: '127.0.0.1', port: 0 })
  } catch (err) {
    stopJobs()
    await db.close()
    throw err
  }
  // The listener main.ts's server would run for each parsed request (the server factory's, then Fastify's router).
  const listener = app.server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void
  const address = opts.listen ? app.server.address() : null
  const url =
    address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : `http://in-process-${process.pid}-${++apps}.test`
  const fetchHere = (input: string, init?: RequestInit) => injected(listener, new Request(input, init))
  const unregister = opts.listen ? () => {} : registerOrigin(url, fetchHere)
  let stopped = false
  return {
    url,
    output: () => output,
    fetch: (p, init) => fetchHere(url + p, init),
    db,
    app,
    ...database,
    async stop() {
      if (stopped) return
      stopped = true
      unregister()
      stopJobs()
      try {
        await app.close()
      } finally {
        await db.close()
      }
    },
  }
}

/** A fetch Request through light-my-request into `listener`, answered as a fetch Response. */
async function injected(listener: (req: IncomingMessage, res: ServerResponse) => void, request: Request): Promise<Response> {
  const u = new URL(request.url)
  const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined
  const res = await inject(listener, {
    method: request.method as 'GET',
    url: u.pathname + u.search,
    headers: Object.fromEntries(request.headers),
    payload,
    remoteAddress: '127.0.0.1',
  })
  const headers = new Headers()
  for (const [k, v] of Object.entries(res.headers)) {
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined) headers.append(k, String(one))
  }
  const noBody = request.method === 'HEAD' || [204, 205, 304].includes(res.statusCode)
  return new Response(noBody ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, statusText: res.statusMessage, headers })
}
