/**
 * The help-request lifecycle (domain/requests.ts), pure and fast: every staff
 * action from every status by a worker of the request's station and by a
 * supervisor above it, against a table written out here; what each allowed
 * action changes, writes in the timeline and tells the resident; the
 * resident's own actions; and the checks of a submission and a correction.
 */
import { WEEKDAYS_ONLY } from '../../domain/calendar'
import { REQUEST_STATUSES, type RequestStatus } from '@contract/requests'
import {
  checkCorrection,
  checkSubmission,
  outOfSight,
  overdueEscalation,
  residentCancel,
  residentCorrection,
  reopenedOnFollowUp,
  residentMessage,
  resolutionDueAt,
  returnedToQueue,
  staffAction,
  unresolvedByResident,
  withdrawnOnDeletion,
  type PersonalDetails,
  type RequestState,
  type StaffAction,
  type Surroundings,
} from '@domain/requests'
import { DEFAULT_RESOLUTION_TARGETS, DEFAULT_RESPONSE_TARGETS } from '@domain/sla'
import type { Staff } from '@domain/staff'

// Monday 2026-11-23 10:00 China Standard Time.
const NOW = new Date('2026-11-23T02:00:00Z')
const HOUR = 3600_000
const ctx = { now: NOW, targets: DEFAULT_RESPONSE_TARGETS, calendar: WEEKDAYS_ONLY }

const STATION = 'station-xianjin'
const PARENT = 'station-jinpu'
const OTHER = 'station-minxin'
const worker: Staff = { id: 'worker-li', role: 'staff', stationId: STATION }
const supervisor: Staff = { id: 'supervisor-zhao', role: 'supervisor', stationId: PARENT }

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
  queuedAt: new Date(NOW.getTime() - 2 * HOUR),
  dueAt: new Date(NOW.getTime() + 20 * HOUR),
  escalations: 0,
  resolutions: 0,
  purged: false,
  ...over,
})

const ACTIONS: StaffAction[] = [
  { type: 'accept' },
  { type: 'reply', body: '您好，明天上门' },
  { type: 'note', body: '内部：联系网格员' },
  { type: 'transfer', stationId: OTHER, reason: '由社区跟进' },
  { type: 'escalate', reason: '需要总站协调' },
  { type: 'resolve', summary: '已安排助餐' },
  { type: 'reopen', reason: '家属反馈未落实' },
]
const around = { transferTo: { id: OTHER }, parentStationId: PARENT }

/** What each action answers from each status: 'ok', or the refusal's code. Written out, not derived from the code under test. */
const FROM_STATUS: Record<StaffAction['type'], Record<RequestStatus, 'ok' | 'REQUEST_STATE'>> = {
  accept: {
    submitted: 'ok',
    accepted: 'REQUEST_STATE',
    in_progress: 'REQUEST_STATE',
    resolved: 'REQUEST_STATE',
    cancelled: 'REQUEST_STATE',
  },
  reply: { submitted: 'ok', accepted: 'ok', in_progress: 'ok', resolved: 'REQUEST_STATE', cancelled: 'REQUEST_STATE' },
  note: { submitted: 'ok', accepted: 'ok', in_progress: 'ok', resolved: 'ok', cancelled: 'ok' },
  transfer: { submitted: 'ok', accepted: 'ok', in_progress: 'ok', resolved: 'REQUEST_STATE', cancelled: 'REQUEST_STATE' },
  escalate: { submitted: 'ok', accepted: 'ok', in_progress: 'ok', resolved: 'REQUEST_STATE', cancelled: 'REQUEST_STATE' },
  resolve: { submitted: 'REQUEST_STATE', accepted: 'ok', in_progress: 'ok', resolved: 'REQUEST_STATE', cancelled: 'REQUEST_STATE' },
  reopen: {
    submitted: 'REQUEST_STATE',
    accepted: 'REQUEST_STATE',
    in_progress: 'REQUEST_STATE',
    resolved: 'ok',
    cancelled: 'REQUEST_STATE',
  },
}

