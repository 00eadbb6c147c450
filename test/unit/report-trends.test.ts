/**
 * The supervisors' report's pictures, pure parts: what each chart draws from
 * GET /api/staff/reports/trends, and the same figures in words and as a table.
 */
import {
  categorySeries,
  categoryText,
  countScale,
  isEmptyTrends,
  onTimeSeries,
  onTimeText,
  satisfactionSeries,
  satisfactionText,
  volumeSeries,
  volumeText,
  weekAxisLabel,
  weekWords,
} from '@/packages/workbench/report/trendSeries'
import { TRENDS, TRENDS_EMPTY, TRENDS_UNRATED } from '../weapp/report-fixtures'

test('a week is named by its Monday: 「10/26」 on an axis, 「10月26日起」 in words', () => {
  expect(weekAxisLabel('2026-10-26')).toBe('10/26')
  expect(weekAxisLabel('2027-03-01')).toBe('3/1')
  expect(weekWords('2027-03-01')).toBe('3月1日起')
})

describe('count axes', () => {
  test('whole steps only, at most four, the top at or above the largest count (one request is not drawn on 0, 0.4, 0.8, 1.2)', () => {
    expect(countScale([1, 0])).toEqual({ min: 0, max: 1, tickInterval: 1 })
    expect(countScale([])).toEqual({ min: 0, max: 1, tickInterval: 1 })
    expect(countScale([7, 2])).toEqual({ min: 0, max: 9, tickInterval: 3 })
    expect(countScale([12])).toEqual({ min: 0, max: 12, tickInterval: 4 })
    for (let top = 1; top <= 200; top++) {
      const { max, tickInterval } = countScale([top])
      expect(Number.isInteger(tickInterval) && max >= top && max / tickInterval <= 4).toBe(true)
    }
  })
})

describe('received and resolved per week', () => {
  test('two bars a week, every week, an empty week as 0', () => {
    const s = volumeSeries(TRENDS)
    expect(s).toHaveLength(10)
    expect(s.slice(0, 4)).toEqual([
      { week: '10/26', kind: '收到', count: 1 },
      { week: '10/26', kind: '办结', count: 0 },
      { week: '11/2', kind: '收到', count: 6 },
      { week: '11/2', kind: '办结', count: 3 },
    ])
    expect(s[8]).toEqual({ week: '11/23', kind: '收到', count: 0 })
  })
  test('in words: the totals and the busiest week; the table has a row per week', () => {
    const t = volumeText(TRENDS)
    expect(t.summary).toBe('5 周共收到求助 20 条，办结 17 条；收到最多的是11月9日起的一周（9 条）。')
    expect(t.head).toEqual(['周', '收到', '办结'])
    expect(t.rows).toEqual([
      ['10月26日起', '1', '0'],
      ['11月2日起', '6', '3'],
      ['11月9日起', '9', '7'],
      ['11月16日起', '4', '6'],
      ['11月23日起', '0', '1'],
    ])
  })
  test('the earliest of equally busy weeks is named', () => {
    const tie = { ...TRENDS, weeks: TRENDS.weeks.map((w) => ({ ...w, received: 3 })) }
    expect(volumeText(tie).summary).toContain('收到最多的是10月26日起的一周（3 条）')
  })
})

describe('accepted within target', () => {
  test('a point per week that accepted anything, in whole percent; a week without acceptances is left out, not 0%', () => {
    expect(onTimeSeries(TRENDS)).toEqual([
      { week: '10/26', percent: 100 },
      { week: '11/2', percent: 80 },
      { week: '11/9', percent: 75 },
      { week: '11/16', percent: 100 },
    ])
  })
  test('in words: the whole period, then the first and the last week measured; the table says — for the empty week', () => {
    const t = onTimeText(TRENDS)
    expect(t.summary).toBe('整个时段按时受理率 83%（15/18）；10月26日起的一周 100%，11月16日起的一周 100%。')
    expect(t.rows[1]).toEqual(['11月2日起', '80%', '4/5'])
    expect(t.rows[4]).toEqual(['11月23日起', '—', '0/0'])
  })
  test('nothing accepted: nothing to draw, and the words say why', () => {
    expect(onTimeSeries(TRENDS_UNRATED)).toEqual([])
    expect(onTimeText(TRENDS_UNRATED).summary).toBe('这个时段没有受理记录，还算不出按时受理率。')
  })
})

describe('satisfaction over time', () => {
  test('average stars per rated week', () => {
    expect(satisfactionSeries(TRENDS)).toEqual([
      { week: '11/2', stars: 4.5 },
      { week: '11/9', stars: 3.7 },
      { week: '11/23', stars: 5 },
    ])
  })
  test('in words and as a table', () => {
    const t = satisfactionText(TRENDS)
    expect(t.summary).toBe('共 6 条评价；11月2日起的一周平均 4.5 星，11月23日起的一周平均 5.0 星。')
    expect(t.rows.map((r) => r[1])).toEqual(['—', '4.5 星', '3.7 星', '—', '5.0 星'])
  })
  test('one rated week: its average; none: said so', () => {
    const one = { ...TRENDS, weeks: TRENDS.weeks.map((w) => (w.weekStart === '2026-11-09' ? w : { ...w, ratings: 0, averageStars: null })) }
    expect(satisfactionText(one).summary).toBe('共 3 条评价，平均 3.7 星。')
    expect(satisfactionSeries(TRENDS_UNRATED)).toEqual([])
    expect(satisfactionText(TRENDS_UNRATED).summary).toBe('这个时段还没有居民评价。')
  })
})

describe('the mix of categories', () => {
  test('named as residents read them, most first', () => {
    const shuffled = { ...TRENDS, categories: [...TRENDS.categories].reverse() }
    expect(categorySeries(shuffled)).toEqual([
      { category: '养老服务', count: 8 },
      { category: '社会救助', count: 6 },
      { category: '儿童关爱保护', count: 4 },
      { category: '心理疏导', count: 2 },
    ])
  })
  test('in words: the total, how many categories and the largest with its share; the table with shares', () => {
    const t = categoryText(TRENDS)
    expect(t.summary).toBe('共收到求助 20 条，分属 4 个类别；最多的是「养老服务」，8 条（40%）。')
    expect(t.rows).toEqual([
      ['养老服务', '8', '40%'],
      ['社会救助', '6', '30%'],
      ['儿童关爱保护', '4', '20%'],
      ['心理疏导', '2', '10%'],
    ])
  })
})

test('a new station: nothing in the period is an empty report (one clear empty state, no blank canvas)', () => {
  expect(isEmptyTrends(TRENDS_EMPTY)).toBe(true)
  expect(isEmptyTrends(TRENDS)).toBe(false)
  expect(isEmptyTrends(TRENDS_UNRATED)).toBe(false)
  // Only a rating in the period is still something to show.
  expect(isEmptyTrends({ ...TRENDS_EMPTY, weeks: [{ ...TRENDS_EMPTY.weeks[0]!, ratings: 1, averageStars: 4 }] })).toBe(false)
  expect(categoryText(TRENDS_EMPTY).summary).toBe('这个时段没有收到求助。')
  expect(volumeText(TRENDS_EMPTY).summary).toBe('5 周共收到求助 0 条，办结 0 条。')
})
