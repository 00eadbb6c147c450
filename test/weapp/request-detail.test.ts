/**
 * 求助详情 (packages/request/detail/index) on the weapp build: the timeline of
 * a request, 补充说明, 取消求助 while it is still waiting, and 更正联系方式.
 */
import type { HelpRequest } from '../../contract/types'
import { attrOf, mountPage, reply, type MountedPage } from './harness'
import { LOGGED_IN, REPLY_TEXT, RESOLVED_DETAIL, RESOLVE_TEXT, SOCIAL_WORKER, WAITING_DETAIL } from './request-fixtures'
import { MINXIN } from './fixtures'

const ROUTE = 'packages/request/detail/index'

const timeline = (page: MountedPage) => page.querySelectorAll('timeline__item')
const typeOf = (item: ReturnType<MountedPage['get']>) =>
  String(attrOf(item._exparserNode, 'class'))
    .split(/\s+/)
    .find((c) => c.startsWith('timeline__item--'))

const withEvent = (r: HelpRequest, patch: Partial<HelpRequest>, type: HelpRequest['events'][number]['type'], body = ''): HelpRequest => ({
  ...r,
  ...patch,
  events: [
    ...r.events,
    { id: 99, type, body, actorName: null, stationName: null, toStationName: null, internal: false, createdAt: '2026-11-24T03:00:00.000Z' },
  ],
})

describe('a finished request', () => {
  let page: MountedPage
  beforeEach(async () => {
    page = await mountPage(
      ROUTE,
      { id: RESOLVED_DETAIL.id },
      {
        storage: LOGGED_IN,
        routes: {
          'GET /api/requests/:id': (req) => (req.params.id === RESOLVED_DETAIL.id ? RESOLVED_DETAIL : null),
          'POST /api/requests/:id/messages': (req) => withEvent(RESOLVED_DETAIL, {}, 'message', (req.data as { body: string }).body),
        },
      },
    )
    await page.waitFor(() => page.find('timeline'), 'the timeline')
  })

  test('shows its status and the timeline in order: 已提交, 已受理 by the worker, 社工回复, 已办结', () => {
    expect(page.requests.map((r) => r.url)).toEqual([expect.stringMatching(new RegExp(`/api/requests/${RESOLVED_DETAIL.id}$`))])
    expect(page.text(page.get('request-status'))).toBe('已办结')
    expect(page.text()).toContain(`求助编号 ${RESOLVED_DETAIL.number}`)
    expect(page.text()).toContain(`受理站点：${MINXIN.name}`)

    const items = timeline(page)
    expect(items.map(typeOf)).toEqual([
      'timeline__item--submitted',
      'timeline__item--accepted',
      'timeline__item--replied',
      'timeline__item--resolved',
    ])
    expect(page.querySelectorAll('timeline__type').map((n) => page.text(n))).toEqual(['已提交', '已受理', '社工回复', '已办结'])
    const worker = `${MINXIN.name} ${SOCIAL_WORKER}`
    expect(page.querySelectorAll('timeline__who').map((n) => page.text(n))).toEqual(['我', worker, worker, worker])
    expect(page.text(items[2])).toContain(REPLY_TEXT)
    expect(page.text(items[3])).toContain(RESOLVE_TEXT)
    expect(page.querySelectorAll('timeline__time')).toHaveLength(4)

    // Finished: nothing left to cancel.
    expect(page.find('btn-cancel-request')).toBeUndefined()
    expect(page.consoleErrors).toEqual([])
  })

  test('补充说明 is posted to /messages and appears in the timeline', async () => {
    await page.tap('btn-send-message')
    expect(page.text(page.get('field__error'))).toBe('请输入要补充的内容')
    expect(page.requests.filter((r) => r.method === 'POST')).toEqual([])

    await page.input('request-message', '  周三上午我带材料过去  ')
    await page.tap('btn-send-message')
    await page.waitFor(() => timeline(page).length === 5, 'the message in the timeline')

    const posts = page.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.path)).toEqual([`/api/requests/${RESOLVED_DETAIL.id}/messages`])
    expect(posts[0]!.data).toEqual({ body: '周三上午我带材料过去' })
    const last = timeline(page)[4]
    expect(typeOf(last!)).toBe('timeline__item--message')
    expect(page.text(last)).toContain('补充说明')
    expect(page.text(last)).toContain('周三上午我带材料过去')
    // The box is emptied and the error gone.
    expect(attrOf(page.get('request-message')._exparserNode, 'value')).toBe('')
    expect(page.find('field__error')).toBeUndefined()
  })
})

