/**
 * 个人信息 (packages/account/data/index) and the supervisors' access log on
 * the workbench request page, on the weapp build: the resident sees what the
 * portal holds, exports it as a JSON file, and deletes the account (after a
 * confirmation that says what happens); a supervisor sees who opened a request.
 */
import { capabilitiesOf } from '../../domain/permissions'
import type { AccountExport } from '../../contract/types'
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import { CONSENT_VERSIONS } from '../../contract/consents'
import { agreed, consentList } from './consent-fixtures'
import { attrOf, mountPage, type MountedPage } from './harness'
import { SON, SON_CONFIRMED } from './activity-fixtures'
import {
  CLAIMED,
  LOGGED_IN,
  RESIDENT_SESSION,
  STAFF_LOGGED_IN,
  STAFF_ME,
  WAITING_DETAIL,
  persisted,
  STAFF_SESSION,
} from './request-fixtures'

import { MOTHER_BOOKING } from './booking-fixtures'

const ROUTE = 'packages/account/data/index'

const EXPORT: AccountExport = {
  exportedAt: '2026-11-24T02:00:00.000Z',
  user: { id: RESIDENT_SESSION.user.id, nickname: '微信用户', role: 'resident', createdAt: '2026-11-01T02:00:00.000Z' },
  consents: [{ purpose: 'children', version: '2026-11-01', granted: true, grantedAt: '2026-11-02T02:00:00.000Z' }],
  family: [SON],
  requests: [WAITING_DETAIL],
  enrollments: [SON_CONFIRMED],
  bookings: [{ ...MOTHER_BOOKING, personBirthDate: null }],
  photos: [],
}

/** 授权与同意 as the server has it: the children's notice (from 我的家人) and help requests agreed. */
const CONSENTS = consentList({
  children: agreed('children', '2026-11-02T02:00:00.000Z'),
  help_requests: agreed('help_requests', '2026-11-24T02:00:00.000Z'),
})

test('shows what the portal holds, and exports it as a JSON file to share', async () => {
  const page = await mountPage(
    ROUTE,
    {},
    { storage: LOGGED_IN, routes: { 'GET /api/me/export': EXPORT, 'GET /api/me/consents': CONSENTS } },
  )
  await page.waitFor(() => !!page.find('my-data__family'), 'the summary')
  expect(page.text(page.get('my-data__family'))).toContain(`${SON.name}（${SON.relationship}，${SON.age} 岁）`)
  expect(page.text(page.get('my-data__requests'))).toContain(WAITING_DETAIL.number)
  expect(page.text(page.get('my-data__enrollments'))).toContain(
    `${SON_CONFIRMED.activity.title}·${SON_CONFIRMED.participant.name} 报名成功`,
  )
  expect(page.text(page.get('my-data__bookings'))).toBe('服务预约：心理疏导谈心·王秀兰 已预约')
  await page.waitFor(() => page.find('consent-item--children'), 'the consents')
  expect(page.text(page.get('consent-item--children'))).toContain(
    `儿童个人信息（监护人同意）已同意 · 版本 ${CHILD_NOTICE_VERSION} · 2026年11月2日 10:00`,
  )
  expect(page.requests[0]!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)

  await page.tap('btn-export')
  const [shared] = page.callsOf('shareFileMessage')
  expect(shared.fileName).toBe('社工站居民服务-我的信息-2026-11-24.json')
  expect(shared.filePath).toMatch(/我的信息-2026-11-24\.json$/)
  expect(page.consoleErrors).toEqual([])
})

