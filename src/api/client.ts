/**
 * The one HTTP path of the app. Each session (the resident's, the station
 * account's) has a client: axios over Taro.request for JSON, and
 * Taro.uploadFile / Taro.downloadFile for files. All three send the session's
 * token and hand a 401 to the session; every failure becomes an ApiError
 * carrying the server's code, message and field.
 */
import Taro from '@tarojs/taro'
import axios, { AxiosError, type AxiosInstance } from 'axios'
import type { ErrorCode } from '@contract/errors'
import { taroAdapter } from './taroAdapter'

/** Failures the app names itself: no answer, or an answer without our error body. */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'UNKNOWN' | `HTTP_${number}`
export type ApiErrorCode = ErrorCode | ClientErrorCode

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number | null,
    /** The input the refusal is about, as the request body names it (`contactPhone`, `helped.phone`, `capacity`). */
    readonly field: string | null = null,
    /** The whole error body, for answers that carry more than the message (an import's report). */
    readonly details: unknown = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The h5 portal is served by the API itself (same origin); the mini-program calls TARO_APP_API. */
export const API_BASE = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API ?? '')

export interface SessionAccess {
  token: () => string | null
  onUnauthorized: () => void
}

/** An answer with a status: our `{ code, message, field? }` body when there is one, else words for the status. */
function errorOfAnswer(status: number, body: unknown): ApiError {
  const b = body as { code?: unknown; message?: unknown; field?: unknown } | null | undefined
  if (b && typeof b === 'object' && typeof b.message === 'string') {
    return new ApiError(
      (typeof b.code === 'string' ? b.code : `HTTP_${status}`) as ApiErrorCode,
      b.message,
      status,
      typeof b.field === 'string' ? b.field : null,
      body,
    )
  }
  return new ApiError(`HTTP_${status}`, status >= 500 ? '服务暂时不可用，请稍后重试' : '请求失败，请稍后重试', status)
}

/** No answer at all (wx.request / uploadFile / downloadFile failed, or axios gave up). */
function transportError(timedOut: boolean): ApiError {
  return timedOut ? new ApiError('TIMEOUT', '请求超时，请稍后重试', null) : new ApiError('NETWORK', '网络连接失败，请检查网络后重试', null)
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof AxiosError) {
    if (err.response) return errorOfAnswer(err.response.status, err.response.data)
    return transportError(err.code === AxiosError.ETIMEDOUT || err.code === AxiosError.ECONNABORTED)
  }
  const errMsg = (err as { errMsg?: unknown } | null)?.errMsg
  if (typeof errMsg === 'string') return transportError(/timeout/i.test(errMsg))
  return new ApiError('UNKNOWN', '出了点问题，请稍后重试', null)
}

/** How often a call answered 503 with Retry-After is sent again before the failure is shown. */
export const UNAVAILABLE_RETRIES = 3

/** The wait a 503's Retry-After asks for (seconds, at most 10), or null when the answer is not one to retry. */
export function retryAfterMs(status: number | undefined, retryAfter: unknown): number | null {
  if (status !== 503) return null
  const seconds = Number(retryAfter)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 10) * 1000 : null
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

export interface SessionClient {
  /** JSON requests. */
  http: AxiosInstance
  /** Uploads one file as multipart (field `file`); resolves with the JSON answer. */
  upload: <T>(path: string, filePath: string) => Promise<T>
  /** Downloads a file (a CSV export); resolves with its temporary path (a blob URL in h5). */
  download: (path: string) => Promise<string>
  /** The session store registers itself here (avoids an import cycle). */
  bind: (access: SessionAccess) => void
}

function createClient(): SessionClient {
  let session: SessionAccess = { token: () => null, onUnauthorized: () => {} }
  const authorization = (): Record<string, string> => {
    const token = session.token()
    return token ? { Authorization: `Bearer ${token}` } : {}
  }
  /** Every failure passes here: a 401 ends the session, whichever path it came by. */
  const failed = (err: unknown): ApiError => {
    const apiError = toApiError(err)
    if (apiError.status === 401) session.onUnauthorized()
    return apiError
  }

  const http = axios.create({ baseURL: API_BASE, timeout: 10_000, adapter: taroAdapter })
  http.interceptors.request.use((config) => {
    for (const [k, v] of Object.entries(authorization())) config.headers.set(k, v)
    return config
  })
  http.interceptors.response.use(undefined, async (err: unknown) => {
    // 503 with Retry-After: the server was too busy (a burst) or its database restarting, and kept nothing.
    // The same request goes again — the same body and Idempotency-Key, so it is never done twice.
    const config = err instanceof AxiosError ? (err.config as (typeof err.config & { retried?: number }) | undefined) : undefined
    const wait = err instanceof AxiosError ? retryAfterMs(err.response?.status, err.response?.headers?.['retry-after']) : null
    if (config && wait !== null && (config.retried ?? 0) < UNAVAILABLE_RETRIES) {
      config.retried = (config.retried ?? 0) + 1
      await new Promise((resolve) => setTimeout(resolve, wait))
      return http.request(config)
    }
    return Promise.reject(failed(err))
  })

  return {
    http,
    async upload<T>(path: string, filePath: string): Promise<T> {
      let res: Taro.uploadFile.SuccessCallbackResult
      try {
        res = await Taro.uploadFile({ url: `${API_BASE}${path}`, filePath, name: 'file', header: authorization(), timeout: 30_000 })
      } catch (err) {
        throw failed(err)
      }
      const body = parseJson(res.data)
      if (res.statusCode >= 200 && res.statusCode < 300) return body as T
      throw failed(errorOfAnswer(res.statusCode, body))
    },
    async download(path: string): Promise<string> {
      let res: Taro.downloadFile.FileSuccessCallbackResult
      try {
        res = await Taro.downloadFile({ url: `${API_BASE}${path}`, header: authorization(), timeout: 30_000 })
      } catch (err) {
        throw failed(err)
      }
      if (res.statusCode === 200) return res.tempFilePath
      throw failed(errorOfAnswer(res.statusCode, null))
    },
    bind(access) {
      session = access
    },
  }
}

/** The residents' client (the mini-program's login). */
export const residentClient = createClient()
/** The workbench's client (a station account's login, kept apart from the resident's). */
export const staffClient = createClient()

export const http = residentClient.http
export const bindSession = residentClient.bind
export const staffHttp = staffClient.http
export const bindStaffSession = staffClient.bind
