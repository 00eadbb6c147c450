/**
 * Delivers the outbox as WeChat subscribe messages through WECHAT_API_BASE
 * (access token, then /cgi-bin/message/subscribe/send), with retries and
 * exponential backoff, recording each delivery. Without WeChat configuration
 * (or for users without an openid) the message is logged instead.
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
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
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
  if (!config.wechat.templateActivity) return null
  // Bookings (预约服务) share the activity template: a name, a status, a note.
  const booking = m.topic === 'booking_status' || m.topic === 'booking_reminder'
  const reminder = m.topic === 'activity_reminder' || m.topic === 'booking_reminder'
  return {
    template_id: config.wechat.templateActivity,
    page: booking ? 'packages/booking/mine/index' : 'packages/activity/mine/index',
    data: {
      thing1: { value: p.activity || (booking ? '预约服务' : '活动报名') },
      phrase2: { value: reminder ? (booking ? '明天预约' : '明天开始') : p.status },
      thing3: { value: (reminder ? `${p.time} ${p.note}` : p.note || '请进入小程序查看').slice(0, 20) },
    },
  }
}

export async function deliverPending(db: Database, config: Config, log: FastifyBaseLogger, now: Date): Promise<number> {
  const configured = !!(config.wechat.appId && config.wechat.secret)
  let delivered = 0
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const { rows } = await tx.query<Pending>(
        `SELECT o.id, o.topic, o.payload, o.attempts, u.openid
           FROM outbox o JOIN users u ON u.id = o.user_id
          WHERE o.delivered_at IS NULL AND o.next_attempt_at <= $1 AND o.attempts < $2
          ORDER BY o.id LIMIT 20 FOR UPDATE OF o SKIP LOCKED`,
        [now, MAX_ATTEMPTS],
      )
      for (const m of rows) {
        const message = subscribeMessage(config, m)
        const real = configured && message && m.openid && !m.openid.startsWith('dev:')
        try {
          if (real) {
            const token = await accessToken(config, now)
            const res = await fetch(`${config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ touser: m.openid, ...message }),
              signal: AbortSignal.timeout(5000),
            })
            const body = (await res.json()) as { errcode?: number; errmsg?: string }
            // 43101: the user has not subscribed (or used up the one-time subscription): nothing to retry.
            if (body.errcode && body.errcode !== 43101) throw new Error(`errcode ${body.errcode}`)
            await tx.query(`UPDATE outbox SET delivered_at = $2, delivery = $3, attempts = attempts + 1 WHERE id = $1`, [
              m.id,
              now,
              body.errcode === 43101 ? 'not_subscribed' : 'wechat',
            ])
          } else {
            log.info({ outbox: m.id, topic: m.topic }, 'notification (WeChat not configured: logged only)')
            await tx.query(`UPDATE outbox SET delivered_at = $2, delivery = 'log', attempts = attempts + 1 WHERE id = $1`, [m.id, now])
          }
          delivered++
        } catch (err) {
          const attempts = m.attempts + 1
          const backoffMs = Math.min(3600_000, 2 ** attempts * 15_000)
          await tx.query(`UPDATE outbox SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1`, [
            m.id,
            attempts,
            new Date(now.getTime() + backoffMs),
            String((err as Error).message).slice(0, 200),
          ])
        }
      }
      return rows.length
    })
    if (batch < 20) return delivered
  }
}
