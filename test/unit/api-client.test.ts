/**
 * The app's HTTP client (src/api/client.ts): the session token goes out with
 * every request — JSON, photo upload and file download alike — a 401 on any of
 * them ends the session, and every failure comes back as an ApiError whose
 * code, message and field the app can use.
 */
import { ApiError, http, residentClient, staffClient, toApiError } from '@/api/client'
import { uploadPhoto } from '@/api/requests'
import { useSession } from '@/stores/session'
import { useStaffSession } from '@/stores/staffSession'
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
  useStaffSession.setState(useStaffSession.getInitialState(), true)
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
  test("a 400 body becomes an ApiError with the server's code, Chinese message and field", async () => {
    fakeApi({ 'POST /api/requests': reply(400, { code: 'FIELD_INVALID', message: '请填写联系电话', field: 'contactPhone' }) })
    const err = await apiErrorOf(http.post('/api/requests', {}))
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'FIELD_INVALID', message: '请填写联系电话', status: 400, field: 'contactPhone' })
  })

  test('a body without a field has field null', async () => {
    fakeApi({ 'POST /api/enrollments/x/cancel': reply(409, { code: 'REGISTRATION_CLOSED', message: '已过取消截止时间' }) })
    expect(await apiErrorOf(http.post('/api/enrollments/x/cancel', {}))).toMatchObject({ code: 'REGISTRATION_CLOSED', field: null })
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
    const e = new ApiError('ACTIVITY_FULL', '已满员', 409)
    expect(toApiError(e)).toBe(e)
    expect(toApiError(new TypeError('boom'))).toMatchObject({ code: 'UNKNOWN', message: '出了点问题，请稍后重试', status: null })
  })

  test('toApiError: a WeChat API failure ({ errMsg }) reads as no network, or as a timeout', () => {
    expect(toApiError({ errMsg: 'uploadFile:fail ' })).toMatchObject({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试' })
    expect(toApiError({ errMsg: 'downloadFile:fail timeout' })).toMatchObject({ code: 'TIMEOUT' })
  })
})

describe('the photo upload: the same token and 401 as every other request', () => {
  test('sends the resident’s token and resolves with the upload', async () => {
    useSession.setState({ token: 'tok-123', user: USER, expiresAt: inAnHour() })
    Taro.uploadFile.mockImplementation((() =>
      Promise.resolve({ statusCode: 201, data: JSON.stringify({ id: 'up-1' }), errMsg: 'uploadFile:ok' })) as never)
    await expect(uploadPhoto('wxfile://tmp/photo.jpg')).resolves.toEqual({ id: 'up-1' })
    const [call] = Taro.uploadFile.mock.calls[0]! as [Record<string, unknown>]
    expect(call).toMatchObject({
      url: '/api/uploads',
      filePath: 'wxfile://tmp/photo.jpg',
      name: 'file',
      header: { Authorization: 'Bearer tok-123' },
    })
  })

  test('a 401 ends the resident’s session; the refusal carries the server’s code and message', async () => {
    useSession.setState({ token: 'tok-123', user: USER, expiresAt: inAnHour() })
    Taro.uploadFile.mockImplementation((() =>
      Promise.resolve({
        statusCode: 401,
        data: JSON.stringify({ code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' }),
        errMsg: 'uploadFile:ok',
      })) as never)
    expect(await apiErrorOf(uploadPhoto('wxfile://tmp/photo.jpg'))).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      message: '登录已过期，请重新登录',
    })
    expect(useSession.getState().token).toBeNull()
  })

  test('a 413 is said in the server’s words, and the session stays', async () => {
    useSession.setState({ token: 'tok-123', user: USER, expiresAt: inAnHour() })
    Taro.uploadFile.mockImplementation((() =>
      Promise.resolve({
        statusCode: 413,
        data: JSON.stringify({ code: 'PAYLOAD_TOO_LARGE', message: '照片不能超过 5 MB', field: 'file' }),
        errMsg: 'uploadFile:ok',
      })) as never)
    expect(await apiErrorOf(uploadPhoto('x.jpg'))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '照片不能超过 5 MB', field: 'file' })
    expect(useSession.getState().token).toBe('tok-123')
  })

  test('no network: NETWORK', async () => {
    Taro.uploadFile.mockImplementation((() => Promise.reject({ errMsg: 'uploadFile:fail ' })) as never)
    expect(await apiErrorOf(residentClient.upload('/api/uploads', 'x.jpg'))).toMatchObject({ code: 'NETWORK', status: null })
  })
})

