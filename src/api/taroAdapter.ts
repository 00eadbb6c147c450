/**
 * An axios adapter over Taro.request: axios has no transport inside a
 * mini-program (no XMLHttpRequest), so every request goes through WeChat's
 * wx.request (or the browser's, in the h5 build) here.
 */
import Taro from '@tarojs/taro'
import axios, { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS'

function flatHeaders(config: InternalAxiosRequestConfig): Record<string, string> {
  const out: Record<string, string> = {}
  const headers = AxiosHeaders.from(config.headers as never).toJSON() as Record<string, unknown>
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && v !== null && v !== false) out[k] = String(v)
  return out
}

export const taroAdapter: AxiosAdapter = (config) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const url = axios.getUri(config)
    const method = (config.method ?? 'get').toUpperCase() as Method
    let data: unknown = config.data
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data)
      } catch {
        /* send as text */
      }
    }
    // wx.request has no PATCH: it travels as POST with X-HTTP-Method-Override, which the server honours for PATCH only.
    const patch = method === 'PATCH' && process.env.TARO_ENV === 'weapp'
    const task = Taro.request({
      url,
      method: patch ? 'POST' : method,
      header: patch ? { ...flatHeaders(config), 'X-HTTP-Method-Override': 'PATCH' } : flatHeaders(config),
      data: data as never,
      timeout: config.timeout || 10_000,
      dataType: 'json',
      responseType: 'text',
      success(res) {
        const response: AxiosResponse = {
          data: res.data,
          status: res.statusCode,
          statusText: String(res.statusCode),
          headers: new AxiosHeaders((res.header ?? {}) as Record<string, string>),
          config,
          request: task,
        }
        const validate = config.validateStatus
        if (!validate || validate(res.statusCode)) resolve(response)
        else {
          reject(
            new AxiosError(
              `Request failed with status code ${res.statusCode}`,
              res.statusCode >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
              config,
              task,
              response,
            ),
          )
        }
      },
      fail(err) {
        const message = (err as { errMsg?: string }).errMsg ?? 'request:fail'
        const code = /timeout/i.test(message) ? AxiosError.ETIMEDOUT : AxiosError.ERR_NETWORK
        reject(new AxiosError(message, code, config, task))
      },
    })
    // Taro.request also returns a promise that rejects on failure: the fail callback above handles it.
    ;(task as unknown as Promise<unknown>)?.catch?.(() => undefined)
    config.signal?.addEventListener?.('abort', () => task?.abort?.())
  })
