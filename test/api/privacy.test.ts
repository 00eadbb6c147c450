/**
 * 个人信息 over the API (in-process, helpers/server.ts), on PGlite and PostgreSQL: a resident exports
 * everything held about them and their family, then deletes the account; a
 * scan of every row of every table afterwards finds none of their marker
 * values. Staff access to a request's personal data is recorded and shown to
 * supervisors only.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { AccountExport, ActivityDetail, Booking, Enrollment, FamilyMember, HelpRequest, SlotDay } from '../../contract/types'
import { openDatabase } from '../../server/db'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

const login = async (nickname: string) => {
  const { body } = await api(server.url).post('/api/auth/dev', { nickname })
  return { client: api(server.url, body.token), token: body.token as string }
}
const staff = async (username: string) =>
  api(server.url, (await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })).body.token)

// Values that occur nowhere else, so that a scan of the whole database can look for them.
const M = {
  nickname: '标记居民甲乙丙',
  child: '标记小明丁戊',
  childNotes: '标记花生过敏己庚',
  mother: '标记王奶奶辛壬',
  phone: '13987654329',
  address: '标记路九十九号癸子',
  description: '标记描述丑寅卯：母亲独居需要助餐',
  message: '标记补充说明辰巳',
  selfName: '标记本人午未',
}
const HOUR = 3600_000
const fromNow = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

describe(`个人信息 on ${backend}`, () => {
  test('export holds everything; deleting the account erases it everywhere, frees seats, withdraws requests — and staff access was logged for supervisors', async () => {
    const { client: me, token } = await login(M.nickname)
    const worker = await staff('xianjin-li')

    // A child, an enrollment for her and one for myself, a request for my mother with a photo and a message.
    const child = (
      await me.post<FamilyMember>('/api/me/family', {
        name: M.child,
        birthDate: '2019-03-04',
        relationship: '女儿',
        notes: M.childNotes,
        childNoticeVersion: CHILD_NOTICE_VERSION,
      })
    ).body
    const cls = (
      await worker.post<ActivityDetail>('/api/staff/activities', {
        title: '隐私测试课',
        category: 'class',
        audience: 'all',
        description: '测试',
        place: '教室',
        capacity: 2,
        photoConsentRequired: true,
        opensAt: fromNow(-1),
        closesAt: fromNow(40),
        cancelDeadline: fromNow(30),
        sessions: [{ startsAt: fromNow(60), endsAt: fromNow(61) }],
      })
    ).body
    const mine = await me.post<Enrollment>(`/api/activities/${cls.id}/enrollments`, {
      familyMemberId: child.id,
      contactPhone: M.phone,
      photoConsent: true,
    })
    expect(mine.body.status).toBe('confirmed')
    await me.post(`/api/activities/${cls.id}/enrollments`, { name: M.selfName, contactPhone: M.phone })
    const { client: other } = await login('排队的家长')
    const waiting = await other.post<Enrollment>(`/api/activities/${cls.id}/enrollments`, {
      name: '排队的孩子',
      contactPhone: '13812345678',
    })
    expect(waiting.body.status).toBe('waitlisted')

    const form = new FormData()
    form.append(
      'file',
      new Blob([new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'.padEnd(140, '0'), 'hex'))]),
      'a.png',
    )
    const photo = await (
      await server.fetch(`/api/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    ).json()
    const request = (
      await me.post<HelpRequest>(
        '/api/requests',
        {
          category: 'elderly_care',
          description: M.description,
          photoIds: [photo.id],
          requester: 'family',
          helped: { name: M.mother, relationship: '母亲', phone: M.phone, address: M.address, consent: true },
          contactName: M.nickname,
          contactPhone: M.phone,
          address: M.address,
          urgency: 'normal',
          area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
        },
        { 'idempotency-key': 'privacy-test-key-1' },
      )
    ).body
    expect(request.station.name).toBe('先进街道社工站')
    await me.post(`/api/requests/${request.id}/messages`, { body: M.message })

    // Staff open it; the supervisor above sees who did; staff and residents do not.
    expect((await worker.get(`/api/staff/requests/${request.id}`)).status).toBe(200)
    const jinpu = await staff('jinpu-zhao')
    const log = await jinpu.get(`/api/staff/requests/${request.id}/access-log`)
    expect(log.status).toBe(200)
    expect(log.body.items[0]).toMatchObject({ staffName: '李社工', stationName: '先进街道社工站' })
    expect((await worker.get(`/api/staff/requests/${request.id}/access-log`)).status).toBe(403)
    expect((await me.get(`/api/staff/requests/${request.id}/access-log`)).status).toBe(403)

    // A booking of 民馨's 心理疏导谈心 for my mother, in its first free slot.
    const psy = (await server.db.query<{ id: string }>(`SELECT id FROM bookable_services WHERE code = 'BK-MX-PSY'`)).rows[0]!.id
    const slots = (await me.get<{ days: SlotDay[] }>(`/api/bookable/${psy}/slots`)).body.days
    const free = slots.flatMap((d) => d.slots).find((x) => x.state === 'free')!
    const booking = await me.post<Booking>(
      '/api/bookings',
      {
        serviceId: psy,
        startsAt: free.startsAt,
        forWhom: 'proxy',
        personName: M.mother,
        relationship: '母亲',
        contactName: M.nickname,
        contactPhone: M.phone,
        note: M.message,
      },
      { 'idempotency-key': 'privacy-test-booking-1' },
    )
    expect(booking.status).toBe(201)

    // Export: readable JSON with every piece.
    const exported = await me.get<AccountExport>('/api/me/export')
    expect(exported.status).toBe(200)
    expect(exported.headers.get('cache-control')).toBe('no-store')
    const text = JSON.stringify(exported.body)
    for (const v of Object.values(M)) expect(text).toContain(v)
    expect(exported.body.family.map((f) => f.name)).toEqual([M.child])
    expect(exported.body.enrollments).toHaveLength(2)
    expect(exported.body.bookings.map((b) => [b.id, b.personName, b.contactPhone])).toEqual([[booking.body.id, M.mother, M.phone]])
    expect(exported.body.requests[0]!.events.map((e) => e.type)).toEqual(['submitted', 'message'])
    expect(exported.body.consents.map((c) => c.purpose).sort()).toEqual(['children', 'photos'])
    expect(exported.body.photos).toHaveLength(1)
    expect((await api(server.url).get('/api/me/export')).status).toBe(401)

    // Delete.
    expect((await me.call('DELETE', '/api/me')).status).toBe(200)
    expect((await me.get('/api/me/export')).status).toBe(401)
    const promoted = (await other.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items[0]!
    expect(promoted.status).toBe('confirmed')
    const seen = (await worker.get<HelpRequest>(`/api/staff/requests/${request.id}`)).body
    expect(seen.status).toBe('cancelled')
    expect(seen.category).toBe('elderly_care')
    expect(seen.description).toBe('（居民已注销，内容已删除）')
    expect(JSON.stringify(seen)).not.toContain(M.phone)
    // The upcoming booking is cancelled (its slot free again) and, like the request, keeps nothing personal.
    const minxin = await staff('minxin-liu')
    const day = free.startsAt.slice(0, 10)
    const next = new Date(Date.parse(free.startsAt) + 86_400_000).toISOString().slice(0, 10)
    const stationView = (await minxin.get<{ items: Booking[] }>(`/api/staff/bookings?from=${day}&to=${next}`)).body.items
    const erased = stationView.find((b) => b.id === booking.body.id)!
    expect(erased).toMatchObject({ status: 'cancelled', personName: '已注销', contactPhone: '', note: '', relationship: null })
    expect(
      (
        await server.fetch(`/api/uploads/${photo.id}`, {
          headers: {
            authorization: `Bearer ${(await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token}`,
          },
        })
      ).status,
    ).toBe(404)
    // Logging in again with the same WeChat identity starts a new, empty account.
    const again = await login(M.nickname)
    expect((await again.client.get<{ items: unknown[] }>('/api/requests/mine')).body.items).toEqual([])

    // The whole database, every row of every table as text: none of the marker values (the new login's nickname aside).
    await again.client.call('DELETE', '/api/me')
    await server.stop()
    const db = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl })
    try {
      const tables = (
        await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )
      ).rows
      expect(tables.length).toBeGreaterThan(10)
      const found: string[] = []
      for (const { table_name } of tables) {
        const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`)
        for (const { row } of rows) for (const v of Object.values(M)) if (row.includes(v)) found.push(`${table_name}: ${v}`)
      }
      expect(found).toEqual([])
    } finally {
      await db.close()
    }
  })
})
