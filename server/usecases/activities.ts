/**
 * The station's side of activities: publishing and editing activities and
 * courses (checked by domain/activities' rules), closing registration and
 * opening it again. Only the activity's own station reaches any of it.
 */
import type { ActivityBody, ActivityDetail, ActivityPatch } from '../../contract/types'
import { activityRefusal, capacityRefusal } from '../../domain/activities'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { conflict, fail, notFound, reject } from '../errors'
import {
  bodyOf,
  findActivity,
  getActivity,
  hasAttendance,
  insertActivity,
  replaceSessions,
  saveActivity,
  saveActivityStatus,
  sessionsOf,
  type ActivityRow,
} from '../repositories/activities'
import { promoteWaitlist } from '../repositories/enrollments'

const NOT_FOUND_MESSAGE = '没有找到这个活动'

const inOrder = (sessions: ActivityBody['sessions']) => [...sessions].sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt))

/** The activity, locked when asked; none: 404. */
export async function requireActivity(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<ActivityRow> {
  const a = await findActivity(db, id, opts)
  if (!a) throw notFound(NOT_FOUND_MESSAGE)
  return a
}

/** The activity if it belongs to the station; another station's is not found either. */
export async function ownActivity(db: Queryable, id: string, stationId: string, opts: { forUpdate?: boolean } = {}): Promise<ActivityRow> {
  const a = await requireActivity(db, id, opts)
  if (a.station_id !== stationId) throw notFound(NOT_FOUND_MESSAGE)
  return a
}

export async function requireActivityDetail(ctx: AppContext, id: string): Promise<ActivityDetail> {
  const a = await getActivity(ctx.db, id, ctx.clock())
  if (!a) throw notFound(NOT_FOUND_MESSAGE)
  return a
}

/** Publishes an activity or course in the caller's transaction (the demo seed gives it a code); returns its id. */
export async function createActivity(
  ctx: AppContext,
  tx: Queryable,
  a: { stationId: string; createdBy: string | null; body: ActivityBody; code?: string | null },
): Promise<string> {
  reject(activityRefusal(a.body))
  return insertActivity(tx, {
    stationId: a.stationId,
    createdBy: a.createdBy,
    code: a.code ?? null,
    body: a.body,
    sessions: inOrder(a.body.sessions),
    at: ctx.clock(),
  })
}

/**
 * Edits an activity of the station. Capacity may not drop below the seats
 * already held; sessions of a course with attendance keep their ids unless the
 * schedule itself changes (and then it may not); more seats go to the waitlist.
 */
export async function updateActivity(ctx: AppContext, id: string, stationId: string, patch: ActivityPatch): Promise<ActivityDetail> {
  const now = ctx.clock()
  await ctx.db.transaction(async (tx) => {
    const a = await ownActivity(tx, id, stationId, { forUpdate: true })
    if (a.status === 'cancelled') throw conflict('活动已取消，不能修改')
    const oldSessions = await sessionsOf(tx, a.id)
    const merged: ActivityBody = { ...bodyOf(a, oldSessions), ...patch }
    reject(activityRefusal(merged))
    reject(capacityRefusal(merged.capacity, a.taken))
    const sessions = inOrder(merged.sessions)
    const same =
      oldSessions.length === sessions.length &&
      oldSessions.every(
        (o, i) => o.startsAt === new Date(sessions[i]!.startsAt).toISOString() && o.endsAt === new Date(sessions[i]!.endsAt).toISOString(),
      )
    if (patch.sessions && !same && (await hasAttendance(tx, a.id))) throw fail('CONFLICT', '已有签到记录，不能再修改课程安排', 'sessions')
    await saveActivity(tx, a.id, merged, sessions, now)
    if (patch.sessions && !same) await replaceSessions(tx, a.id, sessions)
    await promoteWaitlist(tx, a.id, now)
  })
  return requireActivityDetail(ctx, id)
}

/** Closing registration early, and opening it again; enrollments already made are kept either way. */
export async function switchRegistration(ctx: AppContext, id: string, stationId: string, to: 'open' | 'closed'): Promise<ActivityDetail> {
  await ctx.db.transaction(async (tx) => {
    const a = await ownActivity(tx, id, stationId, { forUpdate: true })
    if (to === 'closed' && a.status === 'cancelled') throw conflict('活动已取消')
    if (to === 'open' && a.status !== 'closed') throw conflict('报名没有被截止')
    await saveActivityStatus(tx, a.id, to, ctx.clock())
  })
  return requireActivityDetail(ctx, id)
}
