/**
 * The report's pictures, pure (no Taro, no chart library): what each chart
 * draws (its series), and the same figures in words and as a small table for
 * whoever cannot see the chart (a screen reader, 长辈模式, a phone in the sun).
 * The charts and their tables are built from these, so they never disagree.
 */
import type { ReportTrends } from '@contract/types'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { formatShare } from '@domain/ratings'

type Week = ReportTrends['weeks'][number]

/** A week on an axis: its Monday as 「11/3」 (China time; the first week may start before the period). */
export const weekAxisLabel = (weekStart: string) => `${Number(weekStart.slice(5, 7))}/${Number(weekStart.slice(8, 10))}`

/** A week in a sentence or a table: 「11月3日起」. */
export const weekWords = (weekStart: string) => `${Number(weekStart.slice(5, 7))}月${Number(weekStart.slice(8, 10))}日起`

export type Kind = '收到' | '办结'
export interface VolumePoint {
  week: string
  kind: Kind
  count: number
}
export interface SharePoint {
  week: string
  /** Percent, 0–100, whole numbers as the tables say them. */
  percent: number
}
export interface StarsPoint {
  week: string
  stars: number
}
export interface CategoryPoint {
  category: string
  count: number
}

/** A chart's words: a summary sentence and a table (a header and rows of cells), both in 简体中文. */
export interface ChartText {
  summary: string
  head: string[]
  rows: string[][]
}

/** Nothing happened in the period: no request received or resolved, nothing accepted, no rating. */
export function isEmptyTrends(t: ReportTrends): boolean {
  return t.categories.length === 0 && t.weeks.every((w) => w.received === 0 && w.resolved === 0 && w.accepted === 0 && w.ratings === 0)
}

/** Requests received and resolved per week, side by side: two bars a week, every week (0 included). */
export function volumeSeries(t: ReportTrends): VolumePoint[] {
  return t.weeks.flatMap((w) => [
    { week: weekAxisLabel(w.weekStart), kind: '收到' as const, count: w.received },
    { week: weekAxisLabel(w.weekStart), kind: '办结' as const, count: w.resolved },
  ])
}

/** The share accepted within target, per week that accepted anything (a week without acceptances has no share, not 0%). */
export function onTimeSeries(t: ReportTrends): SharePoint[] {
  return t.weeks.flatMap((w) =>
    w.onTimeRate === null ? [] : [{ week: weekAxisLabel(w.weekStart), percent: Math.round(w.onTimeRate * 100) }],
  )
}

/** Average stars per week that was rated. */
export function satisfactionSeries(t: ReportTrends): StarsPoint[] {
  return t.weeks.flatMap((w) => (w.averageStars === null ? [] : [{ week: weekAxisLabel(w.weekStart), stars: w.averageStars }]))
}

/** Requests received by category, most first, named as residents read them. */
export function categorySeries(t: ReportTrends): CategoryPoint[] {
  return [...t.categories].sort((a, b) => b.count - a.count).map((c) => ({ category: SERVICE_CATEGORY_LABELS[c.category], count: c.count }))
}

const sum = (weeks: readonly Week[], pick: (w: Week) => number) => weeks.reduce((s, w) => s + pick(w), 0)

/** The week with the most of something (the earliest of equals), or null when every week has none. */
function busiest(weeks: readonly Week[], pick: (w: Week) => number): Week | null {
  return weeks.reduce<Week | null>((best, w) => (pick(w) > (best ? pick(best) : 0) ? w : best), null)
}

export function volumeText(t: ReportTrends): ChartText {
  const received = sum(t.weeks, (w) => w.received)
  const resolved = sum(t.weeks, (w) => w.resolved)
  const peak = busiest(t.weeks, (w) => w.received)
  return {
    summary:
      `${t.weeks.length} 周共收到求助 ${received} 条，办结 ${resolved} 条` +
      (peak ? `；收到最多的是${weekWords(peak.weekStart)}的一周（${peak.received} 条）。` : '。'),
    head: ['周', '收到', '办结'],
    rows: t.weeks.map((w) => [weekWords(w.weekStart), `${w.received}`, `${w.resolved}`]),
  }
}

/**
 * How a figure went over the period, in words: 「；3月1日起的一周 80%，3月22日起的一周 95%。」 from the first week
 * measured to the last; one week measured: `one` of it; none: just the full stop.
 */
function firstToLast(measured: readonly Week[], say: (w: Week) => string, one: (w: Week) => string = () => '。'): string {
  const first = measured[0]
  const last = measured[measured.length - 1]
  if (!first || !last) return '。'
  if (first === last) return one(first)
  return `；${weekWords(first.weekStart)}的一周${say(first)}，${weekWords(last.weekStart)}的一周${say(last)}。`
}

export function onTimeText(t: ReportTrends): ChartText {
  const accepted = sum(t.weeks, (w) => w.accepted)
  const onTime = sum(t.weeks, (w) => w.acceptedOnTime)
  const measured = t.weeks.filter((w) => w.onTimeRate !== null)
  return {
    summary:
      accepted === 0
        ? '这个时段没有受理记录，还算不出按时受理率。'
        : `整个时段按时受理率 ${formatShare(onTime / accepted)}（${onTime}/${accepted}）` +
          firstToLast(measured, (w) => ` ${formatShare(w.onTimeRate)}`),
    head: ['周', '按时受理率', '按时/受理'],
    rows: t.weeks.map((w) => [weekWords(w.weekStart), formatShare(w.onTimeRate), `${w.acceptedOnTime}/${w.accepted}`]),
  }
}

export function satisfactionText(t: ReportTrends): ChartText {
  const ratings = sum(t.weeks, (w) => w.ratings)
  const stars = (w: Week) => `${(w.averageStars ?? 0).toFixed(1)} 星`
  const rated = t.weeks.filter((w) => w.averageStars !== null)
  return {
    summary:
      ratings === 0
        ? '这个时段还没有居民评价。'
        : `共 ${ratings} 条评价` +
          firstToLast(
            rated,
            (w) => `平均 ${stars(w)}`,
            (w) => `，平均 ${stars(w)}。`,
          ),
    head: ['周', '平均星级', '评价条数'],
    rows: t.weeks.map((w) => [weekWords(w.weekStart), w.averageStars === null ? '—' : stars(w), `${w.ratings}`]),
  }
}

export function categoryText(t: ReportTrends): ChartText {
  const points = categorySeries(t)
  const total = points.reduce((s, c) => s + c.count, 0)
  const share = (n: number) => formatShare(total > 0 ? n / total : null)
  const top = points[0]
  return {
    summary:
      top === undefined
        ? '这个时段没有收到求助。'
        : `共收到求助 ${total} 条，分属 ${points.length} 个类别；最多的是「${top.category}」，${top.count} 条（${share(top.count)}）。`,
    head: ['类别', '条数', '占比'],
    rows: points.map((c) => [c.category, `${c.count}`, share(c.count)]),
  }
}

/** A count axis: whole steps (never 「0.4 条」), at most four of them, the top one at or above the largest count. */
export function countScale(counts: readonly number[]): { min: number; max: number; tickInterval: number } {
  const top = Math.max(1, ...counts)
  const step = Math.ceil(top / 3)
  return { min: 0, max: step * Math.ceil(top / step), tickInterval: step }
}
