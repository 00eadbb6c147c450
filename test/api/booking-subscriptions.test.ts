/**
 * A booking's subscribe messages against a fake WeChat that counts one-time
 * allowances per openid and template, as WeChat does (on PGlite and
 * PostgreSQL, in-process, with an injected clock). The booking page asks for
 * the activity template (预约成功) and the booking-reminder template in one
 * dialog: the confirmation takes the first allowance and the day-before
 * reminder the second, so both are sent; a third message finds none left and
 * is recorded `not_subscribed`. A reminder of a booking made the same day says
 * 今天, not 明天.
 */
import pino from 'pino'
import { cstInstant } from '../../domain/chinaTime'
import { JOBS } from '../../server/jobs'
import { deliverPending } from '../../server/services/notifier'
import { at, type Client } from './helpers/booking'
import { startFakeWechat, type FakeWechat } from './helpers/fakeWechat'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(120_000)

const log = pino({ level: 'silent' })
// Monday 2026-09-28, 08:00 in China.
let now = cstInstant('2026-09-28', '08:00')
let server: TestApp
let wechat: FakeWechat
let psy: string
beforeAll(async () => {
  wechat = await startFakeWechat()
  server = await startApp({
    clock: () => now,
    env: {
      JOB_INTERVAL_MS: '0',
      WECHAT_API_BASE: wechat.url,
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'test-secret',
      WECHAT_TEMPLATE_ACTIVITY: 'tmpl-activity',
      WECHAT_TEMPLATE_BOOKING_REMINDER: 'tmpl-booking-reminder',
    },
  })
  // 民馨社区 心理疏导谈心: weekdays 09:00-11:00, 14:00-17:00, 60 minutes, one person, cut-off 2 hours.
  psy = (await server.db.query<{ id: string }>(`SELECT id FROM bookable_services WHERE code = 'BK-MX-PSY'`)).rows[0]!.id
})
afterAll(async () => {
  await server?.stop()
  await wechat?.close()
})

/** A resident logged in through the fake WeChat (openid `o-<name>`), who allowed what the booking page asks for. */
async function resident(name: string): Promise<Client> {
  const res = await api(server.url).post('/api/auth/wechat', { code: `ok-${name}` })
  expect(res.status).toBe(200)
  wechat.allow(`o-${name}`, ['tmpl-activity', 'tmpl-booking-reminder'])
  return api(server.url, res.body.token)
}

const book = (c: Client, startsAt: string, key: string) =>
  c.post<{ id: string }>(
    '/api/bookings',
    {
      serviceId: psy,
      startsAt,
      forWhom: 'proxy',
      personName: '王阿姨',
      relationship: '母亲',
      contactName: '小王',
      contactPhone: '13812345678',
    },
    { 'idempotency-key': key },
  )

const runJob = async (name: string) => JOBS.find((j) => j.name === name)!.run(server.app.ctx, log)
const deliver = () => deliverPending(server.db, server.app.ctx.config, log, now)

/** The resident's outbox as delivered: topic and how (wechat, not_subscribed). */
async function deliveries(openid: string) {
  const { rows } = await server.db.query<{ topic: string; delivery: string | null }>(
    'SELECT o.topic, o.delivery FROM outbox o JOIN users u ON u.id = o.user_id WHERE u.openid = $1 ORDER BY o.id',
    [openid],
  )
  return rows.map((r) => [r.topic, r.delivery])
}
const sentTo = (openid: string) => wechat.messages.filter((m) => m.touser === openid)

describe(`a booking's subscribe messages on ${backend}`, () => {
  test('allowed in one dialog, the confirmation and the day-before reminder are both sent, each through its template', async () => {
    const daughter = await resident('daughter')
    const made = await book(daughter, at('2026-09-30', '10:00'), 'subscribe-1')
    expect(made.status).toBe(201)
    await deliver()

    // The day before, at noon: the reminder job, then the sender.
    now = cstInstant('2026-09-29', '12:00')
    expect(await runJob('booking-reminders')).toEqual({ reminded: 1 })
    await deliver()
    expect(await deliveries('o-daughter')).toEqual([
      ['booking_status', 'wechat'],
      ['booking_reminder', 'wechat'],
    ])
    expect(sentTo('o-daughter')).toEqual([
      expect.objectContaining({
        template_id: 'tmpl-activity',
        data: expect.objectContaining({ phrase2: { value: '预约成功' } }),
      }),
      {
        touser: 'o-daughter',
        template_id: 'tmpl-booking-reminder',
        page: 'packages/booking/mine/index',
        data: { thing1: { value: '心理疏导谈心' }, phrase2: { value: '明天预约' }, thing3: { value: '9月30日 10:00 王阿姨' } },
      },
    ])

    // Each allowance carried one message: a third one (she cancels) finds none left.
    expect((await daughter.post(`/api/bookings/${made.body.id}/cancel`, {})).status).toBe(200)
    await deliver()
    expect((await deliveries('o-daughter')).at(-1)).toEqual(['booking_status', 'not_subscribed'])
    expect(wechat.refused).toEqual([{ touser: 'o-daughter', template_id: 'tmpl-activity' }])
  })

  test('a booking made the same morning for the afternoon: the reminder says 今天, not 明天', async () => {
    now = cstInstant('2026-09-29', '08:00')
    const son = await resident('son')
    expect((await book(son, at('2026-09-29', '14:00'), 'subscribe-2')).status).toBe(201)
    expect(await runJob('booking-reminders')).toEqual({ reminded: 1 })
    await deliver()
    expect(await deliveries('o-son')).toEqual([
      ['booking_status', 'wechat'],
      ['booking_reminder', 'wechat'],
    ])
    expect(sentTo('o-son').at(-1)).toMatchObject({
      template_id: 'tmpl-booking-reminder',
      data: { phrase2: { value: '今天预约' }, thing3: { value: '9月29日 14:00 王阿姨' } },
    })
  })
})
