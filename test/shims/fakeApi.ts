/**
 * Answers Taro.request (the transport of the app's axios client) from a route
 * table, and records what the app asked for.
 *
 *   const api = fakeApi({ 'GET /api/stations/nearby': { items: [A, B] } })
 *   …
 *   expect(api.requests[0].query.kind).toBe('community')
 *
 * A route's value is the 200 body, or `reply(status, body)`, or a function of
 * the request returning either. Unknown routes answer 404 and are listed in
 * `api.unmatched`, so a test can check that the page asked for nothing else.
 */
import Taro from './taro'

export interface FakeRequest {
  method: string
  url: string
  path: string
  query: Record<string, string>
  header: Record<string, string>
  data: unknown
}

export interface Reply {
  __reply: true
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** A reply with a status (and headers): `reply(400, { code: 'VALIDATION', message: '…' })`. */
export const reply = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ __reply: true, status, body, headers })

/** A transport failure as WeChat reports it: `fail({ errMsg })`. */
export interface Failure {
  __fail: true
  errMsg: string
}
export const failWith = (errMsg: string): Failure => ({ __fail: true, errMsg })

/** A 200 body (any JSON), a reply(…) or a failWith(…). */
type Answer = object | string | number | boolean | null
type Route = Answer | ((req: FakeRequest) => Answer | Promise<Answer>)

function parse(url: string, method: string, header: Record<string, string>, data: unknown): FakeRequest {
  const u = new URL(url, 'http://app.test')
  return { method, url, path: u.pathname, query: Object.fromEntries(u.searchParams), header, data }
}

export function fakeApi(routes: Record<string, Route>) {
  const requests: FakeRequest[] = []
  const unmatched: FakeRequest[] = []
  Taro.request.mockImplementation(((opts: {
    url: string
    method?: string
    header?: Record<string, string>
    data?: unknown
    success?: (res: unknown) => void
    fail?: (err: unknown) => void
  }) => {
    const req = parse(opts.url, (opts.method ?? 'GET').toUpperCase(), opts.header ?? {}, opts.data)
    requests.push(req)
    const route = routes[`${req.method} ${req.path}`]
    const task = (async () => {
      await new Promise((r) => setTimeout(r, 0)) // answer later, like the network
      let answer: Answer
      if (route === undefined) {
        unmatched.push(req)
        answer = reply(404, { code: 'NOT_FOUND', message: `no fake route for ${req.method} ${req.path}` })
      } else {
        answer = typeof route === 'function' ? await (route as (r: FakeRequest) => Answer)(req) : route
      }
      if (answer && typeof answer === 'object' && '__fail' in answer) {
        opts.fail?.({ errMsg: (answer as Failure).errMsg })
        return
      }
      const r: Reply = answer && typeof answer === 'object' && '__reply' in answer ? (answer as Reply) : reply(200, answer)
      opts.success?.({
        data: r.body,
        statusCode: r.status,
        header: { 'content-type': 'application/json', ...r.headers },
        cookies: [],
        errMsg: 'request:ok',
      })
    })()
    return Object.assign(task, { abort: () => undefined })
  }) as never)
  return { requests, unmatched, to: (path: string) => requests.filter((r) => r.path === path) }
}
