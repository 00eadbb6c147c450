/**
 * The app's HTTP client (src/api/client.ts): the session token goes out with
 * every request, and every failure comes back as an ApiError whose message a
 * resident can read.
 */
import { ApiError, http, toApiError } from '@/api/client'
import { useSession } from '@/stores/session'
import Taro from '../shims/taro'
import { failWith, fakeApi, reply } from '../shims/fakeApi'

const USER = { id: '7d1f0a52-0000-4000-8000-0000000000a1', nickname: '居民', role: 'resident' as const }
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()

async function apiErrorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    return err as ApiError
  }
  throw new Error('expected the request to fail')
}

beforeEach(() => {
  useSession.setState(useSession.getInitialState(), true)
  Taro.__reset()
})

describe('the session token', () => {
  test('goes in Authorization: Bearer … while the session is valid', async () => {
    useSession.setState({ token: 'tok-123', user: USER, expiresAt: inAnHour() })
    const api = fakeApi({ 'GET /api/me': { user: USER } })
    await http.get('/api/me')
    expect(api.requests[0]!.header.Authorization).toBe('Bearer tok-123')
  })

  test('is not sent without a session, nor once it has expired', async () => {
    const api = fakeApi({ 'GET /api/stations/nearby': { items: [] } })
    await http.get('/api/stations/nearby')
    useSession.setState({ token: 'tok-old', user: USER, expiresAt: new Date(Date.now() - 1000).toISOString() })
    await http.get('/api/stations/nearby')
    expect(api.requests.map((r) => r.header.Authorization)).toEqual([undefined, undefined])
  })

  test('a 401 clears the session store (and what it persisted)', async () => {
    useSession.setState({ token: 'tok-123', user: USER, expiresAt: inAnHour() })
    fakeApi({ 'GET /api/requests': reply(401, { code: 'UNAUTHORIZED', message: '请先登录' }) })
    const err = await apiErrorOf(http.get('/api/requests'))
    expect(err).toMatchObject({ status: 401, message: '请先登录' })
    expect(useSession.getState()).toMatchObject({ token: null, user: null, expiresAt: null })
    expect(JSON.parse(Taro.getStorageSync('sgz-session') as string).state.token).toBeNull()
  })

  test('other errors leave the session alone', async () => {
    useSession.setState({ token: 'tok-123', user: USER, expiresAt: inAnHour() })
    fakeApi({ 'GET /api/requests/x': reply(403, { code: 'FORBIDDEN', message: '无权查看' }) })
    await apiErrorOf(http.get('/api/requests/x'))
    expect(useSession.getState().token).toBe('tok-123')
  })
})

describe('failures as ApiError', () => {
  test("a 400 body becomes an ApiError with the server's code and Chinese message", async () => {
    fakeApi({ 'POST /api/requests': reply(400, { code: 'VALIDATION', message: '请填写联系电话' }) })
    const err = await apiErrorOf(http.post('/api/requests', {}))
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'VALIDATION', message: '请填写联系电话', status: 400 })
  })

  test('a timeout reads 请求超时', async () => {
    fakeApi({ 'GET /api/areas': failWith('request:fail timeout') })
    const err = await apiErrorOf(http.get('/api/areas'))
    expect(err).toMatchObject({ code: 'TIMEOUT', message: '请求超时，请稍后重试', status: null })
  })

  test('a network failure reads 网络连接失败', async () => {
    fakeApi({ 'GET /api/areas': failWith('request:fail ') })
    const err = await apiErrorOf(http.get('/api/areas'))
    expect(err).toMatchObject({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试', status: null })
  })

  test('a 5xx without our error body reads 服务暂时不可用; a 4xx without one 请求失败', async () => {
    fakeApi({ 'GET /api/areas': reply(502, '<html>Bad Gateway</html>'), 'GET /api/nothing': reply(404, '') })
    expect(await apiErrorOf(http.get('/api/areas'))).toMatchObject({ code: 'HTTP_502', message: '服务暂时不可用，请稍后重试', status: 502 })
    expect(await apiErrorOf(http.get('/api/nothing'))).toMatchObject({ code: 'HTTP_404', message: '请求失败，请稍后重试', status: 404 })
  })

  test('toApiError: an ApiError stays as it is; anything else is 出了点问题', () => {
    const e = new ApiError('X', '已满员', 409)
    expect(toApiError(e)).toBe(e)
    expect(toApiError(new TypeError('boom'))).toMatchObject({ code: 'UNKNOWN', message: '出了点问题，请稍后重试', status: null })
  })
})
