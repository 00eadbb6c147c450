/**
 * 预约服务 on the weapp build, in both modes: the booking page (the day strip,
 * full slots shown as full, who it is for, what is posted with its
 * Idempotency-Key, 预约成功 and 添加到手机日历 through wx.addPhoneCalendar, a
 * slot that just filled), 我的预约 (the station's reason for a move, cancel,
 * 改期, 评价这次服务), the workbench's day view (grouped by worker, 已到场 with
 * a note), 首页's 预约 to the nearest station's service chooser, the station's
 * page with its bookable services, and rating an attended booking.
 */
import type { BookingBody } from '../../contract/types'
import { mountPage, reply, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION, STAFF_LOGGED_IN } from './request-fixtures'
import { FAMILY, MOTHER } from './activity-fixtures'
import { DAYS, MOTHER_BOOKING, MOVED_BY_STATION, MY_BOOKINGS, NOW, PAST_ATTENDED, PSY, SLOTS, STAFF_DAY, VISIT } from './booking-fixtures'
import { HERE, MINXIN, NEARBY, XIANJIN, XIANJIN_DETAIL } from './fixtures'
import { FEW_RATINGS, GIVEN_RATING } from './rating-fixtures'

const NEW = 'packages/booking/new/index'
const MINE = 'packages/booking/mine/index'
const routes = {
  'GET /api/bookable/:id/slots': SLOTS,
  'POST /api/bookings': MOTHER_BOOKING,
  'GET /api/bookings/mine': MY_BOOKINGS,
  'POST /api/auth/wechat': RESIDENT_SESSION,
  'GET /api/me/family': FAMILY,
}

const open = (route: string, query: Record<string, string>, opts: MountOptions = {}) =>
  mountPage(route, query, { now: NOW, storage: LOGGED_IN, ...opts, routes: { ...routes, ...opts.routes } })

const slotTexts = (page: MountedPage) => page.querySelectorAll('slot').map((n) => page.text(n).replace(/\s+/g, ' ').trim())
const dayTexts = (page: MountedPage) => page.querySelectorAll('day-strip__day').map((n) => page.text(n).replace(/\s+/g, ' ').trim())

async function chooseOption(page: MountedPage, label: string) {
  const option = page.querySelectorAll('option').find((o) => page.text(o).replace(/^✓ /, '') === label)
  if (!option) throw new Error(`no option 「${label}」: ${page.text()}`)
  await page.tap(option)
}

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard'
  const modeOpts: MountOptions = elder ? { fontSizeSetting: 22 } : { fontSizeSetting: 17 }

  test(`${mode}: a daughter books a talk for her mother — the first free day, full slots shown as full, the body with its key, 预约成功 and the phone's calendar`, async () => {
    const page = await open(NEW, { serviceId: PSY.id }, modeOpts)
    const root = await page.waitFor(() => page.find('page-booking-new'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots')
    expect(page.text(page.get('book-service__name'))).toBe('心理疏导谈心')
    expect(dayTexts(page)).toEqual([
      '今天11月24日约满',
      '明天11月25日3 个空位',
      '周四11月26日休息',
      '周五11月27日2 个空位',
      '周六11月28日不开放',
    ])
    // The first day with a free slot is shown: 25 November; full ones stay, said in words.
    expect(slotTexts(page)).toEqual([
      '09:00-10:00已约满',
      '10:00-11:00可预约',
      '14:00-15:00可预约',
      '15:00-16:00已约满',
      '16:00-17:00可预约',
    ])
    await page.tap(page.querySelectorAll('slot')[0]!) // full: nothing happens
    expect(page.querySelectorAll('slot--chosen')).toHaveLength(0)
    await page.tap(page.querySelectorAll('slot')[1]!)
    expect(page.querySelectorAll('slot--chosen')).toHaveLength(1)

    await chooseOption(page, '代办（为长辈预约）')
    await page.input('person-name', '王秀兰')
    await page.input('relationship', '母亲')
    await page.input('contact-name', '小王')
    await page.input('contact-phone', '13812345678')
    expect(page.text(page.get('btn-confirm-booking'))).toContain('确认预约 11月25日（周三）10:00-11:00')
    await page.tap('btn-confirm-booking')
    await page.waitFor(() => page.find('book-result'), 'the result')

    const post = page.requests.find((r) => r.method === 'POST' && r.path === '/api/bookings')!
    expect(post.data as BookingBody).toEqual({
      serviceId: PSY.id,
      startsAt: DAYS[1]!.slots[1]!.startsAt,
      forWhom: 'proxy',
      personName: '王秀兰',
      relationship: '母亲',
      contactName: '小王',
      contactPhone: '13812345678',
    })
    expect(post.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,100}$/)
    expect(page.text(page.get('book-result'))).toContain('预约成功')
    expect(page.text(page.get('book-result__time'))).toBe('11月25日（周三）10:00-11:00')
    expect(page.text(page.get('book-result__person'))).toBe('王秀兰（母亲）')

    await page.tap('btn-add-calendar')
    const [cal] = page.callsOf('addPhoneCalendar')
    expect(cal).toMatchObject({
      title: '心理疏导谈心 · 民馨社区社会工作室',
      startTime: Date.parse(MOTHER_BOOKING.startsAt) / 1000,
      endTime: Date.parse(MOTHER_BOOKING.endsAt) / 1000,
    })
    expect(page.consoleErrors).toEqual([])
  })
}

