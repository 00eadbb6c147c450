/**
 * Where a resident stands on each consent purpose, from the rows recorded for
 * them (each agreement and each withdrawal is a row, with its version and
 * time). Pure: the API summarizes the `consents` table with it, and the
 * versions are passed in, so a new version of a text can be tried in tests.
 */
import { CONSENT_PURPOSES, CONSENT_PURPOSE_LABELS, CONSENT_RULES, type ConsentPurpose } from '../contract/consents'

export interface ConsentRecord {
  purpose: string
  version: string
  granted: boolean
  /** When it was recorded. */
  at: Date
}

export interface ConsentSummary {
  purpose: ConsentPurpose
  label: string
  currentVersion: string
  agreedVersion: string | null
  agreedAt: Date | null
  withdrawn: boolean
  withdrawnAt: Date | null
  needsConsent: boolean
  canWithdraw: boolean
}

/** The latest of two records: the later time, and on a tie the one recorded later (later in the list). */
const isLater = (a: ConsentRecord, b: ConsentRecord | undefined) => !b || a.at.getTime() >= b.at.getTime()

/**
 * One summary per purpose, in CONSENT_PURPOSES order. `records` in the order
 * they were recorded. A purpose needs consent unless its latest decision is an
 * agreement to the current version.
 */
export function summarizeConsents(records: readonly ConsentRecord[], versions: Readonly<Record<ConsentPurpose, string>>): ConsentSummary[] {
  return CONSENT_PURPOSES.map((purpose) => {
    let latest: ConsentRecord | undefined
    let latestGrant: ConsentRecord | undefined
    for (const r of records) {
      if (r.purpose !== purpose) continue
      if (isLater(r, latest)) latest = r
      if (r.granted && isLater(r, latestGrant)) latestGrant = r
    }
    const withdrawn = !!latest && !latest.granted
    const agreedCurrent = !!latest && latest.granted && latest.version === versions[purpose]
    return {
      purpose,
      label: CONSENT_PURPOSE_LABELS[purpose],
      currentVersion: versions[purpose],
      agreedVersion: latestGrant?.version ?? null,
      agreedAt: latestGrant?.at ?? null,
      withdrawn,
      withdrawnAt: withdrawn ? latest!.at : null,
      needsConsent: !agreedCurrent,
      canWithdraw: CONSENT_RULES[purpose].withdraw && !!latest && latest.granted,
    }
  })
}

/**
 * Whether `POST /api/me/consents` may record this decision: null if it may,
 * else why not, in words for the resident. The version is checked apart (409).
 */
export function consentRefusal(purpose: ConsentPurpose, granted: boolean): string | null {
  const rule = CONSENT_RULES[purpose]
  if (granted && !rule.grant) {
    return purpose === 'children' ? '儿童个人信息的同意请在“我的家人”中添加孩子时填写' : '照片使用请在报名需要拍照的活动时单独同意'
  }
  if (!granted && !rule.withdraw) {
    return purpose === 'children'
      ? '如需撤回对孩子个人信息的同意，请在“我的家人”中删除这位孩子，孩子的信息会立即清除'
      : '隐私政策无法单独撤回；如不再同意，可以在“个人信息”中注销账号，您的个人信息会全部删除'
  }
  return null
}
