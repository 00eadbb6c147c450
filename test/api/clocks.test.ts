/**
 * The two clocks over the API (in-process, injected clock), on PGlite and
 * PostgreSQL: a normal request sent on the eve of 国庆 2026 reads
 * 「受理：剩 1 个工作日」 and 「办结：剩 5 个工作日」 in the holiday week, is
 * overdue two days after it, stops at acceptance (超时) and at resolution
 * (按时); an urgent one counts wall-clock hours. The report gives per station
 * and per worker the share accepted and resolved within target.
 */
import type { StaffRequest, StaffRequestSummary, StationReport } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

let now = cstInstant('2026-09-30', '17:00')
let server: TestApp
type Client = ReturnType<typeof api>
let li: Client
let zhao: Client
const login = async (username: string) =>
  api(server.url, (await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })).body.token)
const counter = async (urgency: 'normal' | 'urgent') => {
  const res = await li.post('/api/staff/requests', {
    channel: 'phone',
    category: 'elderly_care',
    description: '时限测试：想申请助餐',
    requester: 'self',
    contactName: '时限测试居民',
    contactPhone: '13900004444',
    urgency,
  })
  expect(res.status).toBe(201)
  return res.body.id as string
}
const clocksOf = async (id: string) => {
  const detail = (await li.get<StaffRequest>(`/api/staff/requests/${id}`)).body
  const card = ((await li.get('/api/staff/queue?status=' + detail.status)).body.items as StaffRequestSummary[]).find((r) => r.id === id)
  expect(card?.clocks).toEqual(detail.clocks)
  return [detail.clocks!.acceptance.text, detail.clocks!.resolution.text]
}
const moveTo = async (date: string, time: string) => {
  now = cstInstant(date, time)
  li = await login('xianjin-li')
  zhao = await login('jinpu-zhao')
}

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => now })
  await moveTo('2026-09-30', '17:00')
})
afterAll(() => server?.stop())

test(`both clocks in working time over 国庆, and the report per station and per worker, on ${backend}`, async () => {
  const normal = await counter('normal')
  expect(await clocksOf(normal)).toEqual(['受理：剩 1 个工作日', '办结：剩 5 个工作日'])
  await moveTo('2026-10-05', '10:00')
  expect(await clocksOf(normal)).toEqual(['受理：剩 1 个工作日', '办结：剩 5 个工作日'])
  await moveTo('2026-10-09', '20:00')
  const [acceptance] = await clocksOf(normal)
  expect(acceptance).toBe('受理：已超时 27 小时')
  expect((await li.post(`/api/staff/requests/${normal}/accept`, {})).status).toBe(200)
  // 09-30 17:00 + 5 working days: 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13.
  expect(await clocksOf(normal)).toEqual(['受理：超时', '办结：剩 3 个工作日'])
  await moveTo('2026-10-12', '10:00')
  expect((await li.post(`/api/staff/requests/${normal}/resolve`, { summary: '已办理' })).status).toBe(200)
  expect(await clocksOf(normal)).toEqual(['受理：超时', '办结：按时'])

  // Urgent: wall-clock hours, on a Sunday too.
  await moveTo('2026-10-11', '09:00')
  const urgent = await counter('urgent')
  expect(await clocksOf(urgent)).toEqual(['受理：剩 2 小时', '办结：剩 24 小时'])
  await moveTo('2026-10-11', '10:00')
  expect((await li.post(`/api/staff/requests/${urgent}/accept`, {})).status).toBe(200)
  await moveTo('2026-10-12', '12:00')
  expect(await clocksOf(urgent)).toEqual(['受理：按时', '办结：已超时 3 小时'])
  expect((await li.post(`/api/staff/requests/${urgent}/resolve`, { summary: '已处理' })).status).toBe(200)
  expect(await clocksOf(urgent)).toEqual(['受理：按时', '办结：超时'])

  const report = (await zhao.get<StationReport>('/api/staff/reports/stations?from=2026-09-30&to=2026-10-12')).body
  const xj = report.items.find((i) => i.station.name === '先进街道社工站')!
  expect(xj).toMatchObject({
    accepted: 2,
    acceptedOnTime: 1,
    onTimeRate: 0.5,
    resolved: 2,
    resolvedOnTime: 1,
    resolvedTimed: 2,
    resolvedOnTimeRate: 0.5,
  })
  expect(report.workers.filter((w) => w.station.name === '先进街道社工站')).toEqual([
    expect.objectContaining({
      nickname: '李社工',
      accepted: 2,
      acceptedOnTime: 1,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedTimed: 2,
      resolvedOnTimeRate: 0.5,
    }),
  ])
  // A worker of a station outside the supervisor's subtree is not listed.
  expect(report.workers.every((w) => report.items.some((i) => i.station.id === w.station.id))).toBe(true)
})

test(`reopened by a 回访 after its resolution, the 办结 clock runs again from the reopening, on ${backend}`, async () => {
  // Monday 10-19: entered, accepted, resolved with a call in 3 days. Its first 办结 target: Monday 10-26 10:00.
  await moveTo('2026-10-19', '10:00')
  const id = await counter('normal')
  expect((await li.post(`/api/staff/requests/${id}/accept`, {})).status).toBe(200)
  expect((await li.post(`/api/staff/requests/${id}/resolve`, { summary: '已办理', followUpDays: 3 })).status).toBe(200)
  expect(await clocksOf(id)).toEqual(['受理：按时', '办结：按时'])

  // Wednesday 10-28, past that first target: the call finds the resident still needs help.
  await moveTo('2026-10-28', '10:00')
  const call = (await server.db.query<{ id: string }>('SELECT id FROM follow_ups WHERE request_id = $1', [id])).rows[0]!.id
  const outcome = await li.post(`/api/staff/followups/${call}/outcome`, { reached: true, satisfied: false, needsMoreHelp: true })
  expect(outcome.status).toBe(200)
  // Both clocks start again: 受理 with a fresh target, 办结 counted from now, not overdue since 10-26.
  expect(await clocksOf(id)).toEqual(['受理：剩 1 个工作日', '办结：剩 5 个工作日'])

  // Resolved again within 5 working days of the reopening: on time, and so it counts in the report.
  await moveTo('2026-11-02', '10:00')
  expect((await li.post(`/api/staff/requests/${id}/accept`, {})).status).toBe(200)
  expect((await li.post(`/api/staff/requests/${id}/resolve`, { summary: '再次办理' })).status).toBe(200)
  // 受理 again on Monday, past the fresh target (Thursday 10-29 10:00): late, read from this acceptance, not the first.
  expect(await clocksOf(id)).toEqual(['受理：超时', '办结：按时'])
  const { rows } = await server.db.query<{ on_time: boolean }>(
    `SELECT on_time FROM request_events WHERE request_id = $1 AND type = 'resolved' ORDER BY created_at`,
    [id],
  )
  expect(rows.map((r) => r.on_time)).toEqual([true, true])
})
