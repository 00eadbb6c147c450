/**
 * 趋势图 on the supervisors' report (weapp build): the four charts, each with
 * its words and its table (what a screen reader and 长辈模式 read), for the
 * report's own period and drill-down; a clear empty state for a new station;
 * no empty canvas for a chart with nothing to draw. The canvas itself is not
 * drawn here (the harness has no canvas 2d node): the e2e test sees it in h5.
 */
import type { ReportTrends } from '../../contract/types'
import { findByClass, mountPage, type MountedPage, type MountOptions } from './harness'
import { NOW } from './activity-fixtures'
import { XIANJIN } from './fixtures'
import { REPORT, SUPERVISOR_LOGGED_IN } from './rating-fixtures'
import { TRENDS, TRENDS_EMPTY, TRENDS_UNRATED } from './report-fixtures'

const REPORT_PAGE = 'packages/workbench/report/index'

const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n))
/** A chart's table as rows of cell texts, its header first. */
const tableOf = (page: MountedPage, chart: string) =>
  findByClass(page.get(`report-chart--${chart}`), 'report-chart__row').map((row) =>
    findByClass(row, 'report-chart__cell').map((cell) => page.text(cell)),
  )

async function open(trends: ReportTrends, extra: MountOptions = {}, query: Record<string, string> = {}) {
  const routes = { 'GET /api/staff/reports/stations': REPORT, 'GET /api/staff/reports/trends': trends }
  const page = await mountPage(REPORT_PAGE, query, { now: NOW, storage: SUPERVISOR_LOGGED_IN, routes, ...extra })
  await page.waitFor(() => page.find('report-chart') || page.find('report-trends__empty'), 'the charts')
  return page
}

for (const elder of [false, true]) {
  describe(elder ? '长辈模式' : '标准模式', () => {
    const mode: MountOptions = { fontSizeSetting: elder ? 22 : 17 }

    test('four charts for the report’s period, each with its words and its table', async () => {
      const page = await open(TRENDS, mode)
      expect(page.get('page-station-report').dom.className.includes('elder')).toBe(elder)
      const trends = page.requests.find((r) => r.path === '/api/staff/reports/trends')!
      expect(trends.query).toEqual({ from: '2026-11-01', to: '2026-11-24' })
      expect(texts(page, 'report-chart__title')).toEqual([
        '每周收到与办结的求助',
        '每周按时受理率',
        '每周满意度（平均星级）',
        '求助类别构成',
      ])
      expect(texts(page, 'report-chart__summary')).toEqual([
        '5 周共收到求助 20 条，办结 17 条；收到最多的是11月9日起的一周（9 条）。',
        '整个时段按时受理率 83%（15/18）；10月26日起的一周 100%，11月16日起的一周 100%。',
        '共 6 条评价；11月2日起的一周平均 4.5 星，11月23日起的一周平均 5.0 星。',
        '共收到求助 20 条，分属 4 个类别；最多的是「养老服务」，8 条（40%）。',
      ])
      // A canvas per chart, and a table per chart: its header, then a row per week (or category).
      expect(page.querySelectorAll('report-chart__canvas')).toHaveLength(4)
      expect(page.querySelectorAll('report-chart__table')).toHaveLength(4)
      expect(tableOf(page, 'volume')).toEqual([
        ['周', '收到', '办结'],
        ['10月26日起', '1', '0'],
        ['11月2日起', '6', '3'],
        ['11月9日起', '9', '7'],
        ['11月16日起', '4', '6'],
        ['11月23日起', '0', '1'],
      ])
      expect(tableOf(page, 'on-time')[2]).toEqual(['11月2日起', '80%', '4/5'])
      expect(tableOf(page, 'satisfaction')[3]).toEqual(['11月9日起', '3.7 星', '3'])
      expect(tableOf(page, 'categories')).toEqual([
        ['类别', '条数', '占比'],
        ['养老服务', '8', '40%'],
        ['社会救助', '6', '30%'],
        ['儿童关爱保护', '4', '20%'],
        ['心理疏导', '2', '10%'],
      ])
      expect(page.consoleErrors).toEqual([])
    })

    test('a new station: one clear empty state, no canvas and no table', async () => {
      const page = await open(TRENDS_EMPTY, mode)
      expect(page.text(page.get('report-trends__empty'))).toContain('这个时段还没有求助和评价，暂无趋势图')
      expect(page.querySelectorAll('report-chart')).toHaveLength(0)
      expect(page.querySelectorAll('report-chart__canvas')).toHaveLength(0)
      expect(page.consoleErrors).toEqual([])
    })
  })
}

test('nothing accepted and nothing rated: those two charts say so in words, without an empty canvas', async () => {
  const page = await open(TRENDS_UNRATED)
  expect(page.querySelectorAll('report-chart')).toHaveLength(4)
  expect(page.querySelectorAll('report-chart__canvas')).toHaveLength(2)
  expect(texts(page, 'report-chart__summary--empty')).toEqual(['这个时段没有受理记录，还算不出按时受理率。', '这个时段还没有居民评价。'])
})

test('drilling down: the charts are the station’s, for the same period', async () => {
  const page = await open(TRENDS, {}, { stationId: XIANJIN.id, from: '2026-11-01', to: '2026-11-24' })
  const trends = page.requests.find((r) => r.path === '/api/staff/reports/trends')!
  expect(trends.query).toEqual({ from: '2026-11-01', to: '2026-11-24', stationId: XIANJIN.id })
})
