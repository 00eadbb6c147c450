/**
 * The mini-program's side of ratings, pure parts: when a request or an
 * enrollment can be rated (or its rating changed), the body sent, and the
 * supervisors' report periods (China Standard Time) and sorting.
 */
import { enrollmentTarget, requestTarget, toRatingBody, validateRating } from '@/packages/rating/new/useRatingForm'
import { figureCells, presetOf, presetPeriod, sortRows } from '@/packages/workbench/report/model'
import { emptyRatingDraft } from '@/stores/ratingDraft'
import { RESOLVED_DETAIL, WAITING_DETAIL } from '../weapp/request-fixtures'
import { MOTHER_WAITLISTED } from '../weapp/activity-fixtures'
import { GIVEN_RATING, RATED_DETAIL, REPORT, REPORT_ROWS, reopenedBy, SON_ATTENDED, SON_RATED } from '../weapp/rating-fixtures'

const NOW = new Date('2026-11-24T02:00:00.000Z')

describe('what can be rated', () => {
  test('a resolved request, due: a new rating', () => {
    expect(requestTarget(RESOLVED_DETAIL, NOW)).toMatchObject({ subject: 'request', title: '社会救助', editing: null, refusal: null })
  })
  test('rated within 7 days: that rating is changed; after: refused in words', () => {
    expect(requestTarget(RATED_DETAIL, NOW).editing).toEqual(GIVEN_RATING)
    expect(requestTarget(RATED_DETAIL, new Date('2026-11-30T02:00:00.000Z')).refusal).toMatch(/超过 7 天/)
  })
  test('not resolved yet, or sent back with 未解决', () => {
    expect(requestTarget(WAITING_DETAIL, NOW).refusal).toBe('社工办结这条求助后才能评价')
    expect(requestTarget(reopenedBy({ stars: 1 }), NOW).refusal).toMatch(/^您反馈问题未解决，社工会继续处理/)
    expect(requestTarget({ ...WAITING_DETAIL, status: 'cancelled' }, NOW).refusal).toBe('这条求助已取消，无需评价')
  })
  test('an activity: after checking in; its rating changed within 7 days', () => {
    expect(enrollmentTarget(SON_ATTENDED, NOW)).toMatchObject({
      subject: 'enrollment',
      title: '东山小学堂·节气美育',
      refusal: null,
      editing: null,
    })
    expect(enrollmentTarget(MOTHER_WAITLISTED, NOW).refusal).toBe('参加活动（签到）后才能评价')
    expect(enrollmentTarget(SON_RATED, NOW).editing).toBe(SON_RATED.rating)
  })
})

describe('the body', () => {
  test('validation in words; an activity needs no outcome', () => {
    expect(validateRating('request', emptyRatingDraft())).toEqual({ outcome: '请选择问题是否已解决', stars: '请点星星打分（1 到 5 星）' })
    expect(validateRating('enrollment', { ...emptyRatingDraft(), stars: 4 })).toEqual({})
    expect(validateRating('request', { ...emptyRatingDraft(), outcome: 'resolved', stars: 5, tags: ['孩子喜欢'] }).form).toBe(
      '「孩子喜欢」不是这类评价的标签',
    )
  })
  test('trimmed; public only with words; no outcome for an activity', () => {
    const d = { outcome: 'partly' as const, stars: 3, tags: ['专业'], comment: '  还行 ', anonymous: true, commentPublic: true }
    expect(toRatingBody('request', d)).toEqual({
      outcome: 'partly',
      stars: 3,
      tags: ['专业'],
      comment: '还行',
      anonymous: true,
      commentPublic: true,
    })
    expect(toRatingBody('enrollment', d)).toEqual({ stars: 3, tags: ['专业'], comment: '还行', anonymous: true, commentPublic: true })
    expect(toRatingBody('request', { ...d, comment: '   ' }).commentPublic).toBe(false)
  })
})

describe('report periods (China Standard Time)', () => {
  test('本月, 上月, 近 30 天 on 24 November', () => {
    expect(presetPeriod('thisMonth', NOW)).toEqual({ from: '2026-11-01', to: '2026-11-24' })
    expect(presetPeriod('lastMonth', NOW)).toEqual({ from: '2026-10-01', to: '2026-10-31' })
    expect(presetPeriod('last30', NOW)).toEqual({ from: '2026-10-26', to: '2026-11-24' })
  })
  test('the Beijing date counts, not UTC: 1 March 00:30 in Beijing is still February in UTC', () => {
    const earlyMarch = new Date('2026-02-28T16:30:00.000Z')
    expect(presetPeriod('thisMonth', earlyMarch)).toEqual({ from: '2026-03-01', to: '2026-03-01' })
    expect(presetPeriod('lastMonth', earlyMarch)).toEqual({ from: '2026-02-01', to: '2026-02-28' })
  })
  test('January: 上月 is last December', () => {
    expect(presetPeriod('lastMonth', new Date('2027-01-15T02:00:00.000Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })
  test('a period is recognised as its preset, else custom', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-10-31' }, NOW)).toBe('lastMonth')
    expect(presetOf({ from: '2026-11-10', to: '2026-11-24' }, NOW)).toBe('custom')
  })
})

describe('report sorting and figures', () => {
  const names = (rows: typeof REPORT_ROWS) => rows.map((r) => r.station.code)
  test('by a figure either way, stations without it last', () => {
    expect(names(sortRows(REPORT_ROWS, 'averageStars', 'desc'))).toEqual(['DL-JP-XJ', 'DL-JP-XJ-MX', 'DL-JP'])
    expect(names(sortRows(REPORT_ROWS, 'averageStars', 'asc'))).toEqual(['DL-JP-XJ-MX', 'DL-JP-XJ', 'DL-JP'])
    expect(names(sortRows(REPORT_ROWS, 'received', 'asc'))).toEqual(['DL-JP', 'DL-JP-XJ-MX', 'DL-JP-XJ'])
  })
  test('by name', () => {
    expect(sortRows(REPORT_ROWS, 'name', 'asc').map((r) => r.station.name)).toEqual([
      '金普新区社工总站',
      '民馨社区社会工作室',
      '先进街道社工站',
    ])
  })
  test('the total as read: shares, durations, stars to one decimal', () => {
    const cells = Object.fromEntries(figureCells(REPORT.total).map((c) => [c.key, c.value]))
    expect(cells).toMatchObject({
      received: '16',
      'on-time': '87%（13/15）',
      'accept-time': '45 分钟',
      'resolve-time': '1 天 1 小时',
      stars: '4.1 星（8 条评价）',
      attendance: '85%（34/40）',
      // Of the resolutions timed against a target: on time / timed (not / all resolved).
      'resolved-on-time': '80%（8/10）',
    })
  })
})
