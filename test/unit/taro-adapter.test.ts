/**
 * The axios adapter over Taro.request (src/api/taroAdapter.ts): what WeChat's
 * wx.request answers becomes an axios response or an AxiosError.
 */
import axios, { AxiosError } from 'axios'
import { taroAdapter } from '@/api/taroAdapter'
import Taro from '../shims/taro'
import { failWith, fakeApi, reply } from '../shims/fakeApi'

const client = () => axios.create({ baseURL: 'https://api.example.cn', adapter: taroAdapter, timeout: 5_000 })

/** The rejection of `p`, which must reject. */
async function rejectionOf(p: Promise<unknown>): Promise<AxiosError> {
  try {
    await p
  } catch (err) {
    return err as AxiosError
  }
  throw new Error('expected the request to fail')
}

beforeEach(() => Taro.__reset())

test('a success passes the body, status and headers through', async () => {
  fakeApi({ 'GET /api/health': reply(200, { ok: true, version: '1.2.3' }, { 'x-request-id': 'r-1' }) })
  const res = await client().get('/api/health')
  expect(res.status).toBe(200)
  expect(res.data).toEqual({ ok: true, version: '1.2.3' })
  expect(res.headers['x-request-id']).toBe('r-1')
  expect(res.headers['content-type']).toBe('application/json')
})

test('method, headers, timeout and a JSON body reach Taro.request as WeChat expects them', async () => {
  const api = fakeApi({ 'POST /api/requests': reply(201, { id: 'q1' }) })
  const res = await client().post('/api/requests', { description: '老人独居需要探访' }, { headers: { 'X-Trace': 't-9' } })
  expect(res.status).toBe(201)
  const opts = Taro.request.mock.calls[0]![0] as unknown as {
    method: string
    timeout: number
    header: Record<string, string>
    dataType: string
  }
  expect(opts).toMatchObject({ method: 'POST', timeout: 5_000, dataType: 'json' })
  expect(opts.header['X-Trace']).toBe('t-9')
  // axios serialises the body to JSON; the adapter hands wx.request the object again.
  expect(api.requests[0]!.data).toEqual({ description: '老人独居需要探访' })
})

test('params are appended to the URL, encoded', async () => {
  const api = fakeApi({ 'GET /api/stations': { items: [], total: 0 } })
  await client().get('/api/stations', { params: { area: '先进街道', limit: 5 } })
  expect(api.requests[0]!.url).toBe('https://api.example.cn/api/stations?area=%E5%85%88%E8%BF%9B%E8%A1%97%E9%81%93&limit=5')
  expect(api.requests[0]!.query).toEqual({ area: '先进街道', limit: '5' })
})

test('a 4xx with {code, message} rejects with an AxiosError that carries the response', async () => {
  const body = { code: 'VALIDATION', message: '请填写联系电话' }
  fakeApi({ 'POST /api/requests': reply(400, body) })
  const err = await rejectionOf(client().post('/api/requests', {}))
  expect(err).toBeInstanceOf(AxiosError)
  expect(err.code).toBe(AxiosError.ERR_BAD_REQUEST)
  expect(err.response?.status).toBe(400)
  expect(err.response?.data).toEqual(body)
})

test('a 5xx rejects as a bad response', async () => {
  fakeApi({ 'GET /api/areas': reply(503, { code: 'UNAVAILABLE', message: '维护中' }) })
  const err = await rejectionOf(client().get('/api/areas'))
  expect(err.code).toBe(AxiosError.ERR_BAD_RESPONSE)
  expect(err.response?.status).toBe(503)
})

test("fail with 'request:fail timeout' is ETIMEDOUT", async () => {
  fakeApi({ 'GET /api/areas': failWith('request:fail timeout') })
  const err = await rejectionOf(client().get('/api/areas'))
  expect(err).toBeInstanceOf(AxiosError)
  expect(err.code).toBe(AxiosError.ETIMEDOUT)
  expect(err.message).toBe('request:fail timeout')
  expect(err.response).toBeUndefined()
})

test('any other fail is ERR_NETWORK', async () => {
  fakeApi({ 'GET /api/areas': failWith('request:fail -101:net::ERR_CONNECTION_RESET') })
  const err = await rejectionOf(client().get('/api/areas'))
  expect(err.code).toBe(AxiosError.ERR_NETWORK)
  expect(err.message).toContain('ERR_CONNECTION_RESET')
})
