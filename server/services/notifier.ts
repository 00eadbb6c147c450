/**
 * Delivers the outbox as WeChat subscribe messages through WECHAT_API_BASE
 * (access token, then /cgi-bin/message/subscribe/send), with retries and
 * exponential backoff, recording each delivery — outside any transaction, so a
 * slow or unreachable WeChat never holds a database session (deliverPending). Without WeChat configuration
 * (or for users without an openid) the message is logged instead. Station
 * accounts are reached at the openid their opt-in brought (staff_notification_settings).
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { Database } from '../db'

const MAX_ATTEMPTS = 8

let cachedToken: { value: string; expiresAt: number; base: string } | null = null

export async function accessToken(config: Config, now: Date): Promise<string> {
  const { apiBase, appId, secret } = config.wechat
  if (cachedToken && cachedToken.base === apiBase && cachedToken.expiresAt > now.getTime() + 60_000) return cachedToken.value
  const url = `${apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId!)}&secret=${encodeURIComponent(secret!)}`
  const res = await fetch(url, { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) })
  const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number }
  if (!body.access_token) throw new Error(`access token: errcode ${body.errcode}`)
  cachedToken = { value: body.access_token, expiresAt: now.getTime() + (body.expires_in ?? 7200) * 1000, base: apiBase }
  return body.access_token
}

interface Pending {
  id: number
  topic: string
  payload: Record<string, string>
  attempts: number
  openid: string | null
}

/** The subscribe message for an outbox entry, or null when its template is not configured. */
export function subscribeMessage(config: Config, m: Pick<Pending, 'topic' | 'payload'>) {
  const p = m.payload
  if (m.topic === 'request_status') {
    if (!config.wechat.templateRequestStatus) return null
    return {
      template_id: config.wechat.templateRequestStatus,
      page: `packages/request/detail/index?id=${p.requestId}`,
      data: {
        character_string1: { value: p.number },
        phrase2: { value: p.status },
        thing3: { value: p.note || '请进入小程序查看' },
      },
    }
  }
  if (m.topic === 'rating_invite') {
    if (!config.wechat.templateRequestStatus) return null
    return {
      template_id: config.wechat.templateRequestStatus,
      page: `packages/rating/new/index?requestId=${p.requestId}`,
      data: {
        character_string1: { value: p.number },
        phrase2: { value: '待评价' },
        thing3: { value: '问题解决了吗？请评价本次服务' },
      },
    }
  }
  if (m.topic === 'staff_alert') {
    if (!config.wechat.templateStaffAlert) return null
    return {
      template_id: config.wechat.templateStaffAlert,
      page: `packages/workbench/request/index?id=${p.requestId}`,
      data: {
        character_string1: { value: p.number },
        phrase2: { value: p.label },
        thing3: { value: (p.note || '请进入工作台查看').slice(0, 20) },
      },
    }
  }
  if (m.topic === 'booking_reminder' && config.wechat.templateBookingReminder) {
    // The reminder's own template (预约提醒), allowed in the same dialog as the confirmation: its own one-time allowance.
    return { template_id: config.wechat.templateBookingReminder, ...bookingReminderContent(p) }
  }
  if (!config.wechat.templateActivity) return null
  if (m.topic === 'booking_rating_invite') {
    // After the station marked a booking attended, as rating_invite after a resolution: straight to the rating page.
    return {
      template_id: config.wechat.templateActivity,
      page: `packages/rating/new/index?bookingId=${p.bookingId}`,
      data: { thing1: { value: p.activity || '预约服务' }, phrase2: { value: '待评价' }, thing3: { value: '请评价这次服务' } },
    }
  }
  // Without a reminder template, a booking's reminder goes through the activity template, as its status messages do.
  if (m.topic === 'booking_reminder') return { template_id: config.wechat.templateActivity, ...bookingReminderContent(p) }
  // Bookings (预约服务) share the activity template: a name, a status, a note.
  const booking = m.topic === 'booking_status'
  const reminder = m.topic === 'activity_reminder'
  return {
    template_id: config.wechat.templateActivity,
    page: booking ? 'packages/booking/mine/index' : 'packages/activity/mine/index',
    data: {
      thing1: { value: p.activity || (booking ? '预约服务' : '活动报名') },
      phrase2: { value: reminder ? (p.closed ? '站点休息' : '明天开始') : p.status },
      thing3: { value: (reminder ? `${p.time} ${p.note}` : p.note || '请进入小程序查看').slice(0, 20) },
    },
  }
}

/**
 * A booking's reminder (the same three keywords as the activity template: thing1 the service, phrase2 the day, thing3
 * the time and who comes). The day is the booking's own in China time, as the job wrote it: 「今天预约」 for a booking
 * made the same day, 「明天预约」 the day before; without it (a message queued before `day` was written), 「预约提醒」.
 */
