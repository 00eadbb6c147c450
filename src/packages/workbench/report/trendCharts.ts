/**
 * The four pictures of the supervisors' report as F2 (@antv/f2) charts, from the series of
 * trendSeries.ts. Written with F2's createElement, not JSX (the app's JSX is React's).
 * Colours are the design tokens' (src/styles/tokens.scss): a canvas cannot read CSS variables.
 */
import { Axis, Chart, createElement, Interval, Legend, Line, Point, type JSX } from '@antv/f2'
import type { ChartRender } from './TrendCanvas'
import { countScale, type CategoryPoint, type SharePoint, type StarsPoint, type VolumePoint } from './trendSeries'

/** F2's createElement, loosely typed: its own typing expects JSX (each component's props are checked there, not here). */
const element = createElement as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => JSX.Element

const PRIMARY = '#0a7d5a'
const SECOND = '#8a4600'
const TEXT = '#1f2329'
const GRID = '#d5dade'

/** Axis labels in the page's type; at most `ticks` week labels, so they never run together. */
function axes(x: string, y: string, fontSize: number, yFormat?: (v: number) => string) {
  const label = { fontSize, fill: TEXT }
  return [
    element(Axis, { field: x, style: { label } }),
    element(Axis, { field: y, style: { label, grid: { stroke: GRID } }, ...(yFormat ? { formatter: yFormat } : {}) }),
  ]
}

/**
 * Room around the plot, in the type's size: the top label sits on the plot's edge (half of it above), the last
 * week's label reaches past the right edge. F2's own padding is in design units and came out too small in 长辈模式.
 */
const frame = (fontSize: number) => ({ padding: [fontSize * 0.75, fontSize, fontSize * 0.5, fontSize * 0.5] })

/** As many week labels as fit: about one per 4 characters of the type, never more than the weeks. */
const weekTicks = (width: number, fontSize: number, weeks: number) => Math.max(2, Math.min(weeks, Math.floor(width / (fontSize * 4))))

export const volumeChart =
  (data: VolumePoint[]): ChartRender =>
  ({ width, fontSize }) =>
    element(
      Chart,
      {
        data,
        style: frame(fontSize),
        scale: { week: { tickCount: weekTicks(width, fontSize, data.length / 2) }, count: countScale(data.map((d) => d.count)) },
      },
      element(Legend, {
        position: 'top',
        layoutMode: 'adaptive',
        marker: 'square',
        clickable: false,
        style: { justifyContent: 'flex-start' },
        itemStyle: { paddingRight: fontSize * 1.5 },
        nameStyle: { fontSize, fill: TEXT },
      }),
      ...axes('week', 'count', fontSize),
      element(Interval, { x: 'week', y: 'count', color: { field: 'kind', range: [PRIMARY, SECOND] }, adjust: 'dodge' }),
    )

export const onTimeChart =
  (data: SharePoint[]): ChartRender =>
  ({ width, fontSize }) =>
    element(
      Chart,
      {
        data,
        style: frame(fontSize),
        scale: { week: { tickCount: weekTicks(width, fontSize, data.length) }, percent: { min: 0, max: 100, tickCount: 5 } },
      },
      ...axes('week', 'percent', fontSize, (v) => `${v}%`),
      element(Line, { x: 'week', y: 'percent', color: PRIMARY, style: { lineWidth: 3 } }),
      element(Point, { x: 'week', y: 'percent', color: PRIMARY, size: 4 }),
    )

export const satisfactionChart =
  (data: StarsPoint[]): ChartRender =>
  ({ width, fontSize }) =>
    element(
      Chart,
      {
        data,
        style: frame(fontSize),
        scale: { week: { tickCount: weekTicks(width, fontSize, data.length) }, stars: { min: 1, max: 5, tickCount: 5 } },
      },
      ...axes('week', 'stars', fontSize, (v) => `${v} 星`),
      element(Line, { x: 'week', y: 'stars', color: SECOND, style: { lineWidth: 3 } }),
      element(Point, { x: 'week', y: 'stars', color: SECOND, size: 4 }),
    )

/** Categories as horizontal bars, the largest on top (a category's name reads across, never turned). */
export const categoryChart =
  (data: CategoryPoint[]): ChartRender =>
  ({ fontSize }) =>
    element(
      Chart,
      {
        data: [...data].reverse(),
        style: frame(fontSize),
        coord: { transposed: true },
        scale: { count: countScale(data.map((d) => d.count)) },
      },
      ...axes('category', 'count', fontSize),
      element(Interval, { x: 'category', y: 'count', color: PRIMARY }),
    )
