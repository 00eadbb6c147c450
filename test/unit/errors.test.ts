/**
 * What the app says when something fails (src/services/errors.ts): the
 * server's message as it is, next to the field its `field` names (mapped to
 * the form's own key), else for the form; in a dialog or a toast for actions.
 * And the request form's own map: each body path to its field and step.
 */
import { ApiError } from '@/api/client'
import { placeRefusal } from '@/packages/request/new/useNewRequest'
import { alertError, describeError, formErrors, isRetryable, toastError, type FieldMap } from '@/services/errors'
import Taro from '../shims/taro'

type Key = 'contactPhone' | 'helpedPhone' | 'sessions'
const FIELDS: FieldMap<Key> = { contactPhone: 'contactPhone', 'helped.phone': 'helpedPhone', sessions: 'sessions' }
const refusal = (field: string | null, message = '电话格式不正确') => new ApiError('FIELD_INVALID', message, 400, field)

beforeEach(() => Taro.__reset())

describe('describeError', () => {
  test('the message as the server says it, and the form key of its field', () => {
    expect(describeError(refusal('helped.phone'), FIELDS)).toMatchObject({ message: '电话格式不正确', field: 'helpedPhone' })
    expect(describeError(refusal('contactPhone'), FIELDS).field).toBe('contactPhone')
  })

  test('a path below a mapped field goes to that field (sessions.2.startsAt → sessions)', () => {
    expect(describeError(refusal('sessions.2.startsAt', '第 3 次课的时间与第 2 次重叠'), FIELDS)).toMatchObject({
      field: 'sessions',
      message: '第 3 次课的时间与第 2 次重叠',
    })
  })

  test('a field the form does not know, no field, or no map: for the form as a whole', () => {
    expect(describeError(refusal('urgency'), FIELDS).field).toBeNull()
    expect(describeError(refusal(null), FIELDS).field).toBeNull()
    expect(describeError(refusal('contactPhone')).field).toBeNull()
  })

  test('anything that is not an ApiError still has words to show, and its ApiError', () => {
    expect(describeError(new TypeError('x is undefined'))).toMatchObject({
      message: '出了点问题，请稍后重试',
      field: null,
      error: { code: 'UNKNOWN' },
    })
    expect(describeError({ errMsg: 'request:fail timeout' })).toMatchObject({ message: '请求超时，请稍后重试', error: { code: 'TIMEOUT' } })
  })
})

describe('formErrors', () => {
  test('next to the field it names', () => {
    expect(formErrors(refusal('helped.phone'), FIELDS)).toEqual({ helpedPhone: '电话格式不正确' })
  })
  test('else as the form’s own error', () => {
    expect(formErrors(new ApiError('REQUEST_STATE', '这条求助已取消，不能再更正联系方式', 409), FIELDS)).toEqual({
      form: '这条求助已取消，不能再更正联系方式',
    })
  })
})

describe('actions', () => {
  test('alertError: a dialog with the title and the server’s message', () => {
    alertError('没有取消成功', new ApiError('REGISTRATION_CLOSED', '已过取消截止时间', 409))
    expect(Taro.showModal).toHaveBeenCalledWith({ title: '没有取消成功', content: '已过取消截止时间', showCancel: false })
  })
  test('toastError: a toast with the message', () => {
    toastError(new ApiError('NOT_FOUND', '队列中暂时没有待受理的求助', 404))
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '队列中暂时没有待受理的求助', icon: 'none' })
  })
})

describe('isRetryable', () => {
  test('no answer, a busy or restarting server: yes', () => {
    expect(isRetryable(new ApiError('NETWORK', '…', null))).toBe(true)
    expect(isRetryable(new ApiError('TIMEOUT', '…', null))).toBe(true)
    expect(isRetryable(new ApiError('UNAVAILABLE', '…', 503))).toBe(true)
    expect(isRetryable(new ApiError('HTTP_502', '…', 502))).toBe(true)
  })
  test('a refusal: no', () => {
    expect(isRetryable(refusal('contactPhone'))).toBe(false)
    expect(isRetryable(new ApiError('IDEMPOTENCY_KEY_REUSED', '…', 422))).toBe(false)
    expect(isRetryable(new ApiError('UNAUTHORIZED', '…', 401))).toBe(false)
  })
})

describe('the request form (placeRefusal): the field, and the step it is asked on', () => {
  const at = (field: string) => placeRefusal(refusal(field, '不正确'))

  test.each([
    ['contactName', 'contactName', 3],
    ['contactPhone', 'contactPhone', 3],
    ['preferredTime', 'preferredTime', 3],
    ['address', 'address', 3],
    ['helped.phone', 'helpedPhone', 2],
    ['helped.address', 'helpedAddress', 2],
    ['description', 'description', 1],
    ['photoIds', 'photos', 1],
  ])('%s → %s on step %i', (path, key, step) => {
    expect(at(path)).toEqual({ errors: { [key]: '不正确' }, step })
  })

  test('a category question’s answer → that question, on step 2', () => {
    expect(at('attributes.livesAlone')).toEqual({ errors: { 'attr:livesAlone': '不正确' }, step: 1 })
  })

  test('no field: for the form, on the step the resident is on', () => {
    expect(placeRefusal(new ApiError('NO_STATION_FOR_SERVICE', '附近没有提供这项服务的社工站', 422))).toEqual({
      errors: { form: '附近没有提供这项服务的社工站' },
      step: null,
    })
  })
})
