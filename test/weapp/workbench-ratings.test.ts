/**
 * 居民评价 and 站点服务报表 in the workbench on the weapp build: the ratings
 * list (low ones flagged, anonymous ones without a name or a request link,
 * replying, approving a public comment, the filters), the badge on the queue,
 * and the supervisors' report (figures, sorting, drill-down, CSV export).
 */
import type { RatingReply, StaffRating } from '../../contract/types'
import { attrOf, mountPage, reply, type MountedPage } from './harness'
import { QUEUE, STAFF_LOGGED_IN, STAFF_SESSION } from './request-fixtures'
import { MINXIN, XIANJIN } from './fixtures'
import { NOW } from './activity-fixtures'
import { ANONYMOUS_PRAISE, LOW_NAMED, REPLIED, REPORT, STAFF_RATINGS, SUPERVISOR_LOGGED_IN } from './rating-fixtures'
import { TRENDS } from './report-fixtures'

const RATINGS_PAGE = 'packages/workbench/ratings/index'
const REPORT_PAGE = 'packages/workbench/report/index'
const QUEUE_PAGE = 'packages/workbench/queue/index'

const items = (page: MountedPage) => page.querySelectorAll('staff-rating')
const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST')
const classOf = (node: { _exparserNode: unknown }) => String(attrOf(node._exparserNode, 'class'))
const answered = (r: StaffRating, body: string): StaffRating => ({
  ...r,
  reply: { body, stationName: XIANJIN.name, createdAt: '2026-11-24T02:05:00.000Z' } satisfies RatingReply,
})

