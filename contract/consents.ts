/**
 * What a resident agrees to, per purpose, and the CURRENT version of each
 * purpose's text. The one place both the mini-program (which shows the text
 * and sends the version it showed) and the API (which accepts only the
 * current version) read it from: a new version here asks everyone again.
 * Plain data, shared by the mini-program and the API.
 */
import { CHILD_NOTICE_VERSION } from './activities'

export const CONSENT_PURPOSES = ['privacy_policy', 'location', 'help_requests', 'children', 'photos'] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

/** 《社工站居民服务隐私政策》 (src/content/privacy.ts). */
export const PRIVACY_POLICY_VERSION = '2026-11-23.2'
/** 位置信息使用说明 (src/content/consents.ts), agreed before the app uses the phone's location. */
export const LOCATION_NOTICE_VERSION = '2026-11-23'
/** 求助信息使用说明 (src/content/consents.ts), agreed before a resident's help request is sent. */
export const HELP_REQUEST_NOTICE_VERSION = '2026-11-23'
/** The photo/publicity consent asked at enrollment in activities that publish photos. */
export const PHOTO_CONSENT_VERSION = '2026-11-01'

export const CONSENT_VERSIONS: Readonly<Record<ConsentPurpose, string>> = {
  privacy_policy: PRIVACY_POLICY_VERSION,
  location: LOCATION_NOTICE_VERSION,
  help_requests: HELP_REQUEST_NOTICE_VERSION,
  children: CHILD_NOTICE_VERSION,
  photos: PHOTO_CONSENT_VERSION,
}

export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  privacy_policy: '隐私政策',
  location: '位置信息',
  help_requests: '求助信息',
  children: '儿童个人信息（监护人同意）',
  photos: '活动拍照及宣传',
}

/**
 * How each purpose is agreed to and withdrawn through `POST /api/me/consents`.
 * 'children' and 'photos' are agreed in their own flows (adding a child under
 * 14 in 我的家人; enrolling in an activity that publishes photos); a child's
 * consent ends by removing the child, so it cannot be withdrawn here.
 */
export const CONSENT_RULES: Record<ConsentPurpose, { grant: boolean; withdraw: boolean; managedIn: string }> = {
  privacy_policy: { grant: true, withdraw: false, managedIn: '首次求助时同意；如不再同意，可以注销账号' },
  location: { grant: true, withdraw: true, managedIn: '首次定位时同意；撤回后不再自动定位' },
  help_requests: { grant: true, withdraw: true, managedIn: '首次求助时同意；撤回后再次求助时会重新询问' },
  children: { grant: false, withdraw: false, managedIn: '在“我的家人”中添加未满 14 周岁的孩子时同意；删除孩子即撤回' },
  photos: { grant: false, withdraw: true, managedIn: '报名需要拍照的活动时单独同意' },
}
