/**
 * One error shape for every client-visible failure: `{ code, message }`, with a
 * 4xx for anything the client did wrong and a message a resident can read.
 */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorCode } from '../contract/enums'

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (message: string) => new AppError(404, 'NOT_FOUND', message)
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message)
export const forbidden = (message = '没有权限进行此操作') => new AppError(403, 'FORBIDDEN', message)
export const badRequest = (message: string) => new AppError(400, 'BAD_REQUEST', message)
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message)

/** Names of fields as residents know them, for validation messages. */
const FIELD_LABELS: Record<string, string> = {
  lat: '纬度',
  lng: '经度',
  limit: '数量',
  kind: '站点类型',
  service: '服务类别',
  id: '编号',
  parent: '上级站点',
  q: '搜索词',
  area: '地区',
  code: '登录凭证',
  nickname: '昵称',
  category: '服务类别',
  description: '问题描述',
  contactName: '联系人',
  contactPhone: '联系电话',
  preferredTime: '方便联系的时间',
  requester: '求助人',
  helped: '被帮助人',
  name: '姓名',
  relationship: '与您的关系',
  consent: '被帮助人同意',
  urgency: '紧急程度',
  photoIds: '照片',
  stationId: '社工站',
  address: '地址',
  body: '内容',
  reason: '原因',
  summary: '处理结果',
  username: '账号',
  password: '密码',
  channel: '来源渠道',
  purpose: '同意的用途',
  version: '版本',
  granted: '是否同意',
}

interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

/** Turns the first schema violation into one Chinese sentence. */
export function validationMessage(errors: AjvError[], context: string | undefined): string {
  const e = errors[0]
  if (!e) return '请求参数不正确'
  const path = e.instancePath.replace(/^\//, '').split('/').filter(Boolean)
  let field = path[path.length - 1] ?? ''
  if (e.keyword === 'required') field = String(e.params.missingProperty ?? '')
  if (e.keyword === 'additionalProperties') {
    return `不支持的参数“${String(e.params.additionalProperty)}”`
  }
  const label = FIELD_LABELS[field] ? `${FIELD_LABELS[field]}（${field}）` : field ? `“${field}”` : context === 'body' ? '请求内容' : '参数'
  switch (e.keyword) {
    case 'required':
      return `缺少必填项：${label}`
    case 'minProperties':
      return `${label}不能为空，请至少填写一项`
    case 'maxItems':
      return `${label}最多 ${String(e.params.limit)} 项`
    case 'type':
      return `${label}格式不正确，应为${typeName(String(e.params.type))}`
    case 'minimum':
    case 'exclusiveMinimum':
      return `${label}不能小于 ${String(e.params.limit)}`
    case 'maximum':
    case 'exclusiveMaximum':
      return `${label}不能大于 ${String(e.params.limit)}`
    case 'minLength':
      return Number(e.params.limit) <= 1 ? `${label}不能为空` : `${label}至少 ${String(e.params.limit)} 个字`
    case 'maxLength':
      return `${label}不能超过 ${String(e.params.limit)} 个字`
    case 'format':
      return `${label}格式不正确`
    case 'pattern':
      return `${label}格式不正确`
    case 'anyOf':
    case 'enum':
    case 'const':
      return `${label}不是可选的值`
    default:
      return `${label}不正确`
  }
}

function typeName(t: string): string {
  return ({ number: '数字', integer: '整数', string: '文字', boolean: '是或否', object: '对象', array: '列表' } as Record<string, string>)[t] ?? t
}

/** The database is unreachable or restarting (connection refused, reset or terminated): 503, try again. */
export function isDatabaseUnavailable(error: { code?: unknown; message?: unknown }): boolean {
  const code = String(error.code ?? '')
  if (['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(String(error.message ?? ''))
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({ code: error.code, message: error.message })
    }
    if (error.validation) {
      return reply
        .status(400)
        .send({ code: 'BAD_REQUEST', message: validationMessage(error.validation as AjvError[], error.validationContext) })
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable')
      return reply.status(503).header('retry-after', '5').send({ code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' })
    }
    const status = error.statusCode ?? 500
    if (status === 413) return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大' })
    if (status === 415) return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请以 JSON 提交' })
    if (status === 429) return reply.status(429).send({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' })
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? '请求内容不是有效的 JSON'
        : '请求不正确'
      return reply.status(status).send({ code: 'BAD_REQUEST', message })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send({ code: 'INTERNAL', message: '服务暂时出了点问题，请稍后重试' })
  })

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'NOT_FOUND', message: request.url.startsWith('/api/') ? '接口不存在' : '页面不存在' })
  })
}

/** The smallest normal double: PostgreSQL's float8 refuses anything closer to zero ("value out of range: underflow"). */
const MIN_NORMAL = 2.2250738585072014e-308
/** A NUL (no PostgreSQL text holds one) or a lone surrogate (jsonb refuses its escape). */
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Values that pass the schemas but that PostgreSQL cannot store: text with a NUL or a lone
 * surrogate, subnormal numbers. Returns a message naming the field, or null. Iterative, so a
 * deeply nested body sent to a route that takes none cannot overflow the stack.
 */
export function unstorableInput(input: unknown): string | null {
  const stack: [unknown, string][] = [[input, '']]
  while (stack.length > 0) {
    const [value, field] = stack.pop()!
    const label = FIELD_LABELS[field] ? `${FIELD_LABELS[field]}（${field}）` : field ? `“${field}”` : '请求内容'
    if (typeof value === 'string' && UNSTORABLE_TEXT.test(value)) return `${label}包含无法保存的字符`
    if (typeof value === 'number' && value !== 0 && Math.abs(value) < MIN_NORMAL) return `${label}的数值不正确`
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (UNSTORABLE_TEXT.test(k)) return `${label}包含无法保存的字符`
        stack.push([v, Array.isArray(value) ? field : k])
      }
    }
  }
  return null
}

/** Fastify's own refusals before routing (a malformed URL, a path parameter over maxParamLength), as { code, message }. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 400
  void reply.status(status).send({ code: 'BAD_REQUEST', message: status === 414 ? '请求地址太长' : '请求地址不正确' })
}

/** Node's refusals before Fastify sees a request (headers too large, a malformed request): { code, message }, then close. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, message] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, '请求头太大']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, '请求超时，请重试']
    : [400, '请求格式不正确']
  const body = JSON.stringify({ code: 'BAD_REQUEST', message })
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(error)
}
