/**
 * 预约服务's Idempotency-Key, as help requests have it (in-process, on PGlite
 * and PostgreSQL, injected clock): the body is fingerprinted with its fields
 * sorted, so the same fields in another order replay the first booking; the
 * same key sent 20 times at once makes one booking, and every answer is it.
 */
import type { Booking } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, type Answer } from './helpers/booking'
import { backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const { resident, serviceId } = bookingPeople(server, '幂等居民')

describe(`Idempotency-Key of a booking on ${backend}`, () => {
  test('the same key with the same fields in another order replays the first booking', async () => {
    const psy = await serviceId('BK-MX-PSY')
    const c = await resident()
    const headers = { 'idempotency-key': 'booking-order-key-0001' }
    const first = await c.post<Answer<Booking>>(
      '/api/bookings',
      {
        serviceId: psy,
        startsAt: at('2026-09-29', '10:00'),
        forWhom: 'self',
        personName: '王阿姨',
        contactName: '王阿姨',
        contactPhone: '13812345678',
      },
      headers,
    )
    expect(first.status).toBe(201)
    const reordered = await c.post<Answer<Booking>>(
      '/api/bookings',
      {
        contactPhone: '13812345678',
        contactName: '王阿姨',
        personName: '王阿姨',
        forWhom: 'self',
        startsAt: at('2026-09-29', '10:00'),
        serviceId: psy,
      },
      headers,
    )
    expect(reordered.status).toBe(201)
    expect(reordered.headers.get('idempotent-replayed')).toBe('true')
    expect(reordered.body.id).toBe(first.body.id)
  })

  test('the same key sent 20 times at once: exactly one booking, every answer that booking', async () => {
    const psy = await serviceId('BK-MX-PSY')
    const c = await resident()
    const headers = { 'idempotency-key': 'booking-burst-key-0001' }
    const body = {
      serviceId: psy,
      startsAt: at('2026-09-30', '14:00'),
      forWhom: 'self',
      personName: '李大爷',
      contactName: '李大爷',
      contactPhone: '13812345679',
    }
    const answers = await Promise.all(Array.from({ length: 20 }, () => c.post<Answer<Booking>>('/api/bookings', body, headers)))
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201))
    const ids = new Set(answers.map((a) => a.body.id))
    expect(ids.size).toBe(1)
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'false')).toHaveLength(1)
    const { rows } = await server().db.query<{ id: string }>(`SELECT id FROM bookings WHERE person_name = '李大爷'`)
    expect(rows.map((r) => r.id)).toEqual([...ids])
  })
})
