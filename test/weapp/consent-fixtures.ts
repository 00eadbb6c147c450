/**
 * Fake answers of GET /api/me/consents (授权与同意), typed with the contract:
 * every purpose at its current version, then what the test changes.
 */
import { CONSENT_PURPOSES, CONSENT_PURPOSE_LABELS, CONSENT_RULES, CONSENT_VERSIONS, type ConsentPurpose } from '../../contract/consents'
import type { ConsentList, ConsentStatus } from '../../contract/types'

/** Nothing agreed yet. */
export const notAgreed = (purpose: ConsentPurpose): ConsentStatus => ({
  purpose,
  label: CONSENT_PURPOSE_LABELS[purpose],
  currentVersion: CONSENT_VERSIONS[purpose],
  agreedVersion: null,
  agreedAt: null,
  withdrawn: false,
  withdrawnAt: null,
  needsConsent: true,
  canWithdraw: false,
})

/** Agreed to `version` (the current one by default) at `at`. */
export const agreed = (purpose: ConsentPurpose, at = '2026-11-24T02:00:00.000Z', version = CONSENT_VERSIONS[purpose]): ConsentStatus => ({
  ...notAgreed(purpose),
  agreedVersion: version,
  agreedAt: at,
  needsConsent: version !== CONSENT_VERSIONS[purpose],
  canWithdraw: CONSENT_RULES[purpose].withdraw,
})

/** Every purpose, not agreed unless given. */
export const consentList = (given: Partial<Record<ConsentPurpose, ConsentStatus>> = {}): ConsentList => ({
  items: CONSENT_PURPOSES.map((p) => given[p] ?? notAgreed(p)),
})

/** A resident who already agreed to what sending a help request needs. */
export const REQUEST_CONSENTS_AGREED = consentList({ privacy_policy: agreed('privacy_policy'), help_requests: agreed('help_requests') })
