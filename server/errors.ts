/**
 * One error shape for every client-visible failure: `{ code, message, field? }`
 * (contract/errors.ts), with a message a resident can read. Rules refuse with
 * a code (domain/refusal.ts); this module alone decides which HTTP status each
 * code is answered with (HTTP_STATUS), and turns schema violations, values no
 * column can hold, and Fastify's and Node's own refusals into the same shape.
 */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorCode } from '../contract/errors'
import { refusal as makeRefusal, type Decided, type Refusal } from '../domain/refusal'

/** The HTTP status of every error code: the one table. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  FIELD_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UPSTREAM_ERROR: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_FLIGHT: 409,
  NO_STATION_FOR_SERVICE: 422,
  PHOTO_EXPIRED: 400,
  REQUEST_STATE: 409,
  REQUEST_MOVED: 404,
  REGISTRATION_CLOSED: 409,
  NOT_ELIGIBLE: 422,
  ALREADY_ENROLLED: 409,
  ACTIVITY_FULL: 409,
  RATING_NOT_ALLOWED: 409,
  CONSENT_OUTDATED: 409,
  NOT_CONFIGURED: 503,
  QUEUE_EMPTY: 404,
  ENROLLMENT_STATE: 409,
  IMPORT_INVALID: 422,
  SLOT_UNAVAILABLE: 422,
  SLOT_FULL: 409,
  ALREADY_BOOKED: 409,
  BOOKING_STATE: 409,
  SAME_REQUEST: 400,
  MERGE_TARGET_CLOSED: 409,
  MERGE_CYCLE: 409,
}

/** A refusal on its way to the client; the error handler answers it with HTTP_STATUS[code]. */
export class Refused extends Error {
  readonly statusCode: number
  constructor(
    readonly refusal: Refusal,
    /** Seconds to say in Retry-After (a 429 or 503 that knows when trying again makes sense). */
    readonly retryAfter?: number,
    /** More the answer carries besides code, message and field (a full slot's alternatives); the route's schema names it. */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(refusal.message)
    this.statusCode = HTTP_STATUS[refusal.code]
  }
}

/** The error to throw for a refusal. */
export const fail = (code: ErrorCode, message: string, field?: string) => new Refused(makeRefusal(code, message, field))
export const refuse = (r: Refusal) => new Refused(r)
/** A refusal whose answer carries more than `{ code, message, field }` (the route's error schema names what). */
export const failWith = (code: ErrorCode, message: string, field: string | undefined, extra: Record<string, unknown>) =>
  new Refused(makeRefusal(code, message, field), undefined, extra)
export const notFound = (message: string) => fail('NOT_FOUND', message)
export const unauthorized = (message = '请先登录') => fail('UNAUTHORIZED', message)
export const forbidden = (message = '没有权限进行此操作') => fail('FORBIDDEN', message)
export const badRequest = (message: string) => fail('BAD_REQUEST', message)
export const conflict = (message: string) => fail('CONFLICT', message)
/** 429 with Retry-After: too many attempts, try again in `seconds`. */
export const tooManyAttempts = (message: string, seconds: number) => new Refused(makeRefusal('RATE_LIMITED', message), seconds)

/** The decision, or its refusal thrown. */
export function unwrap<T>(d: Decided<T>): T {
  if (!d.ok) throw new Refused(d.refusal)
  return d.value
}

/** Throws the refusal, if there is one. */
export function reject(r: Refusal | null | undefined): void {
  if (r) throw new Refused(r)
}

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
  phone: '电话',
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
  title: '活动名称',
  project: '所属项目',
  audience: '面向人群',
  minAge: '最小年龄',
  maxAge: '最大年龄',
  bring: '需要携带的物品',
  place: '活动地点',
  location: '位置',
  capacity: '名额',
  opensAt: '报名开放时间',
  closesAt: '报名截止时间',
  cancelDeadline: '取消截止时间',
  sessions: '活动时间',
  startsAt: '开始时间',
  endsAt: '结束时间',
  photoConsentRequired: '是否需要拍照同意',
  confirmWithinHours: '候补确认时限',
  birthDate: '出生日期',
  notes: '特殊需要',
  familyMemberId: '家人',
  childNoticeVersion: '儿童个人信息保护规则版本',
  photoConsent: '拍照宣传同意',
  enrollmentId: '报名',
  sessionId: '第几次课',
  outcome: '问题是否解决',
  stars: '星级',
  tags: '标签',
  comment: '评价内容',
  anonymous: '是否匿名',
  commentPublic: '是否公开',
  approve: '是否通过',
  from: '开始日期',
  to: '结束日期',
  subject: '评价对象',
  low: '差评',
  unreplied: '未回复',
  status: '状态',
  overdue: '超时',
  mine: '我的',
  attributes: '补充问题',
  province: '省份',
  city: '城市',
  district: '区县',
  street: '街道',
  community: '社区',
  serviceId: '预约服务',
  forWhom: '为谁预约',
  personName: '预约人姓名',
  note: '留言',
  durationMinutes: '每次时长',
  horizonDays: '可提前预约天数',
  cutoffMinutes: '截止时间',
  perPersonPerDay: '每人每天次数',
  availability: '可预约时段',
  workerName: '接待社工',
  workerId: '接待社工',
  active: '是否启用',
}

interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

/** How a field reads in a message: "联系电话（contactPhone）", or the name itself in quotes. */
function labelOf(name: string, fallback: string): string {
  if (!name) return fallback
  return FIELD_LABELS[name] ? `${FIELD_LABELS[name]}（${name}）` : `“${name}”`
}

