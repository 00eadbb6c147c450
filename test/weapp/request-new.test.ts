/**
 * 有问题找社工 (packages/request/new/index) on the weapp build: the four-step
 * form as a resident fills it in, the emergency diversion, the draft that
 * survives a restart, and a submission that survives a flaky network.
 */
import type { CreateRequestBody } from '../../contract/types'
import { attrOf, mountPage, networkError, reply, type FakeRequest, type MountedPage, type MountOptions } from './harness'
import { CONSENT_VERSIONS } from '../../contract/consents'
import { agreed, consentList, REQUEST_CONSENTS_AGREED } from './consent-fixtures'
import { CREATED, LOGGED_IN, RESIDENT_SESSION } from './request-fixtures'
import { XIANJIN_DETAIL } from './fixtures'

const ROUTE = 'packages/request/new/index'
/** The key the draft store persists under (src/stores/requestDraft.ts). */
const DRAFT_KEY = 'sgz-request-draft'

const DESCRIPTION = '母亲腿脚不便，想了解助餐和上门探访服务'

// ───────────────────────── driving the form like a person ─────────────────────────

/** The step the form is on, as the step bar shows it ("2. 遇到的问题"). */
const activeStep = (page: MountedPage) => page.text(page.get('steps__item--active'))

/** Taps the choice with this label (an OptionGroup option, e.g. 养老服务, 独居, 母亲). */
async function choose(page: MountedPage, label: string) {
  const options = page.querySelectorAll('option').filter((o) => page.text(o).replace(/^✓ /, '') === label)
  if (options.length !== 1) throw new Error(`expected one option 「${label}」, found ${options.length}. Page text: ${page.text()}`)
  await page.tap(options[0]!)
}

/** Whether the option with this label is the chosen one (✓ and option--active). */
const isChosen = (page: MountedPage, label: string) => {
  const option = page.querySelectorAll('option').find((o) => page.text(o).replace(/^✓ /, '') === label)
  return (
    !!option && String(attrOf(option._exparserNode, 'class')).split(/\s+/).includes('option--active') && page.text(option).startsWith('✓ ')
  )
}

/** The form field whose label starts with this text (its label, hint, control and error are inside). */
function field(page: MountedPage, label: string) {
  const match = page.querySelectorAll('field').find((f) => page.text(f).startsWith(label))
  if (!match) throw new Error(`no field 「${label}」. Page text: ${page.text()}`)
  return match
}

/** 下一步, then wait until the app has settled on whatever it shows next. */
const next = (page: MountedPage) => page.tap('btn-next')

/** Steps 1 and 2 for 养老服务: category, both questions, a description. */
async function fillProblem(page: MountedPage, mobility = '需要搀扶或轮椅') {
  expect(activeStep(page)).toBe('1. 服务类别')
  await choose(page, '养老服务')
  await next(page)
  expect(activeStep(page)).toBe('2. 遇到的问题')
  await choose(page, '独居')
  await choose(page, mobility)
  await page.input('request-description', DESCRIPTION)
}

/** Step 4: who to call, and where. */
async function fillContact(page: MountedPage) {
  expect(activeStep(page)).toBe('4. 联系方式')
  await page.input('contact-name', '李女士')
  await page.input('contact-phone', '13800001234')
  await page.input('contact-address', '东山小区5号楼2单元')
}

/** All four steps for oneself, ready to submit. */
async function fillAll(page: MountedPage) {
  await fillProblem(page)
  await next(page)
  await next(page)
  await fillContact(page)
}

const requestPosts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST' && r.path === '/api/requests')
const bodyOf = (r: FakeRequest) => r.data as CreateRequestBody
const draftInStorage = (page: MountedPage) => JSON.parse(page.storage.get(DRAFT_KEY) as string).state

const mount = (opts: MountOptions = {}) =>
  mountPage(
    ROUTE,
    {},
    {
      ...opts,
      // The resident has agreed to the current 求助信息使用说明 and 隐私政策 unless a test says otherwise.
      routes: {
        'POST /api/auth/wechat': RESIDENT_SESSION,
        'GET /api/me/consents': REQUEST_CONSENTS_AGREED,
        'POST /api/requests': CREATED,
        ...opts.routes,
      },
    },
  )

