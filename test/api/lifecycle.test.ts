/**
 * Start-up and shutdown: a locked data folder, an unreachable database, a
 * restart that keeps the data, and a graceful SIGTERM.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { api, backend, startServer } from './helpers/server'

jest.setTimeout(120_000)
const ROOT = path.resolve(__dirname, '../..')

describe(`lifecycle on ${backend}`, () => {
  test('data survives a restart; demo seeding is idempotent', async () => {
    const first = await startServer()
    const login = await api(first.url).post('/api/auth/dev', { nickname: '重启测试' })
    const count1 = (await api(first.url).get('/api/stations?limit=1')).body.total
    await first.stop()
    expect(first.child.exitCode).toBe(0) // graceful

    const second = await startServer({ database: { dataDir: first.dataDir, databaseUrl: first.databaseUrl } })
    try {
      const me = await api(second.url, login.body.token).get('/api/me')
      expect(me.status).toBe(200)
      expect(me.body.user.nickname).toBe('重启测试')
      expect((await api(second.url).get('/api/stations?limit=1')).body.total).toBe(count1)
    } finally {
      await second.stop()
    }
  })

  if (backend === 'pglite') {
    test('a second process on the same data folder refuses to start, with a clear message', async () => {
      const first = await startServer({ seedDemo: false })
      try {
        const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
          cwd: ROOT,
          env: { PATH: process.env.PATH, NODE_ENV: 'test', DATA_DIR: first.dataDir, PORT: '0', SEED_DEMO: 'false' },
          encoding: 'utf8',
          timeout: 60_000,
        })
        expect(res.status).toBe(75)
        expect(res.stderr).toContain('正被进程')
        // The first server is unharmed.
        expect((await api(first.url).get('/api/health')).status).toBe(200)
      } finally {
        await first.stop()
      }
    })

    test('a stale lock left by a killed process does not block the next start', async () => {
      const first = await startServer({ seedDemo: false })
      first.child.kill('SIGKILL')
      await new Promise((r) => first.child.once('exit', r))
      const second = await startServer({ seedDemo: false, database: { dataDir: first.dataDir, databaseUrl: null } })
      try {
        expect((await api(second.url).get('/api/health')).status).toBe(200)
      } finally {
        await second.stop()
      }
    })
  }

  test('an unreachable PostgreSQL at start → a clear error and a non-zero exit', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(res.status).toBe(69)
    expect(res.stderr).toContain('无法打开PostgreSQL')
  })
})