test('dates are China time, on the page and in the file name: registered and exported just after midnight in China', async () => {
  // 2026-12-01 17:30 UTC is 2026-12-02 01:30 in China: a phone or browser on UTC must still say 12月2日.
  const lateExport: AccountExport = {
    ...EXPORT,
    exportedAt: '2026-12-01T17:30:00.000Z',
    user: { ...EXPORT.user, createdAt: '2026-12-01T16:10:00.000Z' },
  }
  const page = await mountPage(
    ROUTE,
    {},
    { storage: LOGGED_IN, routes: { 'GET /api/me/export': lateExport, 'GET /api/me/consents': CONSENTS } },
  )
  await page.waitFor(() => !!page.find('my-data__family'), 'the summary')
  expect(page.text()).toContain('2026-12-02 注册')
  expect(page.text()).not.toContain('2026-12-01')
  await page.tap('btn-export')
  expect(page.callsOf('shareFileMessage')[0].fileName).toBe('社工站居民服务-我的信息-2026-12-02.json')
})

test('deleting the account: says what happens, calls DELETE /api/me, forgets the session and goes home', async () => {
  const routes = { 'GET /api/me/export': EXPORT, 'GET /api/me/consents': CONSENTS, 'DELETE /api/me': { ok: true } }
  const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes })
  await page.waitFor(() => !!page.find('btn-delete-account'), 'the delete button')
  await page.tap('btn-delete-account')
  await page.waitFor(() => page.callsOf('switchTab').length === 1, 'back to 首页')

  expect(page.callsOf('showModal')[0].content).toContain('无法恢复')
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/me/consents', 'GET /api/me/export', 'DELETE /api/me'])
  expect(page.callsOf('switchTab')[0].url).toBe('/pages/index/index')
  expect(JSON.parse(String(page.storage.get('sgz-session'))).state.token).toBeNull()
})

