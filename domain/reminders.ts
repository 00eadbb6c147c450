/**
 * The day-before reminders (活动提醒, 预约提醒) and China's calendar: what a
 * reminder says when the station will not be open on the day.
 *
 * - A booking needs the station open that day, as the slots did when it was
 *   booked (hoursOn: the station's own exceptions, then public holidays, then
 *   调休 and the weekly hours). A day that closed since — 春节闭站 entered
 *   later, or next year's holidays published after the booking — is said in
 *   the reminder, with the reason, so the resident reschedules instead of
 *   coming to a closed door.
 * - An activity's session is planned on its date on purpose (a 新春挂饰
 *   afternoon in the 春节 holiday), so a public holiday changes nothing; only
 *   the station's own closure for that day (an exception without hours) is said.
 */
import { dayLabel } from './booking'
import { cstDate } from './chinaTime'
import { hoursOn, type StationException, type WeeklyHours, type WorkCalendar } from './calendar'

/** Why the station is closed on the booking's day (「国庆节休息」, 「春节闭站」), or null when it is open. */
export function bookingDayClosure(
  startsAt: Date,
  weekly: readonly WeeklyHours[],
  cal: WorkCalendar,
  exceptions: readonly StationException[],
): string | null {
  const day = hoursOn(cstDate(startsAt), weekly, cal, exceptions)
  return day.hours.length > 0 ? null : (day.note ?? '站点休息')
}

/** Why the station is closed all day on the session's day by its own exception, or null. */
export function sessionDayClosure(startsAt: Date, exceptions: readonly StationException[]): string | null {
  const date = cstDate(startsAt)
  return exceptions.find((e) => e.from <= date && date <= e.to && e.hours.length === 0)?.reason ?? null
}

/** The reminder's note (the template's 20 characters): the closure first, when there is one. */
export const reminderNote = (closure: string | null, usual: string): string => (closure ? `当天${closure}，请联系站点` : usual).slice(0, 20)

/**
 * The day a reminder names, in China time: 「今天」 (a booking made the day it starts), 「明天」, else its date
 * (「10月12日」) — the booking pages' own day words (`dayLabel`).
 */
export function reminderDay(startsAt: Date, now: Date): string {
  const { day, weekday } = dayLabel(cstDate(startsAt), cstDate(now))
  return weekday === '今天' || weekday === '明天' ? weekday : day
}
