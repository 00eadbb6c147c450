/**
 * The content-safety hook for user text that others may read (a rating's
 * public comment): WeChat's msgSecCheck (v2) through WECHAT_API_BASE when the
 * mini-program's credentials are configured. 'review' and any failure to ask
 * WeChat keep the text from others until the station approves it; 'risky' is
 * never shown to others. The station itself always reads the words.
 */
import type { CommentReview } from '../../contract/ratings'
import type { Config } from '../config'
import { accessToken } from './notifier'

/** msgSecCheck's scene for comments. */
const SCENE_COMMENT = 2

export async function checkPublicText(config: Config, text: string, openid: string | null, now: Date): Promise<CommentReview> {
  const { apiBase, appId, secret } = config.wechat
  if (!text.trim()) return 'pass'
  if (!appId || !secret) return 'pass'
  // msgSecCheck needs the author's real openid (a dev login has none): a person reviews it instead.
  if (!openid || openid.startsWith('dev:')) return 'review'
  try {
    const token = await accessToken(config, now)
    const res = await fetch(`${apiBase}/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: text, version: 2, scene: SCENE_COMMENT, openid }),
      signal: AbortSignal.timeout(5000),
    })
    const body = (await res.json()) as { errcode?: number; result?: { suggest?: string } }
    if (body.errcode) return 'review'
    const suggest = body.result?.suggest
    return suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'rejected' : 'review'
  } catch {
    return 'review'
  }
}
