import { useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import { fetchStationReport, stationReportCsvPath } from '@/api/ratings'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { usePageClass } from '@/stores/elder'
import { canDo, useStaffSession } from '@/stores/staffSession'
import { busyProps } from '@/utils/busy'
import { shareCsv } from '../shareCsv'
import { useStaffQuery } from '../useStaffQuery'
import {
  figureCells,
  isDate,
  PERIOD_PRESETS,
  presetOf,
  presetPeriod,
  sortRows,
  SORT_COLUMNS,
  type Figures,
  type Period,
  type PeriodPreset,
  type SortKey,
} from './model'
import { ReportCharts } from './ReportCharts'
import { WorkerFigures } from './WorkerFigures'
import './index.scss'
import '../workbench.scss'

function FigureGrid({ f }: { f: Figures }) {
  return (
    <View className='report-figures'>
      {figureCells(f).map((c) => (
        <View key={c.key} className={`report-figure report-figure--${c.key}`}>
          <Text className='report-figure__label'>{c.label}</Text>
          <Text className={`report-figure__value report-figure__value--${c.key}`}>{c.value}</Text>
        </View>
      ))}
    </View>
  )
}

/** 站点服务报表 (supervisors): each station below them over a period, sortable, with a drill-down per station and 导出 CSV. */
export default function StationReportPage() {
  const pageClass = usePageClass('page-station-report')
  const { params } = useRouter()
  const stationId = params.stationId || undefined
  const token = useStaffSession((s) => s.token)
  const me = useStaffSession((s) => s.me)
  const isSupervisor = canDo(me, 'reports.view')
  const stationName = stationId ? (me?.scope.find((s) => s.id === stationId)?.name ?? '所选站点') : (me?.station.name ?? '本站')

  const initial = useMemo<Period>(
    () => (isDate(params.from) && isDate(params.to) ? { from: params.from, to: params.to } : presetPeriod('thisMonth', new Date())),
    [params.from, params.to],
  )
  const [period, setPeriod] = useState<Period>(initial)
  const [preset, setPreset] = useState<PeriodPreset>(() => presetOf(initial, new Date()))
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'received', dir: 'desc' })
  const [exporting, setExporting] = useState(false)
  const backwards = period.from > period.to
  const query = { ...period, ...(stationId ? { stationId } : {}) }
  const loaded = useStaffQuery(['stationReport', query], () => fetchStationReport(query), { enabled: isSupervisor && !backwards })
  const report = loaded.data ?? null

  if (!token) return <View className={pageClass} />
  if (!isSupervisor) {
    return (
      <View className={pageClass}>
        <EmptyState text='站点服务报表只对督导开放（区县社工总站、市级指导中心的账号）。' />
      </View>
    )
  }

  const change = (p: Period, nextPreset: PeriodPreset) => {
    setPeriod(p)
    setPreset(nextPreset)
  }
  const choosePreset = (value: Exclude<PeriodPreset, 'custom'>) => change(presetPeriod(value, new Date()), value)
  const setDate = (which: 'from' | 'to', date: string) => {
    const p = { ...period, [which]: date }
    change(p, presetOf(p, new Date()))
  }

  const exportCsv = async () => {
    if (exporting) return
    setExporting(true)
    try {
      await shareCsv(stationReportCsvPath(query), `站点服务报表-${stationName}-${period.from}至${period.to}.csv`, '报表')
    } finally {
      setExporting(false)
    }
  }

  const drill = (id: string) =>
    Taro.navigateTo({ url: `/packages/workbench/report/index?stationId=${id}&from=${period.from}&to=${period.to}` })
  const sortIndex = SORT_COLUMNS.findIndex((c) => c.key === sort.key)
  const rows = report ? sortRows(report.items, sort.key, sort.dir) : []

  return (
    <View className={pageClass}>
      <View className='card report-head'>
        <Text className='report-head__title'>
          {stationName}
          {report && report.items.length > 1 ? '及下设站点' : ''}
        </Text>
        <View ariaRole='radiogroup' ariaLabel='统计时段'>
          <View className='report-presets'>
            {PERIOD_PRESETS.map((p) => (
              <View
                key={p.value}
                className={`chip report-preset${preset === p.value ? ' chip--active' : ''}`}
                onClick={() => choosePreset(p.value)}
                ariaRole='radio'
                {...{ 'aria-checked': preset === p.value }}
              >
                {preset === p.value ? '✓ ' : ''}
                {p.label}
              </View>
            ))}
            {preset === 'custom' && <Text className='chip chip--active report-preset report-preset--custom'>✓ 自定义</Text>}
          </View>
        </View>
        <View className='report-dates'>
          <Picker
            className='report-from'
            mode='date'
            value={period.from}
            end={period.to}
            onChange={(e) => setDate('from', String(e.detail.value))}
          >
            <View className='input picker-value' ariaRole='button' ariaLabel={`开始日期：${period.from}，点按选择`}>
              {period.from}
            </View>
          </Picker>
          <Text className='report-dates__to'>至</Text>
          <Picker
            className='report-to'
            mode='date'
            value={period.to}
            start={period.from}
            onChange={(e) => setDate('to', String(e.detail.value))}
          >
            <View className='input picker-value' ariaRole='button' ariaLabel={`结束日期：${period.to}，点按选择`}>
              {period.to}
            </View>
          </Picker>
        </View>
        <Text className='muted'>按北京时间，含起止两天。点按站点查看其下设站点。</Text>
        {stationId && (
          <Button
            className='btn btn-station-ratings'
            onClick={() => Taro.navigateTo({ url: `/packages/workbench/ratings/index?stationId=${stationId}` })}
          >
            查看{stationName}的居民评价
          </Button>
        )}
      </View>

      <View className='report-tools'>
        <Picker
          className='report-sort'
          mode='selector'
          range={SORT_COLUMNS.map((c) => c.label)}
          value={sortIndex}
          onChange={(e) => setSort((s) => ({ ...s, key: SORT_COLUMNS[Number(e.detail.value)]?.key ?? s.key }))}
        >
          <View className='btn report-sort__value' ariaRole='button' ariaLabel={`排序：${SORT_COLUMNS[sortIndex]?.label}，点按更换`}>
            排序：{SORT_COLUMNS[sortIndex]?.label}
          </View>
        </Picker>
        <Button
          className='btn btn-sort-dir'
          onClick={() => setSort((s) => ({ ...s, dir: s.dir === 'desc' ? 'asc' : 'desc' }))}
          ariaLabel={sort.dir === 'desc' ? '当前从高到低，点按改为从低到高' : '当前从低到高，点按改为从高到低'}
        >
          {sort.dir === 'desc' ? '从高到低 ↓' : '从低到高 ↑'}
        </Button>
        <Button className='btn btn-export-report' {...busyProps(exporting)} onClick={() => void exportCsv()}>
          导出 CSV
        </Button>
      </View>

      {backwards && <ErrorState message='开始日期不能晚于结束日期' />}
      {loaded.status === 'error' && <ErrorState message={loaded.error.message} onRetry={loaded.reload} />}
      {loaded.status === 'loading' && !report && <Loading />}
      {loaded.fetching && report && (
        <View className='muted report-updating' ariaRole='status'>
          正在更新…
        </View>
      )}
      {report && (
        <>
          <View className='card report-total'>
            <Text className='report-row__name report-total__name'>合计（{report.items.length} 个站点）</Text>
            <FigureGrid f={report.total} />
          </View>
          <ReportCharts query={query} enabled={isSupervisor && !backwards} />
          <WorkerFigures workers={report.workers} showStation={report.items.length > 1} />
          {rows.map((row) => {
            const self = row.station.id === stationId
            return (
              <View
                key={row.station.id}
                className={`card report-row${self ? ' report-row--self' : ''}`}
                onClick={self ? undefined : () => drill(row.station.id)}
                ariaRole={self ? undefined : 'link'}
              >
                <View className='report-row__head'>
                  <Text className='report-row__name report-row__station'>{row.station.name}</Text>
                  {!self && <Text className='report-row__more'>下钻 ›</Text>}
                </View>
                <FigureGrid f={row} />
              </View>
            )
          })}
          {report.items.length === 0 && <EmptyState text='这个时段没有数据' />}
        </>
      )}
    </View>
  )
}
