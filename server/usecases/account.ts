/**
 * 个人信息: everything the portal holds about a resident and the family
 * members they manage, exported as readable JSON; and deleting the account in
 * one transaction — upcoming enrollments cancelled (their seats pass to the
 * waitlist), open requests withdrawn, upcoming bookings cancelled, then every
 * personal field erased.
 */
import type { AccountExport } from '../../contract/types'
import { withdrawnOnDeletion } from '../../domain/requests'
import type { AppContext } from '../context'
import { notFound } from '../errors'
import { accountRecords, enrolledParticipants, eraseResident, lockResident } from '../repositories/account'
import { bookingBirthDate, listOwnBookings, toBooking } from '../repositories/bookings'
import { listFamily } from '../repositories/family'
import { loadRequest, openRequestIdsOf, saveChange, stateOf } from '../repositories/requests'
import { cancelMemberEnrollments, myEnrollments } from './enrollments'
import { getOwnRequest } from './requests'

const NO_ACCOUNT = '账号不存在'

export async function exportAccount(ctx: AppContext, userId: string): Promise<AccountExport> {
  const records = await accountRecords(ctx.db, userId)
  if (!records) throw notFound(NO_ACCOUNT)
  const requests = []
  for (const id of records.requestIds) requests.push((await getOwnRequest(ctx, ctx.db, id, userId))!)
  const now = ctx.clock()
  return {
    exportedAt: now.toISOString(),
    user: records.user,
    consents: records.consents,
    family: await listFamily(ctx.db, userId, now),
    requests,
    enrollments: await myEnrollments(ctx, userId),
    bookings: (await listOwnBookings(ctx.db, userId, null)).map((b) => ({ ...toBooking(b, now), personBirthDate: bookingBirthDate(b) })),
    photos: records.photos,
  }
}

export async function deleteAccount(ctx: AppContext, userId: string): Promise<void> {
  const now = ctx.clock()
  await ctx.db.transaction(async (tx) => {
    if (!(await lockResident(tx, userId))) throw notFound(NO_ACCOUNT)
    // Seats first: an enrollment for oneself is keyed 'self', a family member's by the member.
    for (const member of await enrolledParticipants(tx, userId)) await cancelMemberEnrollments(tx, member, userId, now)
    // Open requests are withdrawn, with a line in the timeline the station sees.
    for (const id of await openRequestIdsOf(tx, userId)) {
      const row = (await loadRequest(tx, id, { forUpdate: true }))!
      const change = withdrawnOnDeletion(stateOf(row), now)
      if (change) await saveChange(tx, id, change)
    }
    await eraseResident(tx, userId, now)
  })
}
