/**
 * 常用回复 on the weapp build: in the reply and resolve panels the templates
 * that fit the request's category are offered and inserted with the
 * placeholders filled in; the head's 常用回复 page lists, adds (placeholders
 * tapped in), edits (the server's refusal said at its field) and deletes
 * templates.
 */
import { capabilitiesOf } from '../../domain/permissions'
import type { CannedReply, StaffMe } from '../../contract/types'
import { mountPage, reply, type MountedPage } from './harness'
import { CLAIMED, persisted, SOCIAL_WORKER, STAFF_LOGGED_IN, STAFF_ME, STAFF_SESSION } from './request-fixtures'

const REPLIES: CannedReply[] = [
  {
    id: '7a000000-0000-4000-8000-000000000001',
    category: null,
    title: '已收到，尽快联系',
    body: '{居民称呼}您好，我是{社工}，如有急事请拨打{站点电话}。',
    updatedAt: '2026-11-24T00:00:00.000Z',
  },
  {
    id: '7a000000-0000-4000-8000-000000000002',
    category: 'elderly_care',
    title: '助餐服务',
    body: '{居民称呼}您好，长者食堂工作日中午供餐。',
    updatedAt: '2026-11-24T00:00:00.000Z',
  },
  {
    id: '7a000000-0000-4000-8000-000000000003',
    category: 'policy',
    title: '政策咨询答复',
    body: '政策文件已整理好。',
    updatedAt: '2026-11-24T00:00:00.000Z',
  },
]
const HEAD_ME: StaffMe = {
  ...STAFF_ME,
  user: { id: '0b7c1a52-0000-4000-8000-0000000000cc', nickname: '孙站长', role: 'head' },
  capabilities: capabilitiesOf('head'),
}
const HEAD_LOGGED_IN = { 'sgz-staff-session': persisted({ token: 'harness-head-token', expiresAt: STAFF_SESSION.expiresAt, me: HEAD_ME }) }
const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n))

test('回复居民 offers the templates of the request’s category and inserts one filled in', async () => {
  const page = await mountPage(
    'packages/workbench/request/index',
    { id: CLAIMED.id },
    {
      storage: STAFF_LOGGED_IN,
      routes: {
        'GET /api/staff/requests/:id': CLAIMED,
        'GET /api/staff/replies': { items: REPLIES },
        'POST /api/staff/requests/:id/reply': { request: CLAIMED, movedTo: null },
      },
    },
  )
  await page.waitFor(() => page.find('btn-reply'), 'the reply button')
  await page.tap('btn-reply')
  await page.waitFor(() => page.querySelectorAll('reply-template').length === 2, 'the fitting templates')
  // 养老服务: the general one and the elderly-care one, not 政策咨询.
  expect(texts(page, 'reply-template')).toEqual(['已收到，尽快联系', '助餐服务'])
  await page.tap(page.querySelectorAll('reply-template')[0]!)
  await page.tap(page.querySelectorAll('reply-template')[1]!)
  await page.tap('btn-confirm')
  await page.waitFor(() => page.find('staff-panel') === undefined, 'the panel closing')
  const sent = page.requests.find((r) => r.path.endsWith('/reply'))!
  expect(sent.data).toEqual({
    body: `${CLAIMED.contactName}您好，我是${SOCIAL_WORKER}，如有急事请拨打${CLAIMED.station.phone}。\n${CLAIMED.contactName}您好，长者食堂工作日中午供餐。`,
  })
})

test('the head’s 常用回复 page: the list, a new template with a placeholder tapped in, deleting one', async () => {
  const page = await mountPage(
    'packages/workbench/replies/index',
    {},
    {
      storage: HEAD_LOGGED_IN,
      routes: {
        'GET /api/staff/replies': { items: REPLIES },
        'POST /api/staff/replies': (req: { data: unknown }) => ({
          ...(req.data as object),
          id: '7a000000-0000-4000-8000-000000000009',
          updatedAt: '2026-11-25T00:00:00.000Z',
        }),
        'DELETE /api/staff/replies/:id': { ok: true },
      },
    },
  )
  await page.waitFor(() => page.querySelectorAll('reply-item').length === 3, 'the templates')
  expect(texts(page, 'reply-item__title')).toEqual(REPLIES.map((r) => r.title))
  expect(texts(page, 'reply-item__category')).toEqual(['通用', '养老服务', '政策咨询'])

  await page.tap('btn-new-reply')
  await page.tap('btn-save-reply')
  expect(texts(page, 'field__error')).toEqual(['请填写标题', '请填写回复内容'])
  await page.input('reply-form__title', '约上门时间')
  await page.input('reply-form__body', '想约上门时间，请回复')
  await page.tap(page.querySelectorAll('reply-form__placeholder')[2]!)
  await page.tap('btn-save-reply')
  await page.waitFor(() => page.querySelectorAll('reply-item').length === 4, 'the new template')
  const posted = page.requests.find((r) => r.method === 'POST')!
  expect(posted.data).toEqual({ category: null, title: '约上门时间', body: '想约上门时间，请回复{社工}' })

  await page.tap(page.querySelectorAll('btn-delete-reply')[2]!)
  await page.waitFor(() => page.querySelectorAll('reply-item').length === 3, 'the template deleted')
  expect(page.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/api/staff/replies/${REPLIES[2]!.id}`])
  expect(texts(page, 'reply-item__title')).not.toContain('政策咨询答复')
})

test('the head edits a template: the form holds it, a refusal is said at its field, the saved one replaces it in the list', async () => {
  let refuse = true
  const page = await mountPage(
    'packages/workbench/replies/index',
    {},
    {
      storage: HEAD_LOGGED_IN,
      routes: {
        'GET /api/staff/replies': { items: REPLIES },
        'PATCH /api/staff/replies/:id': (req: { data: unknown }) => {
          if (refuse) {
            refuse = false
            return reply(400, { code: 'FIELD_INVALID', message: '回复内容里的「{电话}」不是可用的占位词', field: 'body' })
          }
          return { ...REPLIES[1]!, ...(req.data as object), updatedAt: '2026-11-25T00:00:00.000Z' }
        },
      },
    },
  )
  await page.waitFor(() => page.querySelectorAll('reply-item').length === 3, 'the templates')
  await page.tap(page.querySelectorAll('btn-edit-reply')[1]!)
  await page.waitFor(() => page.find('reply-form'), 'the form')
  expect(page.text(page.get('reply-form'))).toContain('修改常用回复')
  await page.input('reply-form__title', '助餐服务（长者食堂）')
  await page.tap('btn-save-reply')
  await page.waitFor(() => texts(page, 'field__error').length > 0, 'the refusal')
  expect(texts(page, 'field__error')).toEqual(['回复内容里的「{电话}」不是可用的占位词'])
  // The template's own category and body went with the new title: the form held them.
  const [first] = page.requests.filter((r) => r.method === 'PATCH')
  expect(first!.path).toBe(`/api/staff/replies/${REPLIES[1]!.id}`)
  expect(first!.data).toEqual({ category: 'elderly_care', title: '助餐服务（长者食堂）', body: REPLIES[1]!.body })
  await page.tap('btn-save-reply')
  await page.waitFor(() => page.find('reply-form') === undefined, 'the form closing')
  expect(texts(page, 'reply-item__title')).toEqual(['已收到，尽快联系', '助餐服务（长者食堂）', '政策咨询答复'])
  expect(page.consoleErrors).toEqual([])
})
