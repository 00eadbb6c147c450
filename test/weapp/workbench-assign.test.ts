/**
 * Assignment in the workbench on the weapp build: the station head (站长)
 * opens 分派 on a request, sees each colleague's open workload and assigns it;
 * a worker hands back a request they have, or takes an unassigned one
 * (我来负责); 未分配 asks the queue for unassigned requests; 团队负责量 sets a
 * colleague's cap.
 */
import { capabilitiesOf } from '../../domain/permissions'
import type { Colleague, StaffMe, StaffRequest } from '../../contract/types'
import { mountPage, reply, type MountedPage } from './harness'
import { CLAIMED, persisted, QUEUE, SOCIAL_WORKER, STAFF_LOGGED_IN, STAFF_ME, STAFF_SESSION } from './request-fixtures'

const REQUEST_PAGE = 'packages/workbench/request/index'
const HEAD_ID = '0b7c1a52-0000-4000-8000-0000000000cc'
const WANG_ID = '0b7c1a52-0000-4000-8000-0000000000dd'
const HEAD_ME: StaffMe = { ...STAFF_ME, user: { id: HEAD_ID, nickname: '孙站长', role: 'head' }, capabilities: capabilitiesOf('head') }
const HEAD_LOGGED_IN = { 'sgz-staff-session': persisted({ token: 'harness-head-token', expiresAt: STAFF_SESSION.expiresAt, me: HEAD_ME }) }
const COLLEAGUES: Colleague[] = [
  { id: HEAD_ID, nickname: '孙站长', role: 'head', openCount: 0, workloadCap: null },
  { id: WANG_ID, nickname: '王社工', role: 'staff', openCount: 2, workloadCap: 5 },
  { id: STAFF_SESSION.user.id, nickname: SOCIAL_WORKER, role: 'staff', openCount: 4, workloadCap: 4 },
]
const WAITING: StaffRequest = { ...CLAIMED, status: 'submitted', assigneeId: null, assigneeName: null }

const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST')
const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n))

test('the head assigns a waiting request to a colleague, seeing each one’s workload', async () => {
  const page = await mountPage(
    REQUEST_PAGE,
    { id: WAITING.id },
    {
      storage: HEAD_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': WAITING,
        'GET /api/staff/colleagues': { items: COLLEAGUES },
        'POST /api/staff/requests/:id/assign': { request: { ...WAITING, assigneeId: WANG_ID, assigneeName: '王社工' }, movedTo: null },
      },
    },
  )
  await page.waitFor(() => page.find('btn-assign'), 'the 分派 button')
  expect(page.text(page.get('staff-request__assignee'))).toBe('未分配')
  await page.tap('btn-assign')
  await page.waitFor(() => page.querySelectorAll('assign-option').length === 3, 'the colleagues')
  expect(texts(page, 'assign-option__name')).toEqual(['孙站长', '王社工', SOCIAL_WORKER])
  expect(texts(page, 'assign-option__load')).toEqual(['进行中 0 条', '进行中 2 条（上限 5 条）', '进行中 4 条（上限 4 条），已满'])
  await page.tap(page.querySelectorAll('assign-option')[1]!)
  await page.tap('btn-confirm-assign')
  await page.waitFor(() => page.text(page.get('staff-request__assignee')) === '王社工', 'the new assignee')
  expect(posts(page).map((r) => [r.path, r.data])).toEqual([[`/api/staff/requests/${WAITING.id}/assign`, { assigneeId: WANG_ID }]])
  expect(page.find('assign-panel')).toBeUndefined()
})

test('over the cap: the server’s refusal is said in the panel', async () => {
  const page = await mountPage(
    REQUEST_PAGE,
    { id: WAITING.id },
    {
      storage: HEAD_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': WAITING,
        'GET /api/staff/colleagues': { items: COLLEAGUES },
        'POST /api/staff/requests/:id/assign': reply(409, {
          code: 'CONFLICT',
          field: 'assigneeId',
          message: `${SOCIAL_WORKER}已有 4 条进行中的求助，达到上限 4 条，请分派给其他同事或先调整上限`,
        }),
      },
    },
  )
  await page.waitFor(() => page.find('btn-assign'), 'the 分派 button')
  await page.tap('btn-assign')
  await page.waitFor(() => page.querySelectorAll('assign-option').length === 3, 'the colleagues')
  await page.tap(page.querySelectorAll('assign-option')[2]!)
  await page.tap('btn-confirm-assign')
  await page.waitFor(() => page.find('field__error'), 'the refusal')
  expect(page.text(page.get('field__error'))).toContain('达到上限 4 条')
  expect(page.text(page.get('staff-request__assignee'))).toBe('未分配')
})

