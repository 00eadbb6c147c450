/**
 * Login: WeChat code2Session against a fake WeChat API on loopback, the demo
 * login (never in production), sessions with expiry and revocation.
 */
import { createHash } from 'node:crypto'
import { api, backend, startApp, type TestApp } from './helpers/server'
import { startFakeWechat, type FakeWechat } from './helpers/fakeWechat'

jest.setTimeout(120_000)

const EXPIRED_TOKEN = 'expired-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

let wechat: FakeWechat
let server: TestApp
let client: ReturnType<typeof api>

beforeAll(async () => {
  wechat = await startFakeWechat()
  server = await startApp({
    seedDemo: false,
    env: { WECHAT_API_BASE: wechat.url, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret' },
    prepare: async (db) => {
      const { rows } = await db.query<{ id: string }>(`INSERT INTO users (openid, nickname) VALUES ('o-old', '旧用户') RETURNING id`)
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, now() - interval '40 days', now() - interval '10 days')`,
        [sha256(EXPIRED_TOKEN), rows[0]!.id],
      )
    },
  })
  client = api(server.url)
})
afterAll(async () => {
  await server?.stop()
  await wechat?.close()
})

describe(`auth on ${backend}`, () => {
  test('WeChat login: code → our own token; session_key never leaves the server nor reaches its log', async () => {
    const res = await client.post('/api/auth/wechat', { code: 'ok-mother' })
    expect(res.status).toBe(200)
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(res.body.user).toMatchObject({ role: 'resident' })
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now())
    expect(JSON.stringify(res.body)).not.toContain('SECRET-SESSION-KEY')
    expect(wechat.calls.at(-1)!.searchParams.get('js_code')).toBe('ok-mother')

    const me = await api(server.url, res.body.token).get('/api/me')
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(res.body.user.id)

    // The same WeChat user logging in again is the same resident.
    const again = await client.post('/api/auth/wechat', { code: 'ok-mother' })
    expect(again.body.user.id).toBe(res.body.user.id)
    expect(again.body.token).not.toBe(res.body.token)

    expect(server.output()).not.toContain('SECRET-SESSION-KEY')
    expect(server.output()).not.toContain(res.body.token)
  })

  test('an invalid or expired code → 401; WeChat rate limit → 429; WeChat broken → 502', async () => {
    const bad = await client.post('/api/auth/wechat', { code: 'expired' })
    expect(bad.status).toBe(401)
    expect(bad.body).toEqual({ code: 'UNAUTHORIZED', message: expect.stringContaining('登录') })
    expect((await client.post('/api/auth/wechat', { code: 'busy' })).status).toBe(429)
    const broken = await client.post('/api/auth/wechat', { code: 'broken' })
    expect(broken.status).toBe(502)
    expect(broken.body.code).toBe('UPSTREAM_ERROR')
  })

  test.each([
    ['no body', undefined, { code: 'BAD_REQUEST' }],
    ['empty code', { code: '' }, { code: 'FIELD_INVALID', field: 'code' }],
    ['code too long', { code: 'x'.repeat(500) }, { code: 'FIELD_INVALID', field: 'code' }],
    ['extra field', { code: 'ok-a', role: 'supervisor' }, { code: 'BAD_REQUEST' }],
    ['wrong type', { code: 42 }, { code: 'FIELD_INVALID', field: 'code' }],
    ['not JSON', '{"code":', { code: 'BAD_REQUEST' }],
  ])('login with bad input (%s) → 400 { code, message, field }', async (_name, body, refusal) => {
    const res = await client.post('/api/auth/wechat', body)
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ ...refusal, message: expect.any(String) })
  })

  test('no token, a garbage token, an expired token → 401', async () => {
    expect((await client.get('/api/me')).status).toBe(401)
    expect((await api(server.url, 'garbage-token-garbage-token-garbage').get('/api/me')).status).toBe(401)
    const expired = await api(server.url, EXPIRED_TOKEN).get('/api/me')
    expect(expired.status).toBe(401)
    expect(expired.body).toEqual({ code: 'UNAUTHORIZED', message: expect.stringContaining('过期') })
  })

  test('logout revokes the token', async () => {
    const { body } = await client.post('/api/auth/dev', {})
    const me = api(server.url, body.token)
    expect((await me.get('/api/me')).status).toBe(200)
    expect((await me.post('/api/auth/logout')).status).toBe(200)
    expect((await me.get('/api/me')).status).toBe(401)
  })

  test('the demo login works outside production', async () => {
    const res = await client.post('/api/auth/dev', {})
    expect(res.status).toBe(200)
    expect(res.body.user.nickname).toBe('演示居民')
  })
})

describe('production', () => {
  test('the demo login does not exist in production, and WeChat login still works', async () => {
    const prod = await startApp({
      seedDemo: false,
      env: { NODE_ENV: 'production', WECHAT_API_BASE: wechat.url, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret' },
    })
    try {
      const c = api(prod.url)
      const dev = await c.post('/api/auth/dev', {})
      expect(dev.status).toBe(404)
      expect(dev.body.code).toBe('NOT_FOUND')
      expect((await c.post('/api/auth/wechat', { code: 'ok-prod' })).status).toBe(200)
    } finally {
      await prod.stop()
    }
  })

  test('WeChat login without WECHAT_APPID/SECRET says it is not configured (503 NOT_CONFIGURED), not a crash', async () => {
    const bare = await startApp({ seedDemo: false })
    try {
      const res = await api(bare.url).post('/api/auth/wechat', { code: 'ok-x' })
      expect(res.status).toBe(503)
      expect(res.body).toEqual({ code: 'NOT_CONFIGURED', message: expect.stringContaining('未配置') })
    } finally {
      await bare.stop()
    }
  })
})
