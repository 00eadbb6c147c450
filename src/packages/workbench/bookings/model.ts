/** The workbench's booking views, as pure data: the week of a date, bookings by day and by worker. */
import type { Booking } from '@contract/types'
import { datesBetween } from '@domain/booking'
import { isoWeekday } from '@domain/calendar'
import { addDays, cstDate, cstInstant } from '@domain/chinaTime'

export type ViewMode = 'day' | 'week'

export const shiftDate = (date: string, days: number) => cstDate(addDays(cstInstant(date), days))

/** The dates a view shows: the day, or Monday … Sunday of its week. */
export function viewRange(mode: ViewMode, date: string): { from: string; to: string } {
  if (mode === 'day') return { from: date, to: date }
  const monday = shiftDate(date, 1 - isoWeekday(date))
  return { from: monday, to: shiftDate(monday, 6) }
}

/** Who a booking is with: the worker of its slot, else the service's worker, else the service (a room). */
export const workerOf = (b: Pick<Booking, 'service' | 'worker'>) => b.worker?.name ?? b.service.workerName ?? b.service.name

export interface DayGroup {
  date: string
  workers: { worker: string; bookings: Booking[] }[]
  count: number
}

/** Bookings by day (every date of the range, empty ones too) and, within a day, by worker; cancelled ones last. */
export function groupBookings(items: readonly Booking[], from: string, to: string): DayGroup[] {
  return datesBetween(from, to).map((date) => {
    const ofDay = items.filter((b) => cstDate(new Date(b.startsAt)) === date).sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    const workers = new Map<string, Booking[]>()
    for (const booking of ofDay) workers.set(workerOf(booking), [...(workers.get(workerOf(booking)) ?? []), booking])
    const order = (b: Booking) => (b.status === 'cancelled' ? 1 : 0)
    return {
      date,
      count: ofDay.filter((b) => b.status !== 'cancelled').length,
      workers: [...workers.entries()].map(([worker, bookings]) => ({
        worker,
        bookings: bookings.sort((a, b) => order(a) - order(b) || a.startsAt.localeCompare(b.startsAt)),
      })),
    }
  })
}
