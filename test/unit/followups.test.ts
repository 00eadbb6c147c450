/** 回访's rules (domain/followups.ts): when a call falls due, what an outcome must say, when it can be recorded. */
import { attemptsLabel, checkOutcome, dueWords, followUpDueAt, outcomeRefusal, type FollowUpState } from '../../domain/followups'

describe('followUpDueAt', () => {
  test('the start of the China day N days after the resolution', () => {
    // Resolved Tuesday 2026-12-01 15:30 Beijing (07:30 UTC): due 2026-12-04 00:00 Beijing.
    expect(followUpDueAt(new Date('2026-12-01T07:30:00Z'), 3).toISOString()).toBe('2026-12-03T16:00:00.000Z')
    // Resolved 23:50 Beijing (15:50 UTC): the day in Beijing counts, not the UTC one.
    expect(followUpDueAt(new Date('2026-12-01T15:50:00Z'), 7).toISOString()).toBe('2026-12-07T16:00:00.000Z')
    // Just after midnight in Beijing (still the previous day in UTC).
    expect(followUpDueAt(new Date('2026-12-01T16:10:00Z'), 14).toISOString()).toBe('2026-12-15T16:00:00.000Z')
  })
  test('exactly N days later the call is due, never later', () => {
    const resolved = new Date('2026-12-01T09:00:00Z')
    for (const days of [3, 7, 14]) {
      const due = followUpDueAt(resolved, days)
      expect(due.getTime()).toBeLessThanOrEqual(resolved.getTime() + days * 86_400_000)
      expect(due.getTime()).toBeGreaterThan(resolved.getTime() + (days - 1) * 86_400_000)
    }
  })
})

describe('checkOutcome', () => {
  test('not reached: nothing else may be said about it', () => {
    expect(checkOutcome({ reached: false, note: '  无人接听 ' })).toEqual({ ok: true, value: { reached: false, note: '无人接听' } })
    expect(checkOutcome({ reached: false, satisfied: true })).toEqual({
      ok: false,
      refusal: { code: 'FIELD_INVALID', field: 'satisfied', message: '未接通时不能记录是否满意' },
    })
    expect(checkOutcome({ reached: false, needsMoreHelp: false })).toMatchObject({ ok: false, refusal: { field: 'needsMoreHelp' } })
  })
  test('reached: 满意 or not must be said; 还需要帮助 defaults to no', () => {
    expect(checkOutcome({ reached: true })).toEqual({
      ok: false,
      refusal: { code: 'FIELD_INVALID', field: 'satisfied', message: '请选择居民是否满意' },
    })
    expect(checkOutcome({ reached: true, satisfied: false })).toEqual({
      ok: true,
      value: { reached: true, satisfied: false, needsMoreHelp: false, note: '' },
    })
    expect(checkOutcome({ reached: true, satisfied: true, needsMoreHelp: true, note: '还想申请助餐' })).toEqual({
      ok: true,
      value: { reached: true, satisfied: true, needsMoreHelp: true, note: '还想申请助餐' },
    })
  })
})

describe('outcomeRefusal', () => {
  const open: FollowUpState = { closed: false, requestStatus: 'resolved', resolution: 1, requestResolutions: 1, purged: false }
  test('an open call of a still-resolved request can be recorded', () => {
    expect(outcomeRefusal(open)).toBeNull()
  })
  test('a call recorded before, a reopened request, a later resolution, erased details: refused in words', () => {
    expect(outcomeRefusal({ ...open, closed: true })).toMatchObject({ code: 'CONFLICT', message: '这次回访已经记录过结果' })
    expect(outcomeRefusal({ ...open, requestStatus: 'submitted' })).toMatchObject({ code: 'REQUEST_STATE' })
    expect(outcomeRefusal({ ...open, requestResolutions: 2 })).toMatchObject({
      code: 'REQUEST_STATE',
      message: '这条求助已重新处理，不需要再回访',
    })
    expect(outcomeRefusal({ ...open, purged: true })).toMatchObject({ code: 'REQUEST_STATE' })
  })
})

test('attemptsLabel', () => {
  expect(attemptsLabel(0)).toBe('')
  expect(attemptsLabel(2)).toBe('已拨打 2 次未接通')
})

test('dueWords: the day in Beijing decides', () => {
  const due = new Date('2026-12-03T16:00:00Z') // 2026-12-04 00:00 Beijing
  expect(dueWords(due, new Date('2026-12-04T01:00:00Z'))).toEqual({ text: '今天回访', tone: 'warn' })
  expect(dueWords(due, new Date('2026-12-03T15:59:00Z'))).toEqual({ text: '明天回访', tone: 'normal' })
  expect(dueWords(due, new Date('2026-12-01T02:00:00Z'))).toEqual({ text: '12月4日回访', tone: 'normal' })
  expect(dueWords(due, new Date('2026-12-05T16:30:00Z'))).toEqual({ text: '逾期 2 天', tone: 'danger' })
})
