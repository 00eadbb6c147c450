/**
 * The station report's periods and columns, pure (no Taro): the presets as
 * China Standard Time dates, and sorting rows by a column with empty figures
 * last whichever the direction.
 */
import type { StationReport, StationReportRow } from '@contract/types'
import { cstDate } from '@domain/chinaTime'
import { formatMinutes, formatShare, roundStars } from '@domain/ratings'
import dayjs from '@/utils/dayjs'

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'last30' | 'custom'
export const PERIOD_PRESETS: { value: Exclude<PeriodPreset, 'custom'>; label: string }[] = [
  { value: 'thisMonth', label: '本月' },
  { value: 'lastMonth', label: '上月' },
  { value: 'last30', label: '近 30 天' },
]

export interface Period {
  from: string
  to: string
}

/** from/to (YYYY-MM-DD, China Standard Time, both days included) of a preset on the day `now` falls on in Beijing. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now: Date): Period {
  const today = cstDate(now)
  // A calendar date parsed as such: only date arithmetic, so the phone's own time zone does not matter.
  const t = dayjs(today)
  const day = (d: ReturnType<typeof dayjs>) => d.format('YYYY-MM-DD')
  if (preset === 'thisMonth') return { from: day(t.startOf('month')), to: today }
  if (preset === 'lastMonth') {
    const m = t.startOf('month').subtract(1, 'month')
    return { from: day(m), to: day(m.endOf('month')) }
  }
  return { from: day(t.subtract(29, 'day')), to: today }
}

/** Which preset a period is (a drill-down inherits its parent's period), else 'custom'. */
export function presetOf(p: Period, now: Date): PeriodPreset {
  return (
    PERIOD_PRESETS.find((x) => {
      const q = presetPeriod(x.value, now)
      return q.from === p.from && q.to === p.to
    })?.value ?? 'custom'
  )
}

export const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s)

export type Figures = StationReport['total']

export type SortKey =
  | 'name'
  | 'received'
  | 'onTimeRate'
  | 'medianAcceptMinutes'
  | 'medianResolveMinutes'
  | 'overdue'
  | 'escalations'
  | 'averageStars'
  | 'resolvedShare'
  | 'activitiesHeld'
  | 'attendanceRate'
  | 'bookingsMade'
  | 'noShowRate'

export const SORT_COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: '站点名称' },
  { key: 'received', label: '收到求助' },
  { key: 'onTimeRate', label: '按时受理率' },
  { key: 'medianAcceptMinutes', label: '受理中位时长' },
  { key: 'medianResolveMinutes', label: '办结中位时长' },
  { key: 'overdue', label: '超时' },
  { key: 'escalations', label: '升级' },
  { key: 'averageStars', label: '满意度' },
  { key: 'resolvedShare', label: '已解决比例' },
  { key: 'activitiesHeld', label: '活动场次' },
  { key: 'attendanceRate', label: '出勤率' },
  { key: 'bookingsMade', label: '预约数' },
  { key: 'noShowRate', label: '预约未到场率' },
]

const byName = (a: StationReportRow, b: StationReportRow) => a.station.name.localeCompare(b.station.name, 'zh-Hans-CN')

/** Rows sorted by a column; rows without a figure (—) always last; ties by name. */
export function sortRows(rows: readonly StationReportRow[], key: SortKey, dir: 'asc' | 'desc'): StationReportRow[] {
  const sign = dir === 'asc' ? 1 : -1
  if (key === 'name') return [...rows].sort((a, b) => sign * byName(a, b))
  return [...rows].sort((a, b) => {
    const x = a[key]
    const y = b[key]
    if (x === null && y === null) return byName(a, b)
    if (x === null) return 1
    if (y === null) return -1
    return x === y ? byName(a, b) : sign * (x - y)
  })
}

/** The figures as a supervisor reads them, in order: label, value, and a class name for each. */
export function figureCells(f: Figures): { key: string; label: string; value: string }[] {
  return [
    { key: 'received', label: '收到求助', value: `${f.received}` },
    {
      key: 'on-time',
      label: '按时受理率',
      value: f.onTimeRate === null ? '—' : `${formatShare(f.onTimeRate)}（${f.acceptedOnTime}/${f.accepted}）`,
    },
    { key: 'accept-time', label: '受理中位时长', value: formatMinutes(f.medianAcceptMinutes) },
    { key: 'resolve-time', label: '办结中位时长', value: formatMinutes(f.medianResolveMinutes) },
    { key: 'resolved', label: '办结', value: `${f.resolved}` },
    {
      key: 'resolved-on-time',
      label: '按时办结率',
      value: f.resolvedOnTimeRate === null ? '—' : `${formatShare(f.resolvedOnTimeRate)}（${f.resolvedOnTime}/${f.resolvedTimed}）`,
    },
    { key: 'overdue', label: '超时', value: `${f.overdue}` },
    { key: 'escalations', label: '升级', value: `${f.escalations}` },
    {
      key: 'stars',
      label: '满意度',
      value: f.averageStars === null ? `—（${f.ratings} 条评价）` : `${roundStars(f.averageStars).toFixed(1)} 星（${f.ratings} 条评价）`,
    },
    { key: 'resolved-share', label: '评价“已解决”', value: formatShare(f.resolvedShare) },
    { key: 'activities', label: '活动场次', value: `${f.activitiesHeld}` },
    {
      key: 'attendance',
      label: '出勤率',
      value: f.attendanceRate === null ? '—' : `${formatShare(f.attendanceRate)}（${f.attended}/${f.expectedAttendance}）`,
    },
    { key: 'bookings', label: '预约数', value: `${f.bookingsMade}` },
    { key: 'bookings-attended', label: '预约到场', value: `${f.bookingsAttended}` },
    {
      key: 'no-show',
      label: '预约未到场率',
      value: f.noShowRate === null ? '—' : `${formatShare(f.noShowRate)}（${f.bookingsNoShow}/${f.bookingsAttended + f.bookingsNoShow}）`,
    },
    { key: 'bookings-cancelled', label: '取消预约', value: `${f.bookingsCancelled}` },
    {
      key: 'follow-up',
      label: '回访比例',
      value: f.followUpShare === null ? '—' : `${formatShare(f.followUpShare)}（${f.followedUp}/${f.resolved}）`,
    },
    {
      key: 'follow-up-satisfaction',
      label: '回访满意率',
      value: f.followUpSatisfaction === null ? '—' : `${formatShare(f.followUpSatisfaction)}（${f.followUpSatisfied}/${f.followedUp}）`,
    },
  ]
}
