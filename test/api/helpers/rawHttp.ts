/**
 * One HTTP/1.1 exchange on a raw socket, for requests a server may refuse
 * before reading them to the end — a head over Node's limit (16 KB) is
 * answered 431 as soon as the limit is passed, and the server closes while the
 * client is still writing. fetch() then reports the reset and drops the answer
 * that had already arrived; this client keeps it.
 *
 * The whole request goes to the socket in one write, and the answer is read as
 * it comes. A reset (ECONNRESET, EPIPE) after a complete answer is the end of
 * that answer. A reset before any answer is reported as `reset`: the server
 * closed early and its answer, if it sent one, was lost to the reset (RFC 9112
 * §9.6, "the TCP reset problem"); the caller decides what that means, e.g.
 * whether the server is still up.
 */
import net from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export type RawOutcome = { kind: 'answer'; answer: RawAnswer; resetAfter: boolean } | { kind: 'reset'; code: string; wroteAll: boolean }

/** The request as bytes: the method, target and headers as given (plus Host and Connection: close), then the body. */
export function rawRequest(method: string, target: string, host: string, headers: [string, string][], body?: Buffer): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, `host: ${host}`, 'connection: close']
  for (const [k, v] of headers) if (!['host', 'connection', 'content-length'].includes(k.toLowerCase())) lines.push(`${k}: ${v}`)
  if (body) lines.push(`content-length: ${body.length}`)
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)])
}

/** Sends `request` to host:port and reads the answer until the server closes (or `timeoutMs`). */
export function exchange(port: number, request: Buffer, { host = '127.0.0.1', timeoutMs = 30_000 } = {}): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let wroteAll = false
    const socket = net.connect({ host, port })
    let done = false
    const timer = setTimeout(() => {
      done = true
      socket.destroy()
      reject(
        new Error(
          `no answer within ${timeoutMs} ms (${wroteAll ? 'all' : 'not all'} of ${request.length} bytes sent, ${Buffer.concat(chunks).length} received)`,
        ),
      )
    }, timeoutMs)
    const finish = (code: string | null) => {
      if (done) return
      done = true
      clearTimeout(timer)
      const received = Buffer.concat(chunks)
      const answer = parseAnswer(received)
      if (answer) resolve({ kind: 'answer', answer, resetAfter: code !== null })
      else if (received.length === 0 && code !== null) resolve({ kind: 'reset', code, wroteAll })
      else
        reject(
          new Error(
            `an incomplete answer (${code ?? 'closed'} after ${received.length} bytes): ${received.toString('latin1').slice(0, 300)}`,
          ),
        )
    }
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.once('connect', () => socket.write(request, (err) => (wroteAll = !err)))
    socket.once('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message))
    socket.once('end', () => finish(null))
  })
}

/** A complete HTTP/1.1 answer in `raw`, or null (not all of it yet). Bodies by Content-Length, chunked, or up to the close. */
export function parseAnswer(raw: Buffer): RawAnswer | null {
  const end = raw.indexOf('\r\n\r\n')
  if (end < 0) return null
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1])
  if (!status) return null
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const i = line.indexOf(':')
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
  }
  const rest = raw.subarray(end + 4)
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = []
    let at = 0
    for (;;) {
      const eol = rest.indexOf('\r\n', at)
      if (eol < 0) return null
      const size = parseInt(rest.subarray(at, eol).toString('latin1'), 16)
      if (Number.isNaN(size)) return null
      if (size === 0) return { status, headers, body: Buffer.concat(parts) }
      if (rest.length < eol + 2 + size + 2) return null
      parts.push(rest.subarray(eol + 2, eol + 2 + size))
      at = eol + 2 + size + 2
    }
  }
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length'])
    return rest.length >= length ? { status, headers, body: rest.subarray(0, length) } : null
  }
  return { status, headers, body: rest }
}
