/**
 * 授权与同意: every agreement and every withdrawal is a row of `consents`
 * (purpose, version of the text, granted, time); the latest row of a purpose
 * says where the resident stands. 'children' and 'photos' agreements are
 * written by their own flows (family.ts, enrollments.ts); here a resident
 * agrees to the privacy policy, location and help-request texts, and
 * withdraws what may be withdrawn. The current versions come from
 * contract/consents.ts and can be passed in (tests try a new version).
 */
import { CONSENT_VERSIONS, type ConsentPurpose } from '../../contract/consents'
import type { ConsentStatus } from '../../contract/types'
import { summarizeConsents, type ConsentRecord } from '../../domain/consents'
import type { Queryable } from '../db'

export type ConsentVersions = Readonly<Record<ConsentPurpose, string>>

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

/** Every agreement and withdrawal of the resident, in the order recorded. */
export async function consentRecords(db: Queryable, userId: string): Promise<ConsentRecord[]> {
  const { rows } = await db.query<{ purpose: string; version: string; granted: boolean; granted_at: Date }>(
    'SELECT purpose, version, granted, granted_at FROM consents WHERE user_id = $1 ORDER BY granted_at, id',
    [userId],
  )
  return rows.map((r) => ({ purpose: r.purpose, version: r.version, granted: r.granted, at: new Date(r.granted_at) }))
}

/** Where the resident stands on every purpose, in CONSENT_PURPOSES order. */
export async function listConsents(db: Queryable, userId: string, versions: ConsentVersions = CONSENT_VERSIONS): Promise<ConsentStatus[]> {
  return summarizeConsents(await consentRecords(db, userId), versions).map((s) => ({
    ...s,
    agreedAt: iso(s.agreedAt),
    withdrawnAt: iso(s.withdrawnAt),
  }))
}

/** Locks the resident's live account (one decision at a time); false when there is none. */
export async function lockUser(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [userId])
  return rows.length > 0
}

/** Records an agreement or a withdrawal; withdrawing 'photos' also takes it off the resident's enrollments (the rosters). */
export async function insertConsent(
  db: Queryable,
  userId: string,
  d: { purpose: ConsentPurpose; version: string; granted: boolean },
  at: Date,
): Promise<void> {
  await db.query('INSERT INTO consents (user_id, purpose, version, granted, granted_at) VALUES ($1, $2, $3, $4, $5)', [
    userId,
    d.purpose,
    d.version,
    d.granted,
    at,
  ])
  if (d.purpose === 'photos' && !d.granted) {
    await db.query('UPDATE enrollments SET photo_consent = false WHERE user_id = $1 AND photo_consent', [userId])
  }
}
