/**
 * The one HTTP client of the app: axios over Taro.request, with the session
 * token, and every failure turned into an ApiError with a message to show.
 */
import axios, { AxiosError } from 'axios'
import { taroAdapter } from './taroAdapter'

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The h5 portal is served by the API itself (same origin); the mini-program calls TARO_APP_API. */
export const API_BASE = process.env.TARO_ENV === 'h5' ? '' : process.env.TARO_APP_API ?? ''

export interface SessionAccess {
  token: () => string | null
  onUnauthorized: () => void
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof AxiosError) {
    const status = err.response?.status ?? null
    const body = err.response?.data as { code?: unknown; message?: unknown } | undefined
    if (status !== null && body && typeof body.message === 'string') {
      return new ApiError(typeof body.code === 'string' ? body.code : 'ERROR', body.message, status)
    }
    if (err.code === AxiosError.ETIMEDOUT || err.code === AxiosError.ECONNABORTED) {
      return new ApiError('TIMEOUT', '请求超时，请稍后重试', null)
    }
    if (status !== null) return new ApiError('HTTP_' + status, status >= 500 ? '服务暂时不可用，请稍后重试' : '请求失败，请稍后重试', status)
    return new ApiError('NETWORK', '网络连接失败，请检查网络后重试', null)
  }
  return new ApiError('UNKNOWN', '出了点问题，请稍后重试', null)
}

/** An axios instance over Taro.request whose token and 401 handling come from a session store. */
function createHttp() {
  let session: SessionAccess = { token: () => null, onUnauthorized: () => {} }
  const instance = axios.create({ baseURL: API_BASE, timeout: 10_000, adapter: taroAdapter })
  instance.interceptors.request.use((config) => {
    const token = session.token()
    if (token) config.headers.set('Authorization', `Bearer ${token}`)
    return config
  })
  instance.interceptors.response.use(undefined, (err: unknown) => {
    const apiError = toApiError(err)
    if (apiError.status === 401) session.onUnauthorized()
    return Promise.reject(apiError)
  })
  /** The session store registers itself here (avoids an import cycle). */
  const bind = (access: SessionAccess) => {
    session = access
  }
  return { instance, bind }
}

const resident = createHttp()
const staff = createHttp()

/** The residents' client (the mini-program's login). */
export const http = resident.instance
export const bindSession = resident.bind

/** The workbench's client (a station account's login, kept apart from the resident's). */
export const staffHttp = staff.instance
export const bindStaffSession = staff.bind