describe('staff actions: every action × status × actor', () => {
  const cases = ACTIONS.flatMap((action) =>
    REQUEST_STATUSES.flatMap((status) => [
      { action, status, who: 'worker', staff: worker },
      { action, status, who: 'supervisor', staff: supervisor },
    ]),
  )
  test.each(cases)('$action.type from $status by the $who', ({ action, status, staff }) => {
    const byStatus = FROM_STATUS[action.type][status]
    // Only the request's own station takes it from the queue; a supervisor above may do everything else.
    const expected = byStatus === 'ok' && action.type === 'accept' && staff === supervisor ? 'FORBIDDEN' : byStatus
    const r = request({ status, assigneeName: status === 'submitted' ? null : '李社工' })
    const d = staffAction(r, staff, action, around, ctx)
    expect(d.ok ? 'ok' : d.refusal.code).toBe(expected)
    if (!d.ok) expect(d.refusal.message).toMatch(/\S/)
  })
})

describe('what each allowed action does', () => {
  const decide = (action: StaffAction, over: Partial<RequestState> = {}, staff = worker) => {
    const d = staffAction(request(over), staff, action, around, ctx)
    if (!d.ok) throw new Error(d.refusal.message)
    return d.value
  }

  test('accept: the worker takes it, the wait and the target are measured, the resident is told', () => {
    const c = decide({ type: 'accept' })
    expect(c.set).toEqual({ status: 'accepted', assigneeId: worker.id, acceptedAt: NOW, updatedAt: NOW })
    expect(c.event).toMatchObject({
      type: 'accepted',
      actorId: worker.id,
      stationId: STATION,
      elapsedSeconds: 7200,
      onTime: true,
      internal: false,
    })
    expect(c.notices).toEqual([
      {
        userId: 'resident-1',
        topic: 'request_status',
        payload: { requestId: 'request-1', number: 'QZ-20261123-000001', status: '已受理', note: '社工会尽快联系您' },
      },
    ])
    // Accepted again after a reopening: this acceptance's time (the 受理 chip reads it against the fresh target);
    // past that target it is late.
    const late = decide({ type: 'accept' }, { acceptedAt: new Date(0), dueAt: new Date(NOW.getTime() - 1) })
    expect(late.set.acceptedAt).toEqual(NOW)
    expect(late.event.onTime).toBe(false)
  })

  test('reply: 已受理 becomes 处理中; the resident reads the first 20 characters in the subscribe message', () => {
    const c = decide({ type: 'reply', body: '  您好，明天上午九点社工会到家里探访，请家里留人，谢谢配合  ' }, { status: 'accepted' })
    expect(c.set).toEqual({ status: 'in_progress', updatedAt: NOW })
    expect(c.event).toMatchObject({ type: 'replied', body: '您好，明天上午九点社工会到家里探访，请家里留人，谢谢配合' })
    expect(c.notices[0]!.payload.note).toHaveLength(20)
    expect(decide({ type: 'reply', body: '收到' }, { status: 'submitted' }).set).toEqual({ updatedAt: NOW })
  })

  test('note: internal, changes nothing, tells nobody', () => {
    const c = decide({ type: 'note', body: '内部' }, { status: 'resolved' })
    expect(c.set).toEqual({})
    expect(c.event).toMatchObject({ type: 'note', internal: true })
    expect(c.notices).toEqual([])
  })

  test('transfer and escalate: to the other queue, waiting again with a fresh target; only an escalation counts', () => {
    const t = decide({ type: 'transfer', stationId: OTHER, reason: '由社区跟进' }, { status: 'in_progress', escalations: 1 })
    expect(t.set).toEqual({
      stationId: OTHER,
      status: 'submitted',
      assigneeId: null,
      escalations: 1,
      updatedAt: NOW,
      queuedAt: NOW,
      dueAt: new Date('2026-11-24T02:00:00Z'), // one working day
    })
    expect(t.event).toMatchObject({ type: 'transferred', stationId: STATION, toStationId: OTHER, body: '由社区跟进' })
    expect(t.notices[0]!.payload.status).toBe('已转介')
    const e = decide({ type: 'escalate', reason: '需要总站协调' }, { urgency: 'urgent' })
    expect(e.set).toMatchObject({ stationId: PARENT, escalations: 1, dueAt: new Date(NOW.getTime() + 2 * HOUR) })
    expect(e.event).toMatchObject({ type: 'escalated', toStationId: PARENT })
  })

  test('resolve: counted as a resolution, the resident is told and asked for a rating', () => {
    const c = decide({ type: 'resolve', summary: '已安排助餐' }, { status: 'in_progress', resolutions: 1 })
    expect(c.set).toEqual({ status: 'resolved', resolvedAt: NOW, updatedAt: NOW, resolutions: 2 })
    expect(c.event).toMatchObject({ type: 'resolved', elapsedSeconds: 7200, onTime: null })
    expect(c.notices.map((n) => n.topic)).toEqual(['request_status', 'rating_invite'])
    // Taken by phone: nobody to tell.
    expect(decide({ type: 'resolve', summary: '已办结' }, { status: 'accepted', userId: null }).notices).toEqual([])
  })

  test('reopen: back to 处理中, waiting and the 办结 clock counted from now', () => {
    const c = decide({ type: 'reopen', reason: '未落实' }, { status: 'resolved' })
    expect(c.set).toEqual({ status: 'in_progress', resolvedAt: null, updatedAt: NOW, queuedAt: NOW, resolutionFrom: NOW })
    expect(c.event.type).toBe('reopened')
  })

  test('refusals about the input name the field', () => {
    const r = request({ status: 'accepted' })
    const refusal = (action: StaffAction, a: Surroundings = around) => {
      const d = staffAction(r, worker, action, a, ctx)
      return d.ok ? null : d.refusal
    }
    expect(refusal({ type: 'transfer', stationId: 'nowhere', reason: 'x' }, { transferTo: null, parentStationId: PARENT })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'stationId',
    })
    expect(
      refusal({ type: 'transfer', stationId: STATION, reason: 'x' }, { transferTo: { id: STATION }, parentStationId: PARENT }),
    ).toMatchObject({ code: 'FIELD_INVALID', field: 'stationId' })
    expect(refusal({ type: 'escalate', reason: 'x' }, { parentStationId: null })).toMatchObject({ code: 'CONFLICT' })
    expect(refusal({ type: 'reply', body: '   ' })).toMatchObject({ code: 'FIELD_INVALID', field: 'body' })
    expect(refusal({ type: 'resolve', summary: '\n' })).toMatchObject({ code: 'FIELD_INVALID', field: 'summary' })
    expect(refusal({ type: 'transfer', stationId: OTHER, reason: ' ' })).toMatchObject({ code: 'FIELD_INVALID', field: 'reason' })
  })

  test('the escalation job: to the parent, the timeline says which station missed which target', () => {
    const c = overdueEscalation(request(), { name: '先进街道社工站' }, { id: PARENT, name: '金普新区社工总站' }, ctx)
    expect(c.set).toMatchObject({ stationId: PARENT, status: 'submitted', escalations: 1 })
    expect(c.event).toMatchObject({
      type: 'escalated',
      actorId: null,
      body: '「先进街道社工站」超过响应时限（1 个工作日内受理）未受理，已自动升级至「金普新区社工总站」',
    })
  })
})