test('a worker: no 分派; hands back their own request; takes an unassigned one', async () => {
  const handedBack = { ...CLAIMED, assigneeId: null, assigneeName: null }
  const page = await mountPage(
    REQUEST_PAGE,
    { id: CLAIMED.id },
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': CLAIMED,
        'POST /api/staff/requests/:id/assign': (req: { data: unknown }) => {
          const { assigneeId } = req.data as { assigneeId: string | null }
          return { request: assigneeId ? CLAIMED : handedBack, movedTo: null }
        },
      },
    },
  )
  await page.waitFor(() => page.find('btn-hand-back'), 'the 交回 button')
  expect(page.find('btn-assign')).toBeUndefined()
  expect(page.find('btn-take')).toBeUndefined()
  await page.tap('btn-hand-back')
  await page.waitFor(() => page.find('btn-take'), 'the 我来负责 button')
  expect(page.text(page.get('staff-request__assignee'))).toBe('未分配')
  await page.tap('btn-take')
  await page.waitFor(() => page.find('btn-hand-back'), 'back to the worker')
  expect(posts(page).map((r) => r.data)).toEqual([{ assigneeId: null }, { assigneeId: STAFF_SESSION.user.id }])
})

test('我来负责 at the own cap: the server’s refusal is said under the actions, and the request stays unassigned', async () => {
  const handedBack = { ...CLAIMED, assigneeId: null, assigneeName: null }
  const message = '您已有 4 条进行中的求助，达到上限 4 条：请先办结或交回一条，或请站长调整上限'
  const page = await mountPage(
    REQUEST_PAGE,
    { id: CLAIMED.id },
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': handedBack,
        'POST /api/staff/requests/:id/assign': reply(409, { code: 'CONFLICT', field: 'assigneeId', message }),
      },
    },
  )
  await page.waitFor(() => page.find('btn-take'), 'the 我来负责 button')
  await page.tap('btn-take')
  await page.waitFor(() => page.find('staff-actions__error'), 'the refusal')
  expect(page.text(page.get('staff-actions__error'))).toBe(message)
  expect(page.text(page.get('staff-request__assignee'))).toBe('未分配')
  expect(page.find('btn-take')).toBeDefined()
  expect(posts(page).map((r) => r.data)).toEqual([{ assigneeId: STAFF_SESSION.user.id }])
})

test('a request the head assigned to a colleague: the worker has no 受理 for it', async () => {
  const page = await mountPage(
    REQUEST_PAGE,
    { id: WAITING.id },
    {
      storage: STAFF_LOGGED_IN,
      routes: { 'GET /api/staff/requests/:id': { ...WAITING, assigneeId: WANG_ID, assigneeName: '王社工' } },
    },
  )
  await page.waitFor(() => page.find('staff-request__assignee'), 'the request')
  expect(page.text(page.get('staff-request__assignee'))).toBe('王社工')
  expect(page.find('btn-accept')).toBeUndefined()
})

test('未分配 asks the queue for unassigned requests', async () => {
  const page = await mountPage(
    'packages/workbench/queue/index',
    {},
    { storage: STAFF_LOGGED_IN, routes: { 'GET /api/staff/queue': { items: QUEUE } } },
  )
  await page.waitFor(() => page.querySelectorAll('queue-item').length === 2, 'the queue')
  await page.tap(page.querySelectorAll('chip').find((c) => page.text(c) === '未分配')!)
  const queueRequests = () => page.requests.filter((r) => r.path === '/api/staff/queue')
  await page.waitFor(() => queueRequests().length === 2, 'the filtered queue')
  expect(queueRequests()[1]!.query).toEqual({ unassigned: 'true' })
})

test('团队负责量: the head sees each colleague’s workload and sets a cap', async () => {
  const page = await mountPage(
    'packages/workbench/team/index',
    {},
    {
      storage: HEAD_LOGGED_IN,
      routes: {
        'GET /api/staff/colleagues': { items: COLLEAGUES },
        'PATCH /api/staff/colleagues/:id': (req: { data: unknown }) => ({ ...COLLEAGUES[1]!, ...(req.data as object) }),
      },
    },
  )
  await page.waitFor(() => page.querySelectorAll('team-member').length === 3, 'the colleagues')
  expect(texts(page, 'team-member__load')).toEqual(['进行中 0 条', '进行中 2 条（上限 5 条）', '进行中 4 条（上限 4 条）'])
  const wang = page.querySelectorAll('team-member')[1]!
  await page.input(page.querySelectorAll('team-member__cap')[1]!, '0')
  await page.tap(page.querySelectorAll('btn-save-cap')[1]!)
  expect(page.text(wang)).toContain('请填写 1～500 的整数')
  await page.input(page.querySelectorAll('team-member__cap')[1]!, '3')
  await page.tap(page.querySelectorAll('btn-save-cap')[1]!)
  await page.waitFor(() => page.text(page.querySelectorAll('team-member__load')[1]!) === '进行中 2 条（上限 3 条）', 'the saved cap')
  const saved = page.requests.filter((r) => r.path === `/api/staff/colleagues/${WANG_ID}`)
  expect(saved.map((r) => r.data)).toEqual([{ workloadCap: 3 }])
})
