/**
 * 社工工作台 on the weapp build: the queue of a logged-in station account
 * (packages/workbench/queue), claiming the next request, and working on one
 * (packages/workbench/request).
 */
import { attrOf, mountPage, reply, type MountedPage } from './harness'
import type { StaffRequest } from '../../contract/types'
import { MINXIN } from './fixtures'
import { CLAIMED, QUEUE, SOCIAL_WORKER, STAFF_LOGGED_IN, STAFF_ME, STAFF_SESSION } from './request-fixtures'

const QUEUE_PAGE = 'packages/workbench/queue/index'
const REQUEST_PAGE = 'packages/workbench/request/index'

const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST')
/** A staff action's answer when the request stays in this account's sight. */
const stillHere = (request: StaffRequest) => ({ request, movedTo: null })
/** Each clock chip of one kind, in document order: its words and its tone (\'red\' for the danger, filled chip). */
const clockChips = (page: MountedPage, kind: 'acceptance' | 'resolution') =>
  page.querySelectorAll(`response-clock--${kind}`).map((n) => {
    const cls = String(attrOf(n._exparserNode, 'class'))
    return [
      page.text(n),
      cls.includes('status-chip--danger') && cls.includes('status-chip--filled') ? 'red' : cls.match(/status-chip--(\w+)/)![1],
    ]
  })
/** The page's label/value rows (InfoRow), label → value. */
const infoRows = (page: MountedPage) => {
  const values = page.querySelectorAll('info-row__value').map((n) => page.text(n))
  return Object.fromEntries(page.querySelectorAll('info-row__label').map((n, i) => [page.text(n), values[i]]))
}