// ───────────────────────── tests ─────────────────────────

describe('求助 for oneself (本人)', () => {
  test('logs in with wx.login, posts the request with an Idempotency-Key and shows the number and station', async () => {
    const page = await mount()
    expect(page.find('page-request-new')).toBeDefined()
    await fillProblem(page)
    await next(page)
    expect(activeStep(page)).toBe('3. 为谁求助')
    expect(isChosen(page, '为自己')).toBe(true)
    await next(page)
    await fillContact(page)

    await page.tap('btn-submit')
    await page.waitFor(() => page.find('request-success'), 'the success card')

    // No session yet: wx.login's code is exchanged for one first.
    expect(page.callsOf('login')).toHaveLength(1)
    expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/auth/wechat',
      'GET /api/me/consents',
      'POST /api/requests',
    ])
    expect(page.requests[0]!.data).toEqual({ code: 'harness-login-code' })

    const [post] = requestPosts(page)
    expect(bodyOf(post!)).toEqual({
      category: 'elderly_care',
      attributes: { livesAlone: 'yes', mobility: 'limited' },
      description: DESCRIPTION,
      photoIds: [],
      requester: 'self',
      contactName: '李女士',
      contactPhone: '13800001234',
      preferredTime: '',
      address: '东山小区5号楼2单元',
      urgency: 'normal',
    })
    expect(post!.header['Idempotency-Key']).toMatch(/\S{8,}/)
    expect(post!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)

    expect(page.text(page.get('request-success__number'))).toBe(CREATED.number)
    expect(page.text(page.get('request-success__station'))).toBe(CREATED.station.name)
    expect(page.text(page.get('request-success__reason'))).toBe(CREATED.routingReason)
    expect(page.text(page.get('request-success__expected'))).toBe(`${CREATED.expectedResponse}受理`)
    expect(page.text(page.get('request-success'))).toContain(CREATED.station.phone)

    // The submitted draft is cleared (contact details kept for next time), and so is its key.
    const stored = JSON.parse(page.storage.get(DRAFT_KEY) as string).state
    expect(stored.idempotencyKey).toBeNull()
    expect(stored.draft).toMatchObject({ description: '', category: null, contactName: '李女士', contactPhone: '13800001234' })
    expect(page.consoleErrors).toEqual([])

    // 查看进度 opens the new request.
    await page.tap('btn-view-request')
    expect(page.callsOf('redirectTo').map((o) => o.url)).toEqual([`/packages/request/detail/index?id=${CREATED.id}`])
  })

  test('each step says what is missing, next to the field, and does not move on', async () => {
    const page = await mount({ storage: LOGGED_IN })
    await next(page)
    expect(activeStep(page)).toBe('1. 服务类别')
    expect(page.text(field(page, '您需要哪方面的帮助？'))).toContain('请选择一项服务')

    await choose(page, '养老服务')
    await next(page)
    await next(page)
    expect(activeStep(page)).toBe('2. 遇到的问题')
    expect(page.text(field(page, '遇到了什么问题？'))).toContain('请简单说说遇到了什么问题')
    expect(page.text(field(page, '行动是否方便'))).toContain('请回答：行动是否方便')

    await choose(page, '与家人同住')
    await choose(page, '行动方便')
    await page.input('request-description', '想了解助餐')
    await next(page)
    await next(page)
    expect(activeStep(page)).toBe('4. 联系方式')
    await page.input('contact-name', '李女士')
    await page.input('contact-phone', '12345')
    await page.tap('btn-submit')
    expect(page.text(field(page, '联系电话'))).toContain('请填写 11 位手机号')
    expect(page.text(field(page, '需要帮助的地点'))).toContain('请填写地址')
    expect(requestPosts(page)).toEqual([])
    expect(page.find('request-success')).toBeUndefined()
  })

  // Each question says its own name (it once showed the last unanswered one's under every question).
  test('an unanswered question says its own name', async () => {
    const page = await mount({ storage: LOGGED_IN })
    await choose(page, '养老服务')
    await next(page)
    await next(page)
    expect(page.text(field(page, '老人是否独居'))).toContain('请回答：老人是否独居')
  })
})

