/**
 * WeChat's code2Session (jscode2session) at a configurable base URL. The
 * session_key it returns never leaves this function: it is not stored, not
 * returned and not logged (the portal needs only the openid).
 */
import { fail } from '../errors'

export interface WechatConfig {
  apiBase: string
  appId: string | null
  secret: string | null
}

export async function code2Session(cfg: WechatConfig, code: string, fetchImpl: typeof fetch = fetch): Promise<{ openid: string }> {
  if (!cfg.appId || !cfg.secret) {
    throw fail('NOT_CONFIGURED', '微信登录尚未配置，请联系管理员')
  }
  const url = new URL(`${cfg.apiBase}/sns/jscode2session`)
  url.searchParams.set('appid', cfg.appId)
  url.searchParams.set('secret', cfg.secret)
  url.searchParams.set('js_code', code)
  url.searchParams.set('grant_type', 'authorization_code')
  let body: { openid?: string; session_key?: string; errcode?: number; errmsg?: string }
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000) })
    body = (await res.json()) as typeof body
  } catch {
    throw fail('UPSTREAM_ERROR', '微信服务暂时无法连接，请稍后重试')
  }
  if (body.errcode === 40029 || body.errcode === 40163) {
    throw fail('UNAUTHORIZED', '登录凭证已失效，请重新登录')
  }
  if (body.errcode === 45011) {
    throw fail('RATE_LIMITED', '登录太频繁，请稍后再试')
  }
  if (body.errcode || typeof body.openid !== 'string' || body.openid === '') {
    throw fail('UPSTREAM_ERROR', '微信登录失败，请稍后重试')
  }
  return { openid: body.openid }
}
