/**
 * Consents: where a resident stands per purpose (domain/consents.ts), and the
 * location consent on the phone (src/stores/consents.ts with locate()): a fix
 * is agreement, recorded on the server once logged in; after a withdrawal the
 * app does not locate on its own; a new version of the text asks again.
 */
import { CONSENT_PURPOSES, CONSENT_VERSIONS, LOCATION_NOTICE_VERSION } from '@contract/consents'
import { consentRefusal, summarizeConsents, type ConsentRecord } from '@domain/consents'
import { locate } from '@/services/location'
import { useConsents } from '@/stores/consents'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import Taro from '../shims/taro'
import { fakeApi } from '../shims/fakeApi'

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2))
const rec = (purpose: string, version: string, granted: boolean, day: number): ConsentRecord => ({ purpose, version, granted, at: at(day) })
const V = CONSENT_VERSIONS
const of = (records: ConsentRecord[], purpose: string, versions = V) =>
  summarizeConsents(records, versions).find((s) => s.purpose === purpose)!

describe('summarizeConsents', () => {
  test('every purpose, in order; nothing recorded: nothing agreed, consent needed, nothing to withdraw', () => {
    const all = summarizeConsents([], V)
    expect(all.map((s) => s.purpose)).toEqual([...CONSENT_PURPOSES])
    for (const s of all)
      expect(s).toMatchObject({ agreedVersion: null, agreedAt: null, withdrawn: false, needsConsent: true, canWithdraw: false })
  })

  test('agreed to the current version: no consent needed; withdrawable only where the rules allow', () => {
    const records = CONSENT_PURPOSES.map((p) => rec(p, V[p], true, 2))
    const all = summarizeConsents(records, V)
    expect(all.every((s) => !s.needsConsent && s.agreedAt?.getTime() === at(2).getTime())).toBe(true)
    expect(all.filter((s) => s.canWithdraw).map((s) => s.purpose)).toEqual(['location', 'help_requests', 'photos'])
  })

  test('a new version asks again, keeping what was agreed and when', () => {
    const records = [rec('help_requests', '2026-11-23', true, 2)]
    expect(of(records, 'help_requests', { ...V, help_requests: '2026-11-23' }).needsConsent).toBe(false)
    expect(of(records, 'help_requests', { ...V, help_requests: '2027-03-01' })).toMatchObject({
      currentVersion: '2027-03-01',
      agreedVersion: '2026-11-23',
      needsConsent: true,
      canWithdraw: true,
      withdrawn: false,
    })
  })

  test('the latest decision counts: withdrawn, then agreed again', () => {
    const withdrawn = [rec('location', V.location, true, 2), rec('location', V.location, false, 5)]
    expect(of(withdrawn, 'location')).toMatchObject({
      agreedVersion: V.location,
      agreedAt: at(2),
      withdrawn: true,
      withdrawnAt: at(5),
      needsConsent: true,
      canWithdraw: false,
    })
    const again = [...withdrawn, rec('location', V.location, true, 7)]
    expect(of(again, 'location')).toMatchObject({
      agreedAt: at(7),
      withdrawn: false,
      withdrawnAt: null,
      needsConsent: false,
      canWithdraw: true,
    })
    // Recorded at the same moment: the one recorded later wins.
    expect(of([rec('photos', V.photos, true, 3), rec('photos', V.photos, false, 3)], 'photos').withdrawn).toBe(true)
    // Other purposes and other versions do not count for this one.
    expect(of([rec('help_requests', V.help_requests, true, 3)], 'location').agreedVersion).toBeNull()
  })

  test('what may be agreed or withdrawn through the API', () => {
    expect(consentRefusal('help_requests', true)).toBeNull()
    expect(consentRefusal('location', false)).toBeNull()
    expect(consentRefusal('photos', false)).toBeNull()
    expect(consentRefusal('children', true)).toContain('我的家人')
    expect(consentRefusal('children', false)).toContain('删除这位孩子')
    expect(consentRefusal('photos', true)).toContain('报名')
    expect(consentRefusal('privacy_policy', false)).toContain('注销账号')
  })
})

