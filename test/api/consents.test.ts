/**
 * 授权与同意 (GET / POST /api/me/consents) over the API (in-process, helpers/server.ts), on PGlite and
 * PostgreSQL: each purpose with its current version, what the resident agreed
 * to and when; agreeing, withdrawing (a row too), an old version refused with
 * 409, bad input 400, no token 401, nobody else's consents; the children's and
 * photo consents from their own flows, and withdrawing photo consent taking it
 * off the roster. A new version of a text asks again (versions passed to the
 * repository, on a database of its own).
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import { CONSENT_PURPOSES, CONSENT_VERSIONS, PHOTO_CONSENT_VERSION } from '../../contract/consents'
import type { AccountExport, ActivityDetail, ConsentList, ConsentStatus, Enrollment, FamilyMember, Roster } from '../../contract/types'
import { openDatabase } from '../../server/db'
import { listConsents } from '../../server/repositories/consents'
import { upsertUserByOpenid } from '../../server/repositories/sessions'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { recordConsent } from '../../server/usecases/consents'
import { at, testContext } from './helpers/context'
import { api, backend, freshDatabase, startApp, type TestApp } from './helpers/server'

jest.setTimeout(240_000)

let server: TestApp
beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
})
afterAll(() => server?.stop())

let residents = 0
const resident = async (nickname = `同意测试居民${++residents}`) =>
  api(server.url, (await api(server.url).post('/api/auth/dev', { nickname })).body.token)
type Client = Awaited<ReturnType<typeof resident>>

const list = async (c: Client) => {
  const res = await c.get<ConsentList>('/api/me/consents')
  expect(res.status).toBe(200)
  return res.body.items
}
const item = (items: ConsentStatus[], purpose: string) => items.find((i) => i.purpose === purpose)!
const rows = async (c: Client) => (await c.get<AccountExport>('/api/me/export')).body.consents

const HOUR = 3600_000
const fromNow = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

describe(`授权与同意 on ${backend}`, () => {
  test('a new resident: every purpose with its current version, nothing agreed yet', async () => {
    const me = await resident()
    const res = await me.get<ConsentList>('/api/me/consents')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.body.items.map((i) => i.purpose)).toEqual([...CONSENT_PURPOSES])
    for (const i of res.body.items) {
      expect(i).toEqual({
        purpose: i.purpose,
        label: expect.any(String),
        currentVersion: CONSENT_VERSIONS[i.purpose],
        agreedVersion: null,
        agreedAt: null,
        withdrawn: false,
        withdrawnAt: null,
        needsConsent: true,
        canWithdraw: false,
      })
    }
    expect(item(res.body.items, 'help_requests').label).toBe('求助信息')
    expect(CONSENT_VERSIONS.children).toBe(CHILD_NOTICE_VERSION)
  })

  test('agreeing records the current version with the time; agreeing again records nothing more', async () => {
    const me = await resident()
    const before = Date.now()
    const res = await me.post<ConsentList>('/api/me/consents', {
      purpose: 'help_requests',
      version: CONSENT_VERSIONS.help_requests,
      granted: true,
    })
    expect(res.status).toBe(201)
    const help = item(res.body.items, 'help_requests')
    expect(help).toMatchObject({ agreedVersion: CONSENT_VERSIONS.help_requests, withdrawn: false, needsConsent: false, canWithdraw: true })
    expect(new Date(help.agreedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(new Date(help.agreedAt!).getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    // The others are untouched.
    expect(item(res.body.items, 'privacy_policy').needsConsent).toBe(true)

    expect(
      (await me.post('/api/me/consents', { purpose: 'privacy_policy', version: CONSENT_VERSIONS.privacy_policy, granted: true })).status,
    ).toBe(201)
    const again = await me.post<ConsentList>('/api/me/consents', {
      purpose: 'help_requests',
      version: CONSENT_VERSIONS.help_requests,
      granted: true,
    })
    expect(again.status).toBe(200)
    expect(item(again.body.items, 'help_requests').agreedAt).toBe(help.agreedAt)

    const items = await list(me)
    expect(item(items, 'help_requests')).toEqual(help)
    expect(item(items, 'privacy_policy')).toMatchObject({
      agreedVersion: CONSENT_VERSIONS.privacy_policy,
      needsConsent: false,
      canWithdraw: false,
    })
    expect((await rows(me)).map((r) => [r.purpose, r.version, r.granted])).toEqual([
      ['help_requests', CONSENT_VERSIONS.help_requests, true],
      ['privacy_policy', CONSENT_VERSIONS.privacy_policy, true],
    ])
  })

  test('an old version is refused with 409 and a clear message; nothing is recorded', async () => {
    const me = await resident()
    const res = await me.post('/api/me/consents', { purpose: 'help_requests', version: '2020-01-01', granted: true })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ code: 'CONSENT_OUTDATED', field: 'version', message: expect.stringContaining('条款已更新') })
    expect(res.body.message).toContain('请阅读新版本后再同意')
    expect(res.body.message).toContain(CONSENT_VERSIONS.help_requests)
    expect(item(await list(me), 'help_requests').needsConsent).toBe(true)
    expect(await rows(me)).toEqual([])
  })

  test('bad input is 400, with the field named; unknown fields are rejected, not dropped', async () => {
    const me = await resident()
    const cases: [unknown, string, string | null][] = [
      [{ purpose: 'marketing', version: '2026-11-23', granted: true }, '同意的用途（purpose）不是可选的值', 'purpose'],
      [{ purpose: 'location', version: CONSENT_VERSIONS.location, granted: true, note: '多余' }, '不支持的参数“note”', null],
      [
        { purpose: 'location', version: CONSENT_VERSIONS.location, granted: 'true' },
        '是否同意（granted）格式不正确，应为是或否',
        'granted',
      ],
      [{ purpose: 'location', granted: true }, '缺少必填项：版本（version）', 'version'],
      [{ purpose: 'location', version: '', granted: true }, '版本（version）不能为空', 'version'],
    ]
    for (const [body, message, field] of cases) {
      const res = await me.post('/api/me/consents', body)
      const refusal = field ? { code: 'FIELD_INVALID', field, message } : { code: 'BAD_REQUEST', message }
      expect([JSON.stringify(body), res.status, res.body]).toEqual([JSON.stringify(body), 400, refusal])
    }
    expect(await rows(me)).toEqual([])
  })

  test('without a valid token: 401 for both', async () => {
    const nobody = api(server.url)
    expect((await nobody.get('/api/me/consents')).status).toBe(401)
    const post = await nobody.post('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: true })
    expect(post.status).toBe(401)
    expect(post.body.code).toBe('UNAUTHORIZED')
    expect((await api(server.url, 'x'.repeat(43)).get('/api/me/consents')).status).toBe(401)
  })

  test('one resident never sees or changes another’s consents', async () => {
    const a = await resident()
    const b = await resident()
    await a.post('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: true })
    expect(item(await list(a), 'location').needsConsent).toBe(false)
    expect((await list(b)).every((i) => i.agreedVersion === null && i.needsConsent)).toBe(true)
    // b withdrawing location is about b, who never agreed: refused, and a still agrees.
    expect((await b.post('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: false })).status).toBe(409)
    expect(item(await list(a), 'location')).toMatchObject({ needsConsent: false, withdrawn: false })
  })

  test('withdrawing is a row too: the agreement stays in the history, and agreeing again is asked for', async () => {
    const me = await resident()
    await me.post('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: true })
    const agreedAt = item(await list(me), 'location').agreedAt
    const res = await me.post<ConsentList>('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: false })
    expect(res.status).toBe(201)
    const location = item(res.body.items, 'location')
    expect(location).toMatchObject({
      agreedVersion: CONSENT_VERSIONS.location,
      agreedAt,
      withdrawn: true,
      needsConsent: true,
      canWithdraw: false,
    })
    expect(new Date(location.withdrawnAt!).getTime()).toBeGreaterThanOrEqual(new Date(agreedAt!).getTime())
    // Withdrawing twice records nothing more.
    expect((await me.post('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: false })).status).toBe(
      200,
    )
    expect((await rows(me)).map((r) => r.granted)).toEqual([true, false])

    // Agreeing again.
    const again = await me.post<ConsentList>('/api/me/consents', { purpose: 'location', version: CONSENT_VERSIONS.location, granted: true })
    expect(again.status).toBe(201)
    expect(item(again.body.items, 'location')).toMatchObject({
      withdrawn: false,
      withdrawnAt: null,
      needsConsent: false,
      canWithdraw: true,
    })

    // Nothing agreed, nothing to withdraw.
    const none = await me.post('/api/me/consents', { purpose: 'help_requests', version: CONSENT_VERSIONS.help_requests, granted: false })
    expect(none.status).toBe(409)
    expect(none.body.message).toBe('您还没有同意过这一项，无需撤回')
  })

  test('what is agreed or withdrawn elsewhere is refused here with a reason (400)', async () => {
    const me = await resident()
    const cases: [string, boolean, string][] = [
      ['children', true, '我的家人'],
      ['children', false, '删除这位孩子'],
      ['photos', true, '报名需要拍照的活动时'],
      ['privacy_policy', false, '注销账号'],
    ]
    for (const [purpose, granted, words] of cases) {
      const res = await me.post('/api/me/consents', {
        purpose,
        version: CONSENT_VERSIONS[purpose as keyof typeof CONSENT_VERSIONS],
        granted,
      })
      expect([purpose, granted, res.status, res.body.code, res.body.field]).toEqual([purpose, granted, 400, 'FIELD_INVALID', 'purpose'])
      expect(res.body.message).toContain(words)
    }
    expect(await rows(me)).toEqual([])
  })

  test('the children’s notice and photo consent come from their own flows; withdrawing photo consent takes it off the roster', async () => {
    const worker = api(
      server.url,
      (await api(server.url).post('/api/staff/login', { username: 'xianjin-li', password: DEMO_STAFF_PASSWORD })).body.token,
    )
    const cls = (
      await worker.post<ActivityDetail>('/api/staff/activities', {
        title: '同意测试小主播',
        category: 'class',
        audience: 'children',
        description: '拍照宣传',
        place: '教室',
        capacity: 5,
        photoConsentRequired: true,
        opensAt: fromNow(-1),
        closesAt: fromNow(40),
        cancelDeadline: fromNow(30),
        sessions: [{ startsAt: fromNow(60), endsAt: fromNow(61) }],
      })
    ).body
    const me = await resident()
    const child = (
      await me.post<FamilyMember>('/api/me/family', {
        name: '同意小雨',
        birthDate: '2019-03-04',
        relationship: '女儿',
        childNoticeVersion: CHILD_NOTICE_VERSION,
      })
    ).body
    const enrolled = await me.post<Enrollment>(`/api/activities/${cls.id}/enrollments`, {
      familyMemberId: child.id,
      contactPhone: '13812345678',
      photoConsent: true,
    })
    expect(enrolled.status).toBe(201)

    const items = await list(me)
    expect(item(items, 'children')).toMatchObject({ agreedVersion: CHILD_NOTICE_VERSION, needsConsent: false, canWithdraw: false })
    expect(item(items, 'photos')).toMatchObject({ agreedVersion: PHOTO_CONSENT_VERSION, needsConsent: false, canWithdraw: true })
    const roster = async () =>
      (await worker.get<Roster>(`/api/staff/activities/${cls.id}/roster`)).body.entries.map((e) => [e.participantName, e.photoConsent])
    expect(await roster()).toEqual([['同意小雨', true]])

    const res = await me.post<ConsentList>('/api/me/consents', { purpose: 'photos', version: PHOTO_CONSENT_VERSION, granted: false })
    expect(res.status).toBe(201)
    expect(item(res.body.items, 'photos')).toMatchObject({ withdrawn: true, canWithdraw: false })
    expect(await roster()).toEqual([['同意小雨', false]])
    expect((await me.get<{ items: Enrollment[] }>('/api/enrollments/mine')).body.items[0]!.photoConsent).toBe(false)
    // The children's consent is not affected.
    expect(item(res.body.items, 'children').needsConsent).toBe(false)
  })
})

describe(`a new version of a text on ${backend}`, () => {
  test('asks again: the old agreement no longer counts, the old version is refused, the new one is recorded', async () => {
    const db = await openDatabase(await freshDatabase())
    try {
      const user = await upsertUserByOpenid(db, `dev:新版本-${Date.now()}`, '新版本居民')
      const v1 = { ...CONSENT_VERSIONS, help_requests: '2026-11-23' }
      const v2 = { ...CONSENT_VERSIONS, help_requests: '2027-03-01' }
      const t1 = new Date('2026-12-01T02:00:00Z')
      const t2 = new Date('2027-03-02T02:00:00Z')
      const ctx = await testContext(db)

      const first = await recordConsent(at(ctx, t1), user.id, { purpose: 'help_requests', version: '2026-11-23', granted: true }, v1)
      expect(first.recorded).toBe(true)
      expect(item(await listConsents(db, user.id, v1), 'help_requests')).toMatchObject({ needsConsent: false, agreedAt: t1.toISOString() })

      // The text changes: asked again.
      const now = item(await listConsents(db, user.id, v2), 'help_requests')
      expect(now).toMatchObject({
        currentVersion: '2027-03-01',
        agreedVersion: '2026-11-23',
        agreedAt: t1.toISOString(),
        withdrawn: false,
        needsConsent: true,
        canWithdraw: true,
      })
      await expect(
        recordConsent(at(ctx, t2), user.id, { purpose: 'help_requests', version: '2026-11-23', granted: true }, v2),
      ).rejects.toMatchObject({
        statusCode: 409,
        refusal: { code: 'CONSENT_OUTDATED', field: 'version', message: expect.stringContaining('请阅读新版本后再同意') },
      })

      const second = await recordConsent(at(ctx, t2), user.id, { purpose: 'help_requests', version: '2027-03-01', granted: true }, v2)
      expect(second.recorded).toBe(true)
      expect(item(second.items, 'help_requests')).toMatchObject({
        agreedVersion: '2027-03-01',
        agreedAt: t2.toISOString(),
        needsConsent: false,
      })
      const history = (
        await db.query<{ version: string; granted: boolean }>(`SELECT version, granted FROM consents WHERE user_id = $1 ORDER BY id`, [
          user.id,
        ])
      ).rows
      expect(history).toEqual([
        { version: '2026-11-23', granted: true },
        { version: '2027-03-01', granted: true },
      ])
    } finally {
      await db.close()
    }
  })
})
