/**
 * 我的家人 (packages/activity/family/index) on the weapp build: the list,
 * adding a child under 14 (the children's privacy notice and the guardian's
 * explicit tick, sent as childNoticeVersion), adding an adult, editing, and
 * deleting with a warning about upcoming enrollments.
 */
import { CHILD_NOTICE_VERSION } from '../../contract/activities'
import type { FamilyMember, FamilyMemberBody } from '../../contract/types'
import { attrOf, mountPage, type FakeRequest, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION } from './request-fixtures'
import { FAMILY, MOTHER, NOW, SON } from './activity-fixtures'

const ROUTE = 'packages/activity/family/index'

const DAUGHTER: FamilyMember = {
  id: '3f2b9d40-0000-4000-8000-000000000003',
  name: '张小红',
  birthDate: '2019-06-01',
  relationship: '女儿',
  notes: '',
  age: 7,
  isChild: true,
  childNoticeVersion: CHILD_NOTICE_VERSION,
  createdAt: NOW,
}

/** A fake 我的家人 API holding a list the page changes. */
function familyApi(initial: FamilyMember[] = FAMILY.items) {
  let items = [...initial]
  return {
    'GET /api/me/family': () => ({ items }),
    'POST /api/me/family': (req: FakeRequest) => {
      const body = req.data as FamilyMemberBody
      const m = { ...DAUGHTER, ...body, childNoticeVersion: body.childNoticeVersion ?? null }
      items = [...items, m]
      return m
    },
    'PATCH /api/me/family/:id': (req: FakeRequest) => {
      const m = { ...items.find((x) => x.id === req.params.id)!, ...(req.data as object) }
      items = items.map((x) => (x.id === m.id ? m : x))
      return m
    },
    'DELETE /api/me/family/:id': (req: FakeRequest) => {
      items = items.filter((x) => x.id !== req.params.id)
      return { ok: true }
    },
    'POST /api/auth/wechat': RESIDENT_SESSION,
  }
}

async function open(query: Record<string, string> = {}, opts: MountOptions = {}) {
  const page = await mountPage(ROUTE, query, { now: NOW, storage: LOGGED_IN, routes: familyApi(), ...opts })
  return page
}

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

const members = (page: MountedPage) => page.querySelectorAll('family-member')
const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST' && r.path === '/api/me/family')

test('lists the family: a child with the guardian’s consent noted, and the special needs', async () => {
  const page = await open()
  await page.waitFor(() => members(page).length === 2, 'two members')
  const [son, mother] = members(page).map((m) => page.text(m))
  expect(son).toContain('张小明儿子 · 9 岁')
  expect(son).toContain('特殊需要：对花生过敏')
  expect(son).toContain('未满 14 周岁 · 您已同意《儿童个人信息保护规则》')
  expect(mother).toContain('王秀英母亲 · 71 岁')
  expect(mother).not.toContain('儿童个人信息保护规则')
  expect(page.requests[0]!.header.Authorization).toBe(`Bearer ${RESIDENT_SESSION.token}`)
  expect(page.consoleErrors).toEqual([])
})

test('adding a child under 14 shows the notice and cannot be saved until the guardian ticks consent; the body carries childNoticeVersion', async () => {
  const page = await open()
  await page.waitFor(() => members(page).length === 2, 'two members')
  await page.tap('btn-add-member')
  await page.input('member-name', '张小红')
  expect(page.find('child-notice')).toBeUndefined()
  await page.trigger('member-birth-picker', 'change', { value: '2019-06-01' })
  await choose(page, '女儿')

  // The notice, in full: what, why, who sees it, how long, the guardian's rights, whom to ask, and its version.
  const notice = page.text(page.get('child-notice'))
  expect(notice).toContain('《儿童个人信息保护规则》')
  expect(notice).toContain(`版本 ${CHILD_NOTICE_VERSION}`)
  for (const heading of ['收集哪些信息', '用来做什么', '谁能看到', '保存多久', '您的权利', '联系我们']) expect(notice).toContain(heading)
  const consent = page.get('child-consent__check')
  expect(page.text(consent)).toContain('我是孩子的监护人，已阅读并同意《儿童个人信息保护规则》')
  expect(attrOf(consent._exparserNode, 'class')).not.toContain('check-item--checked')

  await page.tap('btn-save-member')
  expect(page.text(field(page, '监护人同意'))).toContain('请先阅读上面的规则，并勾选同意')
  expect(posts(page)).toEqual([])

  await page.tap('child-consent__check')
  await page.tap('btn-save-member')
  await page.waitFor(() => members(page).length === 3, 'three members')
  expect(posts(page)).toHaveLength(1)
  expect(posts(page)[0]!.data).toEqual({
    name: '张小红',
    birthDate: '2019-06-01',
    relationship: '女儿',
    notes: '',
    childNoticeVersion: CHILD_NOTICE_VERSION,
  })
  expect(page.callsOf('showToast')).toEqual([expect.objectContaining({ title: '已添加' })])
})