describe('a request still waiting to be accepted', () => {
  const cancelled = withEvent(WAITING_DETAIL, { status: 'cancelled', canCancel: false }, 'cancelled')
  const routes = {
    'GET /api/requests/:id': WAITING_DETAIL,
    'POST /api/requests/:id/cancel': cancelled,
  }

  test('取消求助, confirmed in the dialog, posts /cancel and shows 已取消', async () => {
    const page = await mountPage(ROUTE, { id: WAITING_DETAIL.id }, { storage: LOGGED_IN, routes })
    await page.waitFor(() => page.find('btn-cancel-request'), 'the cancel button')
    expect(page.text(page.get('request-status'))).toBe('待受理')
    expect(page.text()).toContain('为母亲张秀兰代办')
    expect(page.text()).toContain(`响应时限：${WAITING_DETAIL.expectedResponse}受理`)

    await page.tap('btn-cancel-request')
    await page.waitFor(() => page.text(page.get('request-status')) === '已取消', 'the cancelled status')
    expect(page.callsOf('showModal')).toEqual([expect.objectContaining({ title: '取消求助', confirmText: '确定取消' })])
    const posts = page.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.path)).toEqual([`/api/requests/${WAITING_DETAIL.id}/cancel`])
    // Nothing more to cancel or add.
    expect(page.find('btn-cancel-request')).toBeUndefined()
    expect(page.find('request-message')).toBeUndefined()
    expect(typeOf(timeline(page).at(-1)!)).toBe('timeline__item--cancelled')
  })

  test('再想想 in the dialog cancels nothing', async () => {
    const page = await mountPage(ROUTE, { id: WAITING_DETAIL.id }, { storage: LOGGED_IN, routes, modalConfirm: false })
    await page.waitFor(() => page.find('btn-cancel-request'), 'the cancel button')
    await page.tap('btn-cancel-request')
    await page.waitFor(() => page.callsOf('showModal').length === 1, 'the dialog')
    expect(page.requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(page.text(page.get('request-status'))).toBe('待受理')
  })

  test('打电话给社工站 calls the station', async () => {
    const page = await mountPage(ROUTE, { id: WAITING_DETAIL.id }, { storage: LOGGED_IN, routes })
    await page.waitFor(() => page.find('btn-call'), 'the call button')
    await page.tap('btn-call')
    expect(page.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: WAITING_DETAIL.station.phone })])
  })
})

