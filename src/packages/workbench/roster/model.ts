/**
 * The roster's rules, pure: who is in which list, who is present at a
 * session, how a session and a participant read, and what a check-in did.
 */
import type { ActivityDetail, ActivitySession, CheckinResult, Roster, RosterEntry } from '@contract/types'
import { currentSession, formatSessionTime } from '@domain/activities'
import { cstDate } from '@domain/chinaTime'

/** What the last check-in did, said in words (and not by colour alone). */
export interface CheckinNotice {
  kind: 'ok' | 'already' | 'error'
  text: string
}

/** 第 3 次课 in a course, 本次活动 for a single activity. */
export const sessionName = (s: ActivitySession, count: number) => (count > 1 ? `第 ${s.seq} 次课` : '本次活动')

/** The session's time, with （今天） when it is today (China Standard Time). */
export function sessionLine(s: ActivitySession, now: Date): string {
  const today = cstDate(new Date(s.startsAt)) === cstDate(now)
  return `${formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}${today ? '（今天）' : ''}`
}

/** The participant's own line: age, and who enrolled them. */
export function whoLine(e: RosterEntry): string {
  const age = e.age !== null ? `${e.age} 岁` : '年龄未填'
  const by = e.relationship ? `报名人：${e.guardianName}（参加人是其${e.relationship}）` : '本人报名'
  return `${age} · ${by}`
}

/** The session checked in: the one chosen while it still exists, else today's (or the next, or the last). */
export function pickSession(sessions: readonly ActivitySession[], chosenId: string | null, now: Date): ActivitySession {
  return sessions.find((s) => s.id === chosenId) ?? currentSession(sessions, now) ?? sessions[0]!
}

export interface RosterGroups {
  confirmed: RosterEntry[]
  offered: RosterEntry[]
  /** In waitlist order. */
  waitlisted: RosterEntry[]
  /** The confirmed who are checked in at the session. */
  present: RosterEntry[]
  /** The confirmed who did not agree to photos (when the activity asks). */
  noPhotos: RosterEntry[]
}

export function rosterGroups(roster: Roster, sessionId: string): RosterGroups {
  const confirmed = roster.entries.filter((e) => e.status === 'confirmed')
  return {
    confirmed,
    offered: roster.entries.filter((e) => e.status === 'offered'),
    waitlisted: roster.entries
      .filter((e) => e.status === 'waitlisted')
      .sort((x, y) => (x.waitlistPosition ?? Infinity) - (y.waitlistPosition ?? Infinity)),
    present: confirmed.filter((e) => e.attendedSessionIds.includes(sessionId)),
    noPhotos: roster.activity.photoConsentRequired ? confirmed.filter((e) => !e.photoConsent) : [],
  }
}

/** The roster after a check-in the server has recorded (once per session). */
export function withAttendance(roster: Roster, enrollmentId: string, sessionId: string): Roster {
  return {
    ...roster,
    entries: roster.entries.map((e) =>
      e.enrollmentId === enrollmentId && !e.attendedSessionIds.includes(sessionId)
        ? { ...e, attendedSessionIds: [...e.attendedSessionIds, sessionId] }
        : e,
    ),
  }
}

/** What a check-in did, in words. */
export function checkinNotice(result: CheckinResult, sessionCount: number): CheckinNotice {
  const which = sessionName(result.session, sessionCount)
  return result.alreadyCheckedIn
    ? { kind: 'already', text: `${result.participantName} 已签到过（${which}），不用重复签到` }
    : { kind: 'ok', text: `✓ ${result.participantName} 签到成功（${which}）` }
}

/** Whether registration can be closed now, or opened again. */
export function registrationSwitch(a: Pick<ActivityDetail, 'status' | 'registration'>): { canClose: boolean; canReopen: boolean } {
  return {
    canClose: a.status === 'open' && (a.registration === 'open' || a.registration === 'upcoming'),
    canReopen: a.status === 'closed' && a.registration !== 'ended',
  }
}
