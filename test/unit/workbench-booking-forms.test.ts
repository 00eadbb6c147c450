/**
 * 预约服务设置 and 登记预约与停约's forms (src/packages/workbench/bookable/form.ts,
 * booking-desk/form.ts): a service ⇄ the form's texts, what to fix before
 * sending, and the bodies sent.
 */
import { bookableFormOf, EMPTY_BOOKABLE, validateBookable } from '@/packages/workbench/bookable/form'
import { blockBody, counterBody, EMPTY_BLOCK, EMPTY_COUNTER } from '@/packages/workbench/booking-desk/form'
import { DAYS, PSY } from '../weapp/booking-fixtures'

describe('预约服务设置', () => {
  test('a service reads back into the form and out again unchanged', () => {
    const form = bookableFormOf(PSY)
    expect(form.availability).toBe('周一至周五 09:00-11:00、14:00-17:00')
    const { body, errors } = validateBookable(form)
    expect(errors).toEqual({})
    const { id: _id, station: _station, active: _active, workers: _workers, ...settings } = PSY
    expect(body).toEqual(settings)
  })

  test('按社工设置时段: each worker’s windows read back into their own group, and out again with the worker', () => {
    const LIU = '0d0c0b0a-0000-4000-8000-000000000001'
    const WANG = '0d0c0b0a-0000-4000-8000-000000000002'
    const service = {
      ...PSY,
      availability: [
        { weekdays: [6], open: '09:00', close: '11:00' },
        { weekdays: [1, 3], open: '09:00', close: '11:00', workerId: LIU },
        { weekdays: [2], open: '14:00', close: '16:00', workerId: WANG },
        { weekdays: [4], open: '14:00', close: '16:00', workerId: LIU },
      ],
      workers: [
        { id: LIU, name: '刘芳' },
        { id: WANG, name: '王社工' },
      ],
    }
    const form = bookableFormOf(service)
    expect(form.availability).toBe('周六 09:00-11:00')
    expect(form.workerWindows).toEqual([
      { workerId: LIU, hours: '周一、周三 09:00-11:00；周四 14:00-16:00' },
      { workerId: WANG, hours: '周二 14:00-16:00' },
    ])
    const { body, errors } = validateBookable(form)
    expect(errors).toEqual({})
    expect(body!.availability).toEqual([
      { weekdays: [6], open: '09:00', close: '11:00' },
      { weekdays: [1, 3], open: '09:00', close: '11:00', workerId: LIU },
      { weekdays: [4], open: '14:00', close: '16:00', workerId: LIU },
      { weekdays: [2], open: '14:00', close: '16:00', workerId: WANG },
    ])
    const name = (id: string) => service.workers.find((w) => w.id === id)!.name
    // A group without a worker, with hours that do not read, or a worker twice: said with the group's number and worker.
    expect(validateBookable({ ...form, workerWindows: [{ workerId: '', hours: '周一 09:00-10:00' }] }, name).errors).toEqual({
      workerWindows: '第 1 组请选择接待的社工',
    })
    expect(validateBookable({ ...form, workerWindows: [{ workerId: LIU, hours: '每天上午' }] }, name).errors).toEqual({
      workerWindows: '第 1 组（刘芳）的时段请按「周一至周五 09:00-11:00、14:00-17:00」填写',
    })
    const twice = [form.workerWindows[0]!, { workerId: LIU, hours: '周五 09:00-10:00' }]
    expect(validateBookable({ ...form, workerWindows: twice }, name).errors.workerWindows).toBe(
      '第 2 组（刘芳）：这位社工已有一组时段，请写在同一组里',
    )
  })

  test('empty availability is the station’s hours; bad numbers and hours are said next to their fields', () => {
    expect(validateBookable({ ...EMPTY_BOOKABLE, name: '谈心' }).body).toMatchObject({ availability: [], workerName: null })
    const { body, errors } = validateBookable({
      ...EMPTY_BOOKABLE,
      capacity: '0',
      durationMinutes: '5',
      cutoffMinutes: '-1',
      availability: '周一 11:00-09:00',
    })
    expect(body).toBeNull()
    expect(errors).toEqual({
      name: '请填写服务名称，例如：心理疏导谈心',
      capacity: '每个时段人数请填 1 到 500 之间的整数',
      durationMinutes: '每次时长请填 10 到 480 之间的整数',
      cutoffMinutes: '截止时间请填 0 到 10080 之间的整数',
      availability: '请按「周一至周五 09:00-11:00、14:00-17:00」填写，几组用“；”隔开；留空则按本站开放时间',
    })
  })
})

