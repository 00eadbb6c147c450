/**
 * wx.request answered from a per-test route table: `'METHOD /path/:param'` →
 * a JSON body, a `reply(status, body)`, a `networkError()`, or a function of
 * the request (which may return a Promise: the request stays pending until it
 * resolves). A literal path wins over a `:param` one.
 */

export interface FakeRequest {
  method: string
  /** Full URL as the phone would send it: for GET, `data` is appended as the query string. */
  url: string
  path: string
  query: Record<string, string>
  /** Route params, e.g. `{ id }` for `GET /api/stations/:id`. */
  params: Record<string, string>
  data: unknown
  header: Record<string, string>
}

/** A non-200 answer: `reply(404, { code: 'NOT_FOUND', message: '…' })`. */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export const reply = (status: number, body: unknown): HttpReply => new HttpReply(status, body)
/** wx.request's `fail` (no HTTP answer at all), e.g. `networkError('request:fail timeout')`. */
export class NetworkError {
  constructor(readonly errMsg: string) {}
}
export const networkError = (errMsg = 'request:fail timeout'): NetworkError => new NetworkError(errMsg)

/**
 * What a route answers: a JSON body (status 200), a `reply(status, body)`, a
 * `networkError()`, or a function of the request returning one of these (or a
 * Promise of one: the request stays pending until it resolves).
 */
export type RouteAnswer = HttpReply | NetworkError | object | string | number | boolean | null
export type RouteHandler = (req: FakeRequest) => RouteAnswer | Promise<RouteAnswer>
export type Routes = Record<string, RouteHandler | RouteAnswer>

export /** The methods wx.request accepts. */
const WX_REQUEST_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT']

export function toFakeRequest(o: any): FakeRequest {
  // A PATCH travels as POST with X-HTTP-Method-Override (src/api/taroAdapter.ts); the server reads it as PATCH, and so do the fakes.
  const header: Record<string, string> = o.header ?? {}
  const override = Object.entries(header).find(([k]) => k.toLowerCase() === 'x-http-method-override')?.[1]
  const method =
    String(o.method ?? 'GET').toUpperCase() === 'POST' && override?.toUpperCase() === 'PATCH'
      ? 'PATCH'
      : String(o.method ?? 'GET').toUpperCase()
  const u = new URL(String(o.url), 'https://harness.invalid')
  // wx.request sends `data` as the query string for GET (and for DELETE/HEAD with non-JSON data).
  if (method === 'GET' && o.data && typeof o.data === 'object') {
    for (const [k, v] of Object.entries(o.data)) if (v !== undefined && v !== null) u.searchParams.append(k, String(v))
  }
  const url = /^https?:/.test(String(o.url)) ? u.toString() : `${u.pathname}${u.search}`
  return { method, url, path: u.pathname, query: Object.fromEntries(u.searchParams), params: {}, data: o.data, header: o.header ?? {} }
}

/** The route for a request; literal routes win over `:param` ones (`/api/stations/nearby` before `/api/stations/:id`). */
export function findRoute(routes: Routes, req: FakeRequest) {
  const params = (key: string) => (key.match(/:\w+/g) ?? []).length
  for (const [key, answer] of Object.entries(routes).sort(([a], [b]) => params(a) - params(b))) {
    const [m, p] = key.includes(' ') ? key.split(/\s+/, 2) : ['GET', key]
    if (m!.toUpperCase() !== req.method) continue
    const names: string[] = []
    const re = new RegExp(
      `^${p!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_s, n: string) => (names.push(n), '([^/]+)'))}/?$`,
    )
    const m2 = re.exec(req.path)
    if (m2) return { answer, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m2[i + 1]!)])) }
  }
  return undefined
}
