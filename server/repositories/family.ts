/**
 * 我的家人 in the database: the family members a resident manages (nothing
 * beyond what enrollment needs), and the guardian's consents for children.
 */
import type { FamilyRelationship } from '../../contract/activities'
import type { FamilyMember } from '../../contract/types'
import { ageOn, isChildAge } from '../../domain/activities'
import { cstDate } from '../../domain/chinaTime'
import type { Queryable } from '../db'

interface FamilyRow {
  id: string
  name: string
  birth_date: string | Date
  relationship: FamilyRelationship
  notes: string
  child_notice_version: string | null
  created_at: Date
}

/** `date` columns arrive as text (pg) or as a Date at UTC midnight (PGlite). */
export const dateText = (d: string | Date): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10))

function toMember(r: FamilyRow, now: Date): FamilyMember {
  const birthDate = dateText(r.birth_date)
  const age = ageOn(birthDate, cstDate(now))
  return {
    id: r.id,
    name: r.name,
    birthDate,
    relationship: r.relationship,
    notes: r.notes,
    age,
    isChild: isChildAge(age),
    childNoticeVersion: r.child_notice_version,
    createdAt: new Date(r.created_at).toISOString(),
  }
}

const COLUMNS = 'id, name, birth_date::text AS birth_date, relationship, notes, child_notice_version, created_at'

export async function listFamily(db: Queryable, userId: string, now: Date): Promise<FamilyMember[]> {
  const { rows } = await db.query<FamilyRow>(
    `SELECT ${COLUMNS} FROM family_members WHERE user_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [userId],
  )
  return rows.map((r) => toMember(r, now))
}

/** The resident's member; someone else's, or a deleted one, is simply not there (null). */
export async function findFamilyMember(db: Queryable, userId: string, id: string, now: Date): Promise<FamilyMember | null> {
  const { rows } = await db.query<FamilyRow>(
    `SELECT ${COLUMNS} FROM family_members WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`,
    [id, userId],
  )
  return rows[0] ? toMember(rows[0], now) : null
}

export async function familySize(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM family_members WHERE user_id = $1 AND deleted_at IS NULL',
    [userId],
  )
  return Number(rows[0]!.n)
}

export interface MemberFields {
  name: string
  birthDate: string
  relationship: FamilyRelationship
  notes: string
  childNoticeVersion: string | null
}

export async function insertFamilyMember(db: Queryable, userId: string, m: MemberFields, at: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO family_members (user_id, name, birth_date, relationship, notes, child_notice_version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [userId, m.name, m.birthDate, m.relationship, m.notes, m.childNoticeVersion, at],
  )
  return rows[0]!.id
}

/** Saves a member's fields; their upcoming enrollments carry the participant's name as the roster shows it. */
export async function saveFamilyMember(db: Queryable, userId: string, id: string, m: MemberFields, at: Date): Promise<void> {
  await db.query(
    `UPDATE family_members SET name = $3, birth_date = $4, relationship = $5, notes = $6, child_notice_version = $7, updated_at = $8
      WHERE id = $1 AND user_id = $2`,
    [id, userId, m.name, m.birthDate, m.relationship, m.notes, m.childNoticeVersion, at],
  )
  await db.query(
    `UPDATE enrollments SET participant_name = $2, participant_birth_date = $3
      WHERE family_member_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [id, m.name, m.birthDate],
  )
}

/** The guardian's consent to a version of the children's privacy notice, for one child. */
export async function insertChildConsent(db: Queryable, userId: string, memberId: string, version: string, at: Date): Promise<void> {
  await db.query(`INSERT INTO consents (user_id, purpose, version, subject_id, granted_at) VALUES ($1, 'children', $2, $3, $4)`, [
    userId,
    version,
    memberId,
    at,
  ])
}

/**
 * Erases a member's personal fields (the caller cancelled their active
 * enrollments first, which frees seats); the row stays only as an anonymous
 * key for past enrollments.
 */
export async function eraseFamilyMember(db: Queryable, userId: string, id: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE family_members SET name = '', birth_date = '1900-01-01', notes = '', deleted_at = $3, updated_at = $3
      WHERE id = $1 AND user_id = $2`,
    [id, userId, now],
  )
  await db.query(
    `UPDATE enrollments SET participant_name = '已删除的家人', participant_birth_date = NULL, contact_phone = ''
      WHERE family_member_id = $1`,
    [id],
  )
}