describe('工作台 queue', () => {
  const routes = {
    'GET /api/staff/queue': { items: QUEUE },
    'POST /api/staff/queue/claim': CLAIMED,
  }
  const queueItems = (page: MountedPage) => page.querySelectorAll('queue-item')

  test('shows the queue items with urgency, status and overdue', async () => {
    const page = await mountPage(QUEUE_PAGE, {}, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => queueItems(page).length === 2, 'two queue items')

    // Who and where, each in its own labelled row (not 「王丽娜 · 先进街道社工站可查看…」 run together).
    expect(page.text(page.get('queue__who'))).toBe(SOCIAL_WORKER)
    expect(page.text(page.get('queue__station'))).toBe(STAFF_ME.station.name)
    expect(page.find('queue__scope')).toBeUndefined()
    const [urgent, mine] = queueItems(page)
    expect(page.querySelectorAll('queue-item__title').map((n) => page.text(n))).toEqual(['养老服务', '养老服务'])
    // Urgency, status and overdue in words, each on its own chip.
    expect(page.text(page.get('queue-item__urgent'))).toBe('紧急')
    expect(page.querySelectorAll('queue-item__status').map((n) => page.text(n))).toEqual(['待受理', '待受理'])
    // Overdue in words, with how long.
    expect(page.text(page.get('queue-item__overdue'))).toBe('已超时 3 小时')
    expect(page.text(urgent)).toContain('已超时')
    expect(page.text(mine)).not.toContain('已超时')
    expect(String(attrOf(urgent!._exparserNode, 'class'))).toContain('queue-item--overdue')
    expect(String(attrOf(mine!._exparserNode, 'class'))).not.toContain('queue-item--overdue')
    expect(page.text(urgent)).toContain(QUEUE[0]!.description)
    expect(page.querySelectorAll('queue-item__assignee').map((n) => page.text(n))).toEqual(['未分配', SOCIAL_WORKER])
    // Both clocks on every card, in words; the overdue one in red (danger, filled), a stopped one muted.
    expect(clockChips(page, 'acceptance')).toEqual([
      ['受理：已超时 3 小时', 'red'],
      ['受理：按时', 'muted'],
    ])
    expect(clockChips(page, 'resolution')).toEqual([
      ['办结：剩 20 小时', 'normal'],
      ['办结：剩 3 个工作日', 'normal'],
    ])

    // The queue's own request (beside it: the badge of new requests, and 居民评价's).
    const get = page.requests.find((r) => r.path === '/api/staff/queue')
    expect(get).toBeDefined()
    expect(get!.query).toEqual({})
    expect(get!.header.Authorization).toBe(`Bearer ${STAFF_SESSION.token}`)
    expect(page.consoleErrors).toEqual([])
  })

  test('领取下一条 posts /claim and opens the claimed request', async () => {
    const page = await mountPage(QUEUE_PAGE, {}, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => queueItems(page).length === 2, 'two queue items')
    await page.tap('btn-claim')
    await page.waitFor(() => page.callsOf('navigateTo').length === 1, 'the claimed request opening')
    expect(posts(page).map((r) => r.path)).toEqual(['/api/staff/queue/claim'])
    expect(posts(page)[0]!.header.Authorization).toBe(`Bearer ${STAFF_SESSION.token}`)
    expect(page.callsOf('navigateTo')[0].url).toBe(`/packages/workbench/request/index?id=${CLAIMED.id}`)
  })

  test('an empty queue: 领取下一条 says why in a toast', async () => {
    const page = await mountPage(
      QUEUE_PAGE,
      {},
      {
        storage: STAFF_LOGGED_IN,
        routes: {
          'GET /api/staff/queue': { items: [] },
          'POST /api/staff/queue/claim': reply(404, { code: 'NOT_FOUND', message: '没有待领取的求助' }),
        },
      },
    )
    await page.waitFor(() => page.text().includes('没有符合条件的求助'), 'the empty state')
    await page.tap('btn-claim')
    await page.waitFor(() => page.callsOf('showToast').length === 1, 'the toast')
    expect(page.callsOf('showToast')[0]).toMatchObject({ title: '没有待领取的求助' })
    expect(page.callsOf('navigateTo')).toEqual([])
  })

  test('the 待受理 filter asks for status=submitted', async () => {
    const page = await mountPage(QUEUE_PAGE, {}, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => queueItems(page).length === 2, 'two queue items')
    const chip = page.querySelectorAll('chip').find((c) => page.text(c) === '待受理')!
    await page.tap(chip)
    // (The 居民评价 badge asks for its count beside the queue.)
    const queueRequests = () => page.requests.filter((r) => r.path === '/api/staff/queue')
    await page.waitFor(() => queueRequests().length === 2, 'the filtered queue')
    expect(queueRequests()[1]!.query).toEqual({ status: 'submitted' })
    expect(String(attrOf(chip._exparserNode, 'class'))).toContain('chip--active')
  })

  test('a long queue: 「再显示 50 条」 asks for 50 more, the filter goes back to the first 50', async () => {
    const page = await mountPage(
      QUEUE_PAGE,
      {},
      { storage: STAFF_LOGGED_IN, routes: { ...routes, 'GET /api/staff/queue': { items: QUEUE, more: true } } },
    )
    await page.waitFor(() => queueItems(page).length === 2, 'two queue items')
    const queueRequests = () => page.requests.filter((r) => r.path === '/api/staff/queue')
    await page.tap('queue-more')
    await page.waitFor(() => queueRequests().length === 2, 'the longer queue')
    expect(queueRequests()[1]!.query).toEqual({ limit: '100' })
    const chip = page.querySelectorAll('chip').find((c) => page.text(c) === '待受理')!
    await page.tap(chip)
    await page.waitFor(() => queueRequests().length === 3, 'the filtered queue')
    expect(queueRequests()[2]!.query).toEqual({ status: 'submitted' })
  })

  test('tapping an item opens it', async () => {
    const page = await mountPage(QUEUE_PAGE, {}, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => queueItems(page).length === 2, 'two queue items')
    await page.tap(queueItems(page)[1]!)
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/workbench/request/index?id=${QUEUE[1]!.id}`])
  })

  test('not logged in: sends the worker to the login page', async () => {
    const page = await mountPage(QUEUE_PAGE, {}, { routes })
    await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect to login')
    expect(page.callsOf('redirectTo')[0].url).toBe('/packages/workbench/login/index')
    expect(page.requests).toEqual([])
  })
})

describe('工作台 request', () => {
  const submitted = { ...CLAIMED, status: 'submitted' as const, assigneeId: null, assigneeName: null, clocks: QUEUE[0]!.clocks }
  const routes = {
    'GET /api/staff/requests/:id': submitted,
    'POST /api/staff/requests/:id/accept': stillHere(CLAIMED),
    'POST /api/staff/requests/:id/reply': (req: { data: unknown }) =>
      stillHere({
        ...CLAIMED,
        events: [
          ...CLAIMED.events,
          {
            id: 98,
            type: 'replied' as const,
            body: (req.data as { body: string }).body,
            actorName: SOCIAL_WORKER,
            stationName: STAFF_ME.station.name,
            toStationName: null,
            internal: false,
            createdAt: '2026-11-24T03:00:00.000Z',
          },
        ],
      }),
  }

  test('shows who to contact; 受理 posts /accept, and a reply is posted with its text', async () => {
    const page = await mountPage(REQUEST_PAGE, { id: CLAIMED.id }, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => page.find('btn-accept'), 'the accept button')
    expect(page.requests[0]!.path).toBe(`/api/staff/requests/${CLAIMED.id}`)
    expect(page.text(page.get('staff-request__title'))).toBe('养老服务')
    expect(page.text(page.get('staff-request__urgent'))).toBe('紧急')
    expect(page.text(page.get('staff-request__status'))).toBe('待受理')
    const rows = infoRows(page)
    expect(rows['老人是否独居']).toBe('独居')
    expect(rows['行动是否方便']).toBe('需要搀扶或轮椅')
    // Each detail in its own labelled row.
    expect(rows['联系人']).toBe(CLAIMED.contactName)
    expect(rows['联系电话']).toBe(CLAIMED.contactPhone)
    expect(rows['姓名']).toBe('张秀兰')
    expect(rows['与联系人关系']).toBe('母亲')
    expect(rows['编号']).toBe(CLAIMED.number)
    expect(rows['负责人']).toBe('未分配')
    expect(page.text(page.get('staff-request__desc'))).toBe(CLAIMED.description)
    expect(page.find('btn-reply')).toBeUndefined()
    // The two clocks: 受理 overdue in red words with how long, 办结 still running.
    expect(clockChips(page, 'acceptance')).toEqual([['受理：已超时 3 小时', 'red']])
    expect(clockChips(page, 'resolution')).toEqual([['办结：剩 20 小时', 'normal']])

    await page.tap('btn-accept')
    await page.waitFor(() => page.find('btn-reply'), 'the reply button after accepting')
    expect(posts(page).map((r) => r.path)).toEqual([`/api/staff/requests/${CLAIMED.id}/accept`])
    expect(page.text(page.get('staff-request__assignee'))).toBe(SOCIAL_WORKER)
    // Accepted: the 受理 clock stops (「受理：按时」, muted).
    expect(clockChips(page, 'acceptance')).toEqual([['受理：按时', 'muted']])

    await page.tap('btn-reply')
    await page.tap('btn-confirm')
    expect(page.text(page.get('field__error'))).toBe('请填写内容')
    await page.input('staff-text', '明天上午九点上门探访')
    await page.tap('btn-confirm')
    await page.waitFor(() => page.find('staff-panel') === undefined, 'the panel closing')
    expect(posts(page).map((r) => r.path)).toEqual([`/api/staff/requests/${CLAIMED.id}/accept`, `/api/staff/requests/${CLAIMED.id}/reply`])
    expect(posts(page)[1]!.data).toEqual({ body: '明天上午九点上门探访' })
    expect(page.text(page.querySelectorAll('timeline__item').at(-1)!)).toContain('明天上午九点上门探访')
  })

  test('转介 to a station outside the worker’s sight: says where it went and goes back to the queue', async () => {
    const minxin = { id: MINXIN.id, name: MINXIN.name }
    const page = await mountPage(
      REQUEST_PAGE,
      { id: CLAIMED.id },
      {
        storage: STAFF_LOGGED_IN,
        openedFrom: ['packages/workbench/queue/index'],
        routes: {
          'GET /api/staff/requests/:id': CLAIMED,
          'GET /api/stations': { items: [MINXIN], total: 1 },
          'POST /api/staff/requests/:id/transfer': { request: null, movedTo: minxin },
        },
      },
    )
    await page.waitFor(() => page.find('btn-transfer'), 'the transfer button')
    await page.tap('btn-transfer')
    await page.input('transfer-search', '民馨')
    await page.tap('btn-search-station')
    await page.waitFor(() => page.querySelectorAll('option').some((n) => page.text(n) === minxin.name), 'the station found')
    await page.tap(page.querySelectorAll('option').find((n) => page.text(n) === minxin.name)!)
    await page.input('staff-text', '居民住在民馨社区，由社区工作室上门更方便')
    await page.tap('btn-confirm')
    await page.waitFor(() => page.callsOf('navigateBack').length === 1, 'back to the queue')
    expect(posts(page).map((r) => r.data)).toEqual([{ stationId: minxin.id, reason: '居民住在民馨社区，由社区工作室上门更方便' }])
    expect(page.callsOf('showToast')).toEqual([expect.objectContaining({ title: '已转介至民馨社区社会工作室' })])
    expect(page.consoleErrors).toEqual([])
  })

  test('拨打联系人电话 calls the resident', async () => {
    const page = await mountPage(REQUEST_PAGE, { id: CLAIMED.id }, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => page.find('btn-call-resident'), 'the call button')
    await page.tap('btn-call-resident')
    expect(page.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: CLAIMED.contactPhone })])
  })
})
