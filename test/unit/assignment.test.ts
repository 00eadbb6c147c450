/**
 * Assignment (domain/assignment.ts), pure: a head assigns requests of the own
 * station to a colleague there, within that colleague's cap; a worker takes an
 * unassigned request for themselves or hands theirs back; the timeline entry
 * is internal and names who; closed requests and other stations' are refused.
 * And the words for a workload and an overdue time.
 */
import { assignment, atCap, claimOverCap, describeWorkload, type Workload } from '@domain/assignment'
import { formatDuration } from '@domain/format'
import type { RequestState } from '@domain/requests'
import type { Staff } from '@domain/staff'

const NOW = new Date('2026-11-23T02:00:00Z')
const STATION = 'station-xianjin'
const head: Staff & { name: string } = { id: 'head-sun', role: 'head', stationId: STATION, name: '孙站长' }
const li: Staff & { name: string } = { id: 'worker-li', role: 'staff', stationId: STATION, name: '李社工' }
const wangLoad: Workload = { id: 'worker-wang', name: '王社工', stationId: STATION, openCount: 2, workloadCap: 5 }
const liLoad: Workload = { id: li.id, name: li.name, stationId: STATION, openCount: 0, workloadCap: null }

const request = (over: Partial<RequestState> = {}): RequestState => ({
  id: 'request-1',
  number: 'QZ-20261123-000001',
  userId: 'resident-1',
  status: 'submitted',
  stationId: STATION,
  category: 'elderly_care',
  urgency: 'normal',
  requester: 'family',
  assigneeId: null,
  assigneeName: null,
  acceptedAt: null,
  queuedAt: NOW,
  dueAt: new Date(NOW.getTime() + 3600_000),
  escalations: 0,
  resolutions: 0,
  purged: false,
  ...over,
})

