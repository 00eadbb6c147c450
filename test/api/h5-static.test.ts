/**
 * The h5 portal's files: the brotli or gzip copy the build wrote is sent to a
 * browser that accepts it (plain text to one that does not), content-hashed
 * files are kept for a year, and index.html is revalidated every time.
 * A small build of our own in a temp folder stands in for dist/h5.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { startServer, type TestServer } from './helpers/server'

jest.setTimeout(120_000)

const HTML =
  '<!doctype html><html><head><script defer src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div></body></html>'.repeat(8)
const JS = 'console.log("社工站居民服务");\n'.repeat(200)
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

let server: TestServer
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-h5-'))
  const write = (name: string, body: string | Buffer, compressed = true) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), body)
    if (!compressed) return
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(body))
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(body))
  }
  write('index.html', HTML)
  write('js/app.1a2b3c4d.js', JS)
  write('static/images/home.0f1e2d3c.png', PNG, false)
  write('assets/map/marker.png', PNG, false)
  server = await startServer({ seedDemo: false, env: { H5_DIR: dir } })
})
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** The bytes as they travel (fetch would decompress them). */
function get(
  p: string,
  acceptEncoding?: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...extra }
    http
      .get(server.url + p, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const h = new Headers()
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v)
          resolve({ status: res.statusCode!, headers: h, body: Buffer.concat(chunks) })
        })
      })
      .on('error', reject)
  })
}

test('a browser that accepts brotli gets the brotli copy of the page and the scripts', async () => {
  for (const [p, text, type] of [
    ['/', HTML, 'text/html'],
    ['/js/app.1a2b3c4d.js', JS, 'javascript'],
  ] as const) {
    const res = await get(p, 'gzip, deflate, br')
    expect({ p, status: res.status, encoding: res.headers.get('content-encoding') }).toEqual({ p, status: 200, encoding: 'br' })
    expect(res.headers.get('content-type')).toContain(type)
    expect(res.headers.get('vary')?.toLowerCase()).toContain('accept-encoding')
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(text)
    expect(res.body.length).toBeLessThan(Buffer.byteLength(text) / 4)
  }
})

test('gzip when brotli is not accepted, plain when nothing is', async () => {
  const gz = await get('/js/app.1a2b3c4d.js', 'gzip')
  expect(gz.headers.get('content-encoding')).toBe('gzip')
  expect(zlib.gunzipSync(gz.body).toString()).toBe(JS)
  const plain = await get('/js/app.1a2b3c4d.js', 'identity')
  expect(plain.headers.get('content-encoding')).toBeNull()
  expect(plain.body.toString()).toBe(JS)
})

test('content-hashed files are kept for a year; index.html and unhashed files are revalidated', async () => {
  const immutable = 'public, max-age=31536000, immutable'
  expect((await get('/js/app.1a2b3c4d.js', 'br')).headers.get('cache-control')).toBe(immutable)
  expect((await get('/js/app.1a2b3c4d.js', 'gzip')).headers.get('cache-control')).toBe(immutable)
  expect((await get('/js/app.1a2b3c4d.js', 'identity')).headers.get('cache-control')).toBe(immutable)
  expect((await get('/static/images/home.0f1e2d3c.png')).headers.get('cache-control')).toBe(immutable)
  for (const p of ['/', '/index.html', '/assets/map/marker.png']) {
    for (const enc of ['br', 'identity'])
      expect({ p, enc, cache: (await get(p, enc)).headers.get('cache-control') }).toEqual({ p, enc, cache: 'no-cache' })
  }
})

test('revalidating index.html costs a 304 without a body', async () => {
  const first = await get('/', 'br')
  const etag = first.headers.get('etag')!
  expect(etag).toBeTruthy()
  const again = await get('/', 'br', { 'if-none-match': etag })
  expect(again.status).toBe(304)
  expect(again.body.length).toBe(0)
})

test('the API is not served from the portal folder, and a missing file is 404', async () => {
  expect((await get('/api/health/live')).status).toBe(200)
  expect((await get('/js/nope.00000000.js', 'br')).status).toBe(404)
})
