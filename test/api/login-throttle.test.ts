/**
 * Staff login limits on PGlite and PostgreSQL, in-process (every injected call
 * comes from 127.0.0.1): attempts counted atomically before the password is
 * checked, per username AND client address, plus a slower limit per username;
 * the rate limiter's key never taken from an unverified header; X-Forwarded-For
 * read only from the proxies TRUST_PROXY names. Ends with a fast-check property
 * over bursts of concurrent logins with forged tokens and forwarded-for headers.
 */
import fc from 'fast-check'
import { upsertStaffAccount } from '../../server/repositories/staff'
import { LOGIN_THROTTLE } from '../../server/usecases/loginThrottle'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(600_000)

const PASSWORD = 'right-password-2026'
const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
let accounts = 0
/** A fresh station account, so each test starts with no attempts counted. */
async function account(app: TestApp): Promise<string> {
  const username = `throttle-${++accounts}-${Math.random().toString(36).slice(2, 8)}`
  await upsertStaffAccount(app.db, { username, password: PASSWORD, nickname: '限流测试', role: 'staff', stationCode: 'DL-JP-XJ' })
  return username
}
const randomToken = () =>
  `Bearer ${Array.from({ length: 40 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789_-'[Math.floor(Math.random() * 38)]).join('')}`
const randomAddress = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`
const login = (app: TestApp, username: string, password: string, headers: Record<string, string> = {}) =>
  api(app.url).post('/api/staff/login', { username, password }, headers)

const { attempts: PER_ADDRESS } = LOGIN_THROTTLE.perAddress

describe(`staff login without a trusted proxy on ${backend}`, () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startApp({ env: { JOB_INTERVAL_MS: '0' } }) // RATE_LIMIT_LOGIN is high in tests: the account throttle is what is tested
  })
  afterAll(() => app?.stop())

  test('25 wrong passwords at once: only the first attempts are checked, the account is locked here, the right password then refused', async () => {
    const username = await account(app)
    const burst = await Promise.all(Array.from({ length: 25 }, () => login(app, username, 'wrong-password')))
    const statuses = burst.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ADDRESS)
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - PER_ADDRESS)
    const right = await login(app, username, PASSWORD)
    expect(right.status).toBe(429)
    expect(right.body).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('锁定') })
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(LOGIN_THROTTLE.perAddress.minutes * 60)
  })

  test('forged bearer tokens and forwarded-for headers do not reset the count', async () => {
    const username = await account(app)
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      statuses.push((await login(app, username, `wrong-${i}`, { authorization: randomToken(), 'x-forwarded-for': randomAddress() })).status)
    }
    expect(statuses.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill(401))
    expect(statuses.slice(PER_ADDRESS)).toEqual(Array(25 - PER_ADDRESS).fill(429))
    expect((await login(app, username, PASSWORD, { authorization: randomToken(), 'x-forwarded-for': randomAddress() })).status).toBe(429)
  })

  test('a success before the limit starts the count again', async () => {
    const username = await account(app)
    for (let i = 0; i < PER_ADDRESS - 1; i++) expect((await login(app, username, 'wrong')).status).toBe(401)
    expect((await login(app, username, PASSWORD)).status).toBe(200)
    for (let i = 0; i < PER_ADDRESS - 1; i++) expect((await login(app, username, 'wrong')).status).toBe(401)
    expect((await login(app, username, PASSWORD)).status).toBe(200)
  })

  test('an unknown username is counted like a real one: the refusals do not tell which usernames exist', async () => {
    const statuses: number[] = []
    for (let i = 0; i < PER_ADDRESS + 2; i++) statuses.push((await login(app, 'nobody-has-this-name', 'wrong')).status)
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), 429, 429])
  })
})

describe(`the rate limiter's key on ${backend}`, () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startApp({ env: { JOB_INTERVAL_MS: '0', RATE_LIMIT_LOGIN: '5' } })
  })
  afterAll(() => app?.stop())

  test('a login route is limited per client address: a random token or forwarded-for header per try changes nothing', async () => {
    const statuses: number[] = []
    // Other usernames each time: what stops these is the per-address rate limit, not an account's count.
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await login(app, `someone-${i}`, 'wrong', { authorization: randomToken(), 'x-forwarded-for': randomAddress() })).status,
      )
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(5).fill(429)])
    // Each route counts on its own: the demo login's five, then 429, whatever token each try carries.
    const dev: number[] = []
    for (let i = 0; i < 7; i++) dev.push((await api(app.url).post('/api/auth/dev', {}, { authorization: randomToken() })).status)
    expect(dev).toEqual([...Array(5).fill(200), 429, 429])
  })
})

