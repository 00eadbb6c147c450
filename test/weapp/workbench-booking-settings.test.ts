/**
 * 预约管理's own screens on the weapp build, in both modes: 预约服务设置 (the
 * station's services: list, new with every setting, a refusal next to its
 * field, edit, 停用), and 登记预约与停约 (a walk-in or phone booking at the
 * counter, 停约 for the whole station, 加开 for one service).
 */
import type { BookableService } from '../../contract/types'
import { mountPage, reply, type MountedPage, type MountOptions } from './harness'
import { STAFF_LOGGED_IN } from './request-fixtures'
import { DAYS, MOTHER_BOOKING, PSY, SLOTS, VISIT } from './booking-fixtures'

const SETTINGS = 'packages/workbench/bookable/index'
const DESK = 'packages/workbench/booking-desk/index'
const NOW = '2026-11-24T02:00:00.000Z'
const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n).replace(/\s+/g, ' ').trim())

async function chooseOption(page: MountedPage, label: string) {
  const option = page.querySelectorAll('option').find((o) => page.text(o).replace(/^✓ /, '') === label)
  if (!option) throw new Error(`no option 「${label}」: ${page.text()}`)
  await page.tap(option)
}

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard'
  const modeOpts: MountOptions = { fontSizeSetting: elder ? 22 : 17 }

  test(`${mode}: 预约服务设置 lists the services; a new one with every setting; the server's refusal next to 每次时长; edit and 停用`, async () => {
    const created: BookableService = {
      ...PSY,
      id: '5d1f0a3e-0000-4000-8000-0000000000b9',
      name: '多功能活动室',
      kind: 'room',
      capacity: 12,
    }
    let posts = 0
    const page = await mountPage(
      SETTINGS,
      {},
      {
        ...modeOpts,
        now: NOW,
        storage: STAFF_LOGGED_IN,
        routes: {
          'GET /api/staff/bookable': { items: [PSY, VISIT] },
          'POST /api/staff/bookable': () =>
            ++posts === 1
              ? reply(400, {
                  code: 'FIELD_INVALID',
                  message: '每次 45 分钟不能整除可预约时段 09:00-11:00（120 分钟），请调整时长或时段',
                  field: 'durationMinutes',
                })
              : created,
          'PATCH /api/staff/bookable/:id': (req) => ({ ...PSY, ...(req.data as object) }),
        },
      },
    )
    const root = await page.waitFor(() => page.find('page-workbench-bookable'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    await page.waitFor(() => page.querySelectorAll('bookable-item').length === 2, 'two services')
    expect(texts(page, 'bookable-item__name')).toEqual(['心理疏导谈心', '入户探访'])
    expect(page.text(page.querySelectorAll('bookable-item')[0]!)).toContain('周一至周五 09:00-11:00、14:00-17:00')

    await page.tap('btn-new-bookable')
    await page.waitFor(() => page.find('bookable-form'), 'the form')
    // Checked before sending: a name, and a capacity of at least 1.
    await page.input('bookable-capacity', '0')
    await page.tap('btn-save-bookable')
    expect(page.text()).toContain('请填写服务名称')
    expect(page.text()).toContain('每个时段人数请填 1 到 500 之间的整数')
    expect(page.requests.filter((r) => r.method === 'POST')).toHaveLength(0)

    await page.input('bookable-name', '多功能活动室')
    await chooseOption(page, '场地预约')
    await chooseOption(page, '社区治理')
    await page.input('bookable-capacity', '12')
    await page.input('bookable-durationMinutes', '45')
    await page.input('bookable-availability', '周一至周五 09:00-11:00；周六 09:00-12:00')
    await page.tap('btn-save-bookable')
    await page.waitFor(() => page.text().includes('不能整除'), 'the refusal')
    expect(page.text(page.get('field--error'))).toContain('每次 45 分钟不能整除')
    await page.input('bookable-durationMinutes', '60')
    await page.tap('btn-save-bookable')
    await page.waitFor(() => page.querySelectorAll('bookable-item').length === 3, 'the new service listed')
    const [, second] = page.requests.filter((r) => r.method === 'POST')
    expect(second!.data).toEqual({
      name: '多功能活动室',
      description: '',
      kind: 'room',
      category: 'community_governance',
      audience: 'all',
      minAge: null,
      maxAge: null,
      durationMinutes: 60,
      capacity: 12,
      horizonDays: 14,
      cutoffMinutes: 120,
      perPersonPerDay: 1,
      availability: [
        { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00' },
        { weekdays: [6], open: '09:00', close: '12:00' },
      ],
      workerName: null,
    })

    await page.tap(page.querySelectorAll('btn-edit-bookable')[0]!)
    await page.waitFor(() => page.find('bookable-form'), 'the edit form')
    expect(page.text(page.get('bookable-form__title'))).toBe('编辑：心理疏导谈心')
    await page.input('bookable-worker', '刘社工、王社工')
    await page.tap('btn-save-bookable')
    await page.waitFor(() => page.find('bookable-item'), 'back to the list')
    const patch = page.requests.find((r) => r.method === 'PATCH')!
    expect(patch.path).toBe(`/api/staff/bookable/${PSY.id}`)
    expect(patch.data).toMatchObject({ workerName: '刘社工、王社工', durationMinutes: 60, capacity: 1 })

    await page.tap(page.querySelectorAll('btn-toggle-bookable')[0]!)
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '停用「心理疏导谈心」？' })
    await page.waitFor(() => page.find('bookable-item--off'), 'stopped')
    expect(page.requests.filter((r) => r.method === 'PATCH').pop()!.data).toEqual({ active: false })
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: 登记预约 at the counter — a service, a free slot, the person and phone; then 停约 and 加开`, async () => {
    const page = await mountPage(
      DESK,
      {},
      {
        ...modeOpts,
        now: NOW,
        storage: STAFF_LOGGED_IN,
        routes: {
          'GET /api/staff/bookable': { items: [PSY, VISIT] },
          'GET /api/staff/bookable/:id/slots': SLOTS,
          'POST /api/staff/bookings': (req) => ({ ...MOTHER_BOOKING, ...(req.data as object), channel: 'phone' }),
          // The block leaves 王秀兰's booking in place: the desk lists it to move.
          'POST /api/staff/blocks': (req) => ({
            id: '9a000000-0000-4000-8000-000000000001',
            serviceId: null,
            workerId: null,
            ...(req.data as object),
            affectedBookings: [{ ...MOTHER_BOOKING, staffNote: '' }],
          }),
        },
      },
    )
    const root = await page.waitFor(() => page.find('page-workbench-booking-desk'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    await page.waitFor(() => page.querySelectorAll('reschedule__slot').length > 0, 'the free slots')
    // Only free slots, by day: 25 November's three, 27 November's two.
    expect(texts(page, 'reschedule__slot')).toEqual(['10:00-11:00', '14:00-15:00', '16:00-17:00', '09:00-10:00', '10:00-11:00'])
    await page.tap('btn-counter-book')
    expect(page.text()).toContain('请选择一个时段')
    await chooseOption(page, '电话预约')
    await page.tap(page.querySelectorAll('reschedule__slot')[1]!)
    await chooseOption(page, '代办（为长辈预约）')
    await page.input('desk-person-name', '王秀兰')
    await page.input('desk-relationship', '母亲')
    await page.input('desk-contact-name', '小王')
    await page.input('desk-contact-phone', '13812345678')
    await page.tap('btn-counter-book')
    await page.waitFor(() => page.find('desk-done'), 'registered')
    const post = page.requests.find((r) => r.method === 'POST' && r.path === '/api/staff/bookings')!
    expect(post.data).toEqual({
      serviceId: PSY.id,
      startsAt: DAYS[1]!.slots[2]!.startsAt,
      channel: 'phone',
      forWhom: 'proxy',
      personName: '王秀兰',
      relationship: '母亲',
      contactName: '小王',
      contactPhone: '13812345678',
    })

    await page.tap('tab-block')
    await page.waitFor(() => page.find('desk-block'), 'the block form')
    await page.tap('btn-save-block')
    expect(page.text()).toContain('请选择开始的日期和时间')
    expect(page.text()).toContain('请填写停约原因')
    expect(page.requests.filter((r) => r.path === '/api/staff/blocks')).toHaveLength(0)
    await page.trigger('block-start-date', 'change', { value: '2026-11-25' })
    await page.trigger('block-start-time', 'change', { value: '09:00' })
    await page.trigger('block-end-date', 'change', { value: '2026-11-25' })
    await page.trigger('block-end-time', 'change', { value: '12:00' })
    await page.input('block-reason', '社工外出培训')
    await page.tap('btn-save-block')
    await page.waitFor(() => page.find('desk-affected'), 'the bookings the block left')
    const sent = page.requests.find((r) => r.method === 'POST' && r.path === '/api/staff/blocks')!
    expect(sent.data).toMatchObject({ kind: 'block', reason: '社工外出培训' })
    expect(page.text(page.get('desk-done'))).toContain('已约的 1 个预约仍然有效，请在下面逐一改期')
    expect(page.text(page.get('desk-affected'))).toContain('停约时段里仍有效的预约（1 个）')
    expect(page.text(page.get('desk-affected'))).toContain('王秀兰')
    expect(page.find('btn-staff-reschedule')).toBeTruthy()

    await page.tap('tab-open')
    await page.waitFor(() => page.find('desk-open'), 'the open form')
    expect(page.querySelectorAll('option--active').map((n) => page.text(n))).toEqual(['✓ 心理疏导谈心（刘社工）'])
    expect(page.consoleErrors).toEqual([])
  })
}
