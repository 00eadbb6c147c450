/**
 * Photos over the size limit through a real socket, where the multipart body
 * arrives in chunks (the in-process injection hands it over in one piece): the
 * parser cuts the file at the limit and marks it truncated, and whether the
 * reader saw the mark before the last chunk was a race — half the tries were
 * stored cut at 5 MB (201 { size: 5242880 }). Every try must be 413, nothing
 * stored. On PGlite and PostgreSQL.
 */
import { LIMITS } from '../../contract/limits'
import { api, backend, startServer, type TestServer } from './helpers/server'

jest.setTimeout(300_000)

let server: TestServer
beforeAll(async () => {
  server = await startServer({ seedDemo: false, env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const png = (size: number) => {
  const bytes = Buffer.alloc(size, 0x41)
  Buffer.from('89504e470d0a1a0a', 'hex').copy(bytes)
  return bytes
}

test(`5 MB + 1 byte, 6 MB and 10 MB over a socket: 413 every time, on ${backend}`, async () => {
  const token = (await api(server.url).post('/api/auth/dev', { nickname: '大照片' })).body.token as string
  const answers: string[] = []
  for (let round = 0; round < 5; round++) {
    for (const size of [LIMITS.photoBytes + 1, 6 * 1024 * 1024, 10 * 1024 * 1024]) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(png(size))], { type: 'image/png' }), 'big.png')
      const res = await fetch(`${server.url}/api/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
      answers.push(`${size}: ${res.status} ${await res.text()}`)
    }
  }
  expect(answers.filter((a) => !/: 413 \{"code":"PAYLOAD_TOO_LARGE"/.test(a))).toEqual([])
})