test('deleting, then changing one’s mind: nothing is sent', async () => {
  const page = await mountPage(
    ROUTE,
    {},
    { storage: LOGGED_IN, modalConfirm: false, routes: { 'GET /api/me/export': EXPORT, 'GET /api/me/consents': CONSENTS } },
  )
  await page.waitFor(() => !!page.find('btn-delete-account'), 'the delete button')
  await page.tap('btn-delete-account')
  expect(page.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
  expect(JSON.parse(String(page.storage.get('sgz-session'))).state.token).toBe(RESIDENT_SESSION.token)
})

test('not logged in: log in first, then the summary', async () => {
  const page = await mountPage(
    ROUTE,
    {},
    { routes: { 'GET /api/me/export': EXPORT, 'GET /api/me/consents': CONSENTS, 'POST /api/auth/wechat': RESIDENT_SESSION } },
  )
  expect(page.text()).toContain('登录后可以查看、导出平台保存的您的个人信息')
  await page.tap('btn-login')
  await page.waitFor(() => !!page.find('my-data__family'), 'the summary')
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/auth/wechat', 'GET /api/me/consents', 'GET /api/me/export'])
})

describe('授权与同意', () => {
  const item = (page: MountedPage, purpose: string) => page.get(`consent-item--${purpose}`)
  const consentPosts = (page: MountedPage) =>
    page.requests.filter((r) => r.method === 'POST' && r.path === '/api/me/consents').map((r) => r.data)

  test('lists every purpose with the version agreed and when; 撤回 only where it can be withdrawn here', async () => {
    const old = agreed('location', '2026-10-01T02:00:00.000Z', '2026-01-01')
    const withdrawnPhotos = {
      ...agreed('photos', '2026-11-03T02:00:00.000Z'),
      withdrawn: true,
      withdrawnAt: '2026-11-20T06:30:00.000Z',
      needsConsent: true,
      canWithdraw: false,
    }
    const routes = {
      'GET /api/me/export': EXPORT,
      'GET /api/me/consents': consentList({
        ...Object.fromEntries(CONSENTS.items.map((c) => [c.purpose, c])),
        location: old,
        photos: withdrawnPhotos,
      }),
    }
    const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes })
    await page.waitFor(() => page.find('consent-item--photos'), 'the consents')

    expect(page.text(page.get('my-data__consents'))).toContain('授权与同意')
    expect(page.text(item(page, 'privacy_policy'))).toContain('隐私政策未同意')
    expect(page.text(item(page, 'help_requests'))).toContain(
      `求助信息已同意 · 版本 ${CONSENT_VERSIONS.help_requests} · 2026年11月24日 10:00`,
    )
    expect(page.text(item(page, 'location'))).toContain(
      `已同意旧版本 2026-01-01（2026年10月1日 10:00）；说明已更新为版本 ${CONSENT_VERSIONS.location}`,
    )
    expect(page.text(item(page, 'photos'))).toContain('已撤回（2026年11月20日 14:30），此前同意的版本')
    expect(page.text(item(page, 'children'))).toContain('删除孩子即撤回')
    // 撤回 where the server says it can be withdrawn: help requests and (the old agreement to) location.
    expect(
      page.querySelectorAll('btn-withdraw').map((b) => String(attrOf(b._exparserNode, 'class')).match(/btn-withdraw--(\w+)/)![1]),
    ).toEqual(['location', 'help_requests'])
    expect(page.text(page.get('btn-withdraw--location'))).toBe('撤回同意')
    expect(page.consoleErrors).toEqual([])
  })

  test('withdrawing: says what happens, records granted:false with the current version, and shows it withdrawn', async () => {
    const after = consentList({
      children: CONSENTS.items[3],
      help_requests: {
        ...agreed('help_requests', '2026-11-24T02:00:00.000Z'),
        withdrawn: true,
        withdrawnAt: '2026-11-25T01:00:00.000Z',
        needsConsent: true,
        canWithdraw: false,
      },
    })
    const routes = { 'GET /api/me/export': EXPORT, 'GET /api/me/consents': CONSENTS, 'POST /api/me/consents': after }
    const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes })
    await page.waitFor(() => page.find('consent-item--help_requests'), 'the consents')

    await page.tap('btn-withdraw--help_requests')
    await page.waitFor(() => page.text(item(page, 'help_requests')).includes('已撤回'), 'withdrawn')
    const [modal] = page.callsOf('showModal')
    expect(modal.title).toBe('撤回“求助信息”的同意')
    expect(modal.content).toContain('再次求助时会重新请您同意')
    expect(consentPosts(page)).toEqual([{ purpose: 'help_requests', version: CONSENT_VERSIONS.help_requests, granted: false }])
    expect(page.requests.find((r) => r.method === 'POST')!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)
    expect(page.text(item(page, 'help_requests'))).toContain('已撤回（2026年11月25日 09:00）')
    expect(page.find('btn-withdraw--help_requests')).toBeUndefined()
  })

  test('withdrawing location also stops this phone from locating on its own', async () => {
    const withdrawn = {
      ...agreed('location'),
      withdrawn: true,
      withdrawnAt: '2026-11-25T01:00:00.000Z',
      needsConsent: true,
      canWithdraw: false,
    }
    const routes = {
      'GET /api/me/export': EXPORT,
      'GET /api/me/consents': consentList({ location: agreed('location') }),
      'POST /api/me/consents': consentList({ location: withdrawn }),
    }
    const page = await mountPage(ROUTE, {}, { storage: LOGGED_IN, routes })
    await page.waitFor(() => page.find('consent-item--location'), 'the consents')
    await page.tap('btn-withdraw--location')
    await page.waitFor(() => page.text(item(page, 'location')).includes('已撤回'), 'withdrawn')
    expect(page.callsOf('showModal')[0].content).toContain('不再自动获取您的位置')
    expect(consentPosts(page)).toEqual([{ purpose: 'location', version: CONSENT_VERSIONS.location, granted: false }])
    const stored = JSON.parse(String(page.storage.get('sgz-consents'))).state.location
    expect(stored).toMatchObject({ granted: false, version: CONSENT_VERSIONS.location, recordedFor: RESIDENT_SESSION.user.id })

    // The next start of 首页 on this phone: no getLocation, the manual choice instead.
    const agreedAgain = consentList({ location: agreed('location', '2026-11-26T01:00:00.000Z') })
    const home = await mountPage(
      'pages/index/index',
      {},
      {
        storage: Object.fromEntries(page.storage),
        location: { latitude: 39.0543, longitude: 121.7634 },
        routes: { 'GET /api/stations/nearby': { items: [] }, 'POST /api/me/consents': agreedAgain },
      },
    )
    await home.waitFor(() => home.text().includes('未获得定位权限'), 'the refused-location state')
    expect(home.callsOf('getLocation')).toEqual([])
    expect(home.requests).toEqual([])

    // 重新定位 asks first; agreeing locates and records the agreement again.
    await home.tap('btn-locate')
    await home.waitFor(() => home.requests.some((r) => r.path === '/api/me/consents'), 'the agreement recorded')
    expect(home.callsOf('showModal')[0]).toMatchObject({ title: '使用您的位置', confirmText: '同意' })
    expect(home.callsOf('getLocation')).toHaveLength(1)
    expect(home.requests.find((r) => r.path === '/api/me/consents')!.data).toEqual({
      purpose: 'location',
      version: CONSENT_VERSIONS.location,
      granted: true,
    })
    await home.waitFor(
      () => JSON.parse(String(home.storage.get('sgz-consents'))).state.location.recordedFor === RESIDENT_SESSION.user.id,
      'recorded for the account',
    )
    expect(JSON.parse(String(home.storage.get('sgz-consents'))).state.location).toMatchObject({
      granted: true,
      version: CONSENT_VERSIONS.location,
    })
  })

  test('changing one’s mind at the confirmation: nothing is sent', async () => {
    const page = await mountPage(
      ROUTE,
      {},
      { storage: LOGGED_IN, modalConfirm: false, routes: { 'GET /api/me/export': EXPORT, 'GET /api/me/consents': CONSENTS } },
    )
    await page.waitFor(() => page.find('consent-item--help_requests'), 'the consents')
    await page.tap('btn-withdraw--help_requests')
    expect(consentPosts(page)).toEqual([])
    expect(page.text(item(page, 'help_requests'))).toContain('已同意')
  })
})

