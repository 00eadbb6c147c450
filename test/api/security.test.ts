/** Security headers, CORS and rate limits on the API (in-process: rate limits per IP see 127.0.0.1). */
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(120_000)
let server: TestApp

beforeAll(async () => {
  server = await startApp({
    seedDemo: false,
    env: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_SUBMIT: '2', CORS_ORIGINS: 'https://portal.example.cn' },
  })
})
afterAll(() => server?.stop())

describe(`security on ${backend}`, () => {
  test('the portal is served with security headers', async () => {
    const res = await server.fetch(`/api/health`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-frame-options')).toBeTruthy()
  })

  test('CORS only for configured origins', async () => {
    const allowed = await server.fetch(`/api/health`, { headers: { origin: 'https://portal.example.cn' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.cn')
    const other = await server.fetch(`/api/health`, { headers: { origin: 'https://evil.example.com' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('login is rate limited per IP: 429 with Retry-After and a readable message', async () => {
    const c = api(server.url)
    const codes: number[] = []
    let last
    for (let i = 0; i < 5; i++) {
      last = await c.post('/api/auth/dev', {})
      codes.push(last.status)
    }
    expect(codes).toEqual([200, 200, 200, 429, 429])
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(last!.body).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('操作太频繁') })
  })

  test('submissions are rate limited per user, not shared between users', async () => {
    // A fresh server: the dev logins above used up this IP's login budget on the first one.
    const fresh = await startApp({ seedDemo: false, env: { RATE_LIMIT_SUBMIT: '2' } })
    try {
      const login = async (n: string) => api(fresh.url, (await api(fresh.url).post('/api/auth/dev', { nickname: n })).body.token)
      const a = await login('甲')
      const b = await login('乙')
      const post = (c: ReturnType<typeof api>, k: string) =>
        c.post('/api/requests', { bad: true }, { 'idempotency-key': `rate-limit-key-${k}` })
      expect((await post(a, '1')).status).toBe(400)
      expect((await post(a, '2')).status).toBe(400)
      expect((await post(a, '3')).status).toBe(429)
      expect((await post(b, '1')).status).toBe(400)
    } finally {
      await fresh.stop()
    }
  })
})
