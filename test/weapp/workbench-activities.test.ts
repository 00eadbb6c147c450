/**
 * 社工工作台 · 活动 on the weapp build: the station's activities
 * (packages/workbench/activities), publishing and editing one
 * (packages/workbench/activity-edit), and the roster with check-in
 * (packages/workbench/roster).
 */
import type { ActivityBody, ActivityDetail, CheckinBody, Roster } from '../../contract/types'
import { attrOf, mountPage, reply, type FakeRequest, type MountedPage } from './harness'
import { STAFF_LOGGED_IN, STAFF_SESSION } from './request-fixtures'
import {
  AFTER_FIRST,
  COURSE,
  COURSE_DETAIL,
  COURSE_ROSTER,
  COURSE_SESSIONS,
  LECTURE,
  LI,
  NOW,
  PAST,
  SECOND_SATURDAY,
  STATION_ACTIVITIES,
  SUN,
  WANG,
  ZHANG,
  ZHAO,
  ZHOU,
  checkinOf,
} from './workbench-activity-fixtures'

const LIST_PAGE = 'packages/workbench/activities/index'
const EDIT_PAGE = 'packages/workbench/activity-edit/index'
const ROSTER_PAGE = 'packages/workbench/roster/index'

const posts = (page: MountedPage) => page.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH')
const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n))
/** The form field whose label starts with `label` (a field's text begins with its label). */
const field = (page: MountedPage, label: string) => {
  const f = page.querySelectorAll('field').find((n) => page.text(n).startsWith(label))
  if (!f) throw new Error(`no field labelled ${label}. Page text: ${page.text()}`)
  return f
}
const option = (page: MountedPage, label: string) => {
  const o = page.querySelectorAll('option').find((n) => page.text(n).replace('✓ ', '') === label)
  if (!o) throw new Error(`no option ${label}`)
  return o
}

describe('工作台 · 活动管理', () => {
  test('the queue page links to 活动管理', async () => {
    const page = await mountPage(
      'packages/workbench/queue/index',
      {},
      { storage: STAFF_LOGGED_IN, routes: { 'GET /api/staff/queue': { items: [] } } },
    )
    await page.tap('btn-staff-activities')
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/${LIST_PAGE}`])
  })

  test('lists upcoming activities soonest first, then past ones, with seats, waitlist and registration', async () => {
    const page = await mountPage(
      LIST_PAGE,
      {},
      { storage: STAFF_LOGGED_IN, now: NOW, routes: { 'GET /api/staff/activities': { items: STATION_ACTIVITIES } } },
    )
    await page.waitFor(() => page.querySelectorAll('staff-activity').length === 3, 'three activities')

    expect(page.requests[0]!.header.Authorization).toBe(`Bearer ${STAFF_SESSION.token}`)
    expect(texts(page, 'staff-activity__title')).toEqual(['冬季养生讲座', '东山小学堂·节气美育', '防范电信诈骗宣讲'])
    expect(page.querySelectorAll('staff-activities__upcoming')).toHaveLength(1)
    expect(page.text(page.get('staff-activities__upcoming'))).toContain('即将开始和进行中（2）')
    expect(page.text(page.get('staff-activities__past'))).toContain('已结束（1）')
    expect(page.text(page.get('staff-activities__past'))).toContain(PAST.title)

    const [lecture, course] = page.querySelectorAll('staff-activity')
    expect(page.text(lecture)).toContain('11月26日 14:00–15:30')
    expect(page.text(lecture)).toContain('已报名 12/50')
    expect(page.text(lecture)).toContain('候补 0 人')
    expect(page.text(lecture)).toContain('未开始 · 11月24日 12:00 开放报名')
    expect(page.text(course)).toContain('11月28日 09:30 起，共 8 次课')
    expect(page.text(course)).toContain('已报名 4/4（已满）')
    expect(page.text(course)).toContain('候补 2 人')
    expect(page.text(course)).toContain('报名中 · 11月27日 18:00 截止')

    await page.tap(course!)
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/${ROSTER_PAGE}?id=${COURSE.id}`])
    await page.tap('btn-new-activity')
    expect(page.callsOf('navigateTo')[1].url).toBe(`/${EDIT_PAGE}`)
    expect(page.consoleErrors).toEqual([])
  })

  test('not logged in: sends the worker to the login page', async () => {
    const page = await mountPage(LIST_PAGE, {}, { routes: { 'GET /api/staff/activities': { items: STATION_ACTIVITIES } } })
    await page.waitFor(() => page.callsOf('redirectTo').length === 1, 'the redirect')
    expect(page.callsOf('redirectTo')[0].url).toBe('/packages/workbench/login/index')
    expect(page.requests).toEqual([])
  })
})