describe('the access log on the workbench request page', () => {
  const REQUEST = 'packages/workbench/request/index'
  const LOG = { items: [{ staffName: '李社工', stationName: '先进街道社工站', accessedAt: '2026-11-24T01:30:00.000Z' }] }
  const routes = { 'GET /api/staff/requests/:id': CLAIMED, 'GET /api/staff/requests/:id/access-log': LOG }

  test('a supervisor sees who opened the request’s personal data, and when', async () => {
    const supervisor = {
      'sgz-staff-session': persisted({
        token: STAFF_SESSION.token,
        expiresAt: STAFF_SESSION.expiresAt,
        me: { ...STAFF_ME, user: { ...STAFF_ME.user, role: 'supervisor' }, capabilities: capabilitiesOf('supervisor') },
      }),
    }
    const page = await mountPage(REQUEST, { id: CLAIMED.id }, { storage: supervisor, routes })
    await page.waitFor(() => !!page.find('btn-access-log'), 'the access log button')
    await page.tap('btn-access-log')
    await page.waitFor(() => !!page.find('access-log__item'), 'the log')
    // A label/value row: when, then who (the station and the worker).
    expect(page.text(page.get('access-log__item'))).toBe('11月24日 09:30先进街道社工站 李社工')
    expect(page.requests.at(-1)!.path).toBe(`/api/staff/requests/${CLAIMED.id}/access-log`)
  })

  test('a social worker does not see it', async () => {
    const page = await mountPage(REQUEST, { id: CLAIMED.id }, { storage: STAFF_LOGGED_IN, routes })
    await page.waitFor(() => page.text().includes(CLAIMED.description), 'the request')
    expect(page.find('access-log')).toBeUndefined()
  })
})