describe('求助 for a family member (家人代办)', () => {
  test('asks for the helped person’s name next to the field, then sends helped with consent', async () => {
    const page = await mount({ storage: LOGGED_IN })
    await fillProblem(page)
    await next(page)
    expect(activeStep(page)).toBe('3. 为谁求助')
    await choose(page, '为家人代办（如父母）')
    expect(page.find('helped-name')).toBeDefined()

    await next(page)
    expect(activeStep(page)).toBe('3. 为谁求助')
    const errors = page.querySelectorAll('field__error').map((n) => page.text(n))
    expect(errors).toContainEqual(expect.stringContaining('姓名'))
    // The error sits in the name field itself.
    const nameField = field(page, '被帮助人的姓名')
    expect(String(attrOf(nameField._exparserNode, 'class'))).toContain('field--error')
    expect(page.text(nameField)).toContain('请填写被帮助人的姓名')
    expect(page.text(field(page, '对方是否同意由您代为求助'))).toContain('请先确认被帮助人同意由您代为求助')

    await page.input('helped-name', '张秀兰')
    await choose(page, '母亲')
    await page.tap('helped-consent') // a checkbox, as the child consent is
    expect(isChosen(page, '母亲')).toBe(true)
    expect(String(attrOf(page.get('helped-consent')._exparserNode, 'class'))).toContain('check-item--checked')
    await next(page)
    expect(activeStep(page)).toBe('4. 联系方式')
    expect(page.text()).toContain('家人代办 · 养老服务')
    await fillContact(page)

    // The helped person's place decides where it goes: asked for, next to its field, before anything is sent.
    await page.tap('btn-submit')
    expect(page.text(field(page, '被帮助人在哪里'))).toContain('请选择被帮助人所在的地区')
    expect(requestPosts(page)).toEqual([])
    await page.tap('btn-pick-helped-area')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/pages/area/index?for=helped'])
  })

  test('a daughter in Shanghai for her mother in 民馨社区: the body carries the mother’s area and neither the daughter’s position nor the station nearest to her', async () => {
    const SHANGHAI = { lat: 31.2989, lng: 121.5146 }
    const MINXIN_AREA = { path: ['辽宁省', '大连市', '金普新区', '先进街道', '民馨社区'], center: { lat: 39.0555, lng: 121.7735 } }
    const draft = {
      stationId: '5b1e6a3c-0000-4000-8000-0000000000aa',
      stationName: '五角场街道综合社工站',
      stationSource: 'nearest',
      helpedArea: MINXIN_AREA,
      helpedHere: false,
      category: 'elderly_care',
      attributes: { livesAlone: 'yes', mobility: 'limited' },
      description: DESCRIPTION,
      photos: [],
      requester: 'family',
      helpedName: '张秀兰',
      helpedRelationship: '母亲',
      helpedPhone: '',
      helpedAddress: '',
      helpedConsent: true,
      contactName: '李女士',
      contactPhone: '13800001234',
      preferredTime: '',
      address: '民馨社区 3 号楼 2 单元 501',
      location: SHANGHAI,
      urgency: 'normal',
      emergencyAcknowledged: false,
    }
    const page = await mount({
      storage: { ...LOGGED_IN, [DRAFT_KEY]: JSON.stringify({ state: { draft, step: 3, idempotencyKey: null }, version: 0 }) },
      routes: { 'GET /api/stations/:id': { ...XIANJIN_DETAIL, id: draft.stationId, name: '五角场街道综合社工站' } },
    })
    expect(activeStep(page)).toBe('4. 联系方式')
    expect(page.text(field(page, '被帮助人在哪里'))).toContain('大连市 金普新区 先进街道 民馨社区')
    expect(page.text()).not.toContain('已使用：当前位置')
    expect(page.text()).toContain('按被帮助人所在地区分派（不用离您最近的「五角场街道综合社工站」）')
    await page.tap('btn-submit')
    await page.waitFor(() => page.find('request-success'), 'the success card')
    const body = bodyOf(requestPosts(page)[0]!)
    expect(body.area).toEqual({ province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' })
    expect(body.location).toBeUndefined()
    expect(body.stationId).toBeUndefined()
    expect(body).toMatchObject({ requester: 'family', contactPhone: '13800001234', category: 'elderly_care' })
    expect(body.helped).toEqual({ name: '张秀兰', relationship: '母亲', consent: true })
    // Logged in already: no wx.login.
    expect(page.callsOf('login')).toEqual([])
    expect(requestPosts(page)[0]!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)
  })
})

describe('emergency diversion', () => {
  test('刚刚摔倒或突发不适 stops the form at 120; 仍要发送 goes on and sends it as urgent', async () => {
    const page = await mount({ storage: LOGGED_IN })
    await fillProblem(page, '刚刚摔倒或突发不适')
    expect(page.text(page.get('emergency-hint'))).toContain('紧急电话')

    await next(page)
    expect(page.find('emergency-panel')).toBeDefined()
    expect(page.find('request-form')).toBeUndefined()
    const hotlines = page.querySelectorAll('btn-hotline')
    expect(hotlines.map((b) => page.text(b))).toEqual(['拨打 急救电话 120'])

    await page.tap(hotlines[0]!)
    expect(page.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '120' })])
    expect(page.find('emergency-panel')).toBeDefined()

    await page.tap('btn-send-anyway')
    expect(page.find('emergency-panel')).toBeUndefined()
    expect(activeStep(page)).toBe('3. 为谁求助')
    await next(page)
    await fillContact(page)
    expect(isChosen(page, '紧急')).toBe(true)

    await page.tap('btn-submit')
    await page.waitFor(() => page.find('request-success'), 'the success card')
    const [post] = requestPosts(page)
    expect(bodyOf(post!)).toMatchObject({ urgency: 'urgent', attributes: { livesAlone: 'yes', mobility: 'fallen' } })
  })

  test('返回修改 goes back to the questions without calling anyone', async () => {
    const page = await mount({ storage: LOGGED_IN })
    await fillProblem(page, '刚刚摔倒或突发不适')
    await next(page)
    const back = page.querySelectorAll('btn--text').find((b) => page.text(b) === '返回修改')!
    await page.tap(back)
    expect(page.find('emergency-panel')).toBeUndefined()
    expect(activeStep(page)).toBe('2. 遇到的问题')
    expect(page.callsOf('makePhoneCall')).toEqual([])
  })
})

