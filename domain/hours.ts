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

const WEEKDAY_NUMBER = new Map(WEEKDAY_NAMES.map((n, i) => [n, i] as const).filter(([n]) => n))
const RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–—~～至]\s*([01]\d|2[0-4]):([0-5]\d)$/

/** The weekdays of "周一至周五", "周六", "周一、周三", "每天"; null when it is none of these. */
function parseWeekdays(text: string): number[] | null {
  if (text === '每天') return [1, 2, 3, 4, 5, 6, 7]
  const days: number[] = []
  for (const part of text.split('、')) {
    const [from, to, ...rest] = part.split('至')
    const first = WEEKDAY_NUMBER.get(from ?? '')
    const last = to === undefined ? first : WEEKDAY_NUMBER.get(to)
    if (first === undefined || last === undefined || rest.length > 0 || last < first) return null
    for (let day = first; day <= last; day++) if (!days.includes(day)) days.push(day)
  }
  return days.sort((x, y) => x - y)
}

/**
 * The inverse of formatOpeningHours, for the stations' spreadsheet:
 * "周一至周五 08:30-11:30、13:30-17:30；周六 09:00-12:00" → one entry per range.
 * Null when the text is not in that form (or a range closes before it opens).
 */
export function parseOpeningHours(text: string): OpeningHours[] | null {
  const out: OpeningHours[] = []
  for (const group of text
    .split(/[；;\n]/)
    .map((g) => g.trim())
    .filter(Boolean)) {
    const match = /^(\S+)\s+(.+)$/.exec(group)
    const weekdays = match ? parseWeekdays(match[1]!) : null
    if (!match || !weekdays) return null
    for (const range of match[2]!.split(/[、，,]/).map((r) => r.trim())) {
      const parts = RANGE.exec(range)
      if (!parts) return null
      const open = `${parts[1]}:${parts[2]}`
      const close = `${parts[3]}:${parts[4]}`
      if (close <= open) return null
      out.push({ weekdays: [...weekdays], open, close })
    }
  }
  return out
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * A station's special days in words, consecutive days with the same reason and
 * hours together: 「10月1日至10月7日 国庆节休息」, 「9月28日 国庆节调休上班 08:30-11:30、13:30-17:30」.
 */
export function describeSpecialDays(
  days: readonly { date: string; hours: { open: string; close: string }[]; note: string | null }[],
): string[] {
  const out: { from: string; to: string; note: string; hours: string }[] = []
  for (const day of days) {
    const hours = day.hours.map((h) => `${h.open}-${h.close}`).join('、')
    const last = out[out.length - 1]
    if (last && last.note === (day.note ?? '') && last.hours === hours && nextDate(last.to) === day.date) last.to = day.date
    else out.push({ from: day.date, to: day.date, note: day.note ?? '', hours })
  }
  return out.map((g) =>
    `${monthDay(g.from)}${g.to !== g.from ? `至${monthDay(g.to)}` : ''} ${g.note}${g.hours ? ` ${g.hours}` : '（休息）'}`.replace(
      '休息（休息）',
      '休息',
    ),
  )
}
