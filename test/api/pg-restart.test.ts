/**
 * PostgreSQL restarting under a running API server (its own throw-away
 * PostgreSQL, so other test files are not disturbed): while it is down the
 * API answers 503 with Retry-After — never a 500 — and readiness says so;
 * once it is back, the same server reads and writes again without a restart,
 * and nothing acknowledged before is lost. Runs in the PostgreSQL pass.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { HelpRequest, HelpRequestSummary } from '../../contract/types'
import { api, backend, startServer, type TestServer } from './helpers/server'

jest.setTimeout(180_000)

// Runs in the PostgreSQL pass of the API tests (which needs PostgreSQL installed), with a server of its own.
const installed = backend === 'postgres'
let server: TestServer | undefined
let control: ChildProcess | undefined
afterAll(async () => {
  await server?.stop()
  control?.stdin?.end() // stops and removes the throw-away server
})

/** scripts/postgres-control.mjs: a throw-away PostgreSQL we can halt and resume. */
async function throwAwayPostgres() {
  control = spawn(process.execPath, [path.resolve(__dirname, '../../scripts/postgres-control.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines: string[] = []
  let wake = () => {}
  control.stdout!.setEncoding('utf8').on('data', (d: string) => {
    lines.push(...d.split('\n').filter(Boolean))
    wake()
  })
  const next = async () => {
    while (lines.length === 0) await new Promise<void>((r) => (wake = r))
    return lines.shift()!
  }
  const { url } = JSON.parse(await next()) as { url: string }
  const send = async (cmd: 'halt' | 'resume') => {
    control!.stdin!.write(`${cmd}\n`)
    expect(await next()).toBe(`done ${cmd}`)
  }
  return { url, halt: () => send('halt'), resume: () => send('resume') }
}

const body = (n: number) => ({
  category: 'elderly_care',
  description: `重启测试 ${n}：想了解助餐服务`,
  requester: 'self',
  contactName: '王大娘',
  contactPhone: '13812345678',
  urgency: 'normal',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
})

;(installed ? test : test.skip)('the API rides out a PostgreSQL restart: 503 while it is down, then back without restarting', async () => {
  const pg = await throwAwayPostgres()
  server = await startServer({
    database: { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-pgr-')), databaseUrl: pg.url },
    env: { JOB_INTERVAL_MS: '0' },
  })
  const me = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '重启测试' })).body.token)
  expect((await me.post<HelpRequest>('/api/requests', body(1), { 'idempotency-key': 'pg-restart-key-1' })).status).toBe(201)

  // Down: requests and readiness answer 503 with Retry-After, never 500.
  await pg.halt()
  const down = await me.get('/api/requests/mine')
  expect(down.status).toBe(503)
  expect(down.headers.get('retry-after')).toBe('5')
  expect(down.body).toEqual({ code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' })
  expect((await me.post('/api/requests', body(9), { 'idempotency-key': 'pg-restart-key-9' })).status).toBe(503)
  expect((await api(server.url).get('/api/health/ready')).status).toBe(503)
  expect((await api(server.url).get('/api/health/live')).status).toBe(200)

  // Up again: the same server process recovers by itself (a first call may still meet a dropped connection: 503).
  await pg.resume()
  const statuses: number[] = []
  let ok = false
  for (let i = 0; i < 40 && !ok; i++) {
    const res = await me.get<{ items: HelpRequestSummary[] }>('/api/requests/mine')
    statuses.push(res.status)
    ok = res.status === 200
    if (!ok) await new Promise((r) => setTimeout(r, 250))
  }
  expect(ok).toBe(true)
  expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([])

  // Back: reads, writes and readiness work on the same server process; nothing was lost.
  expect((await api(server.url).get('/api/health/ready')).status).toBe(200)
  expect((await me.post<HelpRequest>('/api/requests', body(2), { 'idempotency-key': 'pg-restart-key-2' })).status).toBe(201)
  const mine = (await me.get<{ items: HelpRequestSummary[] }>('/api/requests/mine')).body.items
  // The one acknowledged before the outage is there; the one refused with 503 during it was not half-made.
  expect(mine.map((r) => r.description).sort()).toEqual([body(1).description, body(2).description])
  expect(server.child.exitCode).toBeNull()
})
