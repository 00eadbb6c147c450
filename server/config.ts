/**
 * Configuration from the environment, validated once at start.
 * Everything the server reads from `process.env` is read here.
 */
import path from 'node:path'
import { DEFAULT_RESOLUTION_TARGETS, DEFAULT_RESPONSE_TARGETS, type ResponseTargets } from '../domain/sla'
import { isProxySpec } from './services/clientAddress'
import { parseDataKeys, type DataKey } from './services/fieldCrypto'

export interface Config {
  nodeEnv: 'development' | 'production' | 'test'
  host: string
  port: number
  /** Set → real PostgreSQL through `pg`; unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | null
  /** PostgreSQL connections per instance (DB_POOL_MAX) and the longest wait for one (DB_POOL_WAIT_MS); past it, 503. */
  pool: { max: number; waitMs: number }
  /** Bearer token that opens GET /api/metrics to other hosts (METRICS_TOKEN); without it, loopback only. */
  metricsToken: string | null
  dataDir: string
  /** Load the demo stations on start (idempotent). Default: on outside production. */
  seedDemo: boolean
  /** Folder of the h5 build the server serves at `/`. */
  h5Dir: string
  logLevel: string
  sessionTtlHours: number
  /** Response targets per urgency (and optionally per category), see domain/sla.ts. */
  responseTargets: ResponseTargets
  /** How long stations have to resolve a request, counted from submission (the second clock). */
  resolutionTargets: ResponseTargets
  /** Origins allowed by CORS (the h5 portal is same-origin and needs none). */
  corsOrigins: string[]
  /**
   * Proxies whose X-Forwarded-For is believed (TRUST_PROXY: addresses, CIDR blocks, or loopback / linklocal /
   * uniquelocal); empty: none, the client is the socket's peer.
   */
  trustProxy: string[]
  /** Requests per minute per user (or per client address before login). */
  rateLimits: { login: number; submit: number; upload: number; enroll: number }
  /** How long the worker thread may take to read one imported station file before it is stopped (503). */
  importParseTimeoutMs: number
  /** How often the escalation job and the notification sender run (0 = not at all). */
  jobIntervalMs: number
  /** Keys for phone numbers and addresses at rest (DATA_KEYS); empty: a key kept in the database (development). */
  dataKeys: DataKey[]
  /** Days after a request is closed, or an activity ended, until its personal fields are purged. */
  retentionDays: number
  wechat: {
    apiBase: string
    /** Subscribe-message template for status changes of a request. */
    templateRequestStatus: string | null
    /** Subscribe-message template for enrollments (候补转正、活动提醒); unset: logged only. */
    templateActivity: string | null
    /**
     * Subscribe-message template for the day-before reminder of a booking (预约提醒): the booking page asks for it with the
     * activity template in one dialog, so the confirmation and the reminder each have their one-time allowance. Unset: the
     * reminder goes through the activity template (and finds its allowance used by the confirmation).
     */
    templateBookingReminder: string | null
    /** Subscribe-message template for staff alerts (新求助、转入、升级、分派、即将超时); unset: logged only. */
    templateStaffAlert: string | null
    appId: string | null
    secret: string | null
  }
}

export class ConfigError extends Error {}

function dataKeys(value: string | undefined): DataKey[] {
  try {
    return parseDataKeys(value)
  } catch (err) {
    throw new ConfigError((err as Error).message)
  }
}

const root = path.resolve(__dirname, '..')

/** TRUST_PROXY='127.0.0.1, 10.0.0.0/8': every entry an address, a CIDR block or a proxy-addr name. */
function trustProxy(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
  const wrong = entries.find((e) => !isProxySpec(e))
  if (wrong !== undefined) {
    throw new ConfigError(`TRUST_PROXY must list proxy addresses or CIDR blocks (e.g. 127.0.0.1,10.0.0.0/8), got "${wrong}"`)
  }
  return entries
}

function int(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${value}"`)
  }
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development'
  const seedDemo = env.SEED_DEMO === undefined || env.SEED_DEMO === '' ? nodeEnv !== 'production' : env.SEED_DEMO === 'true'
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env.PORT, 3000, 'PORT', 0, 65535),
    databaseUrl: env.DATABASE_URL || null,
    pool: {
      max: int(env.DB_POOL_MAX, 10, 'DB_POOL_MAX', 1, 1000),
      waitMs: int(env.DB_POOL_WAIT_MS, 30_000, 'DB_POOL_WAIT_MS', 1, 600_000),
    },
    metricsToken: env.METRICS_TOKEN || null,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, 'data')),
    seedDemo,
    h5Dir: path.resolve(env.H5_DIR || path.join(root, 'dist', 'h5')),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info'),
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 24 * 30, 'SESSION_TTL_HOURS', 1, 24 * 365),
    responseTargets: parseTargets(env.RESPONSE_TARGETS),
    resolutionTargets: parseTargets(env.RESOLUTION_TARGETS, 'RESOLUTION_TARGETS', DEFAULT_RESOLUTION_TARGETS),
    trustProxy: trustProxy(env.TRUST_PROXY),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimits: {
      login: int(env.RATE_LIMIT_LOGIN, 20, 'RATE_LIMIT_LOGIN', 1, 1_000_000),
      submit: int(env.RATE_LIMIT_SUBMIT, 10, 'RATE_LIMIT_SUBMIT', 1, 1_000_000),
      upload: int(env.RATE_LIMIT_UPLOAD, 20, 'RATE_LIMIT_UPLOAD', 1, 1_000_000),
      enroll: int(env.RATE_LIMIT_ENROLL, 30, 'RATE_LIMIT_ENROLL', 1, 1_000_000),
    },
    importParseTimeoutMs: int(env.IMPORT_PARSE_TIMEOUT_MS, 60_000, 'IMPORT_PARSE_TIMEOUT_MS', 1, 3_600_000),
    jobIntervalMs: int(env.JOB_INTERVAL_MS, 30_000, 'JOB_INTERVAL_MS', 0, 3_600_000),
    retentionDays: int(env.RETENTION_DAYS, 730, 'RETENTION_DAYS', 1, 36_500),
    dataKeys: dataKeys(env.DATA_KEYS),
    wechat: {
      templateRequestStatus: env.WECHAT_TEMPLATE_REQUEST_STATUS || null,
      templateActivity: env.WECHAT_TEMPLATE_ACTIVITY || null,
      templateBookingReminder: env.WECHAT_TEMPLATE_BOOKING_REMINDER || null,
      templateStaffAlert: env.WECHAT_TEMPLATE_STAFF_ALERT || null,
      apiBase: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      appId: env.WECHAT_APPID || null,
      secret: env.WECHAT_SECRET || null,
    },
  }
}

/** RESPONSE_TARGETS='{"urgent":{"minutes":120},"normal":{"workingDays":1},"child_protection:normal":{"minutes":240}}' */
function parseTargets(value: string | undefined, name = 'RESPONSE_TARGETS', defaults = DEFAULT_RESPONSE_TARGETS): ResponseTargets {
  if (!value) return defaults
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new ConfigError(`${name} must be JSON`)
  }
  const targets = { ...defaults, ...(parsed as object) } as ResponseTargets
  for (const [k, t] of Object.entries(targets)) {
    const ok = t && ((Number.isInteger(t.minutes) && t.minutes! > 0) || (Number.isInteger(t.workingDays) && t.workingDays! > 0))
    if (!ok) throw new ConfigError(`${name}.${k} needs a positive integer "minutes" or "workingDays"`)
  }
  return targets
}