export function bookingReminderContent(p: Record<string, string>) {
  const day = p.day === '今天' || p.day === '明天' ? `${p.day}预约` : '预约提醒'
  return {
    page: 'packages/booking/mine/index',
    data: {
      thing1: { value: p.activity || '预约服务' },
      phrase2: { value: p.closed ? '站点休息' : day },
      thing3: { value: `${p.time} ${p.note}`.slice(0, 20) },
    },
  }
}

/** Messages per claim; sends in flight at once; how long a claim keeps other senders (instances) off its messages. */
const BATCH = 20
const CONCURRENCY = 5
const SEND_TIMEOUT_MS = 5000
/** Longer than the slowest batch can take (a token fetch and BATCH / CONCURRENCY sends, each timing out). */
const LEASE_MS = 10 * 60_000

type Outcome = { id: number; delivery: 'wechat' | 'not_subscribed' | 'log' } | { id: number; error: string; attempts: number }

/**
 * Delivers due outbox messages, never inside a database transaction:
 * claim a batch (one statement: the due messages get a lease, so no other
 * sender takes them), send them to WeChat with nothing of the database held,
 * then record every result (one statement). A message is keyed by its id: it
 * is recorded delivered only while it is still undelivered, and a claimed
 * message is not claimed again until its lease runs out (the sender died).
 * A batch in which nothing got through (WeChat down or too slow) ends the run:
 * the next tick tries again, after each message's backoff.
 */
export async function deliverPending(db: Database, config: Config, log: FastifyBaseLogger, now: Date): Promise<number> {
  const configured = !!(config.wechat.appId && config.wechat.secret)
  let delivered = 0
  for (;;) {
    const batch = await claimBatch(db, now)
    if (batch.length === 0) return delivered
    const outcomes = await inParallel(batch, CONCURRENCY, (m) => deliverOne(config, log, configured, m, now))
    await recordOutcomes(db, outcomes, now)
    const ok = outcomes.filter((o) => 'delivery' in o).length
    delivered += ok
    if (batch.length < BATCH || ok === 0) return delivered
  }
}

async function claimBatch(db: Database, now: Date): Promise<Pending[]> {
  const { rows } = await db.query<Pending>(
    `UPDATE outbox o SET next_attempt_at = $3
       FROM users u LEFT JOIN staff_notification_settings s ON s.user_id = u.id
      WHERE u.id = o.user_id
        AND o.id IN (SELECT id FROM outbox
                      WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND attempts < $2
                      ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.topic, o.payload, o.attempts, COALESCE(s.openid, u.openid) AS openid`,
    [now, MAX_ATTEMPTS, new Date(now.getTime() + LEASE_MS)],
  )
  return rows.sort((a, b) => Number(a.id) - Number(b.id))
}

async function deliverOne(config: Config, log: FastifyBaseLogger, configured: boolean, m: Pending, now: Date): Promise<Outcome> {
  const message = subscribeMessage(config, m)
  const real = configured && message && m.openid && !m.openid.startsWith('dev:')
  try {
    if (!real) {
      log.info({ outbox: m.id, topic: m.topic }, 'notification (WeChat not configured: logged only)')
      return { id: Number(m.id), delivery: 'log' }
    }
    const token = await accessToken(config, now)
    const res = await fetch(`${config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: m.openid, ...message }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    })
    const body = (await res.json()) as { errcode?: number; errmsg?: string }
    // 43101: the user has not subscribed (or used up the one-time subscription): nothing to retry.
    if (body.errcode && body.errcode !== 43101) throw new Error(`errcode ${body.errcode}`)
    return { id: Number(m.id), delivery: body.errcode === 43101 ? 'not_subscribed' : 'wechat' }
  } catch (err) {
    return { id: Number(m.id), error: String((err as Error).message).slice(0, 200), attempts: m.attempts + 1 }
  }
}

/** Every result of a batch in one statement; a message already recorded delivered is left as it is. */
async function recordOutcomes(db: Database, outcomes: Outcome[], now: Date): Promise<void> {
  const rows = outcomes.map((o) =>
    'delivery' in o
      ? { id: o.id, delivery: o.delivery, next: null, error: null }
      : {
          id: o.id,
          delivery: null,
          next: new Date(now.getTime() + Math.min(3600_000, 2 ** o.attempts * 15_000)).toISOString(),
          error: o.error,
        },
  )
  await db.query(
    `UPDATE outbox o SET attempts = o.attempts + 1,
            delivered_at = CASE WHEN r.delivery IS NULL THEN NULL ELSE $2::timestamptz END,
            delivery = COALESCE(r.delivery, o.delivery),
            next_attempt_at = COALESCE(r.next, o.next_attempt_at),
            last_error = COALESCE(r.error, o.last_error)
       FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, delivery text, next timestamptz, error text)
      WHERE o.id = r.id AND o.delivered_at IS NULL`,
    [JSON.stringify(rows), now],
  )
}

/** fn over items, at most `limit` at a time, results in the items' order. */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