describe('工作台 · 发布活动', () => {
  const created = (req: FakeRequest): ActivityDetail => {
    const b = req.data as ActivityBody
    return {
      ...COURSE_DETAIL,
      id: '5d1e0000-0000-4000-8000-0000000000ff',
      title: b.title,
      capacity: b.capacity,
      seatsLeft: b.capacity,
      waitlistCount: 0,
    }
  }

  async function fillCourse(page: MountedPage) {
    await page.input('activity-title', '节气美育')
    await page.input('activity-project', '东山小学堂')
    await page.tap(option(page, '兴趣课堂'))
    await page.tap(option(page, '儿童'))
    await page.input('activity-min-age', '6')
    await page.input('activity-max-age', '12')
    await page.input('activity-description', '跟着二十四节气认识自然，用彩纸、树叶和水彩做一件作品。')
    await page.input('activity-bring', '水杯、罩衣')
    await page.input('activity-place', '党群服务中心2楼 活动室')
    await page.input('activity-capacity', '20')
    await page.tap(option(page, '每周一次的课程'))
    await page.trigger('schedule-date', 'change', { value: '2026-11-28' })
    await page.trigger('schedule-start', 'change', { value: '09:30' })
    await page.trigger('schedule-end', 'change', { value: '11:00' })
    await page.input('schedule-weeks', '8')
  }

  test('a weekly course: the POST has its 8 sessions, default registration times and its rules', async () => {
    const page = await mountPage(
      EDIT_PAGE,
      {},
      {
        storage: STAFF_LOGGED_IN,
        now: NOW,
        openedFrom: [LIST_PAGE],
        routes: { 'POST /api/staff/activities': (req) => reply(201, created(req)) },
      },
    )
    await page.waitFor(() => page.find('btn-save-activity'), 'the form')
    await fillCourse(page)
    expect(page.querySelectorAll('session-preview__item')).toHaveLength(8)
    expect(texts(page, 'session-preview__item')[7]).toBe('第 8 次 · 1月16日（周六）09:30–11:00')
    // Registration closes at 18:00 the day before, filled in for the worker.
    expect(page.text(page.get('closes-date'))).toBe('2026-11-27')
    expect(page.text(page.get('closes-time'))).toBe('18:00')
    await page.trigger('photo-consent-switch', 'change', { value: true })
    await page.trigger('confirm-switch', 'change', { value: true })
    await page.input('confirm-hours', '12')
    expect(page.text()).toContain('为候补第一位保留名额 12 小时')

    await page.tap('btn-save-activity')
    await page.waitFor(() => page.callsOf('navigateBack').length === 1, 'going back to the list')
    expect(posts(page).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/staff/activities'])
    const body = posts(page)[0]!.data as ActivityBody
    expect(posts(page)[0]!.header.Authorization).toBe(`Bearer ${STAFF_SESSION.token}`)
    expect(body).toEqual({
      title: '节气美育',
      project: '东山小学堂',
      category: 'class',
      audience: 'children',
      minAge: 6,
      maxAge: 12,
      description: '跟着二十四节气认识自然，用彩纸、树叶和水彩做一件作品。',
      bring: '水杯、罩衣',
      place: '党群服务中心2楼 活动室',
      capacity: 20,
      opensAt: NOW,
      closesAt: '2026-11-27T10:00:00.000Z',
      cancelDeadline: '2026-11-27T10:00:00.000Z',
      sessions: COURSE_SESSIONS.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })),
      photoConsentRequired: true,
      confirmWithinHours: 12,
    })
    expect(page.callsOf('showToast')[0]).toMatchObject({ title: '已发布' })
    expect(page.consoleErrors).toEqual([])
  })

  test('says what to fix next to each field, and sends nothing', async () => {
    const page = await mountPage(EDIT_PAGE, {}, { storage: STAFF_LOGGED_IN, now: NOW, routes: {} })
    await page.waitFor(() => page.find('btn-save-activity'), 'the form')
    await page.tap('btn-save-activity')
    // A render of the whole form may take more than tap's settling turns on a busy machine: wait for it.
    await page.waitFor(() => page.find('form-error'), 'the errors')
    expect(page.text(field(page, '活动名称'))).toContain('请填写活动名称')
    expect(page.text(field(page, '活动类别'))).toContain('请选择活动类别')
    expect(page.text(field(page, '名额'))).toContain('请填写名额')
    expect(page.text(field(page, '活动日期'))).toContain('请选择活动日期')

    await fillCourse(page)
    await page.input('activity-min-age', '13')
    await page.trigger('schedule-end', 'change', { value: '09:00' })
    await page.input('schedule-weeks', '90')
    await page.tap('btn-save-activity')
    await page.waitFor(() => page.text(field(page, '年龄要求')).includes('最小年龄不能大于最大年龄'), 'the age error')
    expect(page.text(field(page, '安排方式'))).toContain('结束时间必须晚于开始时间')
    expect(page.text(field(page, '共几周'))).toContain('课程周数请填写 2 到 60 之间的整数')
    expect(page.text(field(page, '活动名称'))).not.toContain('请填写')
    expect(page.text(page.get('form-error'))).toBe('有 3 处需要修改，请查看上方红字提示')

    // Registration closing after the first session.
    await page.input('activity-min-age', '6')
    await page.trigger('schedule-end', 'change', { value: '11:00' })
    await page.input('schedule-weeks', '8')
    await page.trigger('closes-date', 'change', { value: '2026-11-29' })
    await page.tap('btn-save-activity')
    await page.waitFor(() => page.text(field(page, '报名截止时间')).includes('报名截止时间不能晚于活动开始时间'), 'the deadline error')
    expect(page.requests).toEqual([])
  })

  test('the server’s 400 is shown next to the field its `field` names', async () => {
    const page = await mountPage(
      EDIT_PAGE,
      {},
      {
        storage: STAFF_LOGGED_IN,
        now: NOW,
        routes: {
          'POST /api/staff/activities': reply(400, {
            code: 'FIELD_INVALID',
            message: '取消截止时间不能晚于活动开始时间',
            field: 'cancelDeadline',
          }),
        },
      },
    )
    await page.waitFor(() => page.find('btn-save-activity'), 'the form')
    await fillCourse(page)
    await page.tap('btn-save-activity')
    await page.waitFor(() => page.find('form-error'), 'the error')
    expect(page.text(field(page, '取消报名截止时间'))).toContain('取消截止时间不能晚于活动开始时间')
    expect(page.text(page.get('form-error'))).toBe('未能保存：取消截止时间不能晚于活动开始时间')
    expect(page.callsOf('navigateBack')).toEqual([])
  })

  test('editing: the course is loaded as weekly; a capacity below the seats taken answers 409 next to 名额', async () => {
    const page = await mountPage(
      EDIT_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: NOW,
        routes: {
          'GET /api/staff/activities/:id': COURSE_DETAIL,
          'PATCH /api/staff/activities/:id': reply(409, {
            code: 'ACTIVITY_FULL',
            message: '已有 4 人报名成功，名额不能少于 4',
            field: 'capacity',
          }),
        },
      },
    )
    await page.waitFor(() => page.find('activity-title'), 'the loaded form')
    expect(page.callsOf('setNavigationBarTitle')[0]).toMatchObject({ title: '编辑活动' })
    expect(attrOf(page.get('activity-title')._exparserNode, 'value')).toBe('节气美育')
    expect(page.text(option(page, '每周一次的课程'))).toBe('✓ 每周一次的课程')
    expect(attrOf(page.get('schedule-weeks')._exparserNode, 'value')).toBe('8')
    expect(page.text(field(page, '名额'))).toContain('已有 4 人报名，名额不能少于 4')

    await page.input('activity-capacity', '2')
    await page.tap('btn-save-activity')
    await page.waitFor(() => page.find('form-error'), 'the error')
    const [patch] = posts(page)
    expect(`${patch!.method} ${patch!.path}`).toBe(`PATCH /api/staff/activities/${COURSE.id}`)
    expect((patch!.data as ActivityBody).capacity).toBe(2)
    expect((patch!.data as ActivityBody).sessions).toEqual(COURSE_SESSIONS.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })))
    expect((patch!.data as ActivityBody).opensAt).toBe(COURSE.opensAt)
    expect(page.text(field(page, '名额'))).toContain('已有 4 人报名成功，名额不能少于 4')
  })
})

