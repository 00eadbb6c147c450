import { REQUEST_EVENT_TYPES } from '../../contract/requests'
import { ALERTING_EVENTS, alertKey, alertSendAt, nearTargetAlert, staffAlertFor } from '../../domain/staffAlerts'

const at = (s: string) => new Date(s)
const waiting = { stationId: 'S', status: 'submitted' as const, assigneeId: null }
const ev = (type: Parameters<typeof staffAlertFor>[0]['type'], actorId: string | null = 'A', toStationId: string | null = null) => ({
  type,
  actorId,
  toStationId,
})

describe('which timeline entry alerts whom', () => {
  test('a new request alerts its station', () => {
    expect(staffAlertFor(ev('submitted', null), waiting)).toEqual({ kind: 'new', to: { stationId: 'S' } })
  })

  test('a transfer or an escalation alerts the station it went to', () => {
    expect(staffAlertFor(ev('transferred', 'A', 'T'), { ...waiting, stationId: 'T' })).toEqual({
      kind: 'transferred',
      to: { stationId: 'T' },
    })
    expect(staffAlertFor(ev('escalated', null, 'P'), { ...waiting, stationId: 'P' })).toEqual({ kind: 'escalated', to: { stationId: 'P' } })
  })

  test('back in the queue (未解决, a worker who left): the station; reopened by a worker for a colleague: the assignee', () => {
    expect(staffAlertFor(ev('reopened', 'resident'), waiting)).toEqual({ kind: 'reopened', to: { stationId: 'S' } })
    const mine = { stationId: 'S', status: 'in_progress' as const, assigneeId: 'W' }
    expect(staffAlertFor(ev('reopened', 'head'), mine)).toEqual({ kind: 'reopened', to: { userId: 'W' } })
    expect(staffAlertFor(ev('reopened', 'W'), mine)).toBeNull()
  })

  test('an assignment alerts the assignee, unless they took it themselves or it was handed back', () => {
    expect(staffAlertFor(ev('assigned', 'head'), { ...waiting, assigneeId: 'W' })).toEqual({ kind: 'assigned', to: { userId: 'W' } })
    expect(staffAlertFor(ev('assigned', 'W'), { ...waiting, assigneeId: 'W' })).toBeNull()
    expect(staffAlertFor(ev('assigned', 'W'), waiting)).toBeNull()
  })

  test('only ALERTING_EVENTS can alert (the repository reads the request for those alone)', () => {
    const anyRequest = [waiting, { ...waiting, assigneeId: 'W' }, { stationId: 'S', status: 'in_progress' as const, assigneeId: 'W' }]
    for (const type of REQUEST_EVENT_TYPES.filter((t) => !ALERTING_EVENTS.has(t))) {
      for (const r of anyRequest) expect([type, staffAlertFor(ev(type, 'head', 'T'), r)]).toEqual([type, null])
    }
  })

  test('replies, notes, acceptance, resolution and cancellation alert nobody', () => {
    for (const type of ['replied', 'note', 'accepted', 'resolved', 'cancelled', 'message'] as const) {
      expect(staffAlertFor(ev(type), { ...waiting, status: 'accepted', assigneeId: 'W' })).toBeNull()
    }
  })

  test('near its target: the station, or the assignee of a request assigned and not yet accepted; nothing once accepted', () => {
    expect(nearTargetAlert(waiting)).toEqual({ kind: 'near_target', to: { stationId: 'S' } })
    expect(nearTargetAlert({ ...waiting, assigneeId: 'W' })).toEqual({ kind: 'near_target', to: { userId: 'W' } })
    expect(nearTargetAlert({ ...waiting, status: 'accepted' })).toBeNull()
  })
})

describe('when an alert goes', () => {
  test('urgent: at once, even at 3 a.m.', () => {
    const night = at('2026-11-24T03:00:00+08:00')
    expect(alertSendAt('urgent', night)).toEqual(night)
  })

  test('normal: at once between 08:00 and 20:00 China time, else at the next 08:00', () => {
    const day = at('2026-11-24T10:15:00+08:00')
    expect(alertSendAt('normal', day)).toEqual(day)
    expect(alertSendAt('normal', at('2026-11-24T03:00:00+08:00')).toISOString()).toBe(at('2026-11-24T08:00:00+08:00').toISOString())
    expect(alertSendAt('normal', at('2026-11-24T20:00:00+08:00')).toISOString()).toBe(at('2026-11-25T08:00:00+08:00').toISOString())
    expect(alertSendAt('normal', at('2026-11-24T23:59:00+08:00')).toISOString()).toBe(at('2026-11-25T08:00:00+08:00').toISOString())
    expect(alertSendAt('normal', at('2026-11-24T07:59:00+08:00')).toISOString()).toBe(at('2026-11-24T08:00:00+08:00').toISOString())
  })

  test('one key per request, occasion and worker', () => {
    expect(alertKey('R', 'e12', 'W')).toBe('staff:R:e12:W')
  })
})
