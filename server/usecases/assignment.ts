/**
 * Assignment (issue 16): a station head gives a request to a named colleague,
 * seeing each one's open workload; a worker takes an unassigned one or hands
 * theirs back; the head caps each worker's open requests.
 */
import type { Colleague, StaffActionResult } from '../../contract/types'
import { assignment, type Workload } from '../../domain/assignment'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import type { Queryable } from '../db'
import { fail, notFound, unwrap } from '../errors'
import { saveChange, stateOf } from '../repositories/requests'
import { colleaguesOf, saveWorkloadCap, type ColleagueRow } from '../repositories/workload'
import { requireActiveColleague } from './colleagues'
import { openForStaff, visibleRequest } from './requests'

const toColleague = (c: ColleagueRow): Colleague => ({
  id: c.id,
  nickname: c.nickname,
  role: c.role,
  openCount: c.open_count,
  workloadCap: c.workload_cap,
})
const toWorkload = (c: ColleagueRow): Workload => ({
  id: c.id,
  name: c.nickname,
  stationId: c.station_id,
  openCount: c.open_count,
  workloadCap: c.workload_cap,
})

/** The own station's workers, each with their open requests and cap. */
export async function listColleagues(ctx: AppContext, staff: Staff): Promise<Colleague[]> {
  return (await colleaguesOf(ctx.db, staff.stationId)).map(toColleague)
}

/** A head sets how many open requests a colleague of the own station may carry (null: no cap). */
export async function setWorkloadCap(ctx: AppContext, staff: Staff, userId: string, cap: number | null): Promise<Colleague> {
  return ctx.db.transaction(async (tx) => {
    const [c] = await colleaguesOf(tx, staff.stationId, { userId, forUpdate: true })
    if (!c) throw notFound('本站没有这位同事')
    await saveWorkloadCap(tx, userId, cap)
    return toColleague({ ...c, workload_cap: cap })
  })
}

async function actorName(db: Queryable, staff: Staff): Promise<string> {
  const { rows } = await db.query<{ nickname: string }>('SELECT nickname FROM users WHERE id = $1', [staff.id])
  return rows[0]?.nickname ?? ''
}

/** Assigns the request to `assigneeId`, or hands it back (null): decided by domain/assignment, saved with an internal timeline entry. */
export async function assignRequest(ctx: AppContext, staff: Staff, id: string, assigneeId: string | null): Promise<StaffActionResult> {
  await ctx.db.transaction(async (tx) => {
    const row = await visibleRequest(tx, staff, id, { forUpdate: true })
    let target: Workload | null = null
    if (assigneeId) {
      const colleague = await requireActiveColleague(
        tx,
        row.station_id,
        assigneeId,
        { field: 'assigneeId', notColleague: () => fail('NOT_FOUND', '本站没有这位同事', 'assigneeId') },
        { forUpdate: true },
      )
      target = toWorkload(colleague)
    }
    await saveChange(tx, id, unwrap(assignment(stateOf(row), { ...staff, name: await actorName(tx, staff) }, target, ctx.clock())))
  })
  return { request: await openForStaff(ctx, staff, id), movedTo: null }
}
