import { makeCalendar, type WeeklyHours } from '../../domain/calendar'
import { cstInstant } from '../../domain/chinaTime'
import { bookingDayClosure, reminderDay, reminderNote, sessionDayClosure } from '../../domain/reminders'
import { loadConfig } from '../../server/config'
import { subscribeMessage } from '../../server/services/notifier'
import { templatesToAsk } from '../../src/services/subscribe'

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

describe('a booking reminder’s words: the booking’s own day in China time', () => {
  const config = (reminderTemplate?: string) =>
    loadConfig({
      WECHAT_TEMPLATE_ACTIVITY: 'tmpl-activity',
      ...(reminderTemplate ? { WECHAT_TEMPLATE_BOOKING_REMINDER: reminderTemplate } : {}),
    } as unknown as NodeJS.ProcessEnv)
  const reminder = (day?: string, closed?: string) => ({
    topic: 'booking_reminder',
    payload: {
      bookingId: 'b1',
      activity: '心理疏导谈心',
      time: '9月29日 14:00',
      note: '王阿姨',
      ...(day ? { day } : {}),
      ...(closed ? { closed } : {}),
    },
  })

  test('今天 for a booking later the same China day, 明天 for the next, else its date — across UTC midnight too', () => {
    expect(reminderDay(cstInstant('2026-09-29', '14:00'), cstInstant('2026-09-29', '08:00'))).toBe('今天')
    expect(reminderDay(cstInstant('2026-09-30', '10:00'), cstInstant('2026-09-29', '12:00'))).toBe('明天')
    // 07:30 in China is 23:30 UTC the day before: still 今天 in China.
    expect(reminderDay(cstInstant('2026-09-29', '09:00'), cstInstant('2026-09-29', '07:30'))).toBe('今天')
    // 23:30 in China, the booking at 09:00 next morning: 明天, though the same UTC date.
    expect(reminderDay(cstInstant('2026-09-30', '09:00'), cstInstant('2026-09-29', '23:30'))).toBe('明天')
    expect(reminderDay(cstInstant('2026-10-12', '10:00'), cstInstant('2026-09-29', '12:00'))).toBe('10月12日')
  })

  test('the message: 今天预约 / 明天预约, the time and who; its own template when configured, else the activity one', () => {
    expect(subscribeMessage(config('tmpl-reminder'), reminder('今天'))).toEqual({
      template_id: 'tmpl-reminder',
      page: 'packages/booking/mine/index',
      data: { thing1: { value: '心理疏导谈心' }, phrase2: { value: '今天预约' }, thing3: { value: '9月29日 14:00 王阿姨' } },
    })
    expect(subscribeMessage(config('tmpl-reminder'), reminder('明天'))!.data.phrase2).toEqual({ value: '明天预约' })
    expect(subscribeMessage(config(), reminder('今天'))).toMatchObject({
      template_id: 'tmpl-activity',
      data: { phrase2: { value: '今天预约' } },
    })
    // Queued before the day was written: neither 今天 nor 明天 is claimed.
    expect(subscribeMessage(config('tmpl-reminder'), reminder())!.data.phrase2).toEqual({ value: '预约提醒' })
    expect(subscribeMessage(config('tmpl-reminder'), reminder('今天', '国庆节休息'))!.data.phrase2).toEqual({ value: '站点休息' })
    // The confirmation stays on the activity template.
    expect(
      subscribeMessage(config('tmpl-reminder'), {
        topic: 'booking_status',
        payload: { activity: '心理疏导谈心', status: '预约成功', note: '' },
      }),
    ).toMatchObject({ template_id: 'tmpl-activity', data: { phrase2: { value: '预约成功' } } })
  })

  test('the booking page asks for each configured template once, at most 3 in one dialog', () => {
    expect(templatesToAsk(['tmpl-activity', 'tmpl-reminder'])).toEqual(['tmpl-activity', 'tmpl-reminder'])
    expect(templatesToAsk(['tmpl-activity', ''])).toEqual(['tmpl-activity'])
    expect(templatesToAsk([undefined, null])).toEqual([])
    expect(templatesToAsk(['a', 'a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c'])
  })
})
