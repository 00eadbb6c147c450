/**
 * Duplicates (domain/duplicates.ts), pure: which requests are 「可能重复」 (the
 * same phone, or the same helped person, within 30 days; not itself, not a
 * merged one, not a linked one), and what merging and linking decide — or why
 * they are refused.
 */
import {
  DUPLICATE_WINDOW_DAYS,
  duplicateReasons,
  linkDecision,
  mergeDecision,
  possibleDuplicates,
  type DuplicateCandidate,
  type MergeParty,
} from '@domain/duplicates'

const NOW = new Date('2026-11-23T02:00:00Z')
const DAY = 24 * 3600_000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

const subject = { id: 'r0', createdAt: NOW, phoneKey: 'k1:phoneA', helpedKey: 'k1:motherA', mergedIntoId: null }
const candidate = (id: string, over: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  id,
  number: `QZ-${id}`,
  status: 'submitted',
  createdAt: at(-1),
  phoneKey: null,
  helpedKey: null,
  mergedIntoId: null,
  ...over,
})

describe('possibleDuplicates', () => {
  test('the same phone, or the same helped person, within 30 days either way, newest first, with the reasons', () => {
    const found = possibleDuplicates(subject, [
      candidate('phone', { phoneKey: 'k1:phoneA', createdAt: at(-3) }),
      candidate('helped', { helpedKey: 'k1:motherA', createdAt: at(2) }),
      candidate('both', { phoneKey: 'k1:phoneA', helpedKey: 'k1:motherA', createdAt: at(-29.9) }),
      candidate('neither', { phoneKey: 'k1:phoneB', helpedKey: 'k1:motherB' }),
    ])
    expect(found.map((m) => [m.id, m.reasons])).toEqual([
      ['helped', ['helped']],
      ['phone', ['phone']],
      ['both', ['phone', 'helped']],
    ])
  })

  test(`${DUPLICATE_WINDOW_DAYS} days is the edge: a day more is not flagged, before or after`, () => {
    const edge = candidate('edge', { phoneKey: 'k1:phoneA', createdAt: at(-30) })
    expect(possibleDuplicates(subject, [edge]).map((m) => m.id)).toEqual(['edge'])
    expect(possibleDuplicates(subject, [candidate('old', { phoneKey: 'k1:phoneA', createdAt: at(-31) })])).toEqual([])
    expect(possibleDuplicates(subject, [candidate('later', { phoneKey: 'k1:phoneA', createdAt: at(31) })])).toEqual([])
  })

  test('missing keys never match each other (no phone is not the same phone)', () => {
    const blank = { ...subject, phoneKey: null, helpedKey: null }
    expect(possibleDuplicates(blank, [candidate('x')])).toEqual([])
    expect(duplicateReasons(blank, { ...blank })).toEqual([])
  })

  test('not itself, not a merged request, not one linked as related, not twice; a merged request flags nothing', () => {
    const same = { phoneKey: 'k1:phoneA' }
    const found = possibleDuplicates(
      subject,
      [
        candidate('r0', same),
        candidate('merged', { ...same, mergedIntoId: 'r9' }),
        candidate('linked', same),
        candidate('kept', same),
        candidate('kept', same),
      ],
      new Set(['linked']),
    )
    expect(found.map((m) => m.id)).toEqual(['kept'])
    expect(possibleDuplicates({ ...subject, mergedIntoId: 'r9' }, [candidate('kept', same)])).toEqual([])
  })

  test('another key id is another value: a pair meets once both are indexed under the same key', () => {
    expect(possibleDuplicates(subject, [candidate('k2', { phoneKey: 'k2:phoneA' })])).toEqual([])
  })
})

const party = (over: Partial<MergeParty> = {}): MergeParty => ({
  id: 'dup',
  number: 'QZ-20261123-000002',
  userId: 'daughter',
  status: 'submitted',
  stationId: 'xianjin',
  category: 'elderly_care',
  urgency: 'normal',
  requester: 'family',
  assigneeId: null,
  assigneeName: null,
  acceptedAt: null,
  queuedAt: NOW,
  dueAt: at(1),
  escalations: 0,
  resolutions: 0,
  purged: false,
  description: '又问一次助餐的事',
  mergedIntoId: null,
  ...over,
})
const dup = party()
const original = party({ id: 'orig', number: 'QZ-20261123-000001', status: 'accepted', description: '母亲想申请助餐' })
const worker = { id: 'li', stationId: 'xianjin' }

