/**
 * Booking from a help request on the weapp build: the worker proposes times
 * on the workbench's request page (slots of a service; a home visit also at a
 * free time), and the daughter picks one on her request's page — a time taken
 * meanwhile is shown as 已约满, and a pick that just lost its place says so —
 * after which the timeline links to 我的预约. Both pages in both modes
 * (长辈模式: WeChat's large font).
 */
import type { Booking, BookingProposal, HelpRequest, RequestEvent, StaffRequest } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { mountPage, reply, type MountedPage, type MountOptions } from './harness'
import { MOTHER_BOOKING, NOW, PSY, SLOTS, VISIT } from './booking-fixtures'
import { MINXIN } from './fixtures'
import { CLAIMED, LOGGED_IN, SOCIAL_WORKER, STAFF_LOGGED_IN, WAITING_DETAIL } from './request-fixtures'

const RESIDENT_PAGE = 'packages/request/detail/index'
const STAFF_PAGE = 'packages/workbench/request/index'
const iso = (date: string, time: string) => cstInstant(date, time).toISOString()
const time = (date: string, at: string, state: 'free' | 'full' | 'past') => {
  const start = cstInstant(date, at)
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), state }
}
const event = (id: number, type: RequestEvent['type'], body: string, actorName: string | null): RequestEvent => ({
  id,
  type,
  body,
  actorName,
  stationName: MINXIN.name,
  toStationName: null,
  internal: false,
  createdAt: NOW,
})

