/**
 * 预约服务 on a day the station shortens its hours (in-process, on PGlite and
 * PostgreSQL, injected clock): 民馨社区 keeps 09:00–11:00 only 「下午开会」, and
 * its 心理疏导谈心 (own windows 09:00–11:00 and 14:00–17:00) offers no
 * afternoon that day; booking one is refused with the station's reason.
 */
import type { SlotDay } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, bookingServer, selfBooking } from './helpers/booking'
import { api, backend } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China; Friday 10-09 is a working day after 国庆节.
const START = cstInstant('2026-09-28', '08:00')
const server = bookingServer(() => START)
const { resident, serviceId, stationId } = bookingPeople(server, '短时居民')
const book = selfBooking('shortened-day')

describe(`a day of shortened hours on ${backend}`, () => {
  test('the service’s own afternoon window is not offered, and booking it is refused; the morning stays', async () => {
    const psy = await serviceId('BK-MX-PSY')
    await server().db.query(
      `INSERT INTO station_exceptions (station_id, from_date, to_date, hours, reason)
       VALUES ($1, '2026-10-09', '2026-10-09', '[{"open":"09:00","close":"11:00"}]', '下午开会')`,
      [await stationId('DL-JP-XJ-MX')],
    )
    const res = await api(server().url).get<{ days: SlotDay[] }>(`/api/bookable/${psy}/slots?from=2026-10-09&to=2026-10-09`)
    expect(res.status).toBe(200)
    expect(res.body.days[0]).toMatchObject({ date: '2026-10-09', note: '下午开会' })
    expect(res.body.days[0]!.slots.map((s) => s.startsAt)).toEqual([at('2026-10-09', '09:00'), at('2026-10-09', '10:00')])
    const c = await resident()
    const afternoon = await book(c, psy, at('2026-10-09', '14:00'))
    expect(afternoon.status).toBe(422)
    expect(afternoon.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' })
    expect((await book(c, psy, at('2026-10-09', '10:00'))).status).toBe(201)
  })
})
