/**
 * A fake WeChat on loopback for the benchmark: login (code `ok-<name>` → openid
 * `o-<name>`), access tokens and subscribe messages. Its mode can change while
 * it runs: `ok` answers at once, `slow` answers a send after 5.1 s (just
 * past the notifier's own 5 s timeout: the sender has given up, and the
 * message is not counted as delivered), `down` closes its port (connections refused).
 * Every delivered message is counted by its content, so a message sent twice shows.
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type WechatMode = 'ok' | 'slow' | 'down'

export interface BenchWechat {
  url: string
  /** Env for the API server: credentials, templates, this base URL. */
  env: Record<string, string>
  setMode(mode: WechatMode): Promise<void>
  /** Subscribe messages answered with success, by content; a count above 1 is a message sent twice. */
  delivered: Map<string, number>
  deliveredTotal(): number
  duplicates(): number
  close(): Promise<void>
}

export async function startBenchWechat(): Promise<BenchWechat> {
  const delivered = new Map<string, number>()
  let mode: WechatMode = 'ok'
  const sockets = new Set<Socket>()
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    let raw = ''
    for await (const chunk of req) raw += chunk
    res.setHeader('content-type', 'application/json')
    if (url.pathname === '/cgi-bin/token') return res.end(JSON.stringify({ access_token: 'bench-token', expires_in: 7200 }))
    if (url.pathname === '/sns/jscode2session') {
      const code = url.searchParams.get('js_code') ?? ''
      return res.end(JSON.stringify({ openid: `o-${code.replace(/^ok-/, '')}`, session_key: 'k' }))
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (mode === 'slow') await new Promise((r) => setTimeout(r, 5100))
      if (res.destroyed || req.socket.destroyed) return
      const body = JSON.parse(raw) as { touser: string; data: unknown }
      const key = JSON.stringify([body.touser, body.data])
      delivered.set(key, (delivered.get(key) ?? 0) + 1)
      return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
    }
    res.statusCode = 404
    res.end('{}')
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return {
    url,
    env: {
      WECHAT_API_BASE: url,
      WECHAT_APPID: 'wx-bench',
      WECHAT_SECRET: 'bench-secret',
      WECHAT_TEMPLATE_REQUEST_STATUS: 'tmpl-status',
      WECHAT_TEMPLATE_ACTIVITY: 'tmpl-activity',
    },
    async setMode(next) {
      if (next === mode) return
      if (mode === 'down') await listen()
      if (next === 'down') await stop()
      mode = next
    },
    delivered,
    deliveredTotal: () => [...delivered.values()].reduce((a, b) => a + b, 0),
    duplicates: () => [...delivered.values()].filter((n) => n > 1).length,
    async close() {
      if (mode !== 'down') await stop()
    },
  }
}
