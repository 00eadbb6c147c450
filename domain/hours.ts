/** Opening hours, evaluated in China Standard Time (UTC+8, no daylight saving). */
import type { OpeningHours } from '../contract/types'
import { cstMinutesOfDay, cstWeekday } from './chinaTime'

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export function isOpenAt(hours: OpeningHours[], date: Date): boolean {
  const weekday = cstWeekday(date)
  const minutes = cstMinutesOfDay(date)
  return hours.some((h) => h.weekdays.includes(weekday) && minutes >= toMinutes(h.open) && minutes < toMinutes(h.close))
}

/** "周一至周五" / "周六" / "周一、周三、周五" */
export function formatWeekdays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return '每天'
  const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1)
  if (consecutive && sorted.length >= 3) return `${WEEKDAY_NAMES[sorted[0]!]}至${WEEKDAY_NAMES[sorted[sorted.length - 1]!]}`
  return sorted.map((d) => WEEKDAY_NAMES[d]).join('、')
}

/** Groups ranges by their weekdays: "周一至周五 08:30-11:30、13:30-17:30；周六 09:00-12:00". */
export function formatOpeningHours(hours: OpeningHours[]): string {
  if (hours.length === 0) return '开放时间请电话咨询'
  const groups = new Map<string, { days: number[]; ranges: string[] }>()
  for (const h of hours) {
    const key = [...h.weekdays].sort((a, b) => a - b).join(',')
    const g = groups.get(key) ?? { days: h.weekdays, ranges: [] }
    g.ranges.push(`${h.open}-${h.close}`)
    groups.set(key, g)
  }
  return [...groups.values()].map((g) => `${formatWeekdays(g.days)} ${g.ranges.join('、')}`).join('；')
}
