/**
 * 活动报名 (packages/activity/enroll/index?id=…) on the weapp build: choosing
 * who takes part (本人 or one of 我的家人), the optional photo consent, what is
 * posted, the result (报名成功 / 候补第 N 位), and refusals in the server's words.
 */
import type { EnrollBody, FamilyMember } from '../../contract/types'
import { attrOf, mountPage, reply, type FakeRequest, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION } from './request-fixtures'
import { ANTI_FRAUD_DETAIL, FAMILY, JIEQI, JIEQI_DETAIL, MOTHER, NOW, SON, SON_CONFIRMED, SON_WAITLISTED } from './activity-fixtures'

const ROUTE = 'packages/activity/enroll/index'
const ENROLL = 'POST /api/activities/:id/enrollments'
const baseRoutes = {
  'GET /api/activities/:id': JIEQI_DETAIL,
  'GET /api/me/family': FAMILY,
  [ENROLL]: SON_CONFIRMED,
  'POST /api/auth/wechat': RESIDENT_SESSION,
}

async function open(opts: MountOptions = {}) {
  const page = await mountPage(
    ROUTE,
    { id: JIEQI.id },
    { now: NOW, storage: LOGGED_IN, ...opts, routes: { ...baseRoutes, ...opts.routes } },
  )
  await page.waitFor(() => page.find('enroll-activity'), 'the activity')
  return page
}

const optionLabels = (page: MountedPage) => page.querySelectorAll('option').map((o) => page.text(o).replace(/^✓ /, ''))

async function choose(page: MountedPage, label: string) {
  const options = page.querySelectorAll('option').filter((o) => page.text(o).replace(/^✓ /, '') === label)
  if (options.length !== 1) throw new Error(`expected one option 「${label}」, found ${options.length}. Page text: ${page.text()}`)
  await page.tap(options[0]!)
}

function field(page: MountedPage, label: string) {
  const match = page.querySelectorAll('field').find((f) => page.text(f).startsWith(label))
  if (!match) throw new Error(`no field 「${label}」. Page text: ${page.text()}`)
  return match
}

const posts = (page: MountedPage) =>
  page.requests.filter((r) => r.method === 'POST' && r.path === `/api/activities/${JIEQI.id}/enrollments`)
const bodyOf = (r: FakeRequest) => r.data as EnrollBody
const SON_LABEL = '张小明（儿子，活动时 9 岁）'

test('enrolls a child from 我的家人: photo consent is optional and unticked, the body names the member, 报名成功 says what is next', async () => {
  const page = await open()
  await page.waitFor(() => optionLabels(page).includes(SON_LABEL), 'the son to choose')
  // A course for children of 6–12: only the son is offered; 本人 and the grandmother are said why not.
  expect(optionLabels(page)).toEqual([SON_LABEL])
  expect(page.text(field(page, '谁参加'))).toContain('这个活动面向 儿童 · 6–12 岁')
  expect(page.querySelectorAll('participants-excluded__item').map((n) => page.text(n))).toEqual([
    '本人：这个活动面向 6–12 岁的儿童，本人不能报名，请为孩子报名',
    '王秀英：这个活动面向 6–12 岁，王秀英活动时 71 岁，不符合年龄要求',
  ])

  await choose(page, SON_LABEL)
  // The photo consent is its own checkbox, not ticked, and not required.
  const consent = page.get('photo-consent')
  expect(page.text(consent)).toContain('同意活动中拍摄孩子的照片并用于社工站公开宣传')
  expect(attrOf(consent._exparserNode, 'class')).not.toContain('check-item--checked')
  expect(page.text(field(page, '拍照与宣传（选填）'))).toContain('不同意也可以正常报名')

  await page.input('contact-phone', '13800001234')
  await page.tap('btn-submit-enroll')
  await page.waitFor(() => page.find('enroll-result'), 'the result')

  const [post] = posts(page)
  expect(bodyOf(post!)).toEqual({ familyMemberId: SON.id, contactPhone: '13800001234', photoConsent: false })
  expect(post!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)

  const result = page.text(page.get('enroll-result'))
  expect(page.text(page.get('enroll-result__title'))).toBe('✓ 报名成功')
  expect(page.text(page.get('enroll-result__participant'))).toBe('张小明（儿子）')
  expect(result).toContain('东山小学堂·节气美育')
  expect(result).toContain('签到码已放在“我的报名”里')
  expect(result).toContain('请记得携带：水杯、旧衣服或罩衣')
  expect(result).toContain('11月27日 18:00 前到“我的报名”中取消')
  expect(page.consoleErrors).toEqual([])
  // The phone is remembered for next time.
  expect(JSON.parse(String(page.storage.get('sgz-enroll-profile'))).state.contactPhone).toBe('13800001234')

  await page.tap('btn-view-mine')
  expect(page.callsOf('redirectTo').map((o) => o.url)).toEqual(['/packages/activity/mine/index'])
})

