/**
 * Booking from a help request in a sensitive category (in-process, on PGlite
 * and PostgreSQL, injected clock). A daughter asks 民馨社区 about 社会救助 for her
 * mother, and the worker proposes a 心理疏导 talk: 赵督导 above (jinpu-zhao)
 * sees the 社会救助 request, but neither the proposal nor its entries in the
 * timeline — only the station does; the daughter's flow is unchanged. A
 * proposal of 入户探访 (养老) on the same request stays in sight.
 */
import type { BookingProposal, HelpRequest, StaffRequest } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, choose, propose, type Client } from './helpers/booking'
import { backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const people = bookingPeople(server, '隐私居民')
type Proposals = { items: BookingProposal[] }

/** A daughter's 社会救助 request for her mother, to 民馨社区社会工作室. */
async function assistanceRequest(c: Client, stationId: string): Promise<HelpRequest> {
  const res = await c.post<HelpRequest>(
    '/api/requests',
    {
      category: 'social_assistance',
      description: '母亲一个人住，想了解低保和临时救助怎么申请。',
      requester: 'family',
      helped: { name: '周桂英', relationship: '母亲', phone: '13900002222', address: '民馨社区 5 号楼', consent: true },
      contactName: '周女士',
      contactPhone: '13812345670',
      urgency: 'normal',
      stationId,
      stationSource: 'chosen',
    },
    { 'idempotency-key': 'proposal-privacy-request-0001' },
  )
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body
}

describe(`a sensitive proposal on a 社会救助 request on ${backend}`, () => {
  test('the supervisor above sees the request, not the 心理疏导 proposal nor its timeline entries; the station and the daughter do', async () => {
    const minxinId = await people.stationId('DL-JP-XJ-MX')
    const psy = await people.serviceId('BK-MX-PSY')
    const visit = await people.serviceId('BK-MX-VISIT')
    const minxin = await people.staff('minxin-liu')
    const zhao = await people.staff('jinpu-zhao')
    const daughter = await people.resident('周女士')
    const r = await assistanceRequest(daughter, minxinId)
    expect((await zhao.get(`/api/staff/requests/${r.id}`)).status).toBe(200)

    const proposed = await propose(minxin, r.id, { serviceId: psy, times: [at('2026-09-29', '10:00'), at('2026-09-29', '14:00')] })
    expect(proposed.status).toBe(201)
    const p = proposed.body.items[0]!
    const picked = await choose(daughter, r.id, p.id, at('2026-09-29', '14:00'))
    expect(picked.status).toBe(201)

    // The supervisor: the request, without the proposal or the entries that name the service and the times.
    const above = await zhao.get<StaffRequest>(`/api/staff/requests/${r.id}`)
    expect(above.status).toBe(200)
    expect(above.body.events.map((e) => e.type)).not.toContain('booking_proposed')
    expect(above.body.events.map((e) => e.type)).not.toContain('booking_chosen')
    expect(JSON.stringify(above.body)).not.toContain('心理疏导')
    const aboveProposals = await zhao.get<Proposals>(`/api/staff/requests/${r.id}/booking-proposals`)
    expect(aboveProposals.status).toBe(200)
    expect(aboveProposals.body.items).toEqual([])

    // The station sees both, and the daughter too.
    const own = await minxin.get<StaffRequest>(`/api/staff/requests/${r.id}`)
    expect(own.body.events.map((e) => e.type)).toEqual(expect.arrayContaining(['booking_proposed', 'booking_chosen']))
    expect((await minxin.get<Proposals>(`/api/staff/requests/${r.id}/booking-proposals`)).body.items.map((x) => x.id)).toEqual([p.id])
    const mine = (await daughter.get<HelpRequest>(`/api/requests/${r.id}`)).body.events.map((e) => e.type)
    expect(mine).toEqual(expect.arrayContaining(['booking_proposed', 'booking_chosen']))
    expect((await daughter.get<Proposals>(`/api/requests/${r.id}/booking-proposals`)).body.items.map((x) => x.id)).toEqual([p.id])

    // A proposal of 入户探访 (养老) is the request's own business: the supervisor sees it.
    const home = await propose(minxin, r.id, { serviceId: visit, times: [at('2026-09-30', '14:00')] })
    expect(home.status).toBe(201)
    const seen = await zhao.get<Proposals>(`/api/staff/requests/${r.id}/booking-proposals`)
    expect(seen.body.items.map((x) => x.service.name)).toEqual(['入户探访'])
    const events = (await zhao.get<StaffRequest>(`/api/staff/requests/${r.id}`)).body.events
    expect(events.filter((e) => e.type === 'booking_proposed').map((e) => e.body)).toEqual([expect.stringContaining('入户探访')])
  })
})
