/** The raw-socket HTTP client of the fuzzer (test/api/helpers/rawHttp.ts): reading an answer, and keeping it when the server resets. */
import net from 'node:net'
import { exchange, parseAnswer, rawRequest } from '../api/helpers/rawHttp'

const bytes = (s: string) => Buffer.from(s, 'latin1')

describe('parseAnswer', () => {
  test('a body by Content-Length, complete or not yet', () => {
    const full = bytes(
      'HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"code":"X"}!',
    )
    expect(parseAnswer(full)).toEqual({
      status: 431,
      headers: { 'content-type': 'application/json', 'content-length': '13' },
      body: bytes('{"code":"X"}!'),
    })
    expect(parseAnswer(full.subarray(0, full.length - 1))).toBeNull()
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n'))).toBeNull()
  })

  test('a chunked body, complete or not yet', () => {
    const chunked = bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n')
    expect(parseAnswer(chunked)!.body.toString()).toBe('abcde')
    expect(parseAnswer(chunked.subarray(0, 60))).toBeNull()
  })

  test('without either, the body runs to the close; what is not HTTP is no answer', () => {
    expect(parseAnswer(bytes('HTTP/1.0 400 Bad Request\r\n\r\nbad'))!.body.toString()).toBe('bad')
    expect(parseAnswer(bytes('SSH-2.0-OpenSSH\r\n\r\n'))).toBeNull()
  })
})

describe('exchange', () => {
  let server: net.Server
  let port: number
  /** A server that answers 431 after the first 16 KB it reads, then destroys the socket with the rest unread. */
  beforeAll(async () => {
    server = net.createServer((socket) => {
      let seen = 0
      socket.on('data', (d) => {
        seen += d.length
        if (seen < 16_384 || socket.destroyed) return
        socket.write('HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}')
        socket.destroy()
      })
      socket.on('error', () => {})
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('a 540 KB head: the 431 sent before the reset, or a reset reported as such — never an error', async () => {
    const request = rawRequest('GET', `/live?${'x'.repeat(540_000)}`, `127.0.0.1:${port}`, [['accept', 'application/json']])
    for (let i = 0; i < 5; i++) {
      const outcome = await exchange(port, request)
      if (outcome.kind === 'answer') expect(outcome.answer.status).toBe(431)
      else expect(['ECONNRESET', 'EPIPE']).toContain(outcome.code)
    }
  })

  test('a head the server reads whole is answered, with the reset after it', async () => {
    const outcome = await exchange(port, rawRequest('GET', `/live?${'x'.repeat(17_000)}`, `127.0.0.1:${port}`, []).subarray(0, 17_500))
    expect(outcome).toMatchObject({ kind: 'answer', answer: { status: 431 } })
  })
})