describe('the CSV download: the staff token and the staff session’s 401', () => {
  const STAFF = { token: 'staff-tok', expiresAt: inAnHour(), me: null }

  test('sends the station account’s token (not the resident’s) and resolves with the file', async () => {
    useSession.setState({ token: 'resident-tok', user: USER, expiresAt: inAnHour() })
    useStaffSession.setState(STAFF)
    Taro.downloadFile.mockImplementation((() =>
      Promise.resolve({ statusCode: 200, tempFilePath: 'wxfile://tmp/roster.csv', errMsg: 'downloadFile:ok' })) as never)
    await expect(staffClient.download('/api/staff/activities/a1/roster.csv')).resolves.toBe('wxfile://tmp/roster.csv')
    const [call] = Taro.downloadFile.mock.calls[0]! as [Record<string, unknown>]
    expect(call).toMatchObject({ url: '/api/staff/activities/a1/roster.csv', header: { Authorization: 'Bearer staff-tok' } })
  })

  test('a 401 ends the staff session and sends the worker to the login page; the resident stays logged in', async () => {
    useSession.setState({ token: 'resident-tok', user: USER, expiresAt: inAnHour() })
    useStaffSession.setState(STAFF)
    Taro.downloadFile.mockImplementation((() =>
      Promise.resolve({ statusCode: 401, tempFilePath: 'wxfile://tmp/x', errMsg: 'downloadFile:ok' })) as never)
    expect(await apiErrorOf(staffClient.download('/api/staff/reports/stations.csv'))).toMatchObject({ status: 401 })
    expect(useStaffSession.getState().token).toBeNull()
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/workbench/login/index' })
    expect(useSession.getState().token).toBe('resident-tok')
  })

  test('a refused login (no session yet) stays on the login page', async () => {
    fakeApi({ 'POST /api/staff/login': reply(401, { code: 'UNAUTHORIZED', message: '账号或密码不正确' }) })
    await expect(useStaffSession.getState().login('xianjin-li', 'wrong')).rejects.toMatchObject({ message: '账号或密码不正确' })
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  test('a 500 without a body reads 服务暂时不可用, with its status', async () => {
    useStaffSession.setState(STAFF)
    Taro.downloadFile.mockImplementation((() =>
      Promise.resolve({ statusCode: 500, tempFilePath: 'wxfile://tmp/x', errMsg: 'downloadFile:ok' })) as never)
    expect(await apiErrorOf(staffClient.download('/x.csv'))).toMatchObject({
      code: 'HTTP_500',
      status: 500,
      message: '服务暂时不可用，请稍后重试',
    })
    expect(useStaffSession.getState().token).toBe('staff-tok')
  })
})

describe('503 with Retry-After (a burst, or the database restarting)', () => {
  test('the same request goes again after the wait, with the same Idempotency-Key, and its answer is the result', async () => {
    jest.useFakeTimers()
    try {
      let calls = 0
      const api = fakeApi({
        'POST /api/requests': () =>
          ++calls === 1
            ? reply(503, { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' }, { 'retry-after': '1' })
            : reply(201, { id: 'r1' }),
      })
      const pending = http.post('/api/requests', { a: 1 }, { headers: { 'Idempotency-Key': 'key-12345678' } })
      await jest.advanceTimersByTimeAsync(1500)
      expect((await pending).data).toEqual({ id: 'r1' })
      expect(api.requests.map((r) => r.header['Idempotency-Key'])).toEqual(['key-12345678', 'key-12345678'])
    } finally {
      jest.useRealTimers()
    }
  })

  test('gives up after three retries and shows the server’s words; a 503 without Retry-After is not retried', async () => {
    jest.useFakeTimers()
    try {
      const api = fakeApi({
        'POST /api/activities/a/enrollments': reply(
          503,
          { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' },
          { 'retry-after': '5' },
        ),
        'GET /api/health': reply(503, { code: 'UNAVAILABLE', message: '维护中' }),
      })
      const pending = apiErrorOf(http.post('/api/activities/a/enrollments', {}))
      await jest.advanceTimersByTimeAsync(20_000)
      expect(await pending).toMatchObject({ code: 'UNAVAILABLE', status: 503 })
      expect(api.to('/api/activities/a/enrollments')).toHaveLength(4)
      const health = apiErrorOf(http.get('/api/health'))
      await jest.advanceTimersByTimeAsync(100)
      expect(await health).toMatchObject({ message: '维护中' })
      expect(api.to('/api/health')).toHaveLength(1)
    } finally {
      jest.useRealTimers()
    }
  })
})