const PROPOSED = event(
  22,
  'booking_proposed',
  '心理疏导谈心：11月25日 10:00、11月25日 14:00、11月27日 09:00，请在求助详情中选择一个时间',
  SOCIAL_WORKER,
)
const CHOSEN = event(23, 'booking_chosen', '心理疏导谈心：11月27日 09:00', '李女士')
const REQUEST: HelpRequest = { ...WAITING_DETAIL, events: [...WAITING_DETAIL.events, PROPOSED] }
const PROPOSAL: BookingProposal = {
  id: '9c3d0e5f-0000-4000-8000-0000000000e1',
  requestId: REQUEST.id,
  service: { id: PSY.id, name: PSY.name, kind: PSY.kind },
  station: { id: MINXIN.id, name: MINXIN.name },
  worker: { id: '0b7c1a52-0000-4000-8000-0000000000ee', name: '刘社工' },
  times: [time('2026-11-25', '10:00', 'free'), time('2026-11-25', '14:00', 'full'), time('2026-11-27', '09:00', 'free')],
  note: '刘社工接待，请带上最近的就诊记录',
  status: 'open',
  expiresAt: iso('2026-11-27', '09:00'),
  proposedBy: SOCIAL_WORKER,
  bookingId: null,
  chosenStartsAt: null,
  createdAt: NOW,
}
const BOOKED: Booking = {
  ...MOTHER_BOOKING,
  forWhom: 'family',
  personName: '张秀兰',
  startsAt: iso('2026-11-27', '09:00'),
  endsAt: iso('2026-11-27', '10:00'),
}
const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST')
const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n))

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard'
  const modeOpts: MountOptions = { fontSizeSetting: elder ? 22 : 17 }

  describe(`${mode}: the daughter picks a proposed time on her request’s page`, () => {
    test('the times as large buttons, a full one shown as such; her pick books it and the timeline links to 我的预约', async () => {
      let chosen = false
      const page = await mountPage(
        RESIDENT_PAGE,
        { id: REQUEST.id },
        {
          ...modeOpts,
          storage: LOGGED_IN,
          now: NOW,
          routes: {
            'GET /api/requests/:id': () => (chosen ? { ...REQUEST, events: [...REQUEST.events, CHOSEN] } : REQUEST),
            'GET /api/requests/:id/booking-proposals': () => ({
              items: [chosen ? { ...PROPOSAL, status: 'chosen', bookingId: BOOKED.id, chosenStartsAt: BOOKED.startsAt } : PROPOSAL],
            }),
            'POST /api/requests/:id/booking-proposals/choose': () => {
              chosen = true
              return reply(201, BOOKED)
            },
          },
        },
      )
      await page.waitFor(() => page.find('proposal-pick'), 'the proposal')
      expect(page.get('page-request-detail').dom.className.includes('elder')).toBe(elder)
      expect(page.text(page.get('proposal-pick__title'))).toBe('社工为您提议了预约时间')
      expect(page.text(page.get('proposal-pick__note'))).toBe('刘社工接待，请带上最近的就诊记录')
      // The proposal is 刘社工's: her free times, and she receives.
      expect(page.text(page.get('proposal-pick__worker'))).toBe('由 刘社工 接待')
      expect(page.text(page.get('proposal-pick__hint'))).toContain('为母亲张秀兰预约')
      const buttons = page.querySelectorAll('proposal-time')
      expect(texts(page, 'proposal-time__day')).toEqual(['11月25日', '11月25日', '11月27日'])
      expect(texts(page, 'proposal-time__clock')).toEqual(['10:00-11:00', '14:00-15:00', '09:00-10:00'])
      expect(buttons.map((b) => page.text(b))).toEqual(['11月25日10:00-11:00', '11月25日14:00-15:00已约满', '11月27日09:00-10:00'])
      expect(page.querySelectorAll('proposal-time--full')).toHaveLength(1)

      // A full time does nothing.
      await page.tap(page.get('proposal-time--full'))
      expect(posts(page)).toEqual([])

      await page.tap(buttons[2]!)
      expect(page.callsOf('showModal')).toEqual([
        expect.objectContaining({ title: '确认预约', content: '为母亲张秀兰预约 11月27日 09:00 的「心理疏导谈心」？' }),
      ])
      await page.waitFor(() => page.find('proposal-chosen'), 'the booking made')
      expect(posts(page).map((r) => [r.path, r.data])).toEqual([
        [`/api/requests/${REQUEST.id}/booking-proposals/choose`, { proposalId: PROPOSAL.id, startsAt: BOOKED.startsAt }],
      ])
      expect(page.text(page.get('proposal-chosen__time'))).toBe('11月27日 09:00 · 心理疏导谈心')
      // The timeline: proposed, then chosen, with the way to the booking.
      await page.waitFor(() => page.find('timeline__item--booking_chosen'), 'the timeline entry')
      expect(texts(page, 'timeline__type').slice(-2)).toEqual(['提议预约时间', '已选定预约'])
      await page.tap('btn-timeline-booking')
      expect(page.callsOf('navigateTo').map((c) => c.url)).toEqual(['/packages/booking/mine/index'])
      expect(page.consoleErrors).toEqual([])
    })

    test('a time taken meanwhile: the answer says so and names the rest; the list is read again', async () => {
      let gets = 0
      const page = await mountPage(
        RESIDENT_PAGE,
        { id: REQUEST.id },
        {
          ...modeOpts,
          storage: LOGGED_IN,
          now: NOW,
          routes: {
            'GET /api/requests/:id': REQUEST,
            'GET /api/requests/:id/booking-proposals': () => {
              gets++
              return {
                items: [
                  gets > 1 ? { ...PROPOSAL, times: [{ ...PROPOSAL.times[0]!, state: 'full' }, ...PROPOSAL.times.slice(1)] } : PROPOSAL,
                ],
              }
            },
            'POST /api/requests/:id/booking-proposals/choose': reply(409, {
              code: 'SLOT_FULL',
              message: '这个时间刚刚被约满了，还可以选 11月27日 09:00',
              field: 'startsAt',
              alternatives: [],
            }),
          },
        },
      )
      await page.waitFor(() => page.querySelectorAll('proposal-time').length === 3, 'the times')
      expect(page.get('page-request-detail').dom.className.includes('elder')).toBe(elder)
      await page.tap(page.querySelectorAll('proposal-time')[0]!)
      await page.waitFor(() => page.find('proposal-pick__error'), 'the refusal')
      expect(page.text(page.get('proposal-pick__error'))).toBe('这个时间刚刚被约满了，还可以选 11月27日 09:00')
      await page.waitFor(() => page.querySelectorAll('proposal-time--full').length === 2, 'the list read again')
    })

    test('without a proposal in the timeline, nothing is asked', async () => {
      const page = await mountPage(
        RESIDENT_PAGE,
        { id: WAITING_DETAIL.id },
        { ...modeOpts, storage: LOGGED_IN, now: NOW, routes: { 'GET /api/requests/:id': WAITING_DETAIL } },
      )
      await page.waitFor(() => page.find('timeline'), 'the timeline')
      expect(page.get('page-request-detail').dom.className.includes('elder')).toBe(elder)
      expect(page.requests.map((r) => r.path)).toEqual([`/api/requests/${WAITING_DETAIL.id}`])
      expect(page.find('proposal-pick')).toBeUndefined()
    })
  })

  describe(`${mode}: the worker proposes times on the workbench’s request page`, () => {
    const mountStaff = (routes: Record<string, unknown>) =>
      mountPage(STAFF_PAGE, { id: CLAIMED.id }, { ...modeOpts, storage: STAFF_LOGGED_IN, now: NOW, routes: routes as never })

    test('two slots of 心理疏导谈心 and a note, sent to the resident; the proposal then shows as 待选择', async () => {
      let proposed = false
      const page = await mountStaff({
        'GET /api/staff/requests/:id': (): StaffRequest => (proposed ? { ...CLAIMED, events: [...CLAIMED.events, PROPOSED] } : CLAIMED),
        'GET /api/staff/bookable': { items: [PSY, VISIT] },
        'GET /api/staff/bookable/:id/slots': SLOTS,
        'GET /api/staff/requests/:id/booking-proposals': { items: [PROPOSAL] },
        'POST /api/staff/requests/:id/booking-proposals': () => {
          proposed = true
          return reply(201, { items: [PROPOSAL] })
        },
      })
      await page.waitFor(() => page.find('btn-propose-booking'), 'the 提议预约时间 button')
      expect(page.get('page-staff-request').dom.className.includes('elder')).toBe(elder)
      expect(page.text(page.get('booking-proposals__none'))).toContain('居民在求助详情里选一个')
      await page.tap('btn-propose-booking')
      await page.waitFor(() => page.querySelectorAll('propose__service').length === 2, 'the services')
      expect(texts(page, 'propose__service')).toEqual(['心理疏导谈心（到站面谈）', '入户探访'])
      await page.tap(page.querySelectorAll('propose__service')[0]!)
      await page.waitFor(() => page.querySelectorAll('reschedule__slot').length > 0, 'the free slots')
      const slots = page.querySelectorAll('reschedule__slot')
      await page.tap(slots[0]!)
      await page.tap(slots[1]!)
      expect(page.text(page.get('propose__picked'))).toBe('已选：11月25日 10:00、11月25日 14:00')
      // 再点一次取消, then again.
      await page.tap(page.querySelectorAll('reschedule__slot')[1]!)
      expect(page.text(page.get('propose__picked'))).toBe('已选：11月25日 10:00')
      await page.tap(page.querySelectorAll('reschedule__slot')[1]!)
      await page.input('propose-note', '刘社工接待，请带上最近的就诊记录')
      await page.tap('btn-send-proposal')
      await page.waitFor(() => page.find('proposal'), 'the proposal sent')
      expect(posts(page).map((r) => [r.path, r.data])).toEqual([
        [
          `/api/staff/requests/${CLAIMED.id}/booking-proposals`,
          { serviceId: PSY.id, times: [iso('2026-11-25', '10:00'), iso('2026-11-25', '14:00')], note: '刘社工接待，请带上最近的就诊记录' },
        ],
      ])
      expect(page.text(page.get('proposal__status'))).toBe('待选择')
      expect(page.text(page.get('proposal__times'))).toBe('11月25日 10:00、11月25日 14:00（已被约满）、11月27日 09:00')
      expect(page.find('btn-propose-booking')).toBeDefined()
      expect(page.consoleErrors).toEqual([])
    })

    test('a home visit at a free time; the server’s refusal is said in the panel', async () => {
      const page = await mountStaff({
        'GET /api/staff/requests/:id': CLAIMED,
        'GET /api/staff/bookable': { items: [PSY, VISIT] },
        'GET /api/staff/bookable/:id/slots': { service: VISIT, days: [] },
        'POST /api/staff/requests/:id/booking-proposals': reply(400, {
          code: 'FIELD_INVALID',
          message: '11月26日 10:00 已经约满了',
          field: 'times',
        }),
      })
      await page.waitFor(() => page.find('btn-propose-booking'), 'the button')
      expect(page.get('page-staff-request').dom.className.includes('elder')).toBe(elder)
      await page.tap('btn-propose-booking')
      await page.waitFor(() => page.querySelectorAll('propose__service').length === 2, 'the services')
      await page.tap(page.querySelectorAll('propose__service')[1]!)
      await page.waitFor(() => page.find('propose__free'), 'the free time for a home visit')
      await page.tap('btn-send-proposal')
      expect(page.text(page.get('propose__error'))).toBe('请至少选择一个时间')
      await page.trigger('propose-free-date', 'change', { value: '2026-11-26' })
      await page.trigger('propose-free-time', 'change', { value: '10:00' })
      await page.tap('btn-add-free-time')
      expect(page.text(page.get('propose__picked'))).toBe('已选：11月26日 10:00')
      await page.tap('btn-send-proposal')
      await page.waitFor(() => page.text(page.get('propose__error')) === '11月26日 10:00 已经约满了', 'the refusal')
      expect(posts(page).map((r) => r.data)).toEqual([{ serviceId: VISIT.id, times: [iso('2026-11-26', '10:00')] }])
    })
  })
}