describe('预约服务设置: who can book it', () => {
  test('an age range: empty ends are open, numbers within 0–120, the upper not below the lower', () => {
    const form = { ...EMPTY_BOOKABLE, name: '长者健康咨询' }
    expect(validateBookable({ ...form, minAge: '60' }).body).toMatchObject({ minAge: 60, maxAge: null })
    expect(validateBookable({ ...form, minAge: ' ', maxAge: '13' }).body).toMatchObject({ minAge: null, maxAge: 13 })
    expect(validateBookable({ ...form, minAge: '130' }).errors).toEqual({ minAge: '最小年龄请填 0 到 120 之间的整数' })
    expect(validateBookable({ ...form, minAge: '70', maxAge: '60' }).errors).toEqual({ maxAge: '年龄上限（60 岁）不能小于下限（70 岁）' })
    expect(bookableFormOf({ ...PSY, minAge: 60, maxAge: null })).toMatchObject({ minAge: '60', maxAge: '' })
  })

  test('the counter asks the birth date of a service with a range, checks it, and sends it', () => {
    const elders = { ...PSY, audience: 'elderly' as const, minAge: 60, maxAge: null }
    const slot = DAYS[1]!.slots[1]!
    const form = { ...EMPTY_COUNTER, serviceId: elders.id, personName: '赵大爷', contactName: '赵大爷', contactPhone: '13900001111' }
    expect(counterBody(form, slot, elders).errors).toEqual({ birthDate: '这项服务面向 60 岁以上，请填写出生日期' })
    expect(counterBody({ ...form, birthDate: '2000-01-01' }, slot, elders).errors.birthDate).toContain('赵大爷预约当天 26 岁')
    expect(counterBody({ ...form, birthDate: '1955-06-01' }, slot, elders).body).toMatchObject({ birthDate: '1955-06-01' })
    // Without a range the birth date is neither asked nor sent.
    expect(counterBody({ ...form, birthDate: '1955-06-01' }, slot, PSY).body).not.toHaveProperty('birthDate')
  })

  test('停约 for one worker sends their id; for the whole station none', () => {
    const times = { startsAt: '2026-11-25T01:00:00.000Z', endsAt: '2026-11-25T03:00:00.000Z', reason: '请假' }
    expect(blockBody('block', { ...EMPTY_BLOCK, ...times, workerId: 'w1' }).body).toMatchObject({ kind: 'block', workerId: 'w1' })
    expect(blockBody('block', { ...EMPTY_BLOCK, ...times }).body).not.toHaveProperty('workerId')
  })
})

describe('登记预约与停约', () => {
  const slot = DAYS[1]!.slots[1]!
  test('a counter booking needs a slot, the person, and a phone; 本人 sends no relationship', () => {
    expect(counterBody({ ...EMPTY_COUNTER, serviceId: PSY.id }, null).errors).toEqual({
      slot: '请选择一个时段',
      personName: '请填写来预约的人的姓名',
      contactName: '请填写居民称呼',
      contactPhone: '请填写 11 位手机号，或带区号的固定电话',
    })
    const { body } = counterBody(
      {
        ...EMPTY_COUNTER,
        serviceId: PSY.id,
        personName: ' 李大爷 ',
        relationship: '父亲',
        contactName: '李大爷',
        contactPhone: '13900001111',
      },
      slot,
    )
    expect(body).toEqual({
      serviceId: PSY.id,
      startsAt: slot.startsAt,
      channel: 'counter',
      forWhom: 'self',
      personName: '李大爷',
      contactName: '李大爷',
      contactPhone: '13900001111',
    })
  })

  test('停约 for the whole station needs no service; 加开 does; the end comes after the start', () => {
    const times = { startsAt: '2026-11-26T01:00:00.000Z', endsAt: '2026-11-26T09:00:00.000Z', reason: '外出培训' }
    expect(blockBody('block', { ...EMPTY_BLOCK, ...times }).body).toEqual({ kind: 'block', ...times })
    expect(blockBody('open', { ...EMPTY_BLOCK, ...times }).errors).toEqual({ serviceId: '加开时段要选择是哪项服务' })
    expect(blockBody('block', { ...EMPTY_BLOCK, ...times, endsAt: times.startsAt }).errors).toEqual({ endsAt: '结束时间要晚于开始时间' })
    expect(blockBody('open', { ...EMPTY_BLOCK, ...times, serviceId: PSY.id }).body).toEqual({ kind: 'open', serviceId: PSY.id, ...times })
  })
})
