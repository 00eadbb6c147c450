/**
 * A submission whose server is killed (kill -9) while its transaction runs: the
 * retry after the restart, with the same Idempotency-Key, is served at once
 * (201, one request) — no 409 「上一次提交仍在处理中」 for the in-flight window
 * of a key whose transaction died with the process. PostgreSQL only: the
 * submission is held inside its transaction by a table lock from another
 * connection, so the kill lands there for certain; PGlite runs in the server's
 * own process and has no second connection to hold it with (the same rule is
 * tested on both backends in hardening.test.ts, with a key left in flight).
 */
import pg from 'pg'
import type { HelpRequest } from '../../contract/types'
import { api, backend, startServer, type TestServer } from './helpers/server'

jest.setTimeout(300_000)

const forSelf = {
  category: 'elderly_care',
  description: '想了解助餐服务',
  requester: 'self',
  contactName: '小李',
  contactPhone: '13812345678',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  urgency: 'normal',
}

const describeOnPostgres = backend === 'postgres' ? describe : describe.skip

describeOnPostgres('a retry after kill -9 mid-transaction, on PostgreSQL', () => {
  let server: TestServer
  afterAll(() => server?.stop())

  test('is served at once: 201 and exactly one request', async () => {
    server = await startServer({ env: { JOB_INTERVAL_MS: '0' } })
    const database = { dataDir: server.dataDir, databaseUrl: server.databaseUrl }
    const token = (await api(server.url).post('/api/auth/dev', { nickname: '被中断的居民' })).body.token as string
    const key = 'kill-mid-transaction-key-1'

    const holder = new pg.Client({ connectionString: database.databaseUrl! })
    // Another connection watches: inside the holder's transaction pg_stat_activity would be one frozen snapshot.
    const watcher = new pg.Client({ connectionString: database.databaseUrl! })
    await holder.connect()
    await watcher.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('LOCK TABLE help_requests IN SHARE MODE') // the submission's INSERT waits on it, inside its transaction
      const pending = api(server.url, token)
        .post('/api/requests', forSelf, { 'idempotency-key': key })
        .catch(() => null)
      // Wait until the submission is blocked on the lock: its key is claimed, its request not yet written.
      for (let i = 0; ; i++) {
        const { rows } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO help_requests%'`,
        )
        if (rows[0]!.n > 0) break
        if (i > 600) throw new Error('the submission never reached its INSERT')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      server.child.kill('SIGKILL')
      await new Promise((resolve) => server.child.once('exit', resolve))
      expect(await pending).toBeNull()
      await holder.query('ROLLBACK')
    } finally {
      await holder.end()
      await watcher.end()
    }

    server = await startServer({ database, seedDemo: false, env: { JOB_INTERVAL_MS: '0' } })
    const me = api(server.url, token)
    const retry = await me.post<HelpRequest>('/api/requests', forSelf, { 'idempotency-key': key })
    expect({ status: retry.status, code: (retry.body as unknown as { code?: string }).code }).toEqual({ status: 201, code: undefined })
    expect((await me.get('/api/requests/mine')).body.items.map((r: HelpRequest) => r.id)).toEqual([retry.body.id])
    const again = await me.post<HelpRequest>('/api/requests', forSelf, { 'idempotency-key': key })
    expect(again.status).toBe(201)
    expect(again.body.id).toBe(retry.body.id)
  })
})