describe('mergeDecision', () => {
  test('the duplicate closes pointing to the original; the original gains its words; both submitters are told', () => {
    const d = mergeDecision(dup, original, worker, ' 同一件事 ', NOW)
    if (!d.ok) throw new Error(d.refusal.message)
    expect(d.value.duplicate.set).toEqual({ status: 'cancelled', updatedAt: NOW })
    expect(d.value.duplicate.event).toMatchObject({ type: 'merged', internal: false, actorId: 'li', stationId: 'xianjin' })
    expect(d.value.duplicate.event.body).toContain('QZ-20261123-000001')
    expect(d.value.duplicate.event.body).toContain('同一件事')
    expect(d.value.original.event).toMatchObject({ type: 'merged', internal: false })
    expect(d.value.original.event.body).toContain('又问一次助餐的事')
    expect(d.value.original.event.body).toContain('QZ-20261123-000002')
    expect(d.value.duplicate.notices).toEqual([
      { userId: 'daughter', topic: 'request_status', payload: expect.objectContaining({ requestId: 'dup', status: '已合并' }) },
    ])
    expect(d.value.original.notices).toEqual([
      { userId: 'daughter', topic: 'request_status', payload: expect.objectContaining({ requestId: 'orig', status: '已合并' }) },
    ])
  })

  test("another resident's words stay internal on the original; a counter request (no submitter) is told nothing", () => {
    const d = mergeDecision(party({ userId: 'son' }), original, worker, '', NOW)
    expect(d.ok && d.value.original.event.internal).toBe(true)
    const counter = mergeDecision(party({ userId: null }), party({ ...original, userId: null }), worker, '', NOW)
    expect(counter.ok && [counter.value.duplicate.notices, counter.value.original.notices, counter.value.original.event.internal]).toEqual([
      [],
      [],
      true,
    ])
  })

  test.each([
    ['into itself', dup, dup, 'SAME_REQUEST', 'intoId'],
    ['a closed duplicate', party({ status: 'resolved' }), original, 'REQUEST_STATE', undefined],
    ['an already merged duplicate', party({ status: 'cancelled', mergedIntoId: 'x' }), original, 'REQUEST_STATE', undefined],
    ['into a resolved request', dup, { ...original, status: 'resolved' as const }, 'MERGE_TARGET_CLOSED', 'intoId'],
    ['into a cancelled request', dup, { ...original, status: 'cancelled' as const }, 'MERGE_TARGET_CLOSED', 'intoId'],
    ['into a request merged elsewhere', dup, { ...original, mergedIntoId: 'other' }, 'MERGE_TARGET_CLOSED', 'intoId'],
    [
      'into a request merged into it (a cycle)',
      dup,
      { ...original, status: 'cancelled' as const, mergedIntoId: 'dup' },
      'MERGE_CYCLE',
      'intoId',
    ],
  ])('refused: %s', (_what, a, b, code, field) => {
    const d = mergeDecision(a, b, worker, '', NOW)
    expect(d.ok ? null : [d.refusal.code, d.refusal.field]).toEqual([code, field])
  })
})

describe('linkDecision', () => {
  test('an internal entry on both, naming the other; unlinking says so; never with itself', () => {
    const d = linkDecision(dup, original, 'li', true, NOW)
    expect(d.ok && [d.value.a.body, d.value.b.body, d.value.a.internal, d.value.b.type]).toEqual([
      '关联了相关求助 QZ-20261123-000001',
      '关联了相关求助 QZ-20261123-000002',
      true,
      'linked',
    ])
    const u = linkDecision(dup, original, 'li', false, NOW)
    expect(u.ok && u.value.a.body).toBe('取消了与求助 QZ-20261123-000001 的关联')
    const self = linkDecision(dup, dup, 'li', true, NOW)
    expect(self.ok ? null : [self.refusal.code, self.refusal.field]).toEqual(['SAME_REQUEST', 'otherId'])
  })
})