/**
 * The input a violation at `segments` is about: its path up to the first array
 * index (`sessions`, not `sessions.0.startsAt`: the list is what the form shows),
 * and at most FIELD_DEPTH levels deep (no form nests deeper; a body nested
 * thousands deep does not come back as a field thousands of names long).
 */
const FIELD_DEPTH = 4
function inputPath(segments: string[]): string {
  const i = segments.findIndex((s) => /^\d+$/.test(s))
  return (i < 0 ? segments : segments.slice(0, i)).slice(0, FIELD_DEPTH).join('.')
}

/**
 * The first schema violation as a refusal. A violation about one input of the
 * body or the query string is FIELD_INVALID with `field`, the input's path; a
 * request wrong as a whole — a body that is no object, an unknown field or
 * parameter, a malformed path or header — is BAD_REQUEST.
 */
export function validationRefusal(errors: AjvError[], context: string | undefined): Refusal {
  const e = errors[0]
  if (!e) return makeRefusal('BAD_REQUEST', '请求参数不正确')
  if (e.keyword === 'additionalProperties') return makeRefusal('BAD_REQUEST', `不支持的参数“${String(e.params.additionalProperty)}”`)
  const segments = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (e.keyword === 'required') segments.push(String(e.params.missingProperty ?? ''))
  const named = segments.filter((s) => !/^\d+$/.test(s))
  const label = labelOf(named[named.length - 1] ?? '', context === 'body' ? '请求内容' : '参数')
  const message = violationMessage(e, label)
  const field = inputPath(segments)
  return field && (context === 'body' || context === 'querystring')
    ? makeRefusal('FIELD_INVALID', message, field)
    : makeRefusal('BAD_REQUEST', message)
}

function violationMessage(e: AjvError, label: string): string {
  switch (e.keyword) {
    case 'required':
      return `缺少必填项：${label}`
    case 'minProperties':
      return `${label}不能为空，请至少填写一项`
    case 'maxItems':
      return `${label}最多 ${String(e.params.limit)} 项`
    case 'maxProperties':
      return `${label}最多 ${String(e.params.limit)} 项`
    case 'uniqueItems':
      return `${label}不能重复`
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
  return (
    ({ number: '数字', integer: '整数', string: '文字', boolean: '是或否', object: '对象', array: '列表' } as Record<string, string>)[t] ??
    t
  )
}

/**
 * The database is unreachable or restarting (connection refused, reset or terminated), or every connection of
 * the pool stayed busy for the whole wait (a burst): 503 with Retry-After, try again.
 */
export function isDatabaseUnavailable(error: { code?: unknown; message?: unknown }): boolean {
  const code = String(error.code ?? '')
  if (['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))
    return true
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    String(error.message ?? ''),
  )
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof Refused) {
      if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter))
      else if (error.refusal.code === 'UNAVAILABLE') void reply.header('retry-after', '5')
      return reply.status(error.statusCode).send(error.extra ? { ...error.refusal, ...error.extra } : error.refusal)
    }
    if (error.validation) {
      const r = validationRefusal(error.validation as AjvError[], error.validationContext)
      return reply.status(HTTP_STATUS[r.code]).send(r)
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
      const message =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
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
// eslint-disable-next-line no-control-regex -- finding the NUL character is this pattern's purpose
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Values that pass the schemas but that PostgreSQL cannot store: text with a NUL or a lone
 * surrogate, subnormal numbers. Returns the first such value's input path (as in
 * validationRefusal; '' for the whole input) and a message naming it, or null. Iterative, so a
 * deeply nested body sent to a route that takes none cannot overflow the stack.
 */
export function unstorableInput(input: unknown): { field: string; message: string } | null {
  // Each entry knows its key and its parent's entry, so a path is built only for the value found
  // (copying paths along the way would be quadratic in the depth of a deeply nested body).
  interface At {
    key: string | null
    parent: At | null
  }
  const pathOf = (at: At | null): string[] => {
    const keys: string[] = []
    for (let a = at; a && a.key !== null; a = a.parent) keys.push(a.key)
    return keys.reverse()
  }
  const found = (at: At, message: (label: string) => string) => {
    const path = pathOf(at)
    const named = path.filter((s) => !/^\d+$/.test(s))
    return { field: inputPath(path), message: message(labelOf(named[named.length - 1] ?? '', '请求内容')) }
  }
  const stack: [unknown, At][] = [[input, { key: null, parent: null }]]
  while (stack.length > 0) {
    const [value, at] = stack.pop()!
    if (typeof value === 'string' && UNSTORABLE_TEXT.test(value)) return found(at, (label) => `${label}包含无法保存的字符`)
    if (typeof value === 'number' && value !== 0 && Math.abs(value) < MIN_NORMAL) return found(at, (label) => `${label}的数值不正确`)
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (UNSTORABLE_TEXT.test(k)) return found(at, (label) => `${label}包含无法保存的字符`)
        stack.push([v, { key: k, parent: at }])
      }
    }
  }
  return null
}

/** The preHandler check of unstorableInput over a request's parts, as a refusal (FIELD_INVALID for one input of the body or query). */
export function unstorableRefusal(parts: { params: unknown; query: unknown; body: unknown }): Refusal | null {
  for (const [context, input] of [
    ['params', parts.params],
    ['querystring', parts.query],
    ['body', parts.body],
  ] as const) {
    const u = unstorableInput(input)
    if (!u) continue
    return u.field && context !== 'params' ? makeRefusal('FIELD_INVALID', u.message, u.field) : makeRefusal('BAD_REQUEST', u.message)
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
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, '请求头太大']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, '请求超时，请重试']
        : [400, '请求格式不正确']
  const body = JSON.stringify({ code: 'BAD_REQUEST', message })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}
