/**
 * No double booking across API instances (issue 18): two instances on one
 * PostgreSQL, 120 residents — half on each — book the last free place of the
 * same slot at once. The service's row lock lives in the database, so exactly
 * one booking is made, and every other resident gets 409 SLOT_FULL with the
 * next free slots; none gets a 500. PostgreSQL only: PGlite is one process.
 */
import type { Booking, SlotFullError } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { api, backend, freshDatabase, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

const NOW = cstInstant('2026-09-28', '08:00')
const SLOT = cstInstant('2026-10-09', '15:00').toISOString()
const onPostgres = backend === 'postgres' ? test : test.skip

describe(`bookings on two instances (${backend})`, () => {
  onPostgres('120 residents on two instances for one place: exactly one booking, the others 409 with alternatives', async () => {
    const database = await freshDatabase('seeded')
    const env = { JOB_INTERVAL_MS: '0' }
    const instances: TestApp[] = [await startApp({ database, env, clock: () => NOW }), await startApp({ database, env, clock: () => NOW })]
    try {
      const [first, second] = instances as [TestApp, TestApp]
      const { rows } = await first.db.query<{ id: string }>(`SELECT id FROM bookable_services WHERE code = 'BK-MX-PSY'`)
      const service = rows[0]!.id
      const residents = await Promise.all(
        Array.from({ length: 120 }, async (_, i) => {
          const url = (i % 2 === 0 ? first : second).url
          const { body } = await api(url).post('/api/auth/dev', { nickname: `两个实例${i}` })
          return api(url, body.token)
        }),
      )
      const results = await Promise.all(
        residents.map((c, i) =>
          c.post<Booking & { code?: string }>(
            '/api/bookings',
            {
              serviceId: service,
              startsAt: SLOT,
              forWhom: 'self',
              personName: `居民${i}`,
              contactName: `居民${i}`,
              contactPhone: '13812345678',
            },
            { 'idempotency-key': `two-instances-${i}` },
          ),
        ),
      )
      const statuses = results.map((r) => r.status)
      expect(statuses.filter((s) => s >= 500)).toEqual([])
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(119)
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body.code).toBe('SLOT_FULL')
        expect((r.body as unknown as SlotFullError).alternatives!.length).toBeGreaterThan(0)
      }
      const held = await second.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM bookings WHERE service_id = $1 AND starts_at = $2 AND status <> 'cancelled'`,
        [service, SLOT],
      )
      expect(held.rows[0]!.n).toBe(1)
    } finally {
      await Promise.all(instances.map((i) => i.stop()))
    }
  })
})
