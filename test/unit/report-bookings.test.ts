/**
 * 站点服务报表's booking figures (预约服务), with non-zero figures: how the
 * report page reads them (figureCells), the columns it sorts by (预约数,
 * 预约未到场率; a station without attended or no-show bookings last), and the
 * CSV's columns (reportLines), found by their headers.
 */
import type { StationReport, StationReportRow } from '../../contract/types'
import { figureCells, sortRows, SORT_COLUMNS } from '../../src/packages/workbench/report/model'
import { reportLines } from '../../server/repositories/reports'
import { REPORT, REPORT_ROWS } from '../weapp/rating-fixtures'

type Bookings = Pick<StationReport['total'], 'bookingsMade' | 'bookingsAttended' | 'bookingsNoShow' | 'noShowRate' | 'bookingsCancelled'>
const [jinpu, xianjin, minxin] = REPORT_ROWS as [StationReportRow, StationReportRow, StationReportRow]
// 民馨: 12 made, 8 attended, 2 no-shows (2 of 10 that came due: 20%), 2 cancelled; 先进: 5 made, 3 attended, 1 no-show (25%)…
const MINXIN_B: Bookings = { bookingsMade: 12, bookingsAttended: 8, bookingsNoShow: 2, noShowRate: 0.2, bookingsCancelled: 2 }
const XIANJIN_B: Bookings = { bookingsMade: 5, bookingsAttended: 3, bookingsNoShow: 1, noShowRate: 0.25, bookingsCancelled: 1 }
// …and 金普 none come due yet: 3 made and waiting, no rate.
const JINPU_B: Bookings = { bookingsMade: 3, bookingsAttended: 0, bookingsNoShow: 0, noShowRate: null, bookingsCancelled: 0 }
const ROWS: StationReportRow[] = [
  { ...jinpu, ...JINPU_B },
  { ...xianjin, ...XIANJIN_B },
  { ...minxin, ...MINXIN_B },
]
const TOTAL = { ...REPORT.total, bookingsMade: 20, bookingsAttended: 11, bookingsNoShow: 3, noShowRate: 3 / 14, bookingsCancelled: 3 }
const report: StationReport = { ...REPORT, items: ROWS, total: TOTAL }

describe('the report page', () => {
  test('the booking figures as read: 预约数, 预约到场, 预约未到场率 with its counts, 取消预约', () => {
    const cells = figureCells(TOTAL)
    const byKey = Object.fromEntries(cells.map((c) => [c.key, c]))
    expect(['bookings', 'bookings-attended', 'no-show', 'bookings-cancelled'].map((k) => [byKey[k]!.label, byKey[k]!.value])).toEqual([
      ['预约数', '20'],
      ['预约到场', '11'],
      ['预约未到场率', '21%（3/14）'],
      ['取消预约', '3'],
    ])
    // A station with nothing come due yet: no rate, a dash.
    expect(figureCells({ ...TOTAL, ...JINPU_B }).find((c) => c.key === 'no-show')!.value).toBe('—')
  })

  test('sortable by 预约数 and 预约未到场率; a station without a rate last either way', () => {
    expect(SORT_COLUMNS.filter((c) => c.key === 'bookingsMade' || c.key === 'noShowRate').map((c) => c.label)).toEqual([
      '预约数',
      '预约未到场率',
    ])
    const codes = (rows: StationReportRow[]) => rows.map((r) => r.station.code)
    expect(codes(sortRows(ROWS, 'bookingsMade', 'desc'))).toEqual(['DL-JP-XJ-MX', 'DL-JP-XJ', 'DL-JP'])
    expect(codes(sortRows(ROWS, 'bookingsMade', 'asc'))).toEqual(['DL-JP', 'DL-JP-XJ', 'DL-JP-XJ-MX'])
    expect(codes(sortRows(ROWS, 'noShowRate', 'desc'))).toEqual(['DL-JP-XJ', 'DL-JP-XJ-MX', 'DL-JP'])
    expect(codes(sortRows(ROWS, 'noShowRate', 'asc'))).toEqual(['DL-JP-XJ-MX', 'DL-JP-XJ', 'DL-JP'])
  })
})

describe('the CSV export', () => {
  test('预约数, 预约到场, 预约未到场, 未到场率 and 取消预约 per station and in the total', () => {
    const [header, ...lines] = reportLines(report)
    const columns = ['预约数', '预约到场', '预约未到场', '未到场率', '取消预约']
    const at = columns.map((c) => header!.indexOf(c))
    expect(at.every((i) => i >= 0)).toBe(true)
    // In this order, side by side.
    expect(at).toEqual(at.map((_, k) => at[0]! + k))
    const pick = (line: (string | number | null)[]) => at.map((i) => line[i])
    const of = (code: string) => lines.find((l) => l[1] === code)!
    expect(pick(of('DL-JP-XJ-MX'))).toEqual([12, 8, 2, '20%', 2])
    expect(pick(of('DL-JP-XJ'))).toEqual([5, 3, 1, '25%', 1])
    expect(pick(of('DL-JP'))).toEqual([3, 0, 0, '', 0])
    expect(lines.at(-1)![0]).toBe('合计（2026-11-01 至 2026-11-24）')
    expect(pick(lines.at(-1)!)).toEqual([20, 11, 3, '21.4%', 3])
  })
})
