/**
 * GET /api/metrics: Prometheus text for a scraper on this host or one with
 * METRICS_TOKEN; anyone else (another address, a request forwarded by a
 * proxy, a wrong token) is refused.
 */
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(120_000)

const TOKEN = 'metrics-token-for-the-tests-0123456789'
let server: TestApp

beforeAll(async () => {
  server = await startApp({ env: { METRICS_TOKEN: TOKEN } })
})
afterAll(async () => {
  await server?.stop()
})

const scrape = (opts: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  server.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: opts.remoteAddress ?? '127.0.0.1', headers: opts.headers })

describe(`metrics on ${backend}`, () => {
  test(
    'from this host: request durations per route, jobs, the outbox backlog, the event loop' +
      (backend === 'postgres' ? ' and the pool' : ''),
    async () => {
      expect((await api(server.url).get('/api/stations/nearby?lat=39.05&lng=121.77&limit=5')).status).toBe(200)
      const res = await scrape()
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('text/plain')
      expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/stations\/nearby",status="200"\} 1/)
      expect(res.body).toContain('# TYPE job_runs_total counter')
      expect(res.body).toMatch(/outbox_backlog \d+/)
      expect(res.body).toMatch(/outbox_oldest_age_seconds [\d.e+-]+/)
      // The loop's delay since the previous scrape: a hold of 100 ms between two scrapes shows in the next one
      // (a 10 ms tick about 90 ms late).
      await scrape()
      const until = Date.now() + 100
      while (Date.now() < until); // holds the event loop, as a long synchronous statement would
      await new Promise((r) => setTimeout(r, 20))
      const held = /nodejs_eventloop_delay_seconds\{quantile="1"\} ([\d.e+-]+)/.exec((await scrape()).body)
      expect(Number(held?.[1])).toBeGreaterThanOrEqual(0.08)
      if (backend === 'postgres') expect(res.body).toMatch(/db_pool_wait_seconds_count \d+/)
    },
  )

  test('another address, a forwarded request or a wrong token: 403 { code, message }; the right token from anywhere: 200', async () => {
    for (const res of [
      await scrape({ remoteAddress: '203.0.113.7' }),
      await scrape({ headers: { 'x-forwarded-for': '203.0.113.7' } }),
      await scrape({ remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } }),
      await scrape({ headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } }),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.any(String) })
    }
    const ok = await scrape({ remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toContain('http_request_duration_seconds')
  })
})