test('a slot that just filled: the server’s words next to the slots, the slots loaded again; another slot goes with a new Idempotency-Key', async () => {
  let calls = 0
  const page = await open(
    NEW,
    { serviceId: PSY.id },
    {
      routes: {
        'POST /api/bookings': () =>
          ++calls === 1
            ? reply(409, {
                code: 'SLOT_FULL',
                message: '这个时段刚刚约满了，可以改约 11月25日 14:00',
                field: 'startsAt',
                alternatives: [DAYS[1]!.slots[2]],
              })
            : MOTHER_BOOKING,
      },
    },
  )
  await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots')
  await page.tap(page.querySelectorAll('slot')[1]!)
  await page.input('person-name', '小王')
  await page.input('contact-name', '小王')
  await page.input('contact-phone', '13812345678')
  await page.tap('btn-confirm-booking')
  await page.waitFor(() => page.find('book-slots__error'), 'the refusal')
  expect(page.text(page.get('book-slots__error'))).toBe('这个时段刚刚约满了，可以改约 11月25日 14:00')
  expect(page.requests.filter((r) => r.path === `/api/bookable/${PSY.id}/slots`).length).toBeGreaterThanOrEqual(2)
  expect(page.querySelectorAll('slot--chosen')).toHaveLength(0)
  // The answer's free slots are offered as buttons; one tap chooses it. Another slot: a new body, so a new key.
  expect(page.querySelectorAll('book-alternative').map((n) => page.text(n))).toEqual(['11月25日（周三）14:00-15:00'])
  await page.tap('book-alternative')
  expect(page.querySelectorAll('slot--chosen').map((n) => page.text(n))).toEqual(['✓ 14:00-15:00可预约'])
  expect(page.find('book-alternative')).toBeUndefined()
  await page.tap('btn-confirm-booking')
  await page.waitFor(() => page.find('book-result'), 'the result')
  const [first, second] = page.requests.filter((r) => r.method === 'POST' && r.path === '/api/bookings')
  expect(first!.header['Idempotency-Key']).not.toBe(second!.header['Idempotency-Key'])
})

