/**
 * 授权与同意: a resident agrees to the current version of a purpose's text, or
 * withdraws what may be withdrawn (domain/consents.ts says which). The current
 * versions come from contract/consents.ts and can be passed in (tests try a
 * new version).
 */
import { CONSENT_PURPOSE_LABELS, CONSENT_VERSIONS } from '../../contract/consents'
import type { ConsentBody, ConsentStatus } from '../../contract/types'
import { consentRefusal, summarizeConsents } from '../../domain/consents'
import type { AppContext } from '../context'
import { conflict, fail, notFound } from '../errors'
import { consentRecords, insertConsent, listConsents, lockUser, type ConsentVersions } from '../repositories/consents'

/**
 * Records an agreement (granted) or a withdrawal to the current version of a
 * purpose's text, in one transaction. Returns whether a row was written (a
 * repeated decision — a double tap — writes nothing) and the statuses after it.
 */
export async function recordConsent(
  ctx: AppContext,
  userId: string,
  body: ConsentBody,
  versions: ConsentVersions = CONSENT_VERSIONS,
): Promise<{ recorded: boolean; items: ConsentStatus[] }> {
  const { purpose, version, granted } = body
  const refusal = consentRefusal(purpose, granted)
  if (refusal) throw fail('FIELD_INVALID', refusal, 'purpose')
  const current = versions[purpose]
  if (version !== current) {
    throw fail(
      'CONSENT_OUTDATED',
      granted
        ? `《${CONSENT_PURPOSE_LABELS[purpose]}》条款已更新（当前版本 ${current}），请阅读新版本后再同意`
        : `《${CONSENT_PURPOSE_LABELS[purpose]}》条款已更新，请刷新页面后再操作`,
      'version',
    )
  }
  const now = ctx.clock()
  return ctx.db.transaction(async (tx) => {
    // One decision at a time per resident: two taps cannot both pass the check below.
    if (!(await lockUser(tx, userId))) throw notFound('账号不存在')
    const before = summarizeConsents(await consentRecords(tx, userId), versions).find((s) => s.purpose === purpose)!
    const unchanged = granted ? !before.needsConsent : before.withdrawn
    if (!unchanged) {
      if (!granted && before.agreedVersion === null) throw conflict('您还没有同意过这一项，无需撤回')
      await insertConsent(tx, userId, { purpose, version, granted }, now)
    }
    return { recorded: !unchanged, items: await listConsents(tx, userId, versions) }
  })
}
