/**
 * 我的家人: the family members a resident manages. A child under 14 is added
 * only with the guardian's consent to the current children's privacy notice,
 * recorded per purpose and version; nothing beyond what enrollment needs.
 */
import { CHILD_NOTICE_VERSION, type FamilyRelationship } from '../../contract/activities'
import type { FamilyMember, FamilyMemberBody, FamilyMemberPatch } from '../../contract/types'
import { ageOn, checkBirthDate, isChildAge } from '../../domain/activities'
import { cstDate } from '../../domain/chinaTime'
import type { Queryable } from '../db'
import { badRequest, notFound } from '../errors'

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

/** Someone else's member, or a deleted one, is simply not found. */
export async function getFamilyMember(db: Queryable, userId: string, id: string, now: Date): Promise<FamilyMember> {
  const { rows } = await db.query<FamilyRow>(
    `SELECT ${COLUMNS} FROM family_members WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`,
    [id, userId],
  )
  if (!rows[0]) throw notFound('没有找到这位家人')
  return toMember(rows[0], now)
}

/** A child needs the guardian's consent to the current notice; records it. Returns the version to store. */
async function childConsent(db: Queryable, userId: string, memberId: string, birthDate: string, given: string | undefined, stored: string | null, now: Date) {
  if (!isChildAge(ageOn(birthDate, cstDate(now)))) return stored
  if (given === undefined) {
    if (stored === CHILD_NOTICE_VERSION) return stored
    throw badRequest('添加未满 14 周岁的孩子，需要您作为监护人阅读并同意《儿童个人信息保护规则》')
  }
  if (given !== CHILD_NOTICE_VERSION) throw badRequest('《儿童个人信息保护规则》已更新，请阅读最新版本后再同意')
  await db.query(`INSERT INTO consents (user_id, purpose, version, subject_id, granted_at) VALUES ($1, 'children', $2, $3, $4)`, [
    userId, given, memberId, now,
  ])
  return given
}

export async function addFamilyMember(db: Queryable, userId: string, body: FamilyMemberBody, now: Date): Promise<FamilyMember> {
  const birthProblem = checkBirthDate(body.birthDate, cstDate(now))
  if (birthProblem) throw badRequest(birthProblem)
  const name = body.name.trim()
  if (!name) throw badRequest('请填写家人的姓名')
  const { rows: count } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM family_members WHERE user_id = $1 AND deleted_at IS NULL', [userId])
  if (count[0]!.n >= 20) throw badRequest('最多可以添加 20 位家人')
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO family_members (user_id, name, birth_date, relationship, notes, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [userId, name, body.birthDate, body.relationship, (body.notes ?? '').trim(), now],
  )
  const id = rows[0]!.id
  const version = await childConsent(db, userId, id, body.birthDate, body.childNoticeVersion, null, now)
  await db.query('UPDATE family_members SET child_notice_version = $2 WHERE id = $1', [id, version])
  return getFamilyMember(db, userId, id, now)
}

export async function updateFamilyMember(db: Queryable, userId: string, id: string, patch: FamilyMemberPatch, now: Date): Promise<FamilyMember> {
  const current = await getFamilyMember(db, userId, id, now)
  const next = { ...current, ...patch, name: (patch.name ?? current.name).trim(), notes: (patch.notes ?? current.notes).trim() }
  if (!next.name) throw badRequest('请填写家人的姓名')
  const birthProblem = checkBirthDate(next.birthDate, cstDate(now))
  if (birthProblem) throw badRequest(birthProblem)
  const version = await childConsent(db, userId, id, next.birthDate, patch.childNoticeVersion, current.childNoticeVersion, now)
  await db.query(
    `UPDATE family_members SET name = $3, birth_date = $4, relationship = $5, notes = $6, child_notice_version = $7, updated_at = $8
      WHERE id = $1 AND user_id = $2`,
    [id, userId, next.name, next.birthDate, next.relationship, next.notes, version, now],
  )
  // Upcoming enrollments carry the participant's name as the roster shows it.
  await db.query(
    `UPDATE enrollments SET participant_name = $2, participant_birth_date = $3
      WHERE family_member_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [id, next.name, next.birthDate],
  )
  return getFamilyMember(db, userId, id, now)
}

/**
 * Removes a member: their active enrollments are cancelled first (by the
 * caller, which frees seats), then the personal fields are erased; the row
 * stays only as an anonymous key for past enrollments.
 */
export async function eraseFamilyMember(db: Queryable, userId: string, id: string, now: Date): Promise<void> {
  await getFamilyMember(db, userId, id, now)
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