test('adding an adult: no notice, no childNoticeVersion; missing fields are named next to them', async () => {
  const page = await open()
  await page.waitFor(() => members(page).length === 2, 'two members')
  await page.tap('btn-add-member')
  await page.tap('btn-save-member')
  expect(page.text(field(page, '姓名'))).toContain('请填写家人的姓名')
  expect(page.text(field(page, '出生日期'))).toContain('请选择出生日期')
  expect(page.text(field(page, '他/她是您的'))).toContain('请选择家人与您的关系')

  await page.input('member-name', '张建国')
  await page.trigger('member-birth-picker', 'change', { value: '1950-10-01' })
  await choose(page, '父亲')
  await page.input('member-notes', '行动不便，需要轮椅')
  expect(page.find('child-notice')).toBeUndefined()
  await page.tap('btn-save-member')
  await page.waitFor(() => members(page).length === 3, 'three members')
  expect(posts(page)[0]!.data).toEqual({ name: '张建国', birthDate: '1950-10-01', relationship: '父亲', notes: '行动不便，需要轮椅' })
})

test('opened from the enrollment form (add=1&back=1): the form first, and back after saving', async () => {
  const page = await open({ add: '1', back: '1' })
  await page.waitFor(() => page.find('family-form'), 'the form')
  await page.input('member-name', '张建国')
  await page.trigger('member-birth-picker', 'change', { value: '1950-10-01' })
  await choose(page, '父亲')
  await page.tap('btn-save-member')
  await page.waitFor(() => page.callsOf('navigateBack').length === 1, 'going back')
  expect(posts(page)).toHaveLength(1)
})

test('editing the mother’s notes sends them without a child consent', async () => {
  const page = await open()
  await page.waitFor(() => members(page).length === 2, 'two members')
  await page.tap(page.querySelectorAll('btn-edit-member')[1]!)
  expect(page.text(page.get('family-form'))).toContain('修改 王秀英 的信息')
  await page.input('member-notes', '腿脚不便，需要坐着；糖尿病')
  await page.tap('btn-save-member')
  await page.waitFor(() => page.text().includes('特殊需要：腿脚不便，需要坐着；糖尿病'), 'the new notes')
  const patch = page.requests.find((r) => r.method === 'PATCH')!
  expect(patch.path).toBe(`/api/me/family/${MOTHER.id}`)
  expect(patch.data).toEqual({ name: '王秀英', birthDate: '1955-03-02', relationship: '母亲', notes: '腿脚不便，需要坐着；糖尿病' })
})

test('删除 asks first and says upcoming enrollments will be cancelled', async () => {
  const page = await open()
  await page.waitFor(() => members(page).length === 2, 'two members')
  await page.tap(page.querySelectorAll('btn-delete-member')[0]!)
  const [modal] = page.callsOf('showModal')
  expect(modal.title).toBe('删除张小明？')
  expect(modal.content).toContain('尚未开始的活动报名会一并取消')
  await page.waitFor(() => members(page).length === 1, 'one member left')
  expect(page.requests.find((r) => r.method === 'DELETE')?.path).toBe(`/api/me/family/${SON.id}`)
})

test('删除 answered 不删除 deletes nothing', async () => {
  const page = await open({}, { modalConfirm: false })
  await page.waitFor(() => members(page).length === 2, 'two members')
  await page.tap(page.querySelectorAll('btn-delete-member')[0]!)
  expect(page.requests.filter((r) => r.method === 'DELETE')).toEqual([])
})
