/**
 * How an API test gets a server and a database. Everything runs on PGlite (a
 * temporary data folder) or, when TEST_DATABASE_URL is set, on a fresh database
 * of a real PostgreSQL server; each fresh database is a copy of a template made
 * once per jest run (database.ts).
 *
 * Two kinds of server, chosen per file:
 *
 * - `startApp()` (inProcess.ts): the API built with buildApp in the test's own
 *   process, called through Fastify's injection. For everything that is the
 *   API's behaviour over HTTP — routes, validation, permissions, errors,
 *   headers, CORS, rate limits (per IP: injected calls come from 127.0.0.1),
 *   X-HTTP-Method-Override (the injection enters through the HTTP server's own
 *   request listener), concurrency through the database, what is logged
 *   (pino's output, the only way the server code logs), restarts that only
 *   reopen the same database.
 * - `startServer()` (process.ts): server/main.ts as a child process on a real
 *   socket. For what only a process or a socket shows:
 *   - durability.test.ts: SIGKILL mid-burst, then a restart;
 *   - lifecycle.test.ts: the data-folder lock between two processes, a stale
 *     lock after SIGKILL, exit codes, a graceful SIGTERM, a restart;
 *   - encryption.test.ts: key rotation across a restart with a new DATA_KEYS
 *     (the keys are module state, which only a new process starts afresh);
 *   - pg-restart.test.ts: PostgreSQL halted and resumed under a running process;
 *   - fuzz.test.ts: Node's HTTP parser answers oversized heads (431) and closes
 *     the socket early, which an injection never reaches; and "the server stays
 *     up" means the process;
 *   - the e2e layer (Playwright) starts its own (except the workbench
 *     scenario, whose injected clock needs `startApp({ listen: true })`).
 *
 * Database-only tests (jobs, retention, reports, activity-jobs) take a
 * `freshDatabase()` and the server's own modules, with an injected clock.
 */
export { backend, freshDatabase, type DatabaseLocation } from './database'
export { api, fetchAny, type ApiResponse } from './client'
export { freePort, startServer, type StartOptions, type TestServer } from './process'
export { startApp, type InProcessOptions, type TestApp } from './inProcess'