describe('工作台 · 报名名单与签到', () => {
  const rosterRoutes = (checkins: (body: CheckinBody) => unknown = () => reply(500, {})) => ({
    'GET /api/staff/activities/:id/roster': COURSE_ROSTER,
    'POST /api/staff/checkins': (req: FakeRequest) => checkins(req.data as CheckinBody) as object,
  })
  /** A roster card (its text begins with the participant's name). */
  const entryOf = (page: MountedPage, name: string) => {
    const e = page.querySelectorAll('roster-entry').find((n) => page.text(n).startsWith(name))
    if (!e) throw new Error(`no roster entry for ${name}`)
    return e
  }

  test('counts, the confirmed with their needs and photo consent, the offered, and the waitlist in order', async () => {
    const page = await mountPage(ROSTER_PAGE, { id: COURSE.id }, { storage: STAFF_LOGGED_IN, now: AFTER_FIRST, routes: rosterRoutes() })
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    expect(page.requests[0]!.path).toBe(`/api/staff/activities/${COURSE.id}/roster`)

    expect(texts(page, 'roster-count').map((t) => t.replace(/\s+/g, ''))).toEqual(['已报名3/4', '候补2', '本次已签到0'])
    expect(page.text(page.get('roster-offered-count'))).toBe('另有 1 人的名额在等待家长确认')
    // No session today: the next one (the 2nd) is selected.
    expect(page.text(page.get('roster-session-line'))).toBe('第 2 次课：12月5日（周六）09:30–11:00')

    const zhang = entryOf(page, ZHANG.participantName)
    expect(page.text(zhang)).toContain('8 岁 · 报名人：张丽（参加人是其儿子）')
    expect(page.text(zhang)).toContain('特殊需要：对花生过敏')
    expect(page.text(zhang)).toContain('同意拍照宣传')
    expect(page.text(zhang)).toContain('已出勤 1/8 次')
    const li = entryOf(page, LI.participantName)
    expect(page.text(li)).toContain('不同意拍照：请勿拍摄或公开其照片')
    expect(page.text(page.get('roster-no-photo'))).toContain('不同意拍照（1 人）')
    expect(page.text(page.get('roster-no-photo__names'))).toBe(LI.participantName)

    expect(page.text(entryOf(page, ZHAO.participantName))).toContain('名额保留中，待家长确认')
    expect(texts(page, 'roster-entry__position')).toEqual(['候补第 1 位', '候补第 2 位'])
    expect(texts(page, 'roster-entry--waitlisted').map((t) => t.slice(0, 3))).toEqual([SUN.participantName, ZHOU.participantName])
    expect(page.text(page.get('roster-waitlist-note'))).toContain('需在 24 小时内确认')
    // Waiting children cannot be ticked: only the confirmed have a 签到 button.
    expect(page.querySelectorAll('roster-tick')).toHaveLength(3)

    await page.tap(page.querySelectorAll('roster-call')[0]!)
    expect(page.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: ZHANG.contactPhone })])
    expect(page.consoleErrors).toEqual([])
  })

  test('on the day of the 2nd session: ticking a name posts {enrollmentId, sessionId} and marks them present', async () => {
    const today = COURSE_SESSIONS[1]!
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: SECOND_SATURDAY,
        routes: rosterRoutes(() => checkinOf(WANG, today)),
      },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    expect(page.text(page.get('roster-session-line'))).toBe('第 2 次课：12月5日（周六）09:30–11:00（今天）')
    expect(
      page.text(page.querySelectorAll('roster-session').find((c) => String(attrOf(c._exparserNode, 'class')).includes('chip--active'))!),
    ).toContain('第2次')

    // 张小明, 李朵朵, 王子涵: none is here yet for the 2nd session.
    expect(page.querySelectorAll('roster-tick')).toHaveLength(3)
    await page.tap(page.querySelectorAll('roster-tick')[2]!)
    await page.waitFor(() => page.find('checkin-notice'), 'the result')
    expect(page.callsOf('showModal')[0].content).toContain('为 王子涵 登记第 2 次课签到？')
    expect(posts(page).map((r) => r.data)).toEqual([{ enrollmentId: WANG.enrollmentId, sessionId: today.id }])
    expect(page.text(page.get('checkin-notice'))).toContain('✓ 王子涵 签到成功（第 2 次课）')
    expect(page.text(entryOf(page, WANG.participantName))).toContain('✓ 已签到')
    expect(texts(page, 'roster-count')[2]!.replace(/\s+/g, '')).toBe('本次已签到1')
    expect(page.consoleErrors).toEqual([])
  })

  test('choosing the 1st session shows its attendance, and a tick is for that session', async () => {
    const first = COURSE_SESSIONS[0]!
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      { storage: STAFF_LOGGED_IN, now: SECOND_SATURDAY, routes: rosterRoutes(() => checkinOf(WANG, first)) },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    await page.tap(page.querySelectorAll('roster-session')[0]!)
    expect(texts(page, 'roster-count')[2]!.replace(/\s+/g, '')).toBe('本次已签到2')
    expect(page.querySelectorAll('roster-tick')).toHaveLength(1)
    await page.tap('roster-tick')
    await page.waitFor(() => posts(page).length === 1, 'the check-in')
    expect(posts(page)[0]!.data).toEqual({ enrollmentId: WANG.enrollmentId, sessionId: first.id })
  })

  test('a cancelled confirmation sends nothing', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      { storage: STAFF_LOGGED_IN, now: SECOND_SATURDAY, modalConfirm: false, routes: rosterRoutes() },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    await page.tap(page.querySelectorAll('roster-tick')[0]!)
    await page.waitFor(() => page.callsOf('showModal').length === 1, 'the confirmation')
    expect(posts(page)).toEqual([])
  })

  test('扫码签到: the scanned code is posted with the session; the participant is named', async () => {
    const today = COURSE_SESSIONS[1]!
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: SECOND_SATURDAY,
        scanCode: 'sgz-checkin.v1.ZHANG-SIGNED',
        routes: rosterRoutes(() => checkinOf(ZHANG, today)),
      },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    await page.tap('btn-scan-checkin')
    await page.waitFor(() => page.find('checkin-notice'), 'the result')
    expect(page.callsOf('scanCode')).toHaveLength(1)
    expect(posts(page).map((r) => r.data)).toEqual([{ code: 'sgz-checkin.v1.ZHANG-SIGNED', sessionId: today.id }])
    expect(page.text(page.get('checkin-notice'))).toContain('✓ 张小明 签到成功（第 2 次课）')
    expect(page.callsOf('showToast').at(-1)).toMatchObject({ title: '张小明 签到成功' })
    expect(page.text(entryOf(page, ZHANG.participantName))).toContain('✓ 已签到')
    expect(page.text(entryOf(page, ZHANG.participantName))).toContain('已出勤 2/8 次')
  })

  test('扫码签到 twice: says 已签到过', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: SECOND_SATURDAY,
        scanCode: 'sgz-checkin.v1.LI-SIGNED',
        routes: rosterRoutes(() => checkinOf(LI, COURSE_SESSIONS[1]!, true)),
      },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    await page.tap('btn-scan-checkin')
    await page.waitFor(() => page.find('checkin-notice'), 'the result')
    expect(page.text(page.get('checkin-notice'))).toContain('李朵朵 已签到过（第 2 次课）')
    expect(String(attrOf(page.get('checkin-notice')._exparserNode, 'class'))).toContain('checkin-notice--already')
  })

  test('扫码签到 with a code from elsewhere: the server’s message, and no one is marked', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: SECOND_SATURDAY,
        scanCode: 'https://example.com/not-ours',
        routes: rosterRoutes(() => reply(400, { code: 'BAD_REQUEST', message: '这不是本平台的签到码' })),
      },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    await page.tap('btn-scan-checkin')
    await page.waitFor(() => page.find('checkin-notice'), 'the result')
    expect(page.text(page.get('checkin-notice'))).toBe('签到未成功：这不是本平台的签到码')
    expect(texts(page, 'roster-count')[2]!.replace(/\s+/g, '')).toBe('本次已签到0')
  })

  test('a cancelled scan sends nothing and says nothing', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      { storage: STAFF_LOGGED_IN, now: SECOND_SATURDAY, scanCode: { errMsg: 'scanCode:fail cancel' }, routes: rosterRoutes() },
    )
    await page.waitFor(() => page.querySelectorAll('roster-entry').length === 6, 'the roster')
    await page.tap('btn-scan-checkin')
    await page.waitFor(() => page.callsOf('scanCode').length === 1, 'the scan')
    expect(posts(page)).toEqual([])
    expect(page.find('checkin-notice')).toBeUndefined()
  })

  test('截止报名 posts /close after confirming; then it can be reopened', async () => {
    const closed: ActivityDetail = { ...COURSE_DETAIL, status: 'closed', registration: 'closed' }
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: NOW,
        routes: {
          ...rosterRoutes(),
          'POST /api/staff/activities/:id/close': closed,
          'POST /api/staff/activities/:id/reopen': COURSE_DETAIL,
        },
      },
    )
    await page.waitFor(() => page.find('btn-close-registration'), 'the close button')
    expect(page.text(page.get('roster-head__registration'))).toBe('报名中 · 11月27日 18:00 截止')
    await page.tap('btn-close-registration')
    await page.waitFor(() => page.find('btn-reopen-registration'), 'the reopen button')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '截止报名' })
    expect(posts(page).map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/staff/activities/${COURSE.id}/close`])
    expect(page.text(page.get('roster-head__registration'))).toBe('报名已截止')
    expect(page.find('btn-close-registration')).toBeUndefined()
    // The roster itself is untouched.
    expect(page.querySelectorAll('roster-entry')).toHaveLength(6)

    await page.tap('btn-reopen-registration')
    await page.waitFor(() => page.find('btn-close-registration'), 'the close button again')
    expect(page.callsOf('showModal')[1]).toMatchObject({ title: '重新开放报名' })
    expect(page.callsOf('showModal')[1].content).toContain('11月27日 18:00')
    expect(posts(page).map((r) => r.path)).toEqual([
      `/api/staff/activities/${COURSE.id}/close`,
      `/api/staff/activities/${COURSE.id}/reopen`,
    ])
    expect(page.text(page.get('roster-head__registration'))).toBe('报名中 · 11月27日 18:00 截止')
  })

  test('重新开放报名 after the window is over: says to move the deadline first, sends nothing', async () => {
    const closed: Roster = { ...COURSE_ROSTER, activity: { ...COURSE_DETAIL, status: 'closed', registration: 'closed' } }
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      { storage: STAFF_LOGGED_IN, now: AFTER_FIRST, routes: { ...rosterRoutes(), 'GET /api/staff/activities/:id/roster': closed } },
    )
    await page.waitFor(() => page.find('btn-reopen-registration'), 'the reopen button')
    await page.tap('btn-reopen-registration')
    await page.waitFor(() => page.callsOf('showModal').length === 1, 'the message')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '报名时间已过' })
    expect(page.callsOf('showModal')[0].content).toContain('请先点“编辑”把报名截止时间延后')
    expect(posts(page)).toEqual([])
  })

  test('导出名单 downloads the CSV with the staff token and shares the file', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      {
        storage: STAFF_LOGGED_IN,
        now: NOW,
        downloadFile: { statusCode: 200, tempFilePath: 'wxfile://tmp/roster.csv' },
        routes: rosterRoutes(),
      },
    )
    await page.waitFor(() => page.find('btn-export-roster'), 'the export button')
    await page.tap('btn-export-roster')
    await page.waitFor(() => page.callsOf('shareFileMessage').length === 1, 'sharing the file')
    const [download] = page.callsOf('downloadFile')
    expect(download.url).toMatch(new RegExp(`/api/staff/activities/${COURSE.id}/roster\\.csv$`))
    expect(download.header).toEqual({ Authorization: `Bearer ${STAFF_SESSION.token}` })
    expect(page.callsOf('shareFileMessage')[0]).toMatchObject({ filePath: 'wxfile://tmp/roster.csv', fileName: '节气美育-名单.csv' })
  })

  test('导出名单 refused by the server: says so', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: COURSE.id },
      { storage: STAFF_LOGGED_IN, now: NOW, downloadFile: { statusCode: 500 }, routes: rosterRoutes() },
    )
    await page.waitFor(() => page.find('btn-export-roster'), 'the export button')
    await page.tap('btn-export-roster')
    await page.waitFor(() => page.callsOf('showModal').length === 1, 'the message')
    expect(page.callsOf('showModal')[0]).toMatchObject({ title: '导出未成功', content: '名单下载失败，请稍后重试' })
    expect(page.callsOf('shareFileMessage')).toEqual([])
  })

  test('another station’s activity: the server’s 404 in words', async () => {
    const page = await mountPage(
      ROSTER_PAGE,
      { id: LECTURE.id },
      {
        storage: STAFF_LOGGED_IN,
        routes: { 'GET /api/staff/activities/:id/roster': reply(404, { code: 'NOT_FOUND', message: '没有找到这个活动' }) },
      },
    )
    await page.waitFor(() => page.find('error-state'), 'the error')
    expect(page.text(page.get('error-state'))).toContain('没有找到这个活动')
  })
})
