/**
 * The days ahead that differ from a station's weekly hours — public holidays,
 * 调休 working days (China's calendar, ctx.calendar) and the station's own
 * exceptions — attached to the stations residents see, so the app's
 * 开放中 / 已休息 follows them (domain/calendar isOpenAtWith).
 */
import { specialDaysAhead, type DayHours } from '../../domain/calendar'
import { cstDate } from '../../domain/chinaTime'
import type { OpeningHours } from '../../contract/types'
import type { AppContext } from '../context'
import { stationExceptions } from './calendar'

/** How far ahead: two weeks cover 春节 and 国庆 from their eve. */
export const SPECIAL_DAYS_AHEAD = 14

export async function withSpecialDays<T extends { id: string; openingHours: OpeningHours[] }>(
  ctx: AppContext,
  stations: readonly T[],
): Promise<(T & { specialDays: DayHours[] })[]> {
  if (stations.length === 0) return []
  const now = ctx.clock()
  const exceptions = await stationExceptions(
    ctx.db,
    stations.map((s) => s.id),
    cstDate(now),
  )
  return stations.map((s) => ({
    ...s,
    specialDays: specialDaysAhead(now, SPECIAL_DAYS_AHEAD, s.openingHours, ctx.calendar, exceptions.get(s.id) ?? []),
  }))
}
