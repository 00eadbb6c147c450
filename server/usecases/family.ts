/**
 * 我的家人: adding, editing and removing the family members a resident
 * manages. A child under 14 is added only with the guardian's consent to the
 * current children's privacy notice, recorded per purpose and version.
 */
import type { FamilyMember, FamilyMemberBody, FamilyMemberPatch } from '../../contract/types'
import { ageOn, familyMemberRefusal, familySizeRefusal, isChildAge } from '../../domain/activities'
import { cstDate } from '../../domain/chinaTime'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { notFound, reject } from '../errors'
import {
  eraseFamilyMember,
  familySize,
  findFamilyMember,
  insertChildConsent,
  insertFamilyMember,
  saveFamilyMember,
} from '../repositories/family'
import { cancelMemberEnrollments } from './enrollments'

async function requireMember(db: Queryable, userId: string, id: string, now: Date): Promise<FamilyMember> {
  const m = await findFamilyMember(db, userId, id, now)
  if (!m) throw notFound('没有找到这位家人')
  return m
}

/** A child's guardian agrees to the notice in this call (familyMemberRefusal has checked the version). */
const agreesNow = (birthDate: string, today: string, given: string | undefined): boolean =>
  given !== undefined && isChildAge(ageOn(birthDate, today))

export async function addFamilyMember(ctx: AppContext, userId: string, body: FamilyMemberBody): Promise<FamilyMember> {
  const now = ctx.clock()
  const today = cstDate(now)
  return ctx.db.transaction(async (tx) => {
    reject(familyMemberRefusal(body, { given: body.childNoticeVersion, stored: null }, today))
    reject(familySizeRefusal(await familySize(tx, userId)))
    const agreed = agreesNow(body.birthDate, today, body.childNoticeVersion)
    const id = await insertFamilyMember(
      tx,
      userId,
      {
        name: body.name.trim(),
        birthDate: body.birthDate,
        relationship: body.relationship,
        notes: (body.notes ?? '').trim(),
        childNoticeVersion: agreed ? body.childNoticeVersion! : null,
      },
      now,
    )
    if (agreed) await insertChildConsent(tx, userId, id, body.childNoticeVersion!, now)
    return requireMember(tx, userId, id, now)
  })
}

export async function updateFamilyMember(ctx: AppContext, userId: string, id: string, patch: FamilyMemberPatch): Promise<FamilyMember> {
  const now = ctx.clock()
  const today = cstDate(now)
  return ctx.db.transaction(async (tx) => {
    const current = await requireMember(tx, userId, id, now)
    const next = { ...current, ...patch, name: (patch.name ?? current.name).trim(), notes: (patch.notes ?? current.notes).trim() }
    reject(familyMemberRefusal(next, { given: patch.childNoticeVersion, stored: current.childNoticeVersion }, today))
    const agreed = agreesNow(next.birthDate, today, patch.childNoticeVersion)
    if (agreed) await insertChildConsent(tx, userId, id, patch.childNoticeVersion!, now)
    const version = agreed ? patch.childNoticeVersion! : current.childNoticeVersion
    await saveFamilyMember(
      tx,
      userId,
      id,
      { name: next.name, birthDate: next.birthDate, relationship: next.relationship, notes: next.notes, childNoticeVersion: version },
      now,
    )
    return requireMember(tx, userId, id, now)
  })
}

/** Removes a member: their active enrollments are cancelled (seats pass on), then their personal fields are erased. */
export async function removeFamilyMember(ctx: AppContext, userId: string, id: string): Promise<void> {
  const now = ctx.clock()
  await ctx.db.transaction(async (tx) => {
    await requireMember(tx, userId, id, now)
    await cancelMemberEnrollments(tx, id, userId, now)
    await eraseFamilyMember(tx, userId, id, now)
  })
}
