/**
 * What the server logs, on PGlite and PostgreSQL: a resident's and a child's
 * names, phones, addresses, tokens and check-in codes go through every
 * resident and staff route — successes, refusals and bad input — and none of
 * them appears in the server's output, at the most talkative log level.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { ActivityDetail, Enrollment, FamilyMember, HelpRequest } from '../../contract/types'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '200', LOG_LEVEL: 'trace' } })
})
afterAll(() => server?.stop())

const M = { name: '日志标记甲', child: '日志标记小乙', phone: '13966667777', address: '日志标记路三号', note: '日志标记过敏丙' }
const HOUR = 3600_000
const fromNow = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

test(`no name, phone, address, token or check-in code reaches the log, on ${backend}`, async () => {
  const session = (await api(server.url).post('/api/auth/dev', { nickname: M.name })).body
  const me = api(server.url, session.token)
  const request = (
    await me.post<HelpRequest>(
      '/api/requests',
      {
        category: 'elderly_care',
        description: `母亲住在${M.address}`,
        requester: 'family',
        helped: { name: M.name, relationship: '母亲', phone: M.phone, address: M.address, consent: true },
        contactName: M.name,
        contactPhone: M.phone,
        address: M.address,
        urgency: 'normal',
        area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
      },
      { 'idempotency-key': 'log-test-key-0001' },
    )
  ).body
  expect(request.status).toBe('submitted')
  await me.post(`/api/requests/${request.id}/messages`, { body: `电话 ${M.phone}` })
  // Bad input that carries personal data.
  expect(
    (await me.post('/api/requests', { contactPhone: M.phone, contactName: M.name }, { 'idempotency-key': 'log-test-key-0002' })).status,
  ).toBe(400)
  expect((await me.post('/api/me/family', { name: M.child, birthDate: '2019-02-30', relationship: '女儿', notes: M.note })).status).toBe(
    400,
  )

  const child = (
    await me.post<FamilyMember>('/api/me/family', {
      name: M.child,
      birthDate: '2019-02-03',
      relationship: '女儿',
      notes: M.note,
      childNoticeVersion: CHILD_NOTICE_VERSION,
    })
  ).body
  const staffToken = (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body
    .token as string
  const staff = api(server.url, staffToken)
  const activity = (
    await staff.post<ActivityDetail>('/api/staff/activities', {
      title: '日志测试课',
      category: 'class',
      audience: 'all',
      description: '测试',
      place: '教室',
      capacity: 1,
      opensAt: fromNow(-1),
      closesAt: fromNow(40),
      cancelDeadline: fromNow(30),
      sessions: [{ startsAt: fromNow(60), endsAt: fromNow(61) }],
    })
  ).body
  const enrollment = (
    await me.post<Enrollment>(`/api/activities/${activity.id}/enrollments`, { familyMemberId: child.id, contactPhone: M.phone })
  ).body
  expect(enrollment.checkinCode).toBeTruthy()
  // A refusal that names the child (age rule) and a check-in by code.
  const toddler = (
    await me.post<FamilyMember>('/api/me/family', {
      name: `${M.child}弟`,
      birthDate: `${new Date().getFullYear() - 1}-01-01`,
      relationship: '儿子',
      childNoticeVersion: CHILD_NOTICE_VERSION,
    })
  ).body
  const minAge = (
    await staff.post<ActivityDetail>('/api/staff/activities', {
      title: '日志测试课二',
      category: 'class',
      audience: 'children',
      minAge: 6,
      maxAge: 12,
      description: '测试',
      place: '教室',
      capacity: 5,
      opensAt: fromNow(-1),
      closesAt: fromNow(40),
      cancelDeadline: fromNow(30),
      sessions: [{ startsAt: fromNow(60), endsAt: fromNow(61) }],
    })
  ).body
  expect((await me.post(`/api/activities/${minAge.id}/enrollments`, { familyMemberId: toddler.id, contactPhone: M.phone })).status).toBe(
    422,
  )
  expect((await staff.post('/api/staff/checkins', { code: enrollment.checkinCode })).status).toBe(200)
  await staff.get(`/api/staff/requests/${request.id}`)
  await staff.post(`/api/staff/requests/${request.id}/reply`, { body: `${M.name}您好` })
  await staff.get(`/api/staff/activities/${activity.id}/roster.csv`)
  await me.get('/api/me/export')
  await me.post('/api/auth/logout', {})
  // Let a job tick (notifications are logged when WeChat is not configured).
  await new Promise((r) => setTimeout(r, 600))

  const log = server.output()
  expect(log).toContain('request completed') // the log is there, at trace level
  const found = [...Object.values(M), session.token, staffToken, enrollment.checkinCode!].filter((v) => log.includes(v))
  expect(found).toEqual([])
})
