import { useMemo } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ReportTrends, StationReportQuery } from '@contract/types'
import { fetchReportTrends } from '@/api/reports'
import { NoBreak } from '@/components/NoBreak'
import { EmptyState, ErrorState } from '@/components/StateView'
import { useElder } from '@/stores/elder'
import { useStaffQuery } from '../useStaffQuery'
import { categoryChart, onTimeChart, satisfactionChart, volumeChart } from './trendCharts'
import { TrendCanvas, type ChartRender } from './TrendCanvas'
import {
  categorySeries,
  categoryText,
  isEmptyTrends,
  onTimeSeries,
  onTimeText,
  satisfactionSeries,
  satisfactionText,
  volumeSeries,
  volumeText,
  type ChartText,
} from './trendSeries'
import './ReportCharts.scss'

interface ChartCardProps {
  name: string
  title: string
  text: ChartText
  /** null: nothing to draw (no acceptance, no rating…): the summary says so, with no empty canvas and no table. */
  chart: { render: ChartRender; data: string; height: number } | null
  elder: boolean
}

/** One picture with its words: a summary sentence and the figures as a small table, for screen readers and for reading. */
function ChartCard({ name, title, text, chart, elder }: ChartCardProps) {
  return (
    <View className={`card report-chart report-chart--${name}`}>
      <Text className='report-chart__title'>{title}</Text>
      {chart && (
        <View className='report-chart__picture' ariaRole='img' ariaLabel={`${title}（图）：${text.summary}`}>
          <TrendCanvas
            render={chart.render}
            data={chart.data}
            elder={elder}
            className='report-chart__canvas'
            height={Taro.pxTransform(elder ? chart.height * 1.25 : chart.height)}
          />
        </View>
      )}
      <NoBreak className={`report-chart__summary${chart ? '' : ' report-chart__summary--empty'}`} text={text.summary} />
      {chart && (
        <View className='report-chart__table' ariaRole='table' ariaLabel={`${title}（数据表）`}>
          <View className='report-chart__row report-chart__row--head' ariaRole='row'>
            {text.head.map((cell) => (
              <View key={cell} className='report-chart__cell' ariaRole='columnheader'>
                {cell}
              </View>
            ))}
          </View>
          {text.rows.map((row) => (
            <View key={row[0]} className='report-chart__row' ariaRole='row'>
              {row.map((cell, i) => (
                <View key={i} className='report-chart__cell' ariaRole={i === 0 ? 'rowheader' : 'cell'}>
                  {cell}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

function Charts({ trends, elder }: { trends: ReportTrends; elder: boolean }) {
  const series = useMemo(
    () => ({
      volume: volumeSeries(trends),
      onTime: onTimeSeries(trends),
      satisfaction: satisfactionSeries(trends),
      categories: categorySeries(trends),
    }),
    [trends],
  )
  if (isEmptyTrends(trends)) {
    return (
      <View className='report-trends__empty'>
        <EmptyState text='这个时段还没有求助和评价，暂无趋势图。站点收到求助后，这里按周画出收到与办结、按时受理率、满意度和求助类别。' />
      </View>
    )
  }
  const drawn = <T,>(points: T[], render: (p: T[]) => ChartRender, height: number) =>
    points.length === 0 ? null : { render: render(points), data: JSON.stringify(points), height }
  const cards: Omit<ChartCardProps, 'elder'>[] = [
    { name: 'volume', title: '每周收到与办结的求助', text: volumeText(trends), chart: drawn(series.volume, volumeChart, 440) },
    { name: 'on-time', title: '每周按时受理率', text: onTimeText(trends), chart: drawn(series.onTime, onTimeChart, 400) },
    {
      name: 'satisfaction',
      title: '每周满意度（平均星级）',
      text: satisfactionText(trends),
      chart: drawn(series.satisfaction, satisfactionChart, 400),
    },
    {
      name: 'categories',
      title: '求助类别构成',
      text: categoryText(trends),
      chart: drawn(series.categories, categoryChart, 120 + 64 * series.categories.length),
    },
  ]
  return (
    <View className='report-charts wb-grid'>
      {cards.map((card) => (
        <ChartCard key={card.name} {...card} elder={elder} />
      ))}
    </View>
  )
}

/** 趋势图: the report's pictures for the same period and scope as its figures (issue 16, item 8). */
export function ReportCharts({ query, enabled }: { query: StationReportQuery; enabled: boolean }) {
  const elder = useElder((s) => s.enabled)
  const loaded = useStaffQuery(['reportTrends', query], () => fetchReportTrends(query), { enabled })
  return (
    <View className='report-trends'>
      <Text className='report-trends__title'>趋势图</Text>
      {loaded.status === 'error' && <ErrorState message={loaded.error.message} onRetry={loaded.reload} />}
      {loaded.data && <Charts trends={loaded.data} elder={elder} />}
    </View>
  )
}
