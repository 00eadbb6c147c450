/**
 * The roster's rules (src/packages/workbench/roster/model.ts): who is in
 * which list, who is present at a session, which session is checked in,
 * and how a check-in and a participant read.
 */
import {
  checkinNotice,
  pickSession,
  registrationSwitch,
  rosterGroups,
  sessionLine,
  sessionName,
  whoLine,
  withAttendance,
} from '@/packages/workbench/roster/model'
import {
  checkinOf,
  COURSE_DETAIL,
  COURSE_ROSTER,
  COURSE_SESSIONS,
  LI,
  SUN,
  WANG,
  ZHANG,
  ZHAO,
  ZHOU,
} from '../weapp/workbench-activity-fixtures'

const [first, second] = COURSE_SESSIONS as [(typeof COURSE_SESSIONS)[0], (typeof COURSE_SESSIONS)[0]]

describe('rosterGroups', () => {
  test('confirmed, offered, the waitlist in its order, who is present and who refused photos', () => {
    const shuffled = { ...COURSE_ROSTER, entries: [ZHOU, ZHANG, SUN, ZHAO, LI, WANG] }
    const g = rosterGroups(shuffled, first.id)
    expect(g.confirmed.map((e) => e.participantName)).toEqual(['张小明', '李朵朵', '王子涵'])
    expect(g.offered.map((e) => e.participantName)).toEqual(['赵一诺'])
    expect(g.waitlisted.map((e) => e.participantName)).toEqual(['孙浩然', '周可欣'])
    expect(g.present.map((e) => e.participantName)).toEqual(['张小明', '李朵朵'])
    // 孙浩然 refused too, but is on the waitlist: only the confirmed are photographed.
    expect(g.noPhotos.map((e) => e.participantName)).toEqual(['李朵朵'])
  })

  test('present is per session; no photo list when the activity does not ask', () => {
    expect(rosterGroups(COURSE_ROSTER, second.id).present).toEqual([])
    expect(rosterGroups({ ...COURSE_ROSTER, activity: { ...COURSE_DETAIL, photoConsentRequired: false } }, first.id).noPhotos).toEqual([])
  })
})

describe('withAttendance', () => {
  test('marks the participant present at the session, once', () => {
    const after = withAttendance(COURSE_ROSTER, WANG.enrollmentId, second.id)
    expect(after.entries.find((e) => e.enrollmentId === WANG.enrollmentId)!.attendedSessionIds).toEqual([second.id])
    expect(
      withAttendance(after, WANG.enrollmentId, second.id).entries.find((e) => e.enrollmentId === WANG.enrollmentId)!.attendedSessionIds,
    ).toEqual([second.id])
    expect(after.entries.find((e) => e.enrollmentId === ZHANG.enrollmentId)).toBe(ZHANG)
  })
})

describe('pickSession', () => {
  test('the one chosen while it exists; else today’s, the next, or the last', () => {
    expect(pickSession(COURSE_SESSIONS, second.id, new Date(first.startsAt))).toBe(second)
    expect(pickSession(COURSE_SESSIONS, 'gone', new Date(first.startsAt))).toBe(first)
    expect(pickSession(COURSE_SESSIONS, null, new Date(Date.parse(first.endsAt) + 3_600_000 * 30))).toBe(second)
    expect(pickSession(COURSE_SESSIONS, null, new Date('2030-01-01T00:00:00Z'))).toBe(COURSE_SESSIONS.at(-1))
  })
})

describe('words', () => {
  test('a session of a course, a single activity, today', () => {
    expect(sessionName(second, 8)).toBe('第 2 次课')
    expect(sessionName(first, 1)).toBe('本次活动')
    expect(sessionLine(first, new Date(first.startsAt))).toMatch(/（今天）$/)
    expect(sessionLine(first, new Date(second.startsAt))).not.toMatch(/今天/)
  })

  test('who: age and who enrolled them', () => {
    expect(whoLine(ZHANG)).toBe('8 岁 · 报名人：张丽（参加人是其儿子）')
    expect(whoLine({ ...ZHANG, age: null, relationship: null })).toBe('年龄未填 · 本人报名')
  })

  test('a check-in, and one already made', () => {
    expect(checkinNotice(checkinOf(WANG, second), 8)).toEqual({ kind: 'ok', text: '✓ 王子涵 签到成功（第 2 次课）' })
    expect(checkinNotice(checkinOf(ZHANG, first, true), 8)).toEqual({ kind: 'already', text: '张小明 已签到过（第 1 次课），不用重复签到' })
  })
})

describe('registrationSwitch', () => {
  test('close while open or upcoming; reopen while closed and not over', () => {
    expect(registrationSwitch({ status: 'open', registration: 'open' })).toEqual({ canClose: true, canReopen: false })
    expect(registrationSwitch({ status: 'open', registration: 'upcoming' })).toEqual({ canClose: true, canReopen: false })
    expect(registrationSwitch({ status: 'closed', registration: 'closed' })).toEqual({ canClose: false, canReopen: true })
    expect(registrationSwitch({ status: 'closed', registration: 'ended' })).toEqual({ canClose: false, canReopen: false })
  })
})