test('ticking the photo consent sends photoConsent: true; a full class answers 候补第 1 位 with what happens next', async () => {
  const page = await open({ routes: { [ENROLL]: reply(201, SON_WAITLISTED) } })
  await page.waitFor(() => optionLabels(page).includes(SON_LABEL), 'the son to choose')
  await choose(page, SON_LABEL)
  await page.tap('photo-consent')
  expect(attrOf(page.get('photo-consent')._exparserNode, 'class')).toContain('check-item--checked')
  await page.input('contact-phone', '13800001234')
  await page.tap('btn-submit-enroll')
  await page.waitFor(() => page.find('enroll-result'), 'the result')

  expect(bodyOf(posts(page)[0]!)).toEqual({ familyMemberId: SON.id, contactPhone: '13800001234', photoConsent: true })
  expect(page.text(page.get('enroll-result__title'))).toBe('候补第 1 位')
  const result = page.text(page.get('enroll-result'))
  expect(result).toContain('按报名先后递补')
  expect(result).toContain('请在 24 小时内到“我的报名”中确认参加')
})

test('an activity for 60 and over: 本人 and the grandmother are offered, the 9-year-old is said why not; a bad phone is stopped before anything is sent', async () => {
  const page = await open({ routes: { 'GET /api/activities/:id': ANTI_FRAUD_DETAIL } })
  await page.waitFor(() => optionLabels(page).length === 2, 'two choices')
  expect(optionLabels(page)).toEqual(['本人', '王秀英（母亲，活动时 71 岁）'])
  expect(page.querySelectorAll('participants-excluded__item').map((n) => page.text(n))).toEqual([
    '张小明：这个活动面向 60 岁以上，张小明活动时 9 岁，不符合年龄要求',
  ])
  await choose(page, '王秀英（母亲，活动时 71 岁）')
  await page.input('contact-phone', '123')
  await page.tap('btn-submit-enroll')
  expect(page.text(field(page, '联系电话'))).toContain('请填写 11 位手机号')
  expect(page.requests.filter((r) => r.method === 'POST')).toEqual([])
})

test('本人: name and birth date (the activity has an age range) go in the body', async () => {
  const page = await open({
    routes: {
      'GET /api/activities/:id': ANTI_FRAUD_DETAIL,
      [ENROLL]: reply(201, { ...SON_CONFIRMED, participant: { name: '李秀梅', familyMemberId: null, relationship: null } }),
    },
  })
  await page.waitFor(() => optionLabels(page).includes('本人'), '本人 to choose')
  await choose(page, '本人')
  await page.tap('btn-submit-enroll')
  expect(page.text(field(page, '参加人姓名'))).toContain('请填写参加人的姓名')
  expect(page.text(field(page, '出生日期'))).toContain('请选择您的出生日期')

  await page.input('self-name', '李秀梅')
  await page.trigger('self-birth-picker', 'change', { value: '1960-03-01' })
  await page.input('contact-phone', '13800001234')
  await page.tap('btn-submit-enroll')
  await page.waitFor(() => page.find('enroll-result'), 'the result')
  const posted = page.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/enrollments'))
  expect(bodyOf(posted[0]!)).toEqual({ name: '李秀梅', birthDate: '1960-03-01', contactPhone: '13800001234' })
  expect(page.text(page.get('enroll-result__participant'))).toBe('李秀梅（本人）')
})

test('a refusal from the server is shown as worded, and the form stays', async () => {
  const message = '报名已截止'
  const page = await open({ routes: { [ENROLL]: reply(409, { code: 'CONFLICT', message }) } })
  await page.waitFor(() => optionLabels(page).includes(SON_LABEL), 'the son to choose')
  await choose(page, SON_LABEL)
  await page.input('contact-phone', '13800001234')
  await page.tap('btn-submit-enroll')
  await page.waitFor(() => page.find('form-error'), 'the error')
  expect(page.text(page.get('form-error'))).toBe(message)
  expect(page.find('enroll-result')).toBeUndefined()
  expect(page.find('btn-submit-enroll')).toBeDefined()
})

test('not logged in: 登录 first, then the family to choose from', async () => {
  const page = await open({ storage: {} })
  expect(page.text()).toContain('报名需要先登录')
  expect(page.requests.map((r) => r.path)).toEqual([`/api/activities/${JIEQI.id}`])
  await page.tap('btn-login')
  await page.waitFor(() => optionLabels(page).includes(SON_LABEL), 'the son to choose')
  expect(page.callsOf('login')).toHaveLength(1)
  expect(page.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /api/activities/${JIEQI.id}`,
    'POST /api/auth/wechat',
    'GET /api/me/family',
  ])
})

test('添加家人 goes to 我的家人 and, back again, the new member is chosen', async () => {
  let family: FamilyMember[] = [MOTHER]
  const page = await open({ routes: { 'GET /api/me/family': () => ({ items: family }) } })
  await page.waitFor(() => page.querySelectorAll('participants-excluded__item').length === 2, 'who cannot take part')
  expect(optionLabels(page)).toEqual([])
  await page.tap('btn-add-family')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual(['/packages/activity/family/index?add=1&back=1'])

  family = [MOTHER, SON]
  await page.lifecycle('onHide')
  await page.lifecycle('onShow')
  await page.waitFor(() => optionLabels(page).includes(SON_LABEL), 'the son to choose')
  expect(optionLabels(page)).toEqual([SON_LABEL])
  const chosen = page.querySelectorAll('option').find((o) => page.text(o).startsWith('✓ '))
  expect(chosen && page.text(chosen)).toBe(`✓ ${SON_LABEL}`)
})