test('for a family member: 我的家人 offered under 家人, one tap fills the name and relationship, the body names the member', async () => {
  const page = await open(NEW, { serviceId: PSY.id })
  await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots')
  await page.tap(page.querySelectorAll('slot')[1]!)
  await chooseOption(page, '家人')
  await page.waitFor(() => page.querySelectorAll('option').some((o) => page.text(o).includes(MOTHER.name)), 'the family')
  await chooseOption(page, `${MOTHER.name}（${MOTHER.relationship}，${MOTHER.age} 岁）`)
  await page.input('contact-name', '小王')
  await page.input('contact-phone', '13812345678')
  await page.tap('btn-add-family')
  expect(page.callsOf('navigateTo')[0].url).toBe('/packages/activity/family/index?add=1&back=1')
  await page.tap('btn-confirm-booking')
  await page.waitFor(() => page.find('book-result'), 'the result')
  const post = page.requests.find((r) => r.method === 'POST' && r.path === '/api/bookings')!
  expect(post.data).toMatchObject({
    forWhom: 'family',
    familyMemberId: MOTHER.id,
    personName: MOTHER.name,
    relationship: MOTHER.relationship,
  })
})

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard'
  const modeOpts: MountOptions = { fontSizeSetting: elder ? 22 : 17 }

  test(`${mode}: 我的预约 — upcoming soonest first, the station’s reason for a move, cancel asks first; past shows the attended talk, 评价这次服务 opens its rating`, async () => {
    const page = await open(
      MINE,
      {},
      {
        ...modeOpts,
        routes: {
          'GET /api/bookings/mine': { items: [MOVED_BY_STATION, MOTHER_BOOKING, { ...PAST_ATTENDED, ratingDue: true, rating: null }] },
          'POST /api/bookings/:id/cancel': (req) => ({ ...MOTHER_BOOKING, id: req.params.id, status: 'cancelled', canChange: false }),
        },
      },
    )
    const root = await page.waitFor(() => page.find('page-my-bookings'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    await page.waitFor(() => page.querySelectorAll('booking').length === 2, 'two upcoming bookings')
    expect(page.text(page.get('tab-upcoming'))).toBe('即将到来（2）')
    const [first, second] = page.querySelectorAll('booking')
    expect(page.text(first!)).toContain('11月25日（周三）10:00-11:00')
    expect(page.text(first!)).toContain('王秀兰（母亲）')
    expect(page.text(second!)).toContain('社工站已改期：刘社工周三要入户探访，改到周五上午')
    expect(page.text(second!)).toContain('11月27日（周五）09:00-10:00')

    await page.tap(page.querySelectorAll('btn-cancel-booking')[0]!)
    expect(page.callsOf('showModal')[0].content).toContain('11月25日（周三）10:00-11:00的“心理疏导谈心”')
    await page.waitFor(() => page.querySelectorAll('booking').length === 1, 'one upcoming left')
    expect(page.requests.find((r) => r.method === 'POST')!.path).toBe(`/api/bookings/${MOTHER_BOOKING.id}/cancel`)

    await page.tap('btn-reschedule')
    expect(page.callsOf('navigateTo')[0].url).toBe(`/packages/booking/new/index?bookingId=${MOVED_BY_STATION.id}`)
    await page.tap('tab-past')
    await page.waitFor(() => page.querySelectorAll('booking').length === 2, 'two past')
    expect(page.querySelectorAll('booking-status').map((n) => page.text(n))).toEqual(['已取消', '已到场'])
    // The attended talk invites a rating: 「评价这次服务」 opens the rating page for this booking.
    await page.tap('btn-rate-booking')
    expect(page.callsOf('navigateTo')[1].url).toBe(`/packages/rating/new/index?bookingId=${PAST_ATTENDED.id}`)
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: 改期 — the current time, then the new slot posted to reschedule`, async () => {
    const page = await open(
      NEW,
      { bookingId: MOTHER_BOOKING.id },
      {
        ...modeOpts,
        routes: {
          'GET /api/bookings/:id': MOTHER_BOOKING,
          'POST /api/bookings/:id/reschedule': (req) => ({ ...MOTHER_BOOKING, startsAt: (req.data as { startsAt: string }).startsAt }),
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots')
    expect(page.get('page-booking-new').dom.className.includes('elder')).toBe(elder)
    expect(page.text(page.get('book-slots__current'))).toBe('现在约的是 11月25日（周三）10:00-11:00')
    expect(page.find('book-form')).toBeUndefined()
    await page.tap(page.querySelectorAll('slot')[2]!)
    await page.tap('btn-confirm-booking')
    await page.waitFor(() => page.find('book-result'), 'the result')
    expect(page.text(page.get('book-result'))).toContain('改期成功')
    const post = page.requests.find((r) => r.method === 'POST')!
    expect(post.path).toBe(`/api/bookings/${MOTHER_BOOKING.id}/reschedule`)
    expect(post.data).toEqual({ startsAt: DAYS[1]!.slots[2]!.startsAt })
  })

  test(`${mode}: 预约管理 (workbench) — the day grouped by worker, the phone booking’s source, 已到场 with a note`, async () => {
    const page = await mountPage(
      'packages/workbench/bookings/index',
      {},
      {
        ...modeOpts,
        now: '2026-11-25T03:00:00.000Z',
        storage: STAFF_LOGGED_IN,
        routes: {
          'GET /api/staff/bookings': STAFF_DAY,
          'POST /api/staff/bookings/:id/attended': (req) => ({
            ...STAFF_DAY.items[0],
            status: 'attended',
            staffNote: (req.data as { note: string }).note,
          }),
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('staff-booking').length === 2, 'two bookings')
    expect(page.get('page-workbench-bookings').dom.className.includes('elder')).toBe(elder)
    const list = page.requests.find((r) => r.path === '/api/staff/bookings')!
    expect(list.query).toEqual({ from: '2026-11-25', to: '2026-11-25' })
    expect(page.querySelectorAll('bookings-worker__name').map((n) => page.text(n))).toEqual(['刘社工', '入户探访'])
    const [talk, visit] = page.querySelectorAll('staff-booking')
    expect(page.text(talk!)).toContain('10:00-11:00')
    expect(page.text(talk!)).toContain('王秀兰（母亲）')
    expect(page.text(visit!)).toContain('电话预约')
    await page.tap(page.querySelectorAll('btn-attended')[0]!)
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '登记已到场', editable: true })
    await page.waitFor(() => page.find('booking-status--attended'), 'attended')
    expect(page.requests.find((r) => r.method === 'POST')!.path).toBe(`/api/staff/bookings/${MOTHER_BOOKING.id}/attended`)
    await page.tap('tab-week')
    await page.waitFor(() => page.requests.some((r) => r.query.from === '2026-11-23' && r.query.to === '2026-11-29'), 'the week')
  })

  test(`${mode}: 首页's 预约 opens the nearest station's services; one is chosen and its slots shown`, async () => {
    const home = await mountPage('pages/index/index', {}, { ...modeOpts, location: HERE, routes: { 'GET /api/stations/nearby': NEARBY } })
    const root = await home.waitFor(() => home.find('page-index'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    const button = await home.waitFor(() => home.find('btn-book-nearest'), 'the 预约 button')
    expect(home.text(button).trim()).toBe(elder ? '预约服务' : '预约')
    if (elder) expect(home.querySelectorAll('elder-action').map((n) => home.text(n).trim())).toContain('预约服务')
    await home.tap(button)
    const [{ url }] = home.callsOf('navigateTo')
    expect(url).toBe(`/${NEW}?stationId=${MINXIN.id}`)

    // Where it lands: the booking page's chooser of that station's services.
    const page = await open(NEW, Object.fromEntries(new URL(url, 'https://x').searchParams), {
      ...modeOpts,
      routes: { 'GET /api/stations/:id/bookable': { items: [PSY, VISIT] } },
    })
    await page.waitFor(() => page.querySelectorAll('bookable-choice').length === 2, 'the services')
    expect(page.get('page-booking-new').dom.className.includes('elder')).toBe(elder)
    expect(page.text(page.get('section-title'))).toBe('选择要预约的服务')
    expect(page.requests.map((r) => r.path)).toContain(`/api/stations/${MINXIN.id}/bookable`)
    expect(page.querySelectorAll('bookable-choice__name').map((n) => page.text(n))).toEqual(['心理疏导谈心', '入户探访'])
    await page.tap(page.querySelectorAll('bookable-choice')[0]!)
    await page.waitFor(() => page.querySelectorAll('slot').length > 0, 'the slots of the service chosen')
    expect(page.text(page.get('book-service__name'))).toBe('心理疏导谈心')
    expect(page.requests.map((r) => r.path)).toContain(`/api/bookable/${PSY.id}/slots`)
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: the station's page lists its bookable services, each with 预约 to its booking page`, async () => {
    const page = await mountPage(
      'pages/station/index',
      { id: XIANJIN.id },
      {
        ...modeOpts,
        routes: {
          'GET /api/stations/:id': XIANJIN_DETAIL,
          'GET /api/activities': { items: [] },
          'GET /api/stations/:id/ratings': FEW_RATINGS,
          'GET /api/stations/:id/bookable': { items: [PSY, VISIT] },
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('bookable').length === 2, 'the bookable services')
    expect(page.get('page-station').dom.className.includes('elder')).toBe(elder)
    expect(page.requests.map((r) => r.path)).toContain(`/api/stations/${XIANJIN.id}/bookable`)
    expect(page.text(page.get('station-bookables__intro'))).toBe('选好时间再来，不用在上班时间打电话')
    expect(page.querySelectorAll('bookable__name').map((n) => page.text(n))).toEqual(['心理疏导谈心', '入户探访'])
    expect(page.querySelectorAll('bookable__meta').map((n) => page.text(n).replace(/\s+/g, ' '))).toEqual([
      '到站面谈 · 每次 1 小时',
      '入户探访 · 每次 2 小时',
    ])
    await page.tap(page.querySelectorAll('btn-book')[1]!)
    expect(page.callsOf('navigateTo').map((c) => c.url)).toEqual([`/${NEW}?serviceId=${VISIT.id}`])
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: rating an attended booking (评价这次服务) — stars and the booking's tags, no 是否解决, 感谢 and back to 我的预约`, async () => {
    const due = { ...PAST_ATTENDED, ratingDue: true, rating: null }
    const page = await open(
      'packages/rating/new/index',
      { bookingId: PAST_ATTENDED.id },
      {
        ...modeOpts,
        routes: {
          'GET /api/bookings/:id': due,
          'POST /api/bookings/:id/rating': (req) =>
            reply(201, {
              ...due,
              ratingDue: false,
              rating: { ...GIVEN_RATING, subject: 'booking', outcome: null, ...(req.data as object) },
            }),
        },
      },
    )
    await page.waitFor(() => page.find('rating-form'), 'the form')
    expect(page.get('page-rating').dom.className.includes('elder')).toBe(elder)
    expect(page.text(page.get('rating-target__kind'))).toBe('评价预约服务')
    expect(page.text(page.get('rating-target__title'))).toBe('心理疏导谈心')
    expect(page.text(page.get('rating-target__detail'))).toContain('民馨社区社会工作室')
    expect(page.text()).toContain('对这次服务满意吗？')
    expect(page.querySelectorAll('option')).toHaveLength(0) // no 已解决 / 未解决 for a booking
    expect(page.querySelectorAll('rating-tag').map((n) => page.text(n))).toEqual([
      '准时',
      '态度好',
      '专业',
      '耐心细致',
      '环境舒适',
      '等待时间长',
      '时间太短',
    ])
    await page.tap('btn-submit-rating')
    expect(page.querySelectorAll('field__error').map((n) => page.text(n))).toEqual(['请点星星打分（1 到 5 星）'])
    await page.tap(page.querySelectorAll('rating-star')[4]!)
    await page.tap(page.querySelectorAll('rating-tag')[0]!)
    await page.input('rating-comment', '刘社工很耐心，妈妈聊完心情好多了')
    await page.tap('btn-submit-rating')
    await page.waitFor(() => page.find('rating-result'), 'the result')
    const posts = page.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => [r.path, r.data])).toEqual([
      [
        `/api/bookings/${PAST_ATTENDED.id}/rating`,
        { stars: 5, tags: ['准时'], comment: '刘社工很耐心，妈妈聊完心情好多了', anonymous: false, commentPublic: false },
      ],
    ])
    expect(page.text(page.get('rating-result'))).toContain('感谢您的评价')
    await page.tap('btn-rating-done')
    expect(page.callsOf('redirectTo').map((c) => c.url)).toEqual(['/packages/booking/mine/index'])
    expect(page.consoleErrors).toEqual([])
  })
}

for (const confirm of [true, false]) {
  test(`预约管理 (workbench): 取消预约 asks for the reason the resident reads, then confirms${confirm ? '' : ' — 再想想 sends nothing'}`, async () => {
    const page = await mountPage(
      'packages/workbench/bookings/index',
      {},
      {
        // 09:00 on 25 November: the 10:00 talk is still to come.
        now: '2026-11-25T01:00:00.000Z',
        storage: STAFF_LOGGED_IN,
        modalConfirm: confirm,
        routes: {
          'GET /api/staff/bookings': STAFF_DAY,
          'POST /api/staff/bookings/:id/cancel': (req) => ({
            ...STAFF_DAY.items[0],
            status: 'cancelled',
            canChange: false,
            cancelReason: (req.data as { reason: string }).reason,
          }),
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('staff-booking').length === 2, 'two bookings')
    await page.tap(page.querySelectorAll('btn-staff-cancel')[0]!)
    await page.waitFor(() => page.find('staff-cancel'), 'the cancel panel')
    // Without a reason: said next to the field, nothing asked or sent.
    await page.tap('btn-confirm-staff-cancel')
    expect(page.text(page.get('staff-cancel'))).toContain('请写明取消原因，居民会看到')
    expect(page.callsOf('showModal')).toEqual([])
    await page.input('staff-cancel-reason', '刘社工临时外出，请改约其他时间')
    await page.tap('btn-confirm-staff-cancel')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '取消这条预约？', confirmText: '确认取消' })
    expect(page.callsOf('showModal')[0].content).toContain('王秀兰')
    if (!confirm) {
      expect(page.requests.filter((r) => r.method === 'POST')).toEqual([])
      expect(page.find('staff-cancel')).toBeDefined()
      return
    }
    await page.waitFor(() => page.find('booking-status--cancelled'), 'cancelled')
    const post = page.requests.find((r) => r.method === 'POST')!
    expect(post.path).toBe(`/api/staff/bookings/${MOTHER_BOOKING.id}/cancel`)
    expect(post.data).toEqual({ reason: '刘社工临时外出，请改约其他时间' })
    expect(page.find('staff-cancel')).toBeUndefined()
    expect(page.text(page.get('staff-booking__cancel-reason'))).toBe('刘社工临时外出，请改约其他时间')
    expect(page.consoleErrors).toEqual([])
  })
}

test('我的预约: a booking the station cancelled says so, with its reason', async () => {
  const cancelled = { ...MOTHER_BOOKING, status: 'cancelled' as const, canChange: false, cancelReason: '刘社工临时外出，请改约其他时间' }
  const page = await open(MINE, {}, { routes: { 'GET /api/bookings/mine': { items: [cancelled] } } })
  await page.tap('tab-past')
  await page.waitFor(() => page.querySelectorAll('booking').length === 1, 'the cancelled booking')
  expect(page.text(page.get('booking__cancel-reason'))).toBe('社工站已取消：刘社工临时外出，请改约其他时间')
})
