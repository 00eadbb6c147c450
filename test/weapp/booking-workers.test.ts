/**
 * 预约服务 per worker on the weapp build, in both modes: 预约服务设置's
 * 按社工设置时段 (a group per colleague with their weekly hours, a group
 * without a worker refused before sending, the body's windows with their
 * workerId, the list naming each worker's hours), and the resident's slots
 * 「由 X 接待」 with the worker sent in the booking.
 */
import type { BookableService, Colleague, SlotDay } from '../../contract/types'
import { cstInstant } from '../../domain/chinaTime'
import { mountPage, type MountedPage, type MountOptions } from './harness'
import { LOGGED_IN, RESIDENT_SESSION, STAFF_LOGGED_IN } from './request-fixtures'
import { FAMILY } from './activity-fixtures'
import { MOTHER_BOOKING, NOW, PSY, STAFF_DAY } from './booking-fixtures'

const SETTINGS = 'packages/workbench/bookable/index'
const NEW = 'packages/booking/new/index'
const LIU = '0b7c1a52-0000-4000-8000-0000000000ee'
const WANG = '0b7c1a52-0000-4000-8000-0000000000dd'
const COLLEAGUES: Colleague[] = [
  { id: LIU, nickname: '刘芳', role: 'staff', openCount: 0, workloadCap: null },
  { id: WANG, nickname: '王社工', role: 'staff', openCount: 1, workloadCap: null },
]
const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n).replace(/\s+/g, ' ').trim())

async function chooseOption(page: MountedPage, label: string) {
  const option = page.querySelectorAll('option').find((o) => page.text(o).replace(/^✓ /, '') === label)
  if (!option) throw new Error(`no option 「${label}」: ${page.text()}`)
  await page.tap(option)
}