describe('out of sight', () => {
  const scope = [PARENT, STATION, OTHER]
  test('a request that moved away from a station the staff saw: REQUEST_MOVED, naming where it is now', () => {
    expect(outOfSight(worker, [STATION], { category: 'elderly_care', stationName: '民馨社区社会工作室' }, [STATION])).toEqual({
      code: 'REQUEST_MOVED',
      message: '这条求助已转至「民馨社区社会工作室」，不再在您的队列中',
    })
  })
  test('never seen by the staff (another station, or a sensitive request below a supervisor): NOT_FOUND', () => {
    expect(outOfSight(worker, [STATION], { category: 'elderly_care', stationName: 'x' }, [])).toMatchObject({ code: 'NOT_FOUND' })
    expect(outOfSight(worker, [STATION], { category: 'elderly_care', stationName: 'x' }, [OTHER])).toMatchObject({ code: 'NOT_FOUND' })
    expect(outOfSight(supervisor, scope, { category: 'psychological', stationName: 'x' }, [STATION])).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('the resident', () => {
  test('cancels only while waiting', () => {
    for (const status of REQUEST_STATUSES) {
      const d = residentCancel(request({ status }), 'resident-1', NOW)
      expect([status, d.ok ? 'ok' : d.refusal.code]).toEqual([status, status === 'submitted' ? 'ok' : 'REQUEST_STATE'])
    }
    const d = residentCancel(request(), 'resident-1', NOW)
    expect(d.ok && d.value.set).toEqual({ status: 'cancelled', updatedAt: NOW })
  })

  test('adds a message unless the request was cancelled; blank words are refused', () => {
    expect(residentMessage(request({ status: 'resolved' }), 'resident-1', '谢谢', NOW).ok).toBe(true)
    expect(residentMessage(request({ status: 'cancelled' }), 'resident-1', '谢谢', NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'REQUEST_STATE' },
    })
    expect(residentMessage(request(), 'resident-1', '  ', NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'FIELD_INVALID', field: 'body' },
    })
  })

  const details: PersonalDetails = {
    contactName: '李女士',
    contactPhone: '13812345678',
    preferredTime: '',
    address: '民馨社区',
    helpedPhone: '13900001111',
    helpedAddress: null,
  }

  test('corrects personal details: only what changes, the timeline names the fields and never the values', () => {
    const d = residentCorrection(
      request(),
      details,
      'resident-1',
      { contactPhone: '13766661234', address: '民馨社区', helped: { phone: '' } },
      NOW,
    )
    if (!d.ok || !d.value) throw new Error('expected a change')
    expect(d.value.set).toEqual({ contactPhone: '13766661234', helpedPhone: null, updatedAt: NOW })
    expect(d.value.event.body).toBe('居民更正了：联系电话、被帮助人电话')
    expect(residentCorrection(request(), details, 'resident-1', { contactName: ' 李女士 ' }, NOW)).toEqual({ ok: true, value: null })
  })

  test('a correction is refused once purged or cancelled, and for the helped person of a request for oneself', () => {
    expect(residentCorrection(request({ purged: true, status: 'resolved' }), details, 'r', { contactName: 'x' }, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'REQUEST_STATE' },
    })
    expect(residentCorrection(request({ status: 'cancelled' }), details, 'r', { contactName: 'x' }, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'REQUEST_STATE' },
    })
    expect(residentCorrection(request({ requester: 'self' }), details, 'r', { helped: { phone: '13900002222' } }, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'FIELD_INVALID', field: 'helped' },
    })
  })

  test("未解决 sends a resolved request back to the same queue with the resident's words", () => {
    const c = unresolvedByResident(request({ status: 'resolved' }), 'resident-1', ' 助餐点太远 ', ctx)
    expect(c.set).toMatchObject({ status: 'submitted', assigneeId: null, resolvedAt: null, queuedAt: NOW })
    expect(c.event).toMatchObject({ type: 'reopened', stationId: STATION, body: '居民反馈问题未解决：助餐点太远' })
  })

  test('reopened after its resolution (未解决, a 回访, 重新处理), the 办结 clock runs from the reopening; a worker leaving does not restart it', () => {
    const submitted = new Date('2026-11-02T02:00:00Z')
    const resolved = request({ status: 'resolved', createdAt: submitted, resolutions: 1 })
    const timing = { resolutionTargets: DEFAULT_RESOLUTION_TARGETS, calendar: WEEKDAYS_ONLY }
    // From the submission: 5 working days after 2 November, long past on 23 November.
    expect(resolutionDueAt(resolved, timing)!.getTime()).toBeLessThan(NOW.getTime())
    const reopenings = [
      unresolvedByResident(resolved, 'resident-1', '', ctx).set,
      reopenedOnFollowUp(resolved, worker, ctx).set,
      (() => {
        const d = staffAction(resolved, worker, { type: 'reopen', reason: '居民来电说还没解决' }, around, ctx)
        if (!d.ok) throw new Error(d.refusal.message)
        return d.value!.set
      })(),
    ]
    for (const set of reopenings) {
      expect(set).toMatchObject({ resolutionFrom: NOW })
      const due = resolutionDueAt({ ...resolved, ...set }, timing)!
      // Monday 23 November 10:00 + 5 working days: Monday 30 November 10:00.
      expect(due.toISOString()).toBe('2026-11-30T02:00:00.000Z')
    }
    expect(returnedToQueue(request({ status: 'accepted' }), '先进街道社工站', ctx).set).not.toHaveProperty('resolutionFrom')
    // Never reopened: from the submission.
    expect(resolutionDueAt({ ...resolved, resolutionFrom: null }, timing)).toEqual(resolutionDueAt(resolved, timing))
  })

  test('an account deletion withdraws open requests only', () => {
    for (const status of REQUEST_STATUSES) {
      const c = withdrawnOnDeletion(request({ status }), NOW)
      expect([status, c?.set.status ?? null]).toEqual([
        status,
        ['submitted', 'accepted', 'in_progress'].includes(status) ? 'cancelled' : null,
      ])
    }
  })
})

