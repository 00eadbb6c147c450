/**
 * The retention job with an injected clock, on PGlite and PostgreSQL: a
 * closed request and the enrollments of a past activity keep their personal
 * fields for the retention period, then lose them; open requests and upcoming
 * activities are never touched, and the rows stay as anonymous statistics.
 */
import { randomBytes } from 'node:crypto'
import type { CreateRequestBody } from '../../contract/types'
import { openDatabase, type Database } from '../../server/db'
import { purgeExpired } from '../../server/repositories/account'
import { createActivity } from '../../server/repositories/activities'
import { enroll } from '../../server/repositories/enrollments'
import { cancelByResident, createRequest, getRequest } from '../../server/repositories/requests'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { seedDemoData } from '../../server/seed'
import { DEFAULT_RESPONSE_TARGETS } from '../../domain/sla'
import { backend, freshDatabase } from './helpers/server'

jest.setTimeout(120_000)

let db: Database
const T0 = new Date('2026-11-23T10:00:00+08:00')
const days = (d: number) => new Date(T0.getTime() + d * 86_400_000)
const RETENTION = 30

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await seedDemoData(db, T0)
})
afterAll(() => db?.close())

const body: CreateRequestBody = {
  category: 'elderly_care', description: '保存期限测试：母亲需要助餐', requester: 'family',
  helped: { name: '保存期限王奶奶', relationship: '母亲', phone: '13900002222', address: '保存期限路1号', consent: true },
  contactName: '保存期限李女士', contactPhone: '13900003333', urgency: 'normal',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
}

describe(`retention on ${backend}`, () => {
  test('a cancelled request is purged after the retention period; an open one never; enrollments after the activity ended', async () => {
    const user = await upsertUserByOpenid(db, 'o-retention', '居民')
    const closed = await db.transaction((tx) => createRequest(tx, { userId: user.id, channel: 'miniprogram', body, actorId: user.id, now: T0, targets: DEFAULT_RESPONSE_TARGETS }))
    await db.transaction((tx) => cancelByResident(tx, closed.id, user.id, days(1)))
    const open = await db.transaction((tx) => createRequest(tx, { userId: user.id, channel: 'miniprogram', body, actorId: user.id, now: T0, targets: DEFAULT_RESPONSE_TARGETS }))

    const station = (await db.query<{ id: string }>(`SELECT id FROM stations WHERE code = 'DL-PLD-TP'`)).rows[0]!.id
    const at = (d: number, h = 9) => new Date(days(d).getTime() + (h - 10) * 3600_000).toISOString()
    const lecture = await db.transaction((tx) => createActivity(tx, station, null, {
      title: '保存期限讲座', category: 'health', audience: 'elderly', description: '测试', place: '活动室', capacity: 10,
      opensAt: at(0, 9), closesAt: at(2), cancelDeadline: at(2), sessions: [{ startsAt: at(3), endsAt: at(3, 11) }],
    }, T0))
    const e = await db.transaction((tx) => enroll(tx, lecture, { name: '保存期限赵爷爷', contactPhone: '13900004444' }, { userId: user.id, now: T0, checkinKey: randomBytes(32) }))
    expect(e.enrollment.status).toBe('confirmed')

    // Within the period nothing changes.
    expect(await db.transaction((tx) => purgeExpired(tx, days(RETENTION), RETENTION))).toEqual({ requests: 0, enrollments: 0 })
    // After it: the closed request and the past enrollment; once.
    expect(await db.transaction((tx) => purgeExpired(tx, days(RETENTION + 4), RETENTION))).toEqual({ requests: 1, enrollments: 1 })
    expect(await db.transaction((tx) => purgeExpired(tx, days(RETENTION + 5), RETENTION))).toEqual({ requests: 0, enrollments: 0 })

    const purged = (await getRequest(db, closed.id, { includeInternal: true }, DEFAULT_RESPONSE_TARGETS))!
    expect(purged).toMatchObject({ status: 'cancelled', category: 'elderly_care', contactPhone: '', address: '', location: null, description: '（已超过保存期限，内容已删除）' })
    expect(purged.area).toEqual({ province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道' })
    expect(JSON.stringify(purged)).not.toMatch(/保存期限(王奶奶|李女士|路)|1390000/)
    expect(purged.events.map((ev) => ev.type)).toEqual(['submitted', 'cancelled'])

    const stillOpen = (await getRequest(db, open.id, { includeInternal: true }, DEFAULT_RESPONSE_TARGETS))!
    expect(stillOpen.contactName).toBe('保存期限李女士')
    const { rows } = await db.query<{ participant_name: string; contact_phone: string; status: string }>('SELECT participant_name, contact_phone, status FROM enrollments WHERE id = $1', [e.enrollment.id])
    expect(rows[0]).toEqual({ participant_name: '', contact_phone: '', status: 'confirmed' })
  })
})
