/**
 * The workbench's administration pages on the weapp build (issue 14), as
 * jinpu-admin: 站点管理 (the tree, its search), 编辑站点 (the loaded station
 * with its 服务范围, a change sent as a patch of only that field), 导入 (a
 * file from a chat checked, then applied), 节假日安排, 账号管理 and one
 * account, 操作日志 and 我的账号 — each also in 长辈模式 (the page's root
 * carries `elder`; the pages have no other mode-specific layout).
 */
import { mountPage, reply, type MountedPage } from './harness'
import {
  ACCOUNT,
  ACCOUNTS,
  ADMIN_ME,
  adminStorage,
  AUDIT,
  CALENDAR_2027,
  IMPORT_REPORT,
  MINXIN_STATION,
  SESSIONS,
  TREE,
} from './admin-fixtures'

const type = (page: MountedPage, cls: string, value: string) => page.trigger(cls, 'input', { value, cursor: value.length, keyCode: 0 })
const ME = { 'GET /api/staff/me': ADMIN_ME }

describe.each([false, true])('administration pages (长辈模式: %s)', (elder) => {
  const storage = adminStorage(ADMIN_ME)
  // WeChat's large font size turns 长辈模式 on, as on a phone (elder.test.ts).
  const fontSizeSetting = elder ? 22 : 17
  /** The page's root carries `page`, and `elder` in 长辈模式 (the design tokens switch on it). */
  const modeOk = (page: MountedPage) => expect(page.get('page').dom.className.split(' ').includes('elder')).toBe(elder)

  test('站点管理: the tree with counts and the closed station said in words; the search narrows it', async () => {
    const page = await mountPage(
      'packages/workbench/stations/index',
      {},
      { storage, fontSizeSetting, routes: { ...ME, 'GET /api/admin/stations': { items: TREE } } },
    )
    await page.waitFor(() => page.querySelectorAll('station-node').length > 0, 'the tree')
    const text = page.text()
    expect(text).toContain('管辖 4 个站点，其中 1 个已停止服务')
    expect(text).toContain('先进街道社工站')
    expect(text).toContain('3 名工作人员')
    expect(text).toContain('5 条进行中求助')
    expect(text).toContain('已停止服务')
    await type(page, 'stations-search__input', '民馨')
    await page.waitFor(() => page.querySelectorAll('station-node').length < 4, 'the search')
    expect(page.text(page.querySelectorAll('station-node').at(-1))).toContain('民馨社区社会工作室')
    modeOk(page)
    expect(page.consoleErrors).toEqual([])
  })

  test('编辑站点: the station loads with its 服务范围; changing it sends only that field', async () => {
    const patches: unknown[] = []
    const page = await mountPage(
      'packages/workbench/station-edit/index',
      { id: MINXIN_STATION.id },
      {
        storage,
        fontSizeSetting,
        routes: {
          ...ME,
          'GET /api/admin/stations': { items: TREE },
          'GET /api/admin/stations/:id': MINXIN_STATION,
          'PATCH /api/admin/stations/:id': (req) => {
            patches.push(req.data)
            return { ...MINXIN_STATION, coverage: ['和兴社区'] }
          },
        },
      },
    )
    await page.waitFor(() => page.find('station-coverage') !== undefined, 'the form')
    expect(page.text()).toContain('服务范围（选填）')
    expect(page.text()).toContain('2027-02-16全天闭站')
    await type(page, 'station-coverage', '和兴社区')
    await page.tap('btn-station-save')
    await page.waitFor(() => patches.length === 1, 'the patch')
    expect(patches[0]).toEqual({ coverage: ['和兴社区'] })
    modeOk(page)
    expect(page.consoleErrors).toEqual([])
  })

  test('编辑站点: a 服务范围 name over the limit is said next to the field, and nothing is sent', async () => {
    const page = await mountPage(
      'packages/workbench/station-edit/index',
      { id: MINXIN_STATION.id },
      {
        storage,
        fontSizeSetting,
        routes: { ...ME, 'GET /api/admin/stations': { items: TREE }, 'GET /api/admin/stations/:id': MINXIN_STATION },
      },
    )
    await page.waitFor(() => page.find('station-coverage') !== undefined, 'the form')
    await type(page, 'station-coverage', `和兴社区、${'长'.repeat(31)}`)
    await page.tap('btn-station-save')
    await page.waitFor(() => page.text().includes('超过 30 个字'), 'the error')
    expect(page.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  test('导入: a workbook from a chat is checked (two wrong rows, nothing written), then a clean one applied', async () => {
    const uploads: string[] = []
    const page = await mountPage(
      'packages/workbench/station-import/index',
      {},
      {
        storage,
        fontSizeSetting,
        messageFile: { name: '新建工作室.xlsx' },
        routes: {
          ...ME,
          'POST /api/admin/stations/import': (req) => {
            uploads.push(String(req.query.dryRun))
            if (uploads.length === 1) return reply(422, { code: 'IMPORT_INVALID', message: '表格有 2 行需要修改', report: IMPORT_REPORT })
            const clean = { ...IMPORT_REPORT, summary: { ...IMPORT_REPORT.summary, errors: 0 }, rows: IMPORT_REPORT.rows.slice(2) }
            return req.query.dryRun === 'true' ? clean : { ...clean, dryRun: false, applied: true }
          },
        },
      },
    )
    await page.tap('btn-choose-file')
    await page.waitFor(() => page.text().includes('检查未通过'), 'the report')
    expect(page.text()).toContain('第 6 行「电话」格式不正确')
    expect(page.text()).toContain('有错误 2')
    expect(page.find('btn-apply-import')).toBeUndefined()
    await page.tap('btn-choose-file')
    await page.waitFor(() => page.find('btn-apply-import') !== undefined, 'the clean check')
    expect(page.text()).toContain('确认导入（新增 18、修改 1）')
    await page.tap('btn-apply-import')
    await page.waitFor(() => page.text().includes('导入完成'), 'the import')
    expect(uploads).toEqual(['true', 'true', 'false'])
    modeOk(page)
  })

  test('节假日安排: next year’s days as the admin entered them; a day removed; saving without a date says so', async () => {
    const deleted: string[] = []
    const page = await mountPage(
      'packages/workbench/calendar/index',
      {},
      {
        storage,
        fontSizeSetting,
        now: '2027-01-05T02:00:00.000Z',
        routes: {
          ...ME,
          'GET /api/admin/calendar': CALENDAR_2027,
          'DELETE /api/admin/calendar/:date': (req) => {
            deleted.push(req.params.date!)
            return { ...CALENDAR_2027, days: CALENDAR_2027.days.filter((d) => d.date !== req.params.date) }
          },
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('calendar-day__date').length === 3, 'the days')
    expect(page.text()).toContain('2027-02-14')
    await page.tap('btn-calendar-save')
    await page.waitFor(() => page.text().includes('请选择日期'), 'the error')
    await page.tap(page.querySelectorAll('btn-calendar-remove')[0]!)
    await page.waitFor(() => page.querySelectorAll('calendar-day__date').length === 2, 'the removal')
    expect(deleted).toEqual(['2027-02-06'])
    modeOk(page)
  })

  test('账号管理 and one account: the list with roles and status in words; the account’s page', async () => {
    const list = await mountPage(
      'packages/workbench/accounts/index',
      {},
      { storage, fontSizeSetting, routes: { ...ME, 'GET /api/admin/accounts': ACCOUNTS } },
    )
    await list.waitFor(() => list.querySelectorAll('account-item__name').length === 2, 'the accounts')
    expect(list.text()).toContain('王社工')
    expect(list.text()).toContain('已停用')
    modeOk(list)
    const one = await mountPage(
      'packages/workbench/account/index',
      { id: ACCOUNT.id },
      {
        storage,
        fontSizeSetting,
        routes: {
          ...ME,
          'GET /api/admin/accounts/:id': ACCOUNT,
          'GET /api/admin/accounts': ACCOUNTS,
          'GET /api/admin/stations': { items: TREE },
        },
      },
    )
    await one.waitFor(() => one.text().includes('xianjin-wang'), 'the account')
    expect(one.find('btn-reset-password')).toBeDefined()
    expect(one.find('btn-disable-account')).toBeDefined()
    modeOk(one)
    expect([...list.consoleErrors, ...one.consoleErrors]).toEqual([])
  })

  test('操作日志: who changed which field, before and after', async () => {
    const page = await mountPage(
      'packages/workbench/audit/index',
      {},
      { storage, fontSizeSetting, routes: { ...ME, 'GET /api/admin/audit': AUDIT, 'GET /api/admin/stations': { items: TREE } } },
    )
    await page.waitFor(() => page.querySelectorAll('audit-entry').length === 1, 'the log')
    const entry = page.text(page.querySelectorAll('audit-entry')[0])
    expect(entry).toContain('修改站点「民馨社区社会工作室」')
    expect(entry).toContain('吴管理员')
    expect(entry).toContain('服务范围')
    expect(entry).toContain('和兴社区、和平社区')
    modeOk(page)
  })

  test('我的账号: the sessions, signing the others out, and a new password checked before it is sent', async () => {
    let signedOut = 0
    const page = await mountPage(
      'packages/workbench/me/index',
      {},
      {
        storage,
        fontSizeSetting,
        routes: {
          ...ME,
          'GET /api/staff/me/sessions': SESSIONS,
          'POST /api/staff/me/sessions/sign-out-others': () => ({ signedOut: ++signedOut }),
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('my-session').length === 2, 'the sessions')
    await page.tap('btn-sign-out-others')
    await page.waitFor(() => signedOut === 1, 'sign out')
    await type(page, 'my-current-password', 'shegong2026')
    await type(page, 'my-new-password', 'jinpu-admin-2027')
    await type(page, 'my-repeat-password', 'jinpu-admin-2027')
    await page.tap('btn-change-password')
    await page.waitFor(() => page.querySelectorAll('field__error').length > 0, 'the refusal')
    expect(page.requests.filter((r) => r.path === '/api/staff/me/password')).toEqual([])
    modeOk(page)
  })
})
