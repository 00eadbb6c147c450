/**
 * WeChat's one-time subscribe messages: each template a resident allows in
 * `requestSubscribeMessage` carries ONE message of that template. So a page
 * whose action leads to several messages asks for each template it will need,
 * in one call (WeChat shows them in one dialog, at most 3 per call): a
 * booking asks for its confirmation (the activity template, 预约成功) and the
 * day-before reminder (the booking-reminder template), which would otherwise
 * find the one allowance used up and be recorded `not_subscribed`.
 */
import Taro from '@tarojs/taro'

/** WeChat's limit of template ids in one requestSubscribeMessage call. */
export const MAX_TEMPLATES_PER_CALL = 3

/** The configured template ids to ask for: empty ones dropped, each once, at most 3. */
export function templatesToAsk(ids: readonly (string | undefined | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id && id.trim() !== ''))].slice(0, MAX_TEMPLATES_PER_CALL)
}

/** A booking's templates: its confirmation and status (预约成功, 已改期) and its day-before reminder. */
export const BOOKING_TEMPLATES = templatesToAsk([process.env.TARO_APP_TEMPLATE_ACTIVITY, process.env.TARO_APP_TEMPLATE_BOOKING_REMINDER])

/** Asks for these templates in one dialog (weapp only; nothing configured: nothing asked). Never throws. */
export function askSubscriptions(tmplIds: readonly string[]): void {
  if (process.env.TARO_ENV !== 'weapp' || tmplIds.length === 0) return
  void Taro.requestSubscribeMessage({ tmplIds: [...tmplIds] } as never).catch(() => undefined)
}
