/** A fake WeChat API (code2Session, access token, subscribe messages, msgSecCheck) on loopback. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeWechat {
  url: string
  calls: URL[]
  /** Subscribe messages received (bodies of /cgi-bin/message/subscribe/send). */
  messages: any[]
  /**
   * What a resident allowed in one `requestSubscribeMessage` dialog: one message of each template to this openid.
   * As WeChat does, the allowances are counted per openid and template, each send takes one, and a send without
   * one is refused with 43101. An openid never given allowances here receives everything (the other tests' case).
   */
  allow: (openid: string, tmplIds: string[]) => void
  /** Sends refused with 43101 (no allowance left for that template): their openid and template. */
  refused: { touser: string; template_id: string }[]
  /** Make the next N subscribe sends fail with a system error. */
  failNext: (n: number) => void
  /** Holds every subscribe send unanswered until the returned function is called (a slow WeChat). */
  hold: () => () => void
  /** Subscribe sends that arrived and are waiting for an answer. */
  held: () => number
  close: () => Promise<void>
}

/** Codes `ok-<name>` log in as openid `o-<name>`; `expired` → errcode 40029; `busy` → 45011; `broken` → not JSON. */
export async function startFakeWechat(appId = 'wx-test-app', secret = 'test-secret'): Promise<FakeWechat> {
  const calls: URL[] = []
  const messages: any[] = []
  const allowances = new Map<string, Map<string, number>>()
  const refused: { touser: string; template_id: string }[] = []
  let failures = 0
  let gate: Promise<void> | null = null
  let waiting = 0
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    calls.push(url)
    res.setHeader('content-type', 'application/json')
    if (url.pathname === '/cgi-bin/token') {
      const ok = url.searchParams.get('appid') === appId && url.searchParams.get('secret') === secret
      return res.end(JSON.stringify(ok ? { access_token: 'fake-access-token', expires_in: 7200 } : { errcode: 40013 }))
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      let raw = ''
      for await (const chunk of req) raw += chunk
      if (url.searchParams.get('access_token') !== 'fake-access-token') return res.end(JSON.stringify({ errcode: 40001 }))
      if (gate) {
        waiting++
        await gate
        waiting--
      }
      if (failures > 0) {
        failures--
        return res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' }))
      }
      const message = JSON.parse(raw) as { touser: string; template_id: string }
      const left = allowances.get(message.touser)
      if (left) {
        const n = left.get(message.template_id) ?? 0
        if (n === 0) {
          refused.push({ touser: message.touser, template_id: message.template_id })
          return res.end(JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }))
        }
        left.set(message.template_id, n - 1)
      }
      messages.push(message)
      return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
    }
    if (url.pathname === '/wxa/msg_sec_check') {
      // Content safety (v2): text containing 待审 needs a person, 违规 is risky, the rest passes.
      let raw = ''
      for await (const chunk of req) raw += chunk
      if (url.searchParams.get('access_token') !== 'fake-access-token') return res.end(JSON.stringify({ errcode: 40001 }))
      const { content } = JSON.parse(raw) as { content: string }
      const suggest = content.includes('违规') ? 'risky' : content.includes('待审') ? 'review' : 'pass'
      return res.end(JSON.stringify({ errcode: 0, result: { suggest, label: suggest === 'pass' ? 100 : 20001 } }))
    }
    if (url.pathname !== '/sns/jscode2session') {
      res.statusCode = 404
      return res.end('{}')
    }
    if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) {
      return res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }))
    }
    const code = url.searchParams.get('js_code') ?? ''
    if (code.startsWith('ok-')) {
      return res.end(JSON.stringify({ openid: `o-${code.slice(3)}`, session_key: 'SECRET-SESSION-KEY-must-never-leak' }))
    }
    if (code === 'busy') return res.end(JSON.stringify({ errcode: 45011, errmsg: 'api minute-quota reach limit' }))
    if (code === 'broken') return res.end('<html>oops</html>')
    return res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    messages,
    allow: (openid, tmplIds) => {
      const left = allowances.get(openid) ?? new Map<string, number>()
      // One dialog: each template allowed once, however often it is named.
      for (const id of new Set(tmplIds)) left.set(id, (left.get(id) ?? 0) + 1)
      allowances.set(openid, left)
    },
    refused,
    failNext: (n) => {
      failures = n
    },
    hold: () => {
      let open = () => {}
      gate = new Promise<void>((resolve) => (open = resolve))
      return () => {
        gate = null
        open()
      }
    },
    held: () => waiting,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