describe('assignment', () => {
  test('a head assigns a waiting request to a colleague: only the assignee changes, the entry is internal', () => {
    const d = assignment(request(), head, wangLoad, NOW)
    expect(d).toEqual({
      ok: true,
      value: {
        set: { assigneeId: 'worker-wang', updatedAt: NOW },
        event: expect.objectContaining({ type: 'assigned', actorId: 'head-sun', body: '分派给王社工', internal: true, at: NOW }),
        notices: [],
      },
    })
  })

  test('reassigning names both; the same assignee again is refused', () => {
    const r = request({ status: 'accepted', assigneeId: li.id, assigneeName: '李社工' })
    const d = assignment(r, head, wangLoad, NOW)
    expect(d.ok && d.value.event.body).toBe('由李社工改派给王社工')
    expect(assignment(request({ assigneeId: 'worker-wang', assigneeName: '王社工' }), head, wangLoad, NOW)).toEqual({
      ok: false,
      refusal: { code: 'REQUEST_STATE', message: '这条求助已由王社工负责' },
    })
  })

  test('a colleague at their cap is refused with the numbers, on the field assigneeId', () => {
    const full = { ...wangLoad, openCount: 5 }
    expect(atCap(full)).toBe(true)
    expect(atCap({ ...wangLoad, workloadCap: null, openCount: 99 })).toBe(false)
    expect(assignment(request(), head, full, NOW)).toEqual({
      ok: false,
      refusal: {
        code: 'CONFLICT',
        field: 'assigneeId',
        message: '王社工已有 5 条进行中的求助，达到上限 5 条，请分派给其他同事或先调整上限',
      },
    })
  })

  test('我来负责 at the own cap is refused as 分派 is, with the numbers said to the worker; one below it, taken', () => {
    const full = { ...liLoad, openCount: 4, workloadCap: 4 }
    expect(assignment(request({ status: 'accepted' }), li, full, NOW)).toEqual({
      ok: false,
      refusal: {
        code: 'CONFLICT',
        field: 'assigneeId',
        message: '您已有 4 条进行中的求助，达到上限 4 条：请先办结或交回一条，或请站长调整上限',
      },
    })
    // A head taking one for themselves: the same words.
    const headFull: Workload = { id: head.id, name: head.name, stationId: STATION, openCount: 2, workloadCap: 2 }
    expect(assignment(request(), head, headFull, NOW)).toMatchObject({
      ok: false,
      refusal: { message: expect.stringMatching(/^您已有 2 条/) },
    })
    const below = assignment(request({ status: 'accepted' }), li, { ...full, openCount: 3 }, NOW)
    expect(below.ok && below.value.set.assigneeId).toBe(li.id)
  })

  test('a worker may not assign to others, but may take an unassigned request, and hand back their own', () => {
    expect(assignment(request(), li, wangLoad, NOW)).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } })
    const taken = assignment(request({ status: 'accepted' }), li, liLoad, NOW)
    expect(taken.ok && taken.value.set.assigneeId).toBe(li.id)
    // Taking one a colleague already has is assigning it: a head's call.
    expect(assignment(request({ assigneeId: 'worker-wang', assigneeName: '王社工' }), li, liLoad, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'FORBIDDEN' },
    })

    const mine = request({ status: 'in_progress', assigneeId: li.id, assigneeName: '李社工' })
    const back = assignment(mine, li, null, NOW)
    expect(back).toEqual({
      ok: true,
      value: {
        set: { assigneeId: null, updatedAt: NOW },
        event: expect.objectContaining({ type: 'assigned', body: '李社工交回了这条求助，等待重新分派', internal: true }),
        notices: [],
      },
    })
    // Someone else's: only the head takes it back.
    const wangs = request({ status: 'in_progress', assigneeId: 'worker-wang', assigneeName: '王社工' })
    expect(assignment(wangs, li, null, NOW)).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } })
    const recalled = assignment(wangs, head, null, NOW)
    expect(recalled.ok && recalled.value.event.body).toBe('孙站长收回了王社工负责的这条求助')
    expect(assignment(request(), li, null, NOW)).toMatchObject({ ok: false, refusal: { code: 'REQUEST_STATE' } })
  })

  test('closed requests, other stations and colleagues elsewhere are refused', () => {
    for (const status of ['resolved', 'cancelled'] as const) {
      expect(assignment(request({ status }), head, wangLoad, NOW)).toMatchObject({ ok: false, refusal: { code: 'REQUEST_STATE' } })
    }
    expect(assignment(request({ stationId: 'station-minxin' }), head, wangLoad, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'FORBIDDEN' },
    })
    expect(assignment(request(), head, { ...wangLoad, stationId: 'station-minxin' }, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'NOT_FOUND', field: 'assigneeId' },
    })
  })
})

describe('words', () => {
  test('a workload', () => {
    expect(describeWorkload({ openCount: 3, workloadCap: 5 })).toBe('进行中 3 条（上限 5 条）')
    expect(describeWorkload({ openCount: 0, workloadCap: null })).toBe('进行中 0 条')
  })
  test('how long overdue', () => {
    expect(formatDuration(1)).toBe('1 分钟')
    expect(formatDuration(59)).toBe('59 分钟')
    expect(formatDuration(60)).toBe('1 小时')
    expect(formatDuration(185)).toBe('3 小时')
    expect(formatDuration(47 * 60)).toBe('47 小时')
    expect(formatDuration(48 * 60)).toBe('2 天')
    expect(formatDuration(0)).toBe('不到 1 分钟')
  })
})

test('领取下一条 at the cap is refused with the numbers; below it, or with no cap, nothing stands in the way', () => {
  expect(claimOverCap({ openCount: 4, workloadCap: 5 })).toBeNull()
  expect(claimOverCap({ openCount: 9, workloadCap: null })).toBeNull()
  expect(claimOverCap({ openCount: 5, workloadCap: 5 })).toEqual({
    code: 'CONFLICT',
    message: '您已有 5 条进行中的求助，达到上限 5 条：请先办结或交回一条，或请站长调整上限',
  })
  expect(claimOverCap({ openCount: 6, workloadCap: 5 })?.code).toBe('CONFLICT')
})