describe(`TRUST_PROXY on ${backend}`, () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startApp({ env: { JOB_INTERVAL_MS: '0', TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' } })
  })
  afterAll(() => app?.stop())

  test('behind a configured proxy the client is the forwarded address: a guesser elsewhere does not lock the worker out', async () => {
    const username = await account(app)
    const attacker = { 'x-forwarded-for': '198.51.100.7' }
    const worker = { 'x-forwarded-for': '192.0.2.20' }
    expect((await login(app, username, PASSWORD, worker)).status).toBe(200)
    const burst = await Promise.all(Array.from({ length: 12 }, () => login(app, username, 'wrong', attacker)))
    expect(burst.filter((r) => r.status === 401)).toHaveLength(PER_ADDRESS)
    expect((await login(app, username, PASSWORD, attacker)).status).toBe(429)
    // The worker's own address is not locked.
    expect((await login(app, username, PASSWORD, worker)).status).toBe(200)
    // An address forged in front of the real one is ignored: the attacker is still the attacker
    // (the chain is read from the right, and only trusted proxies are skipped).
    expect((await login(app, username, PASSWORD, { 'x-forwarded-for': '192.0.2.20, 198.51.100.7' })).status).toBe(429)
    // A hop through another trusted proxy is looked through.
    expect((await login(app, username, PASSWORD, { 'x-forwarded-for': '192.0.2.20, 10.1.2.3' })).status).toBe(200)
  })

  test('guesses from many addresses: beyond the account-wide limit only addresses the account used recently may try', async () => {
    const username = await account(app)
    const home = { 'x-forwarded-for': '192.0.2.30' }
    expect((await login(app, username, PASSWORD, home)).status).toBe(200)
    const { attempts: overall } = LOGIN_THROTTLE.perAccount
    const addresses = Math.ceil((overall + 1) / PER_ADDRESS) + 1
    const statuses: number[] = []
    for (let a = 0; a < addresses; a++) {
      const from = { 'x-forwarded-for': `198.51.100.${a + 1}` }
      for (let i = 0; i < PER_ADDRESS; i++) statuses.push((await login(app, username, 'wrong', from)).status)
    }
    // The home login took one of the account's attempts and gave it back on success.
    expect(statuses.filter((s) => s === 401)).toHaveLength(overall)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0)
    // A new address is refused even with the right password; the worker's usual one is not.
    const fresh = await login(app, username, PASSWORD, { 'x-forwarded-for': '198.51.100.250' })
    expect(fresh.status).toBe(429)
    expect(fresh.body.message).toContain('常用')
    expect((await login(app, username, PASSWORD, home)).status).toBe(200)
  })
})

describe('TRUST_PROXY is checked at start', () => {
  test('an entry that is no address, CIDR block or proxy-addr name is a configuration error', async () => {
    const { loadConfig: load, ConfigError } = await import('../../server/config')
    const loadConfig = (env: Record<string, string>) => load({ NODE_ENV: 'test', ...env })
    for (const wrong of ['true', '*', '10.0.0.0/33', '127.1', '0x7f000001', 'nginx']) {
      expect(() => loadConfig({ TRUST_PROXY: wrong })).toThrow(ConfigError)
    }
    expect(loadConfig({}).trustProxy).toEqual([])
    expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1 , 10.0.0.0/8,loopback, ::1 ' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'loopback',
      '::1',
    ])
  })
})

describe(`fuzzing concurrent logins on ${backend}`, () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
  })
  afterAll(() => app?.stop())

  test('a burst of guesses with forged headers, at once, never gets more than the limit checked, nor the right password in afterwards', async () => {
    console.log(`login fuzz on ${backend}: seed ${SEED} (FUZZ_SEED)`)
    const forged = fc.record({
      authorization: fc.option(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/).map((t) => `Bearer ${t}`),
          fc.constantFrom('Bearer x', 'Basic YQ=='),
        ),
        { nil: undefined },
      ),
      'x-forwarded-for': fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('unknown', '1.2.3.4, 5.6.7.8', '999.1.1.1')), {
        nil: undefined,
      }),
      'x-real-ip': fc.option(fc.ipV4(), { nil: undefined }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(forged, fc.string({ minLength: 1, maxLength: 20 })), { minLength: PER_ADDRESS + 1, maxLength: 30 }),
        async (guesses) => {
          const username = await account(app)
          const answers = await Promise.all(
            guesses.map(([headers, password]) => {
              const h = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>
              return login(app, username, password === PASSWORD ? `${password}!` : password, h)
            }),
          )
          const statuses = answers.map((r) => r.status)
          expect(statuses.every((s) => s === 401 || s === 429 || s === 400)).toBe(true)
          expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(PER_ADDRESS)
          if (statuses.filter((s) => s !== 400).length > PER_ADDRESS) expect((await login(app, username, PASSWORD)).status).toBe(429)
        },
      ),
      { seed: SEED, numRuns: 8 },
    )
  })
})
