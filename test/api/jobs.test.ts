/**
 * Background jobs with an injected clock, on PGlite and PostgreSQL:
 * escalation of requests not accepted in time, and the notification sender
 * against a fake WeChat API on loopback.
 */
import pino from 'pino'
import { loadConfig } from '../../server/config'
import { openDatabase, type Database } from '../../server/db'
import { escalateOverdue, getRequest } from '../../server/usecases/requests'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { seedDemoData } from '../../server/seed'
import { deliverPending } from '../../server/services/notifier'
import type { CreateRequestBody } from '../../contract/types'
import { backend, freshDatabase } from './helpers/server'
import { at, submitAt, testContext, type AppContext } from './helpers/context'
import { startFakeWechat, type FakeWechat } from './helpers/fakeWechat'

jest.setTimeout(120_000)

let db: Database
let ctx: AppContext
let wechat: FakeWechat
const log = pino({ level: 'silent' })
// Monday 2026-11-23 10:00 China Standard Time.
const T0 = new Date('2026-11-23T10:00:00+08:00')
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000)

const body = (over: Partial<CreateRequestBody> = {}): CreateRequestBody => ({
  category: 'elderly_care',
  attributes: { livesAlone: 'yes', mobility: 'limited' },
  description: '想申请助餐服务',
  requester: 'self',
  contactName: '王大娘',
  contactPhone: '13812345678',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  urgency: 'normal',
  ...over,
})

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await seedDemoData(db)
  ctx = await testContext(db)
  wechat = await startFakeWechat()
})
afterAll(async () => {
  await db?.close()
  await wechat?.close()
})

describe(`escalation on ${backend}`, () => {
  test('a normal request not accepted within one working day moves to the parent station, and the timeline says so', async () => {
    const user = await upsertUserByOpenid(db, 'o-escalate', '居民')
    const created = await submitAt(ctx, user.id, body(), T0)
    expect(created.station.name).toBe('先进街道社工站')

    expect(await db.transaction((tx) => escalateOverdue(at(ctx, hours(23.9)), tx))).toBe(0)
    expect(await db.transaction((tx) => escalateOverdue(at(ctx, hours(24.1)), tx))).toBeGreaterThanOrEqual(1)

    const after = (await getRequest(ctx, db, created.id, { internal: false }))!
    expect(after.station.name).toBe('金普新区社工总站')
    expect(after.status).toBe('submitted')
    const e = after.events.at(-1)!
    expect(e).toMatchObject({ type: 'escalated', stationName: '先进街道社工站', toStationName: '金普新区社工总站' })
    expect(e.body).toContain('超过响应时限')
    // A new target starts at the new station: not escalated again at once.
    expect(await db.transaction((tx) => escalateOverdue(at(ctx, hours(24.2)), tx))).toBe(0)
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(hours(24.1).getTime())
  })

  test('an urgent request escalates after 2 hours; an accepted one never does', async () => {
    const user = await upsertUserByOpenid(db, 'o-urgent', '居民')
    const urgent = await submitAt(ctx, user.id, body({ urgency: 'urgent' }), hours(100))
    await db.query(`UPDATE help_requests SET status = 'accepted' WHERE id <> $1 AND status = 'submitted'`, [urgent.id])
    expect(await db.transaction((tx) => escalateOverdue(at(ctx, hours(101.9)), tx))).toBe(0)
    expect(await db.transaction((tx) => escalateOverdue(at(ctx, hours(102.1)), tx))).toBe(1)
    expect((await getRequest(ctx, db, urgent.id, { internal: false }))!.station.name).toBe('金普新区社工总站')
  })
})

describe(`notifications on ${backend}`, () => {
  test('every status change is in the outbox; the sender delivers it as a subscribe message, retrying with backoff', async () => {
    const config = loadConfig({
      WECHAT_API_BASE: wechat.url,
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'test-secret',
      WECHAT_TEMPLATE_REQUEST_STATUS: 'tmpl-status',
    } as unknown as NodeJS.ProcessEnv)
    const user = await upsertUserByOpenid(db, 'o-notify', '居民')
    await db.query('UPDATE outbox SET delivered_at = now()') // earlier tests' messages
    const created = await submitAt(ctx, user.id, body(), hours(200))

    wechat.failNext(1)
    expect(await deliverPending(db, config, log, hours(200))).toBe(0)
    const { rows } = await db.query<{ attempts: number; next_attempt_at: Date; last_error: string }>(
      'SELECT attempts, next_attempt_at, last_error FROM outbox WHERE user_id = $1',
      [user.id],
    )
    expect(rows[0]).toMatchObject({ attempts: 1 })
    expect(new Date(rows[0]!.next_attempt_at).getTime()).toBeGreaterThan(hours(200).getTime())

    expect(await deliverPending(db, config, log, hours(201))).toBe(1)
    const msg = wechat.messages.at(-1)
    expect(msg).toMatchObject({ touser: 'o-notify', template_id: 'tmpl-status' })
    expect(msg.data.character_string1.value).toBe(created.number)
    const delivered = await db.query<{ delivery: string }>('SELECT delivery FROM outbox WHERE user_id = $1', [user.id])
    expect(delivered.rows[0]!.delivery).toBe('wechat')
    // Delivered once: nothing left to send.
    expect(await deliverPending(db, config, log, hours(202))).toBe(0)
  })

  test('without WeChat configuration the message is logged and marked so', async () => {
    const user = await upsertUserByOpenid(db, 'o-nolog', '居民')
    await submitAt(ctx, user.id, body(), hours(300))
    await deliverPending(db, loadConfig({} as unknown as NodeJS.ProcessEnv), log, hours(300))
    const { rows } = await db.query<{ delivery: string }>('SELECT delivery FROM outbox WHERE user_id = $1', [user.id])
    expect(rows[0]!.delivery).toBe('log')
  })
})
