/**
 * A disabled (停用) staff account is no one's colleague (in-process, on PGlite
 * and PostgreSQL, injected clock): after 孙站长 disables 王社工, the workbench's
 * pickers (GET /api/staff/colleagues) no longer offer him, and the API refuses
 * him with 409 CONFLICT next to the field — as the assignee of a help request,
 * in a service's weekly windows, as a booking's, a proposal's or a leave's
 * worker; his slots are offered to no one; his bookings still to come stay in
 * the day view marked `needsWorker`, and the station moves them to a colleague.
 * Enabled again, he is a colleague again.
 */
import type { BookableService, Booking, Colleague, HelpRequest, SlotDay } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, propose, talkService, type Answer, type Client } from './helpers/booking'
import { api, backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; Tuesday 09-29 is a working day.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const people = bookingPeople(server, '停用居民')
const contact = { forWhom: 'self', personName: '王阿姨', contactName: '王阿姨', contactPhone: '13812345678' }

let head: Client
let li: string
let wang: string
let service: BookableService
let wangsBooking: Booking
beforeAll(async () => {
  head = await people.staff('xianjin-head')
  li = await people.userId('xianjin-li')
  wang = await people.userId('xianjin-wang')
  // Both receive on Tuesday 09:00–11:00, one place each.
  const created = await head.post<Answer<BookableService>>(
    '/api/staff/bookable',
    talkService([
      { weekdays: [2], open: '09:00', close: '11:00', workerId: li },
      { weekdays: [2], open: '09:00', close: '11:00', workerId: wang },
    ]),
  )
  expect(created.status).toBe(201)
  service = created.body
  const made = await (
    await people.resident()
  ).post<Answer<Booking>>(
    '/api/bookings',
    { serviceId: service.id, startsAt: at('2026-09-29', '09:00'), workerId: wang, ...contact },
    { 'idempotency-key': 'disabled-worker-booking-1' },
  )
  expect(made.status).toBe(201)
  wangsBooking = made.body
  expect((await head.post(`/api/admin/accounts/${wang}/disable`, {})).status).toBe(200)
})

const slotsOn = async (date: string) => {
  const res = await api(server().url).get<{ days: SlotDay[] }>(`/api/bookable/${service.id}/slots?from=${date}&to=${date}`)
  return res.body.days[0]!.slots.map((s) => s.worker?.name)
}
const disabledRefusal = (field: string) => ({ code: 'CONFLICT', field, message: '王社工的账号已停用，请选择其他社工' })

describe(`a disabled worker on ${backend}`, () => {
  test('the pickers no longer offer him; a request cannot be assigned to him (409), a colleague still can', async () => {
    const colleagues = (await head.get<{ items: Colleague[] }>('/api/staff/colleagues')).body.items
    expect(colleagues.map((c) => c.id)).toContain(li)
    expect(colleagues.map((c) => c.id)).not.toContain(wang)
    const counter = await (
      await people.staff('xianjin-li')
    ).post<HelpRequest>('/api/staff/requests', {
      channel: 'counter',
      category: 'elderly_care',
      description: '想了解助餐服务',
      requester: 'self',
      contactName: '分派测试居民',
      contactPhone: '13900007777',
      urgency: 'normal',
    })
    expect(counter.status).toBe(201)
    const refused = await head.post(`/api/staff/requests/${counter.body.id}/assign`, { assigneeId: wang })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject(disabledRefusal('assigneeId'))
    const { rows } = await server().db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM help_requests WHERE id = $1', [
      counter.body.id,
    ])
    expect(rows[0]!.assignee_id).toBeNull()
    expect((await head.post(`/api/staff/requests/${counter.body.id}/assign`, { assigneeId: li })).status).toBe(200)
  })

  test('his slots are offered to no one, and no booking, leave, window or proposal may name him', async () => {
    expect(await slotsOn('2026-09-29')).toEqual(['李社工', '李社工'])
    const booking = await (
      await people.resident()
    ).post<Answer<Booking>>(
      '/api/bookings',
      { serviceId: service.id, startsAt: at('2026-09-29', '10:00'), workerId: wang, ...contact },
      { 'idempotency-key': 'disabled-worker-booking-2' },
    )
    expect(booking.status).toBe(409)
    expect(booking.body).toMatchObject(disabledRefusal('workerId'))
    const leave = await head.post('/api/staff/blocks', {
      kind: 'block',
      workerId: wang,
      startsAt: at('2026-09-30', '09:00'),
      endsAt: at('2026-09-30', '10:00'),
      reason: '请假',
    })
    expect(leave.status).toBe(409)
    expect(leave.body).toMatchObject(disabledRefusal('workerId'))
    const window = await head.post(
      '/api/staff/bookable',
      talkService([{ weekdays: [3], open: '09:00', close: '10:00', workerId: wang }], { name: '王社工面谈' }),
    )
    expect(window.status).toBe(409)
    expect(window.body).toMatchObject(disabledRefusal('availability'))
    // The service's own windows keep naming him (an edit of something else is saved), but give no slot.
    const renamed = await head.patch<Answer<BookableService>>(`/api/staff/bookable/${service.id}`, { name: '个案面谈（一对一）' })
    expect(renamed.status).toBe(200)
    const r = await (
      await people.resident()
    ).post<HelpRequest>(
      '/api/requests',
      {
        category: 'psychological',
        attributes: { selfHarm: 'no' },
        description: '想请社工聊一聊。',
        requester: 'self',
        contactName: '周女士',
        contactPhone: '13812345678',
        urgency: 'normal',
        stationId: service.station.id,
        stationSource: 'chosen',
      },
      { 'idempotency-key': 'disabled-worker-request-1' },
    )
    expect(r.status).toBe(201)
    const proposal = await propose(head, r.body.id, { serviceId: service.id, workerId: wang, times: [at('2026-09-29', '10:00')] })
    expect(proposal.status).toBe(409)
    expect(proposal.body).toMatchObject(disabledRefusal('workerId'))
  })

  test('his booking still to come stays in the day view as needing another worker; the station moves it to 李社工', async () => {
    const day = await head.get<{ items: Booking[] }>('/api/staff/bookings?from=2026-09-29&to=2026-09-29')
    const listed = day.body.items.find((b) => b.id === wangsBooking.id)!
    expect(listed).toMatchObject({ status: 'booked', worker: { id: wang, name: '王社工' }, needsWorker: true })
    // Only his is marked: 李社工's and the other bookings need no one new.
    expect(day.body.items.filter((b) => b.needsWorker).map((b) => b.id)).toEqual([wangsBooking.id])
    const moved = await head.post<Answer<Booking>>(`/api/staff/bookings/${wangsBooking.id}/reschedule`, {
      startsAt: at('2026-09-29', '09:00'),
      workerId: li,
      reason: '改由李社工接待',
    })
    expect(moved.status).toBe(200)
    expect(moved.body.worker).toEqual({ id: li, name: '李社工' })
    expect(moved.body.needsWorker).toBeUndefined()
  })

  test('enabled again, he is a colleague again and receives again', async () => {
    expect((await head.post(`/api/admin/accounts/${wang}/enable`, {})).status).toBe(200)
    expect((await head.get<{ items: Colleague[] }>('/api/staff/colleagues')).body.items.map((c) => c.id)).toContain(wang)
    expect(await slotsOn('2026-09-29')).toEqual(['李社工', '王社工', '李社工', '王社工'])
  })
})
