/** How bookings read: the day strip's words, slot and booking times, and the workbench's day and week groups. */
import { keepTogether } from '@/utils/keepTogether'
import type { Booking } from '../../contract/types'
import { bookingTimeText, dayAvailability, dayLabel, isUpcomingBooking, slotLabel } from '../../domain/booking'
import { cstInstant } from '../../domain/chinaTime'
import { groupBookings, viewRange } from '../../src/packages/workbench/bookings/model'

const iso = (date: string, time: string) => cstInstant(date, time).toISOString()

test('slot and booking times in China time, with the weekday', () => {
  const s = { startsAt: iso('2026-10-08', '09:00'), endsAt: iso('2026-10-08', '10:00') }
  expect(slotLabel(s)).toBe('09:00-10:00')
  expect(bookingTimeText(s)).toBe('10月8日（周四）09:00-10:00')
})

test('the day strip: 今天 / 明天 / the weekday; 休息, 约满, 已截止 or the free count', () => {
  expect(dayLabel('2026-10-08', '2026-10-08')).toEqual({ day: '10月8日', weekday: '今天' })
  expect(dayLabel('2026-10-09', '2026-10-08')).toEqual({ day: '10月9日', weekday: '明天' })
  expect(dayLabel('2026-10-10', '2026-10-08').weekday).toBe('周六')
  expect(dayAvailability({ note: '国庆节休息', slots: [] })).toEqual({ text: '休息', bookable: false })
  expect(dayAvailability({ note: null, slots: [{ state: 'full' }, { state: 'closed' }] })).toEqual({ text: '约满', bookable: false })
  expect(dayAvailability({ note: null, slots: [{ state: 'closed' }] })).toEqual({ text: '已截止', bookable: false })
  expect(dayAvailability({ note: null, slots: [{ state: 'free' }, { state: 'full' }, { state: 'free' }] })).toEqual({
    text: '2 个空位',
    bookable: true,
  })
})

test('upcoming: booked and not yet ended', () => {
  const now = cstInstant('2026-10-08', '09:30')
  expect(isUpcomingBooking({ status: 'booked', endsAt: iso('2026-10-08', '10:00') }, now)).toBe(true)
  expect(isUpcomingBooking({ status: 'booked', endsAt: iso('2026-10-08', '09:00') }, now)).toBe(false)
  expect(isUpcomingBooking({ status: 'cancelled', endsAt: iso('2026-10-09', '10:00') }, now)).toBe(false)
})

const booking = (
  id: string,
  start: string,
  worker: string | null,
  status: Booking['status'] = 'booked',
  name = '心理疏导谈心',
): Booking => ({
  id,
  service: { id: 's', name, kind: 'talk', category: 'psychological', workerName: worker },
  station: { id: 'st', name: '民馨社区社会工作室', phone: '0411', address: '民馨社区' },
  startsAt: start,
  endsAt: start,
  worker: null,
  status,
  channel: 'miniprogram',
  forWhom: 'self',
  personName: id,
  relationship: null,
  contactName: id,
  contactPhone: '13812345678',
  note: '',
  rescheduleReason: null,
  rescheduledAt: null,
  cancelReason: null,
  changeDeadline: start,
  canChange: true,
  createdAt: start,
})

test('the week runs Monday to Sunday; the day is itself', () => {
  expect(viewRange('week', '2026-10-08')).toEqual({ from: '2026-10-05', to: '2026-10-11' })
  expect(viewRange('week', '2026-10-11')).toEqual({ from: '2026-10-05', to: '2026-10-11' })
  expect(viewRange('day', '2026-10-08')).toEqual({ from: '2026-10-08', to: '2026-10-08' })
})

test('bookings by day (empty days too) and by worker, in time order, cancelled last', () => {
  const items = [
    booking('c', iso('2026-10-08', '14:00'), '刘社工'),
    booking('a', iso('2026-10-08', '09:00'), '刘社工', 'cancelled'),
    booking('b', iso('2026-10-08', '10:00'), null, 'booked', '入户探访'),
    booking('d', iso('2026-10-09', '09:00'), '刘社工'),
  ]
  const days = groupBookings(items, '2026-10-07', '2026-10-09')
  expect(days.map((d) => [d.date, d.count])).toEqual([
    ['2026-10-07', 0],
    ['2026-10-08', 2],
    ['2026-10-09', 1],
  ])
  expect(days[1]!.workers.map((w) => [w.worker, w.bookings.map((b) => b.id)])).toEqual([
    ['刘社工', ['c', 'a']],
    ['入户探访', ['b']],
  ])
})

test('the worker of a booking’s slot groups it, before the service’s own worker', () => {
  const items = [
    { ...booking('e', iso('2026-10-08', '09:00'), '刘社工'), worker: { id: 'w1', name: '王社工' } },
    booking('f', iso('2026-10-08', '10:00'), '刘社工'),
    { ...booking('g', iso('2026-10-08', '11:00'), null), worker: { id: 'w1', name: '王社工' } },
  ]
  const [day] = groupBookings(items, '2026-10-08', '2026-10-08')
  expect(day!.workers.map((w) => [w.worker, w.bookings.map((b) => b.id)])).toEqual([
    ['王社工', ['e', 'g']],
    ['刘社工', ['f']],
  ])
})

test('an age is one word in running text: 「8 岁」 and 「6–13 岁」 never break inside', () => {
  expect(
    keepTogether('小雨预约当天 8 岁，这项服务面向 6–13 岁')
      .filter((p) => p.whole)
      .map((p) => p.text),
  ).toEqual(['8 岁', '6–13 岁'])
})