describe('checks of a submission and a correction', () => {
  const body = {
    category: 'elderly_care' as const,
    description: '母亲需要助餐',
    requester: 'family' as const,
    urgency: 'normal' as const,
    helped: { name: '张秀兰', relationship: '母亲' as const, phone: '139 0000 1111', consent: true as const },
    contactName: '李女士',
    contactPhone: '138 1234 5678',
  }
  test.each([
    ['a bad phone', 'contactPhone', { contactPhone: '12345' }],
    ['a bad phone of the helped person', 'helped.phone', { helped: { ...body.helped, phone: '999' } }],
    ['代办 without the helped person', 'helped', { helped: undefined }],
    ['本人 with a helped person', 'helped', { requester: 'self' as const }],
    ['a blank description', 'description', { description: '   ' }],
    ['a blank contact name', 'contactName', { contactName: ' ' }],
  ])('%s → FIELD_INVALID on %s', (_name, field, over) => {
    expect(checkSubmission({ ...body, ...over })).toMatchObject({ ok: false, refusal: { code: 'FIELD_INVALID', field } })
  })

  test('a good submission comes back with its phones normalized', () => {
    const d = checkSubmission(body)
    expect(d.ok && [d.value.contactPhone, d.value.helped?.phone]).toEqual(['13812345678', '13900001111'])
  })

  test('a correction: phones checked and normalized; an empty phone of the helped person clears it', () => {
    expect(checkCorrection({ contactPhone: 'abc' })).toMatchObject({ ok: false, refusal: { field: 'contactPhone' } })
    expect(checkCorrection({ helped: { phone: '12' } })).toMatchObject({ ok: false, refusal: { field: 'helped.phone' } })
    expect(checkCorrection({ contactPhone: '138 1234 5678', helped: { phone: ' ' } })).toEqual({
      ok: true,
      value: { contactPhone: '13812345678', helped: { phone: '' } },
    })
  })
})
