import { makeCalendar, type WeeklyHours } from '../../domain/calendar'
import { cstInstant } from '../../domain/chinaTime'
import { bookingDayClosure, reminderNote, sessionDayClosure } from '../../domain/reminders'

const WEEKDAYS: WeeklyHours[] = [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }]
// 2026: 国庆节 10-01 … 10-07; 10-10 (Saturday) worked in exchange.
const cal = makeCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const, name: '国庆节' })),
  { date: '2026-10-10', kind: 'workday', name: '国庆节' },
])
const closedForTraining = [{ from: '2026-10-09', to: '2026-10-09', hours: [], reason: '社工外出培训' }]
const shortDay = [{ from: '2026-10-08', to: '2026-10-08', hours: [{ open: '09:00', close: '11:00' }], reason: '下午外出' }]

describe('day-before reminders and the calendar', () => {
  test('a booking on a public holiday: the station is closed, said with the holiday', () => {
    expect(bookingDayClosure(cstInstant('2026-10-02', '10:00'), WEEKDAYS, cal, [])).toBe('国庆节休息')
  })
  test('a booking on a 调休 Saturday: open as a working day', () => {
    expect(bookingDayClosure(cstInstant('2026-10-10', '10:00'), WEEKDAYS, cal, [])).toBeNull()
  })
  test('the station’s own closure wins, and a day with other hours is still open', () => {
    expect(bookingDayClosure(cstInstant('2026-10-09', '10:00'), WEEKDAYS, cal, closedForTraining)).toBe('社工外出培训')
    expect(bookingDayClosure(cstInstant('2026-10-08', '10:00'), WEEKDAYS, cal, shortDay)).toBeNull()
  })
  test('an ordinary working day and an ordinary weekend of a station open on weekdays only', () => {
    expect(bookingDayClosure(cstInstant('2026-09-29', '10:00'), WEEKDAYS, cal, [])).toBeNull()
    expect(bookingDayClosure(cstInstant('2026-10-11', '10:00'), WEEKDAYS, cal, [])).toBe('站点休息')
  })
  test('an activity’s session: a holiday changes nothing, the station’s all-day closure does', () => {
    expect(sessionDayClosure(cstInstant('2026-10-02', '10:00'), closedForTraining)).toBeNull()
    expect(sessionDayClosure(cstInstant('2026-10-09', '15:00'), closedForTraining)).toBe('社工外出培训')
    expect(sessionDayClosure(cstInstant('2026-10-08', '15:00'), shortDay)).toBeNull()
  })
  test('the note fits the template’s 20 characters, the closure first', () => {
    expect(reminderNote(null, '赵奶奶 · 活动室')).toBe('赵奶奶 · 活动室')
    expect(reminderNote('春节闭站', '赵奶奶 · 活动室')).toBe('当天春节闭站，请联系站点')
    expect([...reminderNote('一二三四五六七八九十一二三四五六七八九十', '')].length).toBeLessThanOrEqual(20)
  })
})
