/**
 * The tests' tiny JSON client, `api(server.url, token)`, for a server in a
 * child process (real fetch over loopback) or in this process (its url is an
 * origin registered here, and calls are injected: see inProcess.ts).
 */
type Fetch = (input: string, init?: RequestInit) => Promise<Response>

const inProcess = new Map<string, Fetch>()

/** Calls to `origin` go to `fetch` instead of the network, until the returned function is called. */
export function registerOrigin(origin: string, fetch: Fetch): () => void {
  inProcess.set(origin, fetch)
  return () => void inProcess.delete(origin)
}

/** fetch() that also reaches the in-process apps. */
export function fetchAny(input: string, init?: RequestInit): Promise<Response> {
  const local = inProcess.get(new URL(input).origin)
  return local ? local(input, init) : fetch(input, init)
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export function api(base: string, token?: string) {
  const call = async <T = any>(
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const res = await fetchAny(base + p, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }
  return {
    get: <T = any>(p: string, headers?: Record<string, string>) => call<T>('GET', p, undefined, headers),
    post: <T = any>(p: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', p, body, headers),
    patch: <T = any>(p: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', p, body, headers),
    put: <T = any>(p: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', p, body, headers),
    delete: <T = any>(p: string, headers?: Record<string, string>) => call<T>('DELETE', p, undefined, headers),
    call,
  }
}
