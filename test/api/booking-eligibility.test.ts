/**
 * 预约服务: who can book it (in-process, on PGlite and PostgreSQL, injected
 * clock). A service's age range besides its audience; a resident may book for
 * 本人 (with a birth date) or a member of 我的家人 (their recorded birth date)
 * only when they fit on the slot's day, else 422 NOT_ELIGIBLE naming the field
 * to fix, and nothing is booked; 本人 never for a children's service; counter
 * bookings likewise; a range whose ends cross is refused next to 最大年龄.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { AccountExport, BookableService, Booking, FamilyMember } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { at, bookingPeople, type Answer, type Client } from './helpers/booking'
import { backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(300_000)

// Monday 2026-09-28, 08:00 in China.
const START = cstInstant('2026-09-28', '08:00')
let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' }, clock: () => START })
})
afterAll(() => server?.stop())

const { resident, staff } = bookingPeople(() => server)
let keyN = 0
const book = (c: Client, serviceId: string, startsAt: string, over: Record<string, unknown>) =>
  c.post<Answer<Booking>>(
    '/api/bookings',
    { serviceId, startsAt, forWhom: 'self', personName: '王芳', contactName: '王芳', contactPhone: '13812345678', ...over },
    { 'idempotency-key': `age-key-${keyN++}` },
  )
const held = async (serviceId: string) =>
  (await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM bookings WHERE service_id = $1 AND status = 'booked'", [serviceId]))
    .rows[0]!.n
const service = (over: Record<string, unknown>) => ({
  kind: 'talk',
  category: 'elderly_care',
  durationMinutes: 60,
  capacity: 5,
  availability: [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00' }],
  ...over,
})

let head: Client
let elders: BookableService // 60 岁以上
let children: BookableService // 儿童, 6–13 岁
beforeAll(async () => {
  head = await staff('xianjin-head')
  const a = await head.post<BookableService>('/api/staff/bookable', service({ name: '长者健康咨询', audience: 'elderly', minAge: 60 }))
  expect(a.status).toBe(201)
  elders = a.body
  const b = await head.post<BookableService>(
    '/api/staff/bookable',
    service({ name: '儿童成长面谈', category: 'child_protection', audience: 'children', minAge: 6, maxAge: 13 }),
  )
  expect(b.status).toBe(201)
  children = b.body
})

describe(`who can book it on ${backend}`, () => {
  test('the service says its range; a range whose ends cross is refused next to 最大年龄, on create and on edit', async () => {
    expect(elders).toMatchObject({ audience: 'elderly', minAge: 60, maxAge: null })
    const crossed = await head.post<Answer<BookableService>>('/api/staff/bookable', service({ name: '错的', minAge: 70, maxAge: 60 }))
    expect(crossed.status).toBe(400)
    expect(crossed.body).toMatchObject({ code: 'FIELD_INVALID', field: 'maxAge' })
    const edit = await head.patch<Answer<BookableService>>(`/api/staff/bookable/${elders.id}`, { maxAge: 50 })
    expect(edit.status).toBe(400)
    expect(edit.body.field).toBe('maxAge')
    const tooOld = await head.post<Answer<BookableService>>('/api/staff/bookable', service({ name: '错的', minAge: 121 }))
    expect(tooOld.status).toBe(400)
    expect(tooOld.body.field).toBe('minAge')
  })

  test('本人 needs a birth date that fits on the slot’s day; each refusal is 422 NOT_ELIGIBLE with its field, nothing booked', async () => {
    const c = await resident()
    const slot = at('2026-09-29', '09:00')
    const none = await book(c, elders.id, slot, {})
    expect(none.status).toBe(422)
    expect(none.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'birthDate' })
    expect(none.body.message).toContain('60 岁以上')
    const young = await book(c, elders.id, slot, { birthDate: '1990-05-01' })
    expect(young.status).toBe(422)
    expect(young.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'birthDate' })
    expect(young.body.message).toBe('这项服务面向 60 岁以上，您预约当天 36 岁，不符合年龄要求')
    // 60 on the slot's day (born 1966-09-29): fits.
    expect(await held(elders.id)).toBe(0)
    const sixty = await book(c, elders.id, slot, { birthDate: '1966-09-29' })
    expect(sixty.status).toBe(201)
    expect(await held(elders.id)).toBe(1)
    // The birth date is kept (sealed) to check the rule again when the booking moves, so the resident's export holds it.
    const exported = (await c.get<AccountExport>('/api/me/export')).body
    expect(exported.bookings.find((b) => b.id === sixty.body.id)).toMatchObject({ personBirthDate: '1966-09-29' })
  })

  test('a member of 我的家人 is checked by the birth date recorded there: a child is refused, the mother booked', async () => {
    const c = await resident()
    const child = await c.post<FamilyMember>('/api/me/family', {
      name: '小雨',
      birthDate: '2018-03-01',
      relationship: '女儿',
      childNoticeVersion: CHILD_NOTICE_VERSION,
    })
    const mother = await c.post<FamilyMember>('/api/me/family', { name: '王秀兰', birthDate: '1950-02-01', relationship: '母亲' })
    const slot = at('2026-09-30', '10:00')
    // A birth date sent with the body does not override the family list's.
    const refused = await book(c, elders.id, slot, {
      forWhom: 'family',
      familyMemberId: child.body.id,
      personName: '小雨',
      relationship: '女儿',
      birthDate: '1950-01-01',
    })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'familyMemberId' })
    expect(refused.body.message).toContain('小雨预约当天 8 岁')
    const ok = await book(c, elders.id, slot, { forWhom: 'proxy', familyMemberId: mother.body.id, personName: 'x', relationship: '母亲' })
    expect(ok.status).toBe(201)
    expect(ok.body.personName).toBe('王秀兰')
    // The child fits the children's service; 本人 never does.
    const kid = await book(c, children.id, slot, {
      forWhom: 'family',
      familyMemberId: child.body.id,
      personName: '小雨',
      relationship: '女儿',
    })
    expect(kid.status).toBe(201)
    const self = await book(c, children.id, slot, { birthDate: '2015-01-01' })
    expect(self.status).toBe(422)
    expect(self.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'forWhom' })
    expect(self.body.message).toContain('本人不能预约')
  })

  test('someone typed by hand (代办) needs their birth date; another resident’s family member is 404', async () => {
    const c = await resident()
    const slot = at('2026-10-08', '09:00')
    const typed = { forWhom: 'proxy', personName: '李大爷', relationship: '父亲' }
    const without = await book(c, elders.id, slot, typed)
    expect(without.status).toBe(422)
    expect(without.body.field).toBe('birthDate')
    expect((await book(c, elders.id, slot, { ...typed, birthDate: '1948-07-01' })).status).toBe(201)
    const other = await resident()
    const member = await other.post<FamilyMember>('/api/me/family', { name: '张奶奶', birthDate: '1940-01-01', relationship: '祖母' })
    const stolen = await book(c, elders.id, slot, {
      forWhom: 'family',
      familyMemberId: member.body.id,
      personName: '张奶奶',
      relationship: '祖母',
    })
    expect(stolen.status).toBe(404)
  })

  test('at the counter the named person’s age decides too', async () => {
    const counter = (over: Record<string, unknown>) =>
      head.post<Answer<Booking>>('/api/staff/bookings', {
        serviceId: elders.id,
        startsAt: at('2026-10-09', '09:00'),
        channel: 'counter',
        forWhom: 'self',
        personName: '赵大爷',
        contactName: '赵大爷',
        contactPhone: '13900001111',
        ...over,
      })
    const without = await counter({})
    expect(without.status).toBe(422)
    expect(without.body).toMatchObject({ code: 'NOT_ELIGIBLE', field: 'birthDate' })
    const young = await counter({ birthDate: '2000-01-01' })
    expect(young.status).toBe(422)
    expect(young.body.message).toContain('赵大爷预约当天 26 岁')
    const ok = await counter({ birthDate: '1955-06-01' })
    expect(ok.status).toBe(201)
    // The birth date is checked, and kept only sealed.
    const { rows } = await server.db.query<{ row: string }>('SELECT row_to_json(b)::text AS row FROM bookings b WHERE id = $1', [
      ok.body.id,
    ])
    expect(rows[0]!.row).not.toContain('1955-06-01')
  })
})