const slot = (time: string, worker: { id: string; name: string } | null, state: 'free' | 'full' = 'free') => {
  const start = cstInstant('2026-11-25', time)
  const end = new Date(start.getTime() + 3600_000)
  return { startsAt: start.toISOString(), endsAt: end.toISOString(), worker, capacity: 1, taken: state === 'full' ? 1 : 0, state }
}
const PER_WORKER: BookableService = {
  ...PSY,
  availability: [
    { weekdays: [3], open: '09:00', close: '11:00', workerId: LIU },
    { weekdays: [3], open: '10:00', close: '12:00', workerId: WANG },
  ],
  workers: [
    { id: LIU, name: '刘芳' },
    { id: WANG, name: '王社工' },
  ],
  workerName: null,
}
const DAY: SlotDay = {
  date: '2026-11-25',
  note: null,
  slots: [
    slot('09:00', { id: LIU, name: '刘芳' }),
    slot('10:00', { id: LIU, name: '刘芳' }, 'full'),
    slot('10:00', { id: WANG, name: '王社工' }),
    slot('11:00', { id: WANG, name: '王社工' }),
  ],
}

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard'
  const modeOpts: MountOptions = { fontSizeSetting: elder ? 22 : 17 }

  test(`${mode}: 按社工设置时段 — a group per colleague with their hours, refused without a worker, sent with workerId, listed by worker`, async () => {
    const page = await mountPage(
      SETTINGS,
      {},
      {
        ...modeOpts,
        now: NOW,
        storage: STAFF_LOGGED_IN,
        routes: {
          'GET /api/staff/bookable': { items: [PSY] },
          'GET /api/staff/colleagues': { items: COLLEAGUES },
          'PATCH /api/staff/bookable/:id': (req) => {
            const patch = req.data as Partial<BookableService>
            return { ...PSY, ...patch, workers: [{ id: WANG, name: '王社工' }] }
          },
        },
      },
    )
    const root = await page.waitFor(() => page.find('page-workbench-bookable'))
    expect(root.dom.className.includes('elder')).toBe(elder)
    await page.waitFor(() => page.querySelectorAll('bookable-item').length === 1, 'the service')
    await page.tap('btn-edit-bookable')
    await page.waitFor(() => page.find('bookable-form'), 'the edit form')
    await page.tap('btn-add-worker-window')
    await page.waitFor(() => page.find('worker-window'), 'a group')
    // The colleagues are offered by name.
    expect(page.text(page.get('worker-window'))).toContain('刘芳')
    expect(page.text(page.get('worker-window'))).toContain('王社工')
    await page.tap('btn-save-bookable')
    await page.waitFor(() => page.text().includes('第 1 组请选择接待的社工'), 'the refusal')
    expect(page.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0)

    await chooseOption(page, '王社工')
    await page.input('worker-window__hours', '周二、周四 14:00-16:00')
    await page.tap('btn-save-bookable')
    await page.waitFor(() => page.find('bookable-item'), 'back to the list')
    const patch = page.requests.find((r) => r.method === 'PATCH')!
    expect((patch.data as BookableService).availability).toEqual([
      ...PSY.availability,
      { weekdays: [2, 4], open: '14:00', close: '16:00', workerId: WANG },
    ])
    // The list names the worker beside their own hours.
    const item = page.text(page.get('bookable-item')).replace(/\s+/g, ' ')
    expect(item).toContain('王社工')
    expect(item).toContain('周二、周四 14:00-16:00')

    // Removing the group sends the service's windows without it.
    await page.tap('btn-edit-bookable')
    await page.waitFor(() => page.find('worker-window'), 'the group read back')
    expect(texts(page, 'worker-window__title')).toEqual(['第 1 组'])
    await page.tap('btn-remove-worker-window')
    expect(page.querySelectorAll('worker-window')).toHaveLength(0)
    await page.tap('btn-save-bookable')
    await page.waitFor(() => page.requests.filter((r) => r.method === 'PATCH').length === 2, 'the second save')
    expect((page.requests.filter((r) => r.method === 'PATCH')[1]!.data as BookableService).availability).toEqual(PSY.availability)
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: the resident sees 「由 X 接待」 on each slot; two workers at 10:00 are two buttons; the booking names the worker`, async () => {
    const page = await mountPage(
      NEW,
      { serviceId: PER_WORKER.id },
      {
        ...modeOpts,
        now: NOW,
        storage: LOGGED_IN,
        routes: {
          'GET /api/bookable/:id/slots': { service: PER_WORKER, days: [DAY] },
          'POST /api/bookings': { ...MOTHER_BOOKING, worker: { id: WANG, name: '王社工' } },
          'POST /api/auth/wechat': RESIDENT_SESSION,
          'GET /api/me/family': FAMILY,
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('slot').length === 4, 'the slots')
    expect(texts(page, 'slot')).toEqual([
      '09:00-10:00由 刘芳 社工接待可预约',
      '10:00-11:00由 刘芳 社工接待已约满',
      '10:00-11:00由 王社工 接待可预约',
      '11:00-12:00由 王社工 接待可预约',
    ])
    await page.tap(page.querySelectorAll('slot')[2]!)
    expect(texts(page, 'slot--chosen')).toEqual(['✓ 10:00-11:00由 王社工 接待可预约'])
    expect(page.text(page.get('book-form__worker'))).toBe('由 王社工 接待')
    await page.input('person-name', '王芳')
    await page.input('contact-name', '王芳')
    await page.input('contact-phone', '13812345678')
    await page.tap('btn-confirm-booking')
    await page.waitFor(() => page.find('book-result'), '预约成功')
    const post = page.requests.find((r) => r.method === 'POST' && r.path === '/api/bookings')!
    expect(post.data).toMatchObject({ startsAt: DAY.slots[2]!.startsAt, workerId: WANG })
    expect(page.text(page.get('book-result'))).toContain('由 王社工 接待')
    expect(page.consoleErrors).toEqual([])
  })

  test(`${mode}: 预约管理 — a booking whose worker’s account was disabled says it needs another worker; the others do not`, async () => {
    const [talk, visit] = STAFF_DAY.items
    const page = await mountPage(
      'packages/workbench/bookings/index',
      {},
      {
        ...modeOpts,
        now: '2026-11-25T03:00:00.000Z',
        storage: STAFF_LOGGED_IN,
        routes: {
          'GET /api/staff/bookings': { items: [{ ...talk!, worker: { id: WANG, name: '王社工' }, needsWorker: true }, visit!] },
        },
      },
    )
    await page.waitFor(() => page.querySelectorAll('staff-booking').length === 2, 'two bookings')
    expect(texts(page, 'staff-booking__needs-worker')).toEqual(['王社工的账号已停用，请点「改期」改由其他社工接待'])
    expect(page.text(page.querySelectorAll('staff-booking')[0]!)).toContain('王社工的账号已停用')
    expect(page.text(page.querySelectorAll('staff-booking')[1]!)).not.toContain('已停用')
    expect(page.consoleErrors).toEqual([])
  })
}