describe('the draft', () => {
  test('survives closing and reopening the mini-program', async () => {
    const first = await mount({ storage: LOGGED_IN })
    await choose(first, '养老服务')
    await next(first)
    await first.input('request-description', DESCRIPTION)
    expect(draftInStorage(first).draft.description).toBe(DESCRIPTION)
    first.unmount()

    // A fresh app on the same phone storage.
    const again = await mount({ storage: Object.fromEntries(first.storage) })
    expect(activeStep(again)).toBe('2. 遇到的问题')
    expect(attrOf(again.get('request-description')._exparserNode, 'value')).toBe(DESCRIPTION)
    expect(again.text()).toContain(`${DESCRIPTION.length}/1000`)
    expect(again.find('request-success')).toBeUndefined()
  })
})

describe('a flaky network', () => {
  // useNewRequest waits 1 s, then 2 s, between attempts. On jest's fake clock
  // those waits pass at once; everything else (wx answers, Taro's setData,
  // React's scheduler) runs on the same clock, so nothing here waits for real.
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] })
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  /** Fires the fake clock's timers one by one (letting promises run in between) until `work` is done. */
  async function onFakeClock<T>(work: Promise<T>): Promise<T> {
    let done = false
    const result = work.finally(() => {
      done = true
    })
    for (let timer = 0; !done; timer++) {
      if (timer > 20_000) throw new Error('fake clock: the page never settled')
      await jest.advanceTimersToNextTimerAsync()
    }
    return result
  }

  /**
   * Fires the fake clock's timers one by one until `condition` holds. (page.waitFor
   * counts 200 zero-delay turns, which on this clock is 200 ms: less than the app's 1 s retry wait.)
   */
  async function clockUntil(page: MountedPage, condition: () => unknown, what: string) {
    for (let timer = 0; timer < 1000; timer++) {
      if (condition()) return
      await jest.advanceTimersToNextTimerAsync()
    }
    throw new Error(
      `fake clock: gave up waiting for ${what}. Page text: ${page.text()}\nrequests: ${page.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    )
  }

  test('a network failure is retried with the SAME Idempotency-Key, and the resident sees success', async () => {
    let attempts = 0
    const page = await onFakeClock(
      mount({
        storage: LOGGED_IN,
        routes: { 'POST /api/requests': () => (++attempts === 1 ? networkError('request:fail net::ERR_CONNECTION_RESET') : CREATED) },
      }),
    )
    await onFakeClock(fillAll(page))

    await onFakeClock(page.tap('btn-submit'))
    await clockUntil(page, () => page.find('request-success'), 'the success card')

    const posts = requestPosts(page)
    expect(posts).toHaveLength(2)
    const [first, second] = posts.map((p) => p.header['Idempotency-Key'])
    expect(first).toMatch(/\S{8,}/)
    expect(second).toBe(first)
    expect(bodyOf(posts[1]!)).toEqual(bodyOf(posts[0]!))
    expect(page.text(page.get('request-success__number'))).toBe(CREATED.number)
    expect(page.find('form-error')).toBeUndefined()
  })
  test('when every retry fails it says so and keeps the key; 提交 again later reuses it', async () => {
    let online = false
    const page = await onFakeClock(
      mount({
        storage: LOGGED_IN,
        routes: { 'POST /api/requests': () => (online ? CREATED : networkError('request:fail net::ERR_INTERNET_DISCONNECTED')) },
      }),
    )
    await onFakeClock(fillAll(page))

    await onFakeClock(page.tap('btn-submit'))
    await clockUntil(page, () => page.find('form-error'), 'the form error')
    expect(page.text(page.get('form-error'))).toBe('网络连接失败，请检查网络后重试')
    expect(page.find('request-success')).toBeUndefined()
    const keys = requestPosts(page).map((p) => p.header['Idempotency-Key'])
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
    // Kept with the draft until the server has acknowledged it.
    expect(draftInStorage(page).idempotencyKey).toBe(keys[0])
    expect(draftInStorage(page).draft.description).toBe(DESCRIPTION)

    online = true
    await onFakeClock(page.tap('btn-submit'))
    await clockUntil(page, () => page.find('request-success'), 'the success card')
    expect(requestPosts(page).map((p) => p.header['Idempotency-Key'])).toEqual([keys[0], keys[0], keys[0], keys[0]])
  })

  test('409 IDEMPOTENCY_IN_FLIGHT (the first try still being processed): asked again with the same key', async () => {
    let attempts = 0
    const inFlight = reply(409, { code: 'IDEMPOTENCY_IN_FLIGHT', message: '上一次提交还在处理中，请稍候' })
    const page = await onFakeClock(
      mount({ storage: LOGGED_IN, routes: { 'POST /api/requests': () => (++attempts === 1 ? inFlight : CREATED) } }),
    )
    await onFakeClock(fillAll(page))

    await onFakeClock(page.tap('btn-submit'))
    await clockUntil(page, () => page.find('request-success'), 'the success card')
    const keys = requestPosts(page).map((p) => p.header['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
  })
})

describe('the server refuses', () => {
  test('a refusal naming a field is said next to that field, on its step', async () => {
    const page = await mount({
      storage: LOGGED_IN,
      routes: {
        'POST /api/requests': reply(400, {
          code: 'FIELD_INVALID',
          message: '问题描述里有无法识别的字符，请修改后再提交',
          field: 'description',
        }),
      },
    })
    await fillAll(page)
    await page.tap('btn-submit')
    await page.waitFor(() => page.find('field__error'), 'the error')
    expect(activeStep(page)).toBe('2. 遇到的问题')
    expect(page.text(field(page, '遇到了什么问题'))).toContain('问题描述里有无法识别的字符，请修改后再提交')
    expect(page.find('form-error')).toBeUndefined()
    // Changing the field takes its message away.
    await page.input('request-description', '母亲腿脚不便，想了解助餐服务')
    await page.waitFor(() => !page.find('field__error'), 'the message gone')
  })

  test('a refusal about the helped person’s phone opens 为谁求助 with the message under that phone', async () => {
    // The resident picked 先进街道 as her own area before; her mother lives with her (就在我现在的位置).
    const ownArea = { path: ['辽宁省', '大连市', '金普新区', '先进街道'], center: { lat: 39.0535, lng: 121.779 } }
    const page = await mount({
      storage: { ...LOGGED_IN, 'sgz-location': JSON.stringify({ state: { area: ownArea }, version: 0 }) },
      routes: { 'POST /api/requests': reply(400, { code: 'FIELD_INVALID', message: '被帮助人的电话格式不正确', field: 'helped.phone' }) },
    })
    await fillProblem(page)
    await next(page)
    await choose(page, '为家人代办（如父母）')
    await page.input('helped-name', '张秀兰')
    await choose(page, '母亲')
    await page.input('helped-phone', '13900001111')
    await page.tap('helped-consent')
    await next(page)
    await fillContact(page)
    await page.tap('btn-helped-here')
    expect(page.text(field(page, '被帮助人在哪里'))).toContain('和您在同一个地方')
    await page.tap('btn-submit')
    await page.waitFor(() => requestPosts(page).length === 1, 'the request sent')
    const body = bodyOf(requestPosts(page)[0]!)
    expect(body.area).toEqual({ province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道' })
    expect(body.location).toEqual(ownArea.center)
    await page.waitFor(() => page.find('field__error'), 'the error')
    expect(activeStep(page)).toBe('3. 为谁求助')
    expect(page.text(field(page, '被帮助人的电话'))).toContain('被帮助人的电话格式不正确')
  })

  test('422 IDEMPOTENCY_KEY_REUSED: asks whether the first one went through; 重新提交 starts a fresh key', async () => {
    let reused = true
    const page = await mount({
      storage: LOGGED_IN,
      modalConfirm: false,
      routes: {
        'POST /api/requests': () =>
          reused ? reply(422, { code: 'IDEMPOTENCY_KEY_REUSED', message: '这个提交编号已用于另一条求助' }) : CREATED,
      },
    })
    await fillAll(page)
    await page.tap('btn-submit')
    await page.waitFor(() => page.callsOf('showModal').length === 1, 'the question')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '请先确认', confirmText: '去查看', cancelText: '重新提交' })
    await page.waitFor(() => draftInStorage(page).idempotencyKey === null, 'the key dropped')
    expect(page.text(page.get('form-error'))).toBe('这个提交编号已用于另一条求助')

    reused = false
    await page.tap('btn-submit')
    await page.waitFor(() => page.find('request-success'), 'the success card')
    const [first, second] = requestPosts(page).map((p) => p.header['Idempotency-Key'])
    expect(second).toMatch(/\S{8,}/)
    expect(second).not.toBe(first)
  })

  test('422 IDEMPOTENCY_KEY_REUSED: 去查看 opens 我的求助', async () => {
    const page = await mount({
      storage: LOGGED_IN,
      routes: { 'POST /api/requests': reply(422, { code: 'IDEMPOTENCY_KEY_REUSED', message: '这个提交编号已用于另一条求助' }) },
    })
    await fillAll(page)
    await page.tap('btn-submit')
    await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect')
    expect(page.callsOf('redirectTo')[0].url).toBe('/packages/request/mine/index')
  })
})

describe('consent before the first request (求助信息使用说明)', () => {
  const consentPosts = (page: MountedPage) =>
    page.requests.filter((r) => r.method === 'POST' && r.path === '/api/me/consents').map((r) => r.data)

  test('not agreed yet: the text is shown first; 同意并继续 records both agreements, then sends the request', async () => {
    const recorded = consentList({ privacy_policy: agreed('privacy_policy'), help_requests: agreed('help_requests') })
    const page = await mount({ storage: LOGGED_IN, routes: { 'GET /api/me/consents': consentList(), 'POST /api/me/consents': recorded } })
    await fillAll(page)

    await page.tap('btn-submit')
    await page.waitFor(() => page.find('consent-panel'), 'the consent panel')
    const panel = page.text(page.get('consent-panel'))
    expect(panel).toContain('《求助信息使用说明》')
    for (const words of ['收集哪些信息', '谁能看到', '只有受理站点的工作人员能看到', '保存多久', `版本 ${CONSENT_VERSIONS.help_requests}`])
      expect(panel).toContain(words)
    expect(page.text(page.get('consent-panel__link'))).toContain(`隐私政策》（版本 ${CONSENT_VERSIONS.privacy_policy}）`)
    // Nothing is sent before the resident agrees.
    expect(requestPosts(page)).toEqual([])
    expect(consentPosts(page)).toEqual([])
    expect(page.find('request-form')).toBeUndefined()

    await page.tap('consent-panel__link')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/pages/privacy/index'])

    await page.tap('btn-consent-agree')
    await page.waitFor(() => page.find('request-success'), 'the success card')
    expect(consentPosts(page)).toEqual([
      { purpose: 'privacy_policy', version: CONSENT_VERSIONS.privacy_policy, granted: true },
      { purpose: 'help_requests', version: CONSENT_VERSIONS.help_requests, granted: true },
    ])
    expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/me/consents',
      'POST /api/me/consents',
      'POST /api/me/consents',
      'POST /api/requests',
    ])
    expect(page.requests.every((r) => r.header.Authorization === `Bearer ${RESIDENT_SESSION.token}`)).toBe(true)
    expect(bodyOf(requestPosts(page)[0]!)).toMatchObject({ category: 'elderly_care', contactPhone: '13800001234' })
    expect(page.consoleErrors).toEqual([])
  })

  test('取消: nothing is sent or recorded, the form says why and keeps what was written; 提交 asks again', async () => {
    const page = await mount({ storage: LOGGED_IN, routes: { 'GET /api/me/consents': consentList() } })
    await fillAll(page)
    await page.tap('btn-submit')
    await page.waitFor(() => page.find('consent-panel'), 'the consent panel')

    await page.tap('btn-consent-cancel')
    expect(page.find('consent-panel')).toBeUndefined()
    expect(page.text(page.get('form-error'))).toContain('求助没有发送')
    expect(activeStep(page)).toBe('4. 联系方式')
    expect(draftInStorage(page).draft.description).toBe(DESCRIPTION)
    expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/me/consents'])

    await page.tap('btn-submit')
    await page.waitFor(() => page.find('consent-panel'), 'the consent panel again')
    expect(requestPosts(page)).toEqual([])
  })

  test('a new version of the text asks again — only for what changed', async () => {
    const old = agreed('help_requests', '2026-10-01T02:00:00.000Z', '2026-01-01')
    const page = await mount({
      storage: LOGGED_IN,
      routes: {
        'GET /api/me/consents': consentList({ privacy_policy: agreed('privacy_policy'), help_requests: old }),
        'POST /api/me/consents': REQUEST_CONSENTS_AGREED,
      },
    })
    await fillAll(page)
    await page.tap('btn-submit')
    await page.waitFor(() => page.find('consent-panel'), 'the consent panel')
    expect(page.text(page.get('consent-panel'))).toContain(`版本 ${CONSENT_VERSIONS.help_requests}`)
    // The privacy policy is agreed in its current version: not asked again.
    expect(page.find('consent-panel__link')).toBeUndefined()

    await page.tap('btn-consent-agree')
    await page.waitFor(() => page.find('request-success'), 'the success card')
    expect(consentPosts(page)).toEqual([{ purpose: 'help_requests', version: CONSENT_VERSIONS.help_requests, granted: true }])
  })

  test('the server refuses the version (the app is out of date): said in words, nothing sent', async () => {
    const refusal = { code: 'CONFLICT', message: '《求助信息》条款已更新（当前版本 2027-03-01），请阅读新版本后再同意' }
    const page = await mount({
      storage: LOGGED_IN,
      routes: {
        'GET /api/me/consents': consentList({ privacy_policy: agreed('privacy_policy') }),
        'POST /api/me/consents': reply(409, refusal),
      },
    })
    await fillAll(page)
    await page.tap('btn-submit')
    await page.waitFor(() => page.find('consent-panel'), 'the consent panel')
    await page.tap('btn-consent-agree')
    await page.waitFor(() => page.find('form-error'), 'the form error')
    expect(page.text(page.get('form-error'))).toBe(refusal.message)
    expect(requestPosts(page)).toEqual([])
  })
})
