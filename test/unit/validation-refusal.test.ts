/**
 * Schema violations and values no column can hold, as refusals (server/errors.ts):
 * one input of the body or query at fault is FIELD_INVALID with its path (up to
 * the first list index: the list is the input a form shows); a request wrong as
 * a whole — an unknown field, a body that is no object, a bad path or header —
 * is BAD_REQUEST.
 */
import { unstorableRefusal, validationRefusal } from '../../server/errors'

const violation = (keyword: string, instancePath: string, params: Record<string, unknown> = {}) => [{ keyword, instancePath, params }]

describe('validationRefusal', () => {
  test.each([
    [
      'a missing field',
      violation('required', '', { missingProperty: 'category' }),
      'body',
      { code: 'FIELD_INVALID', field: 'category', message: '缺少必填项：服务类别（category）' },
    ],
    [
      'a missing nested field',
      violation('required', '/helped', { missingProperty: 'name' }),
      'body',
      { code: 'FIELD_INVALID', field: 'helped.name', message: '缺少必填项：姓名（name）' },
    ],
    [
      'a nested field',
      violation('format', '/helped/phone'),
      'body',
      { code: 'FIELD_INVALID', field: 'helped.phone', message: '电话（phone）格式不正确' },
    ],
    [
      'an item of a list',
      violation('format', '/sessions/1/startsAt'),
      'body',
      { code: 'FIELD_INVALID', field: 'sessions', message: '开始时间（startsAt）格式不正确' },
    ],
    [
      'a list too long',
      violation('maxItems', '/photoIds', { limit: 3 }),
      'body',
      { code: 'FIELD_INVALID', field: 'photoIds', message: '照片（photoIds）最多 3 项' },
    ],
    [
      'a query parameter',
      violation('maximum', '/lat', { limit: 90 }),
      'querystring',
      { code: 'FIELD_INVALID', field: 'lat', message: '纬度（lat）不能大于 90' },
    ],
    [
      'an unknown field',
      violation('additionalProperties', '', { additionalProperty: 'status' }),
      'body',
      { code: 'BAD_REQUEST', message: '不支持的参数“status”' },
    ],
    [
      'an unknown nested field',
      violation('additionalProperties', '/helped', { additionalProperty: 'idCard' }),
      'body',
      { code: 'BAD_REQUEST', message: '不支持的参数“idCard”' },
    ],
    [
      'a body that is no object',
      violation('type', '', { type: 'object' }),
      'body',
      { code: 'BAD_REQUEST', message: '请求内容格式不正确，应为对象' },
    ],
    [
      'an empty body',
      violation('minProperties', '', { limit: 1 }),
      'body',
      { code: 'BAD_REQUEST', message: '请求内容不能为空，请至少填写一项' },
    ],
    ['a malformed id in the path', violation('format', '/id'), 'params', { code: 'BAD_REQUEST', message: '编号（id）格式不正确' }],
    [
      'a malformed header',
      violation('pattern', '/idempotency-key'),
      'headers',
      { code: 'BAD_REQUEST', message: '“idempotency-key”格式不正确' },
    ],
  ])('%s', (_name, errors, context, expected) => {
    expect(validationRefusal(errors, context)).toEqual(expected)
  })
})

describe('unstorableRefusal', () => {
  test('a NUL in a body field names the field; in a list, the list', () => {
    expect(unstorableRefusal({ params: {}, query: {}, body: { helped: { name: '小\u0000明' } } })).toEqual({
      code: 'FIELD_INVALID',
      field: 'helped.name',
      message: '姓名（name）包含无法保存的字符',
    })
    expect(unstorableRefusal({ params: {}, query: {}, body: { tags: ['好', '\ud800'] } })).toEqual({
      code: 'FIELD_INVALID',
      field: 'tags',
      message: '标签（tags）包含无法保存的字符',
    })
  })
  test('a subnormal number in the query names the parameter; anything in the path is the request as a whole', () => {
    expect(unstorableRefusal({ params: {}, query: { lat: 5e-324 }, body: undefined })).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'lat',
    })
    expect(unstorableRefusal({ params: { id: 'a\u0000' }, query: {}, body: undefined })).toMatchObject({ code: 'BAD_REQUEST' })
    expect(unstorableRefusal({ params: {}, query: {}, body: { ok: 'fine', n: 1 } })).toBeNull()
  })
  test('a body nested 40,000 deep is walked without overflowing the stack; the field names at most 4 levels', () => {
    const deep = JSON.parse('{"a":'.repeat(40_000) + '"\\u0000"' + '}'.repeat(40_000))
    expect(unstorableRefusal({ params: {}, query: {}, body: deep })).toEqual({
      code: 'FIELD_INVALID',
      field: 'a.a.a.a',
      message: '“a”包含无法保存的字符',
    })
  })
})