describe('更正联系方式 (the right to correction)', () => {
  const valueOf = (page: MountedPage, cls: string) => attrOf(page.get(cls)._exparserNode, 'value')
  const patches = (page: MountedPage) => page.requests.filter((r) => r.method === 'PATCH')

  test('the form is prefilled; a bad phone is said under the field and nothing is sent; a good one sends only what changed and shows the result', async () => {
    let answerPatch: (() => void) | undefined
    const page = await mountPage(
      ROUTE,
      { id: WAITING_DETAIL.id },
      {
        storage: LOGGED_IN,
        routes: {
          'GET /api/requests/:id': WAITING_DETAIL,
          // Held until the test lets it answer: a second tap meanwhile must not send again.
          'PATCH /api/requests/:id': (req) =>
            new Promise((resolve) => {
              const body = req.data as { contactPhone: string; address: string; helped: { phone: string } }
              answerPatch = () =>
                resolve(
                  withEvent(
                    WAITING_DETAIL,
                    {
                      contactPhone: body.contactPhone,
                      address: body.address,
                      helped: { ...WAITING_DETAIL.helped!, phone: body.helped.phone },
                    },
                    'message',
                    '居民更正了：联系电话、地址、被帮助人电话',
                  ),
                )
            }),
        },
      },
    )
    await page.waitFor(() => page.find('btn-correct-contact'), 'the correction button')
    expect(page.text(page.get('contact-details'))).toContain('13800001234')
    expect(page.text(page.get('contact-details--helped-phone'))).toContain('未填写')

    await page.tap('btn-correct-contact')
    await page.waitFor(() => page.find('correct-contact-phone'), 'the form')
    expect(valueOf(page, 'correct-contact-name')).toBe('李女士')
    expect(valueOf(page, 'correct-contact-phone')).toBe('13800001234')
    // 方便联系的时间: none chosen yet (the same choices as the request form).
    expect(page.querySelectorAll('option').map((n) => page.text(n))).toEqual([
      '随时都可以',
      '工作日上午',
      '工作日下午',
      '工作日晚上',
      '周末',
    ])
    expect(page.find('option--active')).toBeUndefined()
    expect(valueOf(page, 'correct-contact-address')).toBe('东山小区5号楼')
    // 家人代办: the helped person's phone and address too.
    expect(valueOf(page, 'correct-helped-phone')).toBe('')
    expect(valueOf(page, 'correct-helped-address')).toBe('东山小区5号楼')

    await page.input('correct-contact-phone', '1380000')
    await page.input('correct-helped-phone', '12')
    await page.tap('btn-save-correction')
    await page.waitFor(() => page.find('field__error'), 'the errors')
    expect(page.querySelectorAll('field__error').map((n) => page.text(n))).toEqual([
      '请填写 11 位手机号，或带区号的固定电话',
      '请填写 11 位手机号，或带区号的固定电话；不填也可以',
    ])
    expect(patches(page)).toEqual([])

    await page.input('correct-contact-phone', '13911112222')
    await page.input('correct-helped-phone', '13733334444')
    await page.input('correct-contact-address', ' 东山小区6号楼 ')
    expect(page.find('field__error')).toBeUndefined()
    await page.tap('btn-save-correction')
    await page.tap('btn-save-correction')
    await page.waitFor(() => patches(page).length === 1 && answerPatch, 'the PATCH')
    expect(patches(page)).toHaveLength(1)
    expect(patches(page)[0]!.path).toBe(`/api/requests/${WAITING_DETAIL.id}`)
    expect(patches(page)[0]!.data).toEqual({ contactPhone: '13911112222', address: '东山小区6号楼', helped: { phone: '13733334444' } })

    answerPatch!()
    await page.waitFor(() => page.find('contact-details'), 'the corrected details')
    expect(page.find('correct-contact-phone')).toBeUndefined()
    expect(page.text(page.get('contact-details--phone'))).toContain('13911112222')
    expect(page.text(page.get('contact-details--address'))).toContain('东山小区6号楼')
    expect(page.text(page.get('contact-details--helped-phone'))).toContain('13733334444')
    const last = timeline(page).at(-1)!
    expect(typeOf(last)).toBe('timeline__item--message')
    expect(page.text(last)).toContain('居民更正了：联系电话、地址、被帮助人电话')
    expect(page.callsOf('showToast')).toEqual([expect.objectContaining({ title: '已更正' })])
    expect(page.consoleErrors).toEqual([])
  })

  test('refused by the server: its message is shown and what was typed stays', async () => {
    const page = await mountPage(
      ROUTE,
      { id: RESOLVED_DETAIL.id },
      {
        storage: LOGGED_IN,
        routes: {
          'GET /api/requests/:id': RESOLVED_DETAIL,
          'PATCH /api/requests/:id': reply(409, { code: 'CONFLICT', message: '这条求助已取消，不能再更正联系方式' }),
        },
      },
    )
    await page.waitFor(() => page.find('btn-correct-contact'), 'the correction button')
    await page.tap('btn-correct-contact')
    await page.waitFor(() => page.find('correct-contact-name'), 'the form')
    // 本人求助: no helped person to correct.
    expect(page.find('correct-helped-phone')).toBeUndefined()

    await page.tap('btn-save-correction')
    await page.waitFor(() => page.find('correction-error'), 'nothing changed')
    expect(page.text(page.get('correction-error'))).toBe('您还没有修改任何内容')
    expect(patches(page)).toEqual([])

    await page.input('correct-contact-name', '刘建国')
    await page.tap(page.querySelectorAll('option').find((n) => page.text(n) === '周末')!)
    await page.tap('btn-save-correction')
    await page.waitFor(
      () => page.find('correction-error') && page.text(page.get('correction-error')) === '这条求助已取消，不能再更正联系方式',
      'the refusal',
    )
    expect(patches(page).map((r) => r.data)).toEqual([{ contactName: '刘建国', preferredTime: '周末' }])
    expect(valueOf(page, 'correct-contact-name')).toBe('刘建国')
    expect(page.text(page.get('option--active'))).toBe('✓ 周末')
    expect(attrOf(page.get('btn-save-correction')._exparserNode, 'disabled')).toBeFalsy()
  })

  test('a refusal naming a field (helped.phone) is said under that field, not for the whole form', async () => {
    const page = await mountPage(
      ROUTE,
      { id: WAITING_DETAIL.id },
      {
        storage: LOGGED_IN,
        routes: {
          'GET /api/requests/:id': WAITING_DETAIL,
          'PATCH /api/requests/:id': reply(400, { code: 'FIELD_INVALID', message: '被帮助人的电话不是有效的号码', field: 'helped.phone' }),
        },
      },
    )
    await page.waitFor(() => page.find('btn-correct-contact'), 'the correction button')
    await page.tap('btn-correct-contact')
    await page.waitFor(() => page.find('correct-helped-phone'), 'the form')
    await page.input('correct-helped-phone', '13700000000')
    await page.tap('btn-save-correction')
    await page.waitFor(() => page.find('field__error'), 'the refusal')
    const fieldOf = page.querySelectorAll('field').find((f) => page.text(f).includes('的电话（选填）'))!
    expect(page.text(fieldOf)).toContain('被帮助人的电话不是有效的号码')
    expect(page.querySelectorAll('field__error')).toHaveLength(1)
    expect(page.find('correction-error')).toBeUndefined()
    expect(valueOf(page, 'correct-helped-phone')).toBe('13700000000')
  })

  test('a cancelled request offers no correction', async () => {
    const cancelled = withEvent(WAITING_DETAIL, { status: 'cancelled', canCancel: false }, 'cancelled')
    const page = await mountPage(ROUTE, { id: WAITING_DETAIL.id }, { storage: LOGGED_IN, routes: { 'GET /api/requests/:id': cancelled } })
    await page.waitFor(() => page.find('contact-details'), 'the details')
    expect(page.text(page.get('contact-details'))).toContain('李女士')
    expect(page.find('btn-correct-contact')).toBeUndefined()
  })
})
