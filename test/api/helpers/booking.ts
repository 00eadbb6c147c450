/**
 * What the 预约服务 API test files share: the people of one test server — a
 * new resident (the demo login), a station account (the demo password) — the
 * ids the demo data knows by code or username, and China times as the API
 * writes them. `server` is a getter: the files start their server in beforeAll.
 */
import type { BookableService, Booking, BookingProposal, HelpRequest, SlotDay, SlotFullError } from '../../../contract/types'
import { cstInstant } from '../../../domain/chinaTime'
import { DEMO_STAFF_PASSWORD } from '../../../server/seed'
import { api } from './client'
import { startApp, type TestApp } from './inProcess'

export type Client = ReturnType<typeof api>
/** An answer that may be a refusal: `{ code, message, field? }` beside the body's own fields. */
export type Answer<T> = T & { code?: string; field?: string; message?: string }

/** 10:00 on 2026-10-08 in China, as the API writes it (UTC ISO). */
export const at = (date: string, time: string) => cstInstant(date, time).toISOString()

/** The file's server (in-process, jobs off, the clock injected), started before its tests and stopped after; read through the getter. */
export function bookingServer(clock: () => Date): () => TestApp {
  let server: TestApp | undefined
  beforeAll(async () => {
    server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock })
  })
  afterAll(() => server?.stop())
  return () => {
    if (!server) throw new Error('the server is started in beforeAll')
    return server
  }
}

export function bookingPeople(server: () => TestApp, nicknamePrefix = '居民') {
  let n = 0
  const one = async <T>(sql: string, params: unknown[]): Promise<T> => {
    const row = (await server().db.query<T>(sql, params)).rows[0]
    if (!row) throw new Error(`nothing for ${JSON.stringify(params)}`)
    return row
  }
  return {
    /** A resident logged in with the demo login; each call a new one unless the nickname is given. */
    async resident(nickname = `${nicknamePrefix}${n++}`): Promise<Client> {
      const { body } = await api(server().url).post('/api/auth/dev', { nickname })
      return api(server().url, body.token)
    },
    /** A station account of the demo data, logged in. */
    async staff(username: string): Promise<Client> {
      const res = await api(server().url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })
      if (res.status !== 200) throw new Error(`${username} could not log in: ${res.status} ${JSON.stringify(res.body)}`)
      return api(server().url, res.body.token)
    },
    userId: async (username: string) => (await one<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).id,
    stationId: async (code: string) => (await one<{ id: string }>('SELECT id FROM stations WHERE code = $1', [code])).id,
    serviceId: async (code: string) => (await one<{ id: string }>('SELECT id FROM bookable_services WHERE code = $1', [code])).id,
  }
}

/** A daughter's help request (心理疏导) for her mother, to the station she chose; 201 or it throws. */
export async function familyRequest(c: Client, stationId: string, mother: string, key: string): Promise<HelpRequest> {
  const res = await c.post<HelpRequest>(
    '/api/requests',
    {
      category: 'psychological',
      attributes: { selfHarm: 'no' },
      description: '母亲最近情绪低落，想请社工聊一聊。',
      requester: 'family',
      helped: { name: mother, relationship: '母亲', phone: '13900001111', address: '民馨社区 3 号楼', consent: true },
      contactName: '李女士',
      contactPhone: '13812345678',
      urgency: 'normal',
      stationId,
      stationSource: 'chosen',
    },
    { 'idempotency-key': key },
  )
  if (res.status !== 201) throw new Error(`the request was not made: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** A 60-minute talk (心理疏导) of one place a slot, with the weekly windows given — per worker when they name one. */
export const talkService = (availability: unknown[], over: Record<string, unknown> = {}) => ({
  name: '个案面谈',
  kind: 'talk',
  category: 'psychological',
  durationMinutes: 60,
  capacity: 1,
  availability,
  ...over,
})

/** The station proposes times for a help request (POST …/booking-proposals). */
export const propose = (who: Client, requestId: string, body: Record<string, unknown>) =>
  who.post<Answer<{ items: BookingProposal[] }>>(`/api/staff/requests/${requestId}/booking-proposals`, body)

/** The resident picks one of them (POST …/booking-proposals/choose). */
export const choose = (c: Client, requestId: string, proposalId: string, startsAt: string) =>
  c.post<Answer<Booking> & Partial<SlotFullError>>(`/api/requests/${requestId}/booking-proposals/choose`, { proposalId, startsAt })

/** A resident books a slot for themselves (POST /api/bookings); each call with its own Idempotency-Key, `keyPrefix` and a number. */
export function selfBooking(keyPrefix: string) {
  let n = 0
  return (c: Client, serviceId: string, startsAt: string, over: Record<string, unknown> = {}) =>
    c.post<Answer<Booking> & Partial<SlotFullError>>(
      '/api/bookings',
      { serviceId, startsAt, forWhom: 'self', personName: `居民${n}`, contactName: '小王', contactPhone: '13812345678', ...over },
      { 'idempotency-key': `${keyPrefix}-${n++}` },
    )
}

/** A service's slots on one China date as the API gives them, one line each: "HH:MM (UTC) worker state". */
export async function slotLines(url: string, serviceId: string, date: string): Promise<string[]> {
  const res = await api(url).get<{ service: BookableService; days: SlotDay[] }>(`/api/bookable/${serviceId}/slots?from=${date}&to=${date}`)
  expect(res.status).toBe(200)
  return res.body.days[0]!.slots.map((s) => `${s.startsAt.slice(11, 16)} ${s.worker?.name ?? '-'} ${s.state}`)
}

/** A China date and time as slotLines writes it (UTC "HH:MM"). */
export const utcTime = (date: string, time: string) => at(date, time).slice(11, 16)
