/**
 * Assignment, pure: a station head (站长) gives a request of the own station to
 * a named colleague; the one it is assigned to may hand it back to the queue.
 * Each worker's open workload is counted by the server; a head may cap it per
 * worker, and an assignment over the cap is refused with the numbers.
 */
import { can, capabilityRefusal } from './permissions'
import { decided, refusal, refused, type Decided, type Refusal } from './refusal'
import { OPEN_STATUSES, type RequestChange, type RequestState } from './requests'
import type { Staff } from './staff'

/** A colleague as an assignment sees them: their open requests and the cap the head set (null: none). */
export interface Workload {
  id: string
  name: string
  stationId: string
  /** Open requests (待受理 assigned, 已受理, 处理中) assigned to them now. */
  openCount: number
  workloadCap: number | null
}

/** "进行中 3 条（上限 5 条）": a colleague's workload in words. */
export function describeWorkload(w: Pick<Workload, 'openCount' | 'workloadCap'>): string {
  return `进行中 ${w.openCount} 条${w.workloadCap === null ? '' : `（上限 ${w.workloadCap} 条）`}`
}

/** Whether a worker is at (or over) their cap. */
export const atCap = (w: Pick<Workload, 'openCount' | 'workloadCap'>) => w.workloadCap !== null && w.openCount >= w.workloadCap

/**
 * Assign a request to `target`, or hand it back (`target` null). A head
 * assigns requests of the own station to any colleague of that station; a
 * worker may take an unassigned one for themselves (我来负责); whoever has it
 * may hand it back (a head may also take it back). Its status does not
 * change: assignment is the station's own business (the timeline entry is
 * internal), and a handed-back request waits under 未分配.
 */
export function assignment(r: RequestState, actor: Staff & { name: string }, target: Workload | null, now: Date): Decided<RequestChange> {
  if (!OPEN_STATUSES.includes(r.status)) return refused(refusal('REQUEST_STATE', '这条求助已结束，不能再分派'))
  const head = can(actor.role, 'queue.assign') && r.stationId === actor.stationId
  const event = (body: string) => ({
    type: 'assigned' as const,
    actorId: actor.id,
    stationId: r.stationId,
    toStationId: null,
    body,
    internal: true,
    at: now,
    elapsedSeconds: null,
    onTime: null,
  })
  if (!target) {
    if (!r.assigneeId) return refused(refusal('REQUEST_STATE', '这条求助目前没有负责人'))
    if (r.assigneeId !== actor.id && !head) return refused(refusal('FORBIDDEN', '只有负责人本人或站长可以交回这条求助'))
    return decided({
      set: { assigneeId: null, updatedAt: now },
      event: event(
        r.assigneeId === actor.id
          ? `${actor.name}交回了这条求助，等待重新分派`
          : `${actor.name}收回了${r.assigneeName ?? ''}负责的这条求助`,
      ),
      notices: [],
    })
  }
  if (r.stationId !== actor.stationId) return refused(refusal('FORBIDDEN', '只能分派本站队列中的求助'))
  const self = target.id === actor.id && !r.assigneeId
  if (!head && !self) return refused(refusal('FORBIDDEN', capabilityRefusal('queue.assign')))
  if (target.stationId !== r.stationId) return refused(refusal('NOT_FOUND', '本站没有这位同事', 'assigneeId'))
  if (r.assigneeId === target.id) return refused(refusal('REQUEST_STATE', `这条求助已由${target.name}负责`))
  if (atCap(target)) return refused(capRefusal(target, target.id === actor.id ? null : target.name, 'assigneeId'))
  return decided({
    set: { assigneeId: target.id, updatedAt: now },
    event: event(r.assigneeName ? `由${r.assigneeName}改派给${target.name}` : `分派给${target.name}`),
    notices: [],
  })
}

/**
 * 领取下一条 for a worker who has reached their cap: a request already assigned to
 * them (counted in their workload) they may still take; an unassigned one
 * would take them over it, so it is refused with the numbers. Null: no cap in
 * the way.
 */
export function claimOverCap(w: Pick<Workload, 'openCount' | 'workloadCap'>): Refusal | null {
  return atCap(w) ? capRefusal(w, null) : null
}

/**
 * The refusal at the cap, with the numbers: said to the worker when they would
 * take it themselves (我来负责, 领取下一条, a head assigning to themselves),
 * else naming the colleague the head chose.
 */
function capRefusal(w: Pick<Workload, 'openCount' | 'workloadCap'>, colleague: string | null, field?: string): Refusal {
  const numbers = `已有 ${w.openCount} 条进行中的求助，达到上限 ${w.workloadCap} 条`
  return colleague === null
    ? refusal('CONFLICT', `您${numbers}：请先办结或交回一条，或请站长调整上限`, field)
    : refusal('CONFLICT', `${colleague}${numbers}，请分派给其他同事或先调整上限`, field)
}