describe('居民评价 (ratings)', () => {
  const routes = {
    'GET /api/staff/ratings': STAFF_RATINGS,
    'POST /api/staff/ratings/:id/reply': (req: { params: Record<string, string>; data: unknown }) =>
      req.params.id === LOW_NAMED.id
        ? answered(LOW_NAMED, (req.data as { body: string }).body)
        : reply(409, { code: 'CONFLICT', message: '这条评价已经回复过了' }),
    'POST /api/staff/ratings/:id/review': (req: { data: unknown }) => ({
      ...ANONYMOUS_PRAISE,
      commentReview: (req.data as { approve: boolean }).approve ? 'pass' : 'rejected',
    }),
  }

  async function open(query: Record<string, string> = {}) {
    const page = await mountPage(RATINGS_PAGE, query, { now: NOW, storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => items(page).length === 3, 'three ratings')
    return page
  }

  test('each rating: stars, outcome, tags, comment, who; the low one flagged; the badge count', async () => {
    const page = await open()
    const [low, anonymous, replied] = items(page) as [MountedPage['root'], MountedPage['root'], MountedPage['root']]
    expect(page.requests[0]!.path).toBe('/api/staff/ratings')
    expect(page.requests[0]!.query).toEqual({})
    expect(page.requests[0]!.header.Authorization).toBe(`Bearer ${STAFF_SESSION.token}`)
    expect(page.text(page.get('staff-ratings__alert'))).toContain('有 1 条差评还没有回复')

    expect(classOf(low)).toContain('staff-rating--low')
    expect(page.text(low)).toContain('⚠ 差评')
    expect(page.text(low)).toContain('★☆☆☆☆')
    expect(page.text(low)).toContain('问题解决了吗：未解决')
    expect(page.text(low)).toContain('等待时间长')
    expect(page.text(low)).toContain(LOW_NAMED.comment)
    expect(page.text(low)).toContain('刘先生')
    expect(page.text(low)).toContain(`查看求助 ${LOW_NAMED.requestNumber}`)

    expect(classOf(anonymous)).not.toContain('staff-rating--low')
    expect(page.text(anonymous)).not.toContain('⚠ 差评')
    expect(page.text(anonymous)).toContain('匿名')
    expect(page.text(anonymous)).toContain('活动 · 东山小学堂·节气美育')
    expect(page.text(anonymous)).not.toContain('查看求助')
    expect(page.text(anonymous)).not.toContain('刘先生')
    expect(page.text(anonymous)).toContain('居民同意公开，内容需要审核后才会展示')

    expect(page.text(replied)).toContain(`${XIANJIN.name}回复：谢谢您的评价`)
    expect(page.text(replied)).not.toContain('回复居民')
    // Named ratings link to their request (the low one and the replied one), the anonymous one does not.
    expect(page.querySelectorAll('staff-rating__request')).toHaveLength(2)
    // Reply forms: the two without a reply.
    expect(page.querySelectorAll('staff-rating-reply')).toHaveLength(2)
    expect(page.consoleErrors).toEqual([])

    // The request link opens the request in the workbench.
    await page.tap(page.querySelectorAll('staff-rating__request')[0]!)
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/workbench/request/index?id=${LOW_NAMED.requestId}`])
  })

  test('回复: empty is refused in words; the reply is posted and shown, the badge goes down', async () => {
    const page = await open()
    await page.tap(page.querySelectorAll('btn-reply-rating')[0]!)
    expect(page.text(page.get('field__error'))).toBe('请填写回复内容')
    expect(posts(page)).toEqual([])

    await page.input(page.querySelectorAll('staff-rating-reply')[0]!, '很抱歉，王社工今天下午会给您回电话')
    expect(page.text(page.querySelectorAll('text-box__count')[0]!)).toBe('17/300')
    await page.tap(page.querySelectorAll('btn-reply-rating')[0]!)
    await page.waitFor(() => page.querySelectorAll('rating-reply').length === 2, 'the reply')
    expect(posts(page).map((r) => r.path)).toEqual([`/api/staff/ratings/${LOW_NAMED.id}/reply`])
    expect(posts(page)[0]!.data).toEqual({ body: '很抱歉，王社工今天下午会给您回电话' })
    expect(page.text(items(page)[0]!)).toContain(`${XIANJIN.name}回复：很抱歉，王社工今天下午会给您回电话`)
    expect(page.querySelectorAll('staff-rating-reply')).toHaveLength(1)
    expect(page.find('staff-ratings__alert')).toBeUndefined()
  })

  test('a comment in review: 通过 posts approve=true and it says it is public', async () => {
    const page = await open()
    await page.tap('btn-approve-comment')
    await page.waitFor(() => page.text(items(page)[1]!).includes('已公开展示在本站页面'), 'the approved comment')
    expect(posts(page).map((r) => [r.path, r.data])).toEqual([[`/api/staff/ratings/${ANONYMOUS_PRAISE.id}/review`, { approve: true }]])
    expect(page.find('btn-approve-comment')).toBeUndefined()
  })

  test('不公开 asks first, then posts approve=false', async () => {
    const page = await open()
    await page.tap('btn-reject-comment')
    await page.waitFor(() => page.text(items(page)[1]!).includes('未通过审核'), 'the rejected comment')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '不公开这条评价' })
    expect(posts(page)[0]!.data).toEqual({ approve: false })
  })

  test('the filter chips ask for 差评, 未回复, 求助, 活动 and 预约', async () => {
    const page = await open()
    expect(page.querySelectorAll('rating-filter').map((n) => page.text(n))).toEqual(['✓ 全部', '差评', '未回复', '求助', '活动', '预约'])
    for (const label of ['差评', '未回复', '求助', '活动', '预约']) {
      await page.tap(page.querySelectorAll('rating-filter').find((n) => page.text(n).endsWith(label))!)
    }
    await page.waitFor(() => page.requests.length === 6, 'five filtered lists')
    expect(page.requests.slice(1).map((r) => r.query)).toEqual([
      { low: 'true' },
      { unreplied: 'true' },
      { subject: 'request' },
      { subject: 'enrollment' },
      { subject: 'booking' },
    ])
    expect(classOf(page.querySelectorAll('rating-filter')[5]!)).toContain('chip--active')
  })

  test('opened from the report for one station: asks for that station’s ratings and names it', async () => {
    const page = await mountPage(RATINGS_PAGE, { stationId: MINXIN.id }, { now: NOW, storage: SUPERVISOR_LOGGED_IN, routes })
    await page.waitFor(() => items(page).length === 3, 'three ratings')
    expect(page.requests[0]!.query).toEqual({ stationId: MINXIN.id })
    expect(page.text(page.get('staff-ratings__title'))).toBe(`${MINXIN.name}的居民评价`)
  })

  test('another station’s rating (canReply false): no reply form', async () => {
    const page = await mountPage(
      RATINGS_PAGE,
      {},
      {
        now: NOW,
        storage: SUPERVISOR_LOGGED_IN,
        routes: { 'GET /api/staff/ratings': { items: [{ ...LOW_NAMED, canReply: false }, REPLIED], lowUnreplied: 1 } },
      },
    )
    await page.waitFor(() => items(page).length === 2, 'two ratings')
    expect(page.find('staff-rating-reply')).toBeUndefined()
    expect(page.text(items(page)[0]!)).toContain(`尚未回复（由${XIANJIN.name}回复）`)
  })
})

describe('the queue page’s entries', () => {
  test('居民评价 with the count of unanswered low ratings; no report button for a worker', async () => {
    const page = await mountPage(
      QUEUE_PAGE,
      {},
      {
        storage: STAFF_LOGGED_IN,
        routes: { 'GET /api/staff/queue': { items: QUEUE }, 'GET /api/staff/ratings': STAFF_RATINGS },
      },
    )
    await page.waitFor(() => page.find('ratings-badge'), 'the badge')
    expect(page.text(page.get('ratings-badge'))).toBe('1 条差评待回复')
    expect(page.requests.find((r) => r.path === '/api/staff/ratings')!.query).toEqual({ low: 'true', unreplied: 'true' })
    expect(page.find('btn-staff-report')).toBeUndefined()
    await page.tap('btn-staff-ratings')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/packages/workbench/ratings/index'])
  })

  test('a supervisor also gets 站点服务报表', async () => {
    const page = await mountPage(
      QUEUE_PAGE,
      {},
      {
        storage: SUPERVISOR_LOGGED_IN,
        routes: { 'GET /api/staff/queue': { items: [] }, 'GET /api/staff/ratings': { items: [], lowUnreplied: 0 } },
      },
    )
    await page.waitFor(() => page.find('btn-staff-report'), 'the report button')
    expect(page.find('ratings-badge')).toBeUndefined()
    await page.tap('btn-staff-report')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/packages/workbench/report/index'])
  })
})

describe('站点服务报表 (report)', () => {
  // The charts' own call (趋势图) is covered in workbench-report-charts.test.ts; here only the figures' calls are counted.
  const routes = { 'GET /api/staff/reports/stations': REPORT, 'GET /api/staff/reports/trends': TRENDS }
  const figureCalls = (page: MountedPage) => page.requests.filter((r) => r.path === '/api/staff/reports/stations')
  const names = (page: MountedPage) => page.querySelectorAll('report-row__station').map((n) => page.text(n))
  /** A figure of the total (row 0) or of the n-th station as sorted (1…). */
  const figure = (page: MountedPage, row: number, key: string) => page.text(page.querySelectorAll(`report-figure__value--${key}`)[row]!)

  async function open(query: Record<string, string> = {}, extra: Parameters<typeof mountPage>[2] = {}) {
    const page = await mountPage(REPORT_PAGE, query, { now: NOW, storage: SUPERVISOR_LOGGED_IN, routes, ...extra })
    await page.waitFor(() => page.querySelectorAll('report-row').length === 3, 'three stations')
    return page
  }

  test('this month by default: every station’s figures and the total', async () => {
    const page = await open()
    expect(page.requests[0]!.path).toBe('/api/staff/reports/stations')
    expect(page.requests[0]!.query).toEqual({ from: '2026-11-01', to: '2026-11-24' })
    expect(page.querySelectorAll('report-preset').map((n) => page.text(n))).toEqual(['✓ 本月', '上月', '近 30 天'])
    // Sorted by 收到求助, most first.
    expect(names(page)).toEqual([XIANJIN.name, MINXIN.name, '金普新区社工总站'])
    // 先进街道 (row 1, after the total).
    expect(figure(page, 1, 'received')).toBe('10')
    expect(figure(page, 1, 'on-time')).toBe('89%（8/9）')
    expect(figure(page, 1, 'accept-time')).toBe('45 分钟')
    expect(figure(page, 1, 'resolve-time')).toBe('2 天 4 小时')
    expect(figure(page, 1, 'overdue')).toBe('1')
    expect(figure(page, 1, 'escalations')).toBe('1')
    expect(figure(page, 1, 'stars')).toBe('4.3 星（6 条评价）')
    expect(figure(page, 1, 'resolved-share')).toBe('80%')
    expect(figure(page, 1, 'activities')).toBe('5')
    expect(figure(page, 1, 'attendance')).toBe('85%（34/40）')
    // 按时办结率 with its numerator and denominator: of the resolutions timed against a target.
    expect(figure(page, 1, 'resolved')).toBe('7')
    expect(figure(page, 1, 'resolved-on-time')).toBe('67%（4/6）')
    expect(figure(page, 2, 'resolved-on-time')).toBe('—')
    // No ratings, no activities: a dash, not 0.
    expect(figure(page, 3, 'stars')).toBe('—（0 条评价）')
    expect(figure(page, 3, 'attendance')).toBe('—')
    expect(figure(page, 3, 'accept-time')).toBe('3 小时 20 分')
    expect(page.text(page.get('report-total__name'))).toBe('合计（3 个站点）')
    expect(figure(page, 0, 'received')).toBe('16')
    expect(figure(page, 0, 'stars')).toBe('4.1 星（8 条评价）')
    expect(figure(page, 0, 'resolved-on-time')).toBe('80%（8/10）')
    // 社工个人: each worker, with the station (several in sight), the shares within target and of how many.
    expect(page.text(page.get('report-workers__title'))).toBe('社工个人')
    expect(page.querySelectorAll('report-worker')).toHaveLength(3)
    expect(page.querySelectorAll('report-worker__name').map((n) => page.text(n))).toEqual([
      `李社工（${XIANJIN.name}）`,
      `王社工（${XIANJIN.name}）`,
      `刘社工（${MINXIN.name}）`,
    ])
    const workerRows = page.querySelectorAll('report-worker').map((w) => page.text(w))
    expect(workerRows[0]).toContain('按时受理率80%（4/5）')
    expect(workerRows[0]).toContain('按时办结率75%（3/4）')
    expect(workerRows[1]).toContain('按时受理率100%（4/4）')
    expect(workerRows[1]).toContain('按时办结率50%（1/2）')
    expect(workerRows[2]).toContain('按时受理率—')
    expect(workerRows[2]).toContain('按时办结率—')
    expect(page.consoleErrors).toEqual([])
  })

  test('sorting: a column from the picker, then the other direction; stations without the figure stay last', async () => {
    const page = await open()
    await page.trigger('report-sort', 'change', { value: 7 }) // 满意度
    expect(page.text(page.get('report-sort__value'))).toBe('排序：满意度')
    expect(names(page)).toEqual([XIANJIN.name, MINXIN.name, '金普新区社工总站'])
    await page.tap('btn-sort-dir')
    expect(page.text(page.get('btn-sort-dir'))).toBe('从低到高 ↑')
    expect(names(page)).toEqual([MINXIN.name, XIANJIN.name, '金普新区社工总站'])
    await page.trigger('report-sort', 'change', { value: 3 }) // 受理中位时长, shortest first
    expect(names(page)).toEqual([MINXIN.name, XIANJIN.name, '金普新区社工总站'])
  })

  test('上月 and a custom start date ask again for those dates', async () => {
    const page = await open()
    await page.tap(page.querySelectorAll('report-preset').find((n) => page.text(n) === '上月')!)
    await page.waitFor(() => figureCalls(page).length === 2, 'last month')
    expect(figureCalls(page)[1]!.query).toEqual({ from: '2026-10-01', to: '2026-10-31' })
    await page.tap(page.querySelectorAll('report-preset').find((n) => page.text(n) === '近 30 天')!)
    await page.waitFor(() => figureCalls(page).length === 3, 'the last 30 days')
    expect(figureCalls(page)[2]!.query).toEqual({ from: '2026-10-26', to: '2026-11-24' })
    await page.trigger('report-from', 'change', { value: '2026-11-10' })
    await page.waitFor(() => figureCalls(page).length === 4, 'the custom period')
    expect(figureCalls(page)[3]!.query).toEqual({ from: '2026-11-10', to: '2026-11-24' })
    expect(page.text(page.get('report-preset--custom'))).toBe('✓ 自定义')
  })

  test('tapping a station drills down: the same report for that station, with a link to its ratings', async () => {
    const page = await open()
    await page.tap(page.querySelectorAll('report-row')[0]!)
    const [nav] = page.callsOf('navigateTo')
    expect(nav.url).toBe(`/packages/workbench/report/index?stationId=${XIANJIN.id}&from=2026-11-01&to=2026-11-24`)

    const query = Object.fromEntries(new URL(nav.url, 'https://x.invalid').searchParams)
    const drill = await mountPage(REPORT_PAGE, query, {
      now: NOW,
      storage: SUPERVISOR_LOGGED_IN,
      routes: { ...routes, 'GET /api/staff/reports/stations': { ...REPORT, items: REPORT.items.slice(1) } },
    })
    await drill.waitFor(() => drill.querySelectorAll('report-row').length === 2, 'two stations')
    expect(drill.requests[0]!.query).toEqual({ from: '2026-11-01', to: '2026-11-24', stationId: XIANJIN.id })
    expect(drill.text(drill.get('report-head__title'))).toBe(`${XIANJIN.name}及下设站点`)
    // The station itself is not a link to itself.
    const self = drill.querySelectorAll('report-row').find((n) => classOf(n).includes('report-row--self'))!
    await drill.tap(self)
    expect(drill.callsOf('navigateTo')).toEqual([])
    await drill.tap('btn-station-ratings')
    expect(drill.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/workbench/ratings/index?stationId=${XIANJIN.id}`])
  })

  test('导出 CSV downloads the period’s CSV with the staff token and forwards it', async () => {
    const page = await open({}, { downloadFile: { statusCode: 200, tempFilePath: 'wxfile://tmp/report.csv' } })
    await page.tap('btn-export-report')
    await page.waitFor(() => page.callsOf('shareFileMessage').length === 1, 'sharing the file')
    const [download] = page.callsOf('downloadFile')
    expect(download.url).toMatch(/\/api\/staff\/reports\/stations\.csv\?from=2026-11-01&to=2026-11-24$/)
    expect(download.header).toEqual({ Authorization: `Bearer ${STAFF_SESSION.token}` })
    expect(page.callsOf('shareFileMessage')[0]).toMatchObject({
      filePath: 'wxfile://tmp/report.csv',
      fileName: '站点服务报表-金普新区社工总站-2026-11-01至2026-11-24.csv',
    })
  })

  test('a worker (not a supervisor): says who it is for and asks for nothing', async () => {
    const page = await mountPage(REPORT_PAGE, {}, { now: NOW, storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => page.find('empty-state'), 'the message')
    expect(page.text(page.get('empty-state'))).toContain('只对督导开放')
    expect(page.requests).toEqual([])
  })

  test('the server’s 403 in words', async () => {
    const page = await mountPage(
      REPORT_PAGE,
      {},
      {
        now: NOW,
        storage: SUPERVISOR_LOGGED_IN,
        routes: { 'GET /api/staff/reports/stations': reply(403, { code: 'FORBIDDEN', message: '只有督导可以查看站点报表' }) },
      },
    )
    await page.waitFor(() => page.find('error-state'), 'the error')
    expect(page.text(page.get('error-state'))).toContain('只有督导可以查看站点报表')
  })
})