describe('location consent on the phone', () => {
  const USER = { id: '7d1f0a52-0000-4000-8000-0000000000a1', nickname: '微信用户', role: 'resident' as const }
  const SESSION = { token: 'tok-consent', user: USER, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }
  const agreedList = { items: [] }

  beforeEach(() => {
    for (const s of [useLocation, useSession, useConsents] as {
      setState: (x: unknown, r: true) => void
      getInitialState: () => unknown
    }[]) {
      s.setState(s.getInitialState(), true)
    }
    Taro.__reset()
    process.env.TARO_ENV = 'weapp'
  })
  afterAll(() => {
    delete process.env.TARO_ENV
  })
  /** Lets the fake network and the stores run (a few turns of the event loop). */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0))
  }
  /** Waits (up to about 2 s) until `cond` holds. */
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5))
    expect(cond()).toBe(true)
  }

  test('logged out: a fix is kept as agreement on the phone, and recorded for the account right after login', async () => {
    const api = fakeApi({ 'POST /api/auth/wechat': SESSION, 'POST /api/me/consents': agreedList })
    await locate()
    expect(useLocation.getState().status).toBe('located')
    expect(useConsents.getState().location).toMatchObject({ version: LOCATION_NOTICE_VERSION, granted: true, recordedFor: null })
    await settle()
    expect(api.to('/api/me/consents')).toEqual([])

    await useSession.getState().login()
    await until(() => useConsents.getState().location!.recordedFor === USER.id)
    const [post] = api.to('/api/me/consents')
    expect(post!.data).toEqual({ purpose: 'location', version: LOCATION_NOTICE_VERSION, granted: true })
    expect(post!.header.Authorization).toBe('Bearer tok-consent')
    expect(useConsents.getState().location!.recordedFor).toBe(USER.id)

    // Once recorded, locating again sends nothing more.
    await locate()
    await settle()
    expect(api.to('/api/me/consents')).toHaveLength(1)
  })

  test('logged in: recorded at once; a failure keeps it on the phone for the next time', async () => {
    useSession.setState({ token: SESSION.token, user: USER, expiresAt: SESSION.expiresAt })
    let online = false
    const api = fakeApi({ 'POST /api/me/consents': () => (online ? agreedList : { __fail: true, errMsg: 'request:fail timeout' }) })
    await locate()
    await until(() => api.to('/api/me/consents').length === 1)
    await settle()
    expect(useConsents.getState().location!.recordedFor).toBeNull()
    online = true
    await locate()
    await until(() => useConsents.getState().location!.recordedFor === USER.id)
    expect(api.to('/api/me/consents')).toHaveLength(2)
  })

  test('withdrawn: not located on its own; 重新定位 asks, and agreeing locates and records it again', async () => {
    useConsents.getState().withdrawLocation('someone')
    await locate()
    expect(Taro.getLocation).not.toHaveBeenCalled()
    expect(Taro.showModal).not.toHaveBeenCalled()
    expect(useLocation.getState()).toMatchObject({ status: 'denied', position: null })

    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never)
    await locate({ byUser: true })
    expect(Taro.getLocation).not.toHaveBeenCalled()
    expect(useConsents.getState().location!.granted).toBe(false)

    await locate({ byUser: true })
    expect(Taro.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '使用您的位置', content: expect.stringContaining(`版本 ${LOCATION_NOTICE_VERSION}`) }),
    )
    expect(useLocation.getState().status).toBe('located')
    expect(useConsents.getState().location).toMatchObject({ granted: true, version: LOCATION_NOTICE_VERSION, recordedFor: null })
  })

  test('agreed to an older text: asked again before locating; declining leaves location off', async () => {
    useConsents.setState({ location: { version: '2020-01-01', granted: true, at: at(1).toISOString(), recordedFor: null } })
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never)
    await locate()
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '位置信息使用说明已更新' }))
    expect(Taro.getLocation).not.toHaveBeenCalled()
    expect(useLocation.getState().status).toBe('denied')
    expect(useConsents.getState().location!.version).toBe('2020-01-01')

    await locate()
    expect(useLocation.getState().status).toBe('located')
    expect(useConsents.getState().location!.version).toBe(LOCATION_NOTICE_VERSION)
  })

  test('a refusal by WeChat is not agreement', async () => {
    Taro.getLocation.mockImplementation((() => Promise.reject({ errMsg: 'getLocation:fail auth deny' })) as never)
    await locate()
    expect(useLocation.getState().status).toBe('denied')
    expect(useConsents.getState().location).toBeNull()
  })
})
