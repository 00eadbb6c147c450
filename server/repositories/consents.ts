/**
 * 授权与同意: every agreement and every withdrawal is a row of `consents`
 * (purpose, version of the text, granted, time); the latest row of a purpose
 * says where the resident stands. 'children' and 'photos' agreements are
 * written by their own flows (family.ts, enrollments.ts); here a resident
 * agrees to the privacy policy, location and help-request texts, and
 * withdraws what may be withdrawn. The current versions come from
 * contract/consents.ts and can be passed in (tests try a new version).
 */
import { CONSENT_PURPOSE_LABELS, CONSENT_VERSIONS, type ConsentPurpose } from '../../contract/consents'
import type { ConsentBody, ConsentStatus } from '../../contract/types'
import { consentRefusal, summarizeConsents, type ConsentRecord } from '../../domain/consents'
import type { Queryable } from '../db'
import { AppError, conflict, notFound } from '../errors'

export type ConsentVersions = Readonly<Record<ConsentPurpose, string>>

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

async function records(db: Queryable, userId: string): Promise<ConsentRecord[]> {
  const { rows } = await db.query<{ purpose: string; version: string; granted: boolean; granted_at: Date }>(
    'SELECT purpose, version, granted, granted_at FROM consents WHERE user_id = $1 ORDER BY granted_at, id',
    [userId],
  )
  return rows.map((r) => ({ purpose: r.purpose, version: r.version, granted: r.granted, at: new Date(r.granted_at) }))
}

/** Where the resident stands on every purpose, in CONSENT_PURPOSES order. */
export async function listConsents(db: Queryable, userId: string, versions: ConsentVersions = CONSENT_VERSIONS): Promise<ConsentStatus[]> {
  return summarizeConsents(await records(db, userId), versions).map((s) => ({
    ...s,
    agreedAt: iso(s.agreedAt),
    withdrawnAt: iso(s.withdrawnAt),
  }))
}

/**
 * Records an agreement (granted) or a withdrawal to the current version of a
 * purpose's text. Returns whether a row was written (a repeated decision —
 * a double tap — writes nothing) and the statuses after it. Withdrawing
 * 'photos' also takes the consent off the resident's enrollments, so the
 * stations' rosters no longer show it. The caller runs it in a transaction.
 */
export async function recordConsent(
  db: Queryable,
  userId: string,
  body: ConsentBody,
  now: Date,
  versions: ConsentVersions = CONSENT_VERSIONS,
): Promise<{ recorded: boolean; items: ConsentStatus[] }> {
  const { purpose, version, granted } = body
  const refusal = consentRefusal(purpose, granted)
  if (refusal) throw new AppError(400, 'BAD_REQUEST', refusal)
  const current = versions[purpose]
  if (version !== current) {
    throw conflict(
      granted
        ? `《${CONSENT_PURPOSE_LABELS[purpose]}》条款已更新（当前版本 ${current}），请阅读新版本后再同意`
        : `《${CONSENT_PURPOSE_LABELS[purpose]}》条款已更新，请刷新页面后再操作`,
    )
  }
  // One decision at a time per resident: two taps cannot both pass the check below.
  const { rows: users } = await db.query('SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [userId])
  if (!users[0]) throw notFound('账号不存在')

  const before = summarizeConsents(await records(db, userId), versions).find((s) => s.purpose === purpose)!
  const unchanged = granted ? !before.needsConsent : before.withdrawn
  if (!unchanged) {
    if (!granted && before.agreedVersion === null) throw conflict('您还没有同意过这一项，无需撤回')
    await db.query('INSERT INTO consents (user_id, purpose, version, granted, granted_at) VALUES ($1, $2, $3, $4, $5)', [
      userId, purpose, version, granted, now,
    ])
    if (purpose === 'photos' && !granted) {
      await db.query('UPDATE enrollments SET photo_consent = false WHERE user_id = $1 AND photo_consent', [userId])
    }
  }
  return { recorded: !unchanged, items: await listConsents(db, userId, versions) }
}
