/** 预约服务's pure rules (domain/booking.ts, domain/bookingIcs.ts): slots, closures, cut-off, horizon, capacity, settings, the .ics file. */
import { makeCalendar, type WeeklyHours } from '../../domain/calendar'
import { cstInstant } from '../../domain/chinaTime'
import {
  audienceText,
  bookingChoices,
  bookingEligibility,
  changeRefusal,
  nextFree,
  outcomeRefusal,
  perPersonRefusal,
  pickSlot,
  receptionText,
  serviceRefusal,
  slotKey,
  slotDays,
  slotRefusal,
  slotStarts,
  type BookableRules,
  type SlotSource,
} from '../../domain/booking'
import { foldLine, icsOf } from '../../domain/bookingIcs'

const WEEKDAYS: WeeklyHours[] = [
  { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
  { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
  { weekdays: [6], open: '09:00', close: '11:30' },
]
const rules = (over: Partial<BookableRules> = {}): BookableRules => ({
  durationMinutes: 60,
  capacity: 1,
  horizonDays: 14,
  cutoffMinutes: 120,
  availability: [],
  ...over,
})
// 2026-12-01 is a Tuesday; 12-02 a made-up holiday; 12-05 (Saturday) a made-up 调休 working day.
const calendar = makeCalendar([
  { date: '2026-12-02', kind: 'holiday', name: '测试节' },
  { date: '2026-12-05', kind: 'workday', name: '测试节' },
])
const source = (over: Partial<SlotSource> = {}): SlotSource => ({
  serviceId: 'svc',
  rules: rules(),
  stationWeekly: WEEKDAYS,
  calendar,
  exceptions: [],
  blocks: [],
  taken: new Map(),
  ...over,
})
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
const times = (date: string, s: SlotSource) => slotStarts(date, s).starts.map(hhmm)
const NOW = cstInstant('2026-12-01', '10:00')

describe('slots of a day', () => {
  test('a service without its own windows is cut from the station’s hours by its length', () => {
    expect(times('2026-12-01', source())).toEqual(['08:30', '09:30', '10:30', '13:30', '14:30', '15:30', '16:30'])
    expect(times('2026-12-01', source({ rules: rules({ durationMinutes: 30 }) }))).toHaveLength(14)
  })

  test('its own windows (工作日午间及下班后) apply on the days the station is open, even outside its posted hours', () => {
    const own = rules({
      durationMinutes: 30,
      availability: [
        { weekdays: [1, 2, 3, 4, 5], open: '12:00', close: '13:00' },
        { weekdays: [1, 2, 3, 4, 5], open: '18:00', close: '19:30' },
      ],
    })
    expect(times('2026-12-01', source({ rules: own }))).toEqual(['12:00', '12:30', '18:00', '18:30', '19:00'])
    // Sunday: the station is closed, so the service is too.
    expect(times('2026-12-06', source({ rules: own }))).toEqual([])
  })

  test('a public holiday removes every slot and says why', () => {
    const day = slotStarts('2026-12-02', source())
    expect(day.starts).toEqual([])
    expect(day.note).toBe('测试节休息')
    expect(slotRefusal(cstInstant('2026-12-02', '09:30'), NOW, source())).toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      field: 'startsAt',
      message: expect.stringContaining('测试节休息'),
    })
  })

  test('a station closure removes the slots; other hours on an exception day are cut instead', () => {
    const closed = source({ exceptions: [{ from: '2026-12-03', to: '2026-12-04', hours: [], reason: '社工外出培训' }] })
    expect(times('2026-12-03', closed)).toEqual([])
    expect(times('2026-12-04', closed)).toEqual([])
    expect(slotStarts('2026-12-03', closed).note).toBe('社工外出培训')
    const short = source({
      exceptions: [{ from: '2026-12-03', to: '2026-12-03', hours: [{ open: '09:00', close: '11:00' }], reason: '下午开会' }],
    })
    expect(times('2026-12-03', short)).toEqual(['09:00', '10:00'])
  })

  test('a day of shortened hours (09:00–11:00 「下午开会」) keeps a service’s own windows only within them, on their grid', () => {
    const own = rules({
      availability: [
        { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
        { weekdays: [1, 2, 3, 4, 5], open: '14:00', close: '17:00', workerId: 'li' },
      ],
    })
    const short = source({
      rules: own,
      exceptions: [{ from: '2026-12-03', to: '2026-12-03', hours: [{ open: '09:00', close: '11:00' }], reason: '下午开会' }],
    })
    // 08:30–11:30 on its 30-past grid within 09:00–11:00: 09:30 only; no afternoon.
    expect(times('2026-12-03', short)).toEqual(['09:30'])
    expect(slotStarts('2026-12-03', short).note).toBe('下午开会')
    expect(slotRefusal(cstInstant('2026-12-03', '14:00'), NOW, short, 'startsAt', 'li')).toMatchObject({ code: 'SLOT_UNAVAILABLE' })
    // The day after, an ordinary Friday, has both windows.
    expect(times('2026-12-04', short)).toEqual(['08:30', '09:30', '10:30', '14:00', '15:00', '16:00'])
    // Hours that hold a whole window leave it as it is (18:00–20:00 extra hours, window 18:00–19:00).
    const evening = source({
      rules: rules({ availability: [{ weekdays: [4], open: '18:00', close: '19:00' }] }),
      exceptions: [{ from: '2026-12-03', to: '2026-12-03', hours: [{ open: '18:00', close: '20:00' }], reason: '晚间开放' }],
    })
    expect(times('2026-12-03', evening)).toEqual(['18:00'])
  })

  test('a 调休 Saturday is an ordinary working day: the station’s working-day hours, or the service’s Monday windows', () => {
    expect(times('2026-12-05', source())).toEqual(['08:30', '09:30', '10:30', '13:30', '14:30', '15:30', '16:30'])
    const own = rules({
      availability: [
        { weekdays: [1, 2, 3, 4, 5], open: '14:00', close: '16:00' },
        { weekdays: [6], open: '09:00', close: '10:00' },
      ],
    })
    expect(times('2026-12-05', source({ rules: own }))).toEqual(['14:00', '15:00'])
    // An ordinary Saturday (12-12) uses the Saturday window.
    expect(times('2026-12-12', source({ rules: own }))).toEqual(['09:00'])
  })

  test('staff blocks remove the slots they overlap; an opening adds slots to one service only', () => {
    const blocks = [
      {
        kind: 'block' as const,
        serviceId: null,
        startsAt: cstInstant('2026-12-01', '14:00'),
        endsAt: cstInstant('2026-12-01', '15:00'),
        reason: '外出',
      },
      {
        kind: 'open' as const,
        serviceId: 'svc',
        startsAt: cstInstant('2026-12-01', '18:00'),
        endsAt: cstInstant('2026-12-01', '20:00'),
        reason: '加开',
      },
      {
        kind: 'open' as const,
        serviceId: 'other',
        startsAt: cstInstant('2026-12-01', '20:00'),
        endsAt: cstInstant('2026-12-01', '21:00'),
        reason: '别的服务',
      },
    ]
    expect(times('2026-12-01', source({ blocks }))).toEqual(['08:30', '09:30', '10:30', '15:30', '16:30', '18:00', '19:00'])
    // Another service's block does not touch this one.
    expect(times('2026-12-01', source({ blocks: [{ ...blocks[0]!, serviceId: 'other' }] }))).toHaveLength(7)
  })
})

describe('what can be booked now', () => {
  test('past slots are left out, those within the cut-off are closed, full ones are shown as full', () => {
    const taken = new Map([[cstInstant('2026-12-01', '13:30').toISOString(), 1]])
    const [today] = slotDays('2026-12-01', '2026-12-01', NOW, source({ taken }))
    expect(today!.slots.map((s) => [hhmm(new Date(s.startsAt)), s.state])).toEqual([
      ['10:30', 'closed'],
      ['13:30', 'full'],
      ['14:30', 'free'],
      ['15:30', 'free'],
      ['16:30', 'free'],
    ])
    expect(nextFree([today!], 2).map((s) => hhmm(new Date(s.startsAt)))).toEqual(['14:30', '15:30'])
    // Alternatives to a wanted slot: the nearest after it first, then before it.
    expect(nextFree([today!], 3, cstInstant('2026-12-01', '15:30').toISOString()).map((s) => hhmm(new Date(s.startsAt)))).toEqual([
      '16:30',
      '14:30',
    ])
  })

  test('a room with capacity N is full only at N', () => {
    const at = cstInstant('2026-12-03', '09:30').toISOString()
    const days = (n: number) =>
      slotDays('2026-12-03', '2026-12-03', NOW, source({ rules: rules({ capacity: 12 }), taken: new Map([[at, n]]) }))
    expect(days(11)[0]!.slots.find((s) => s.startsAt === at)).toMatchObject({ taken: 11, capacity: 12, state: 'free' })
    expect(days(12)[0]!.slots.find((s) => s.startsAt === at)!.state).toBe('full')
  })

  test('the listing stops at the horizon; asking earlier than today starts today', () => {
    const days = slotDays('2026-11-01', '2027-03-01', NOW, source())
    expect(days[0]!.date).toBe('2026-12-01')
    expect(days[days.length - 1]!.date).toBe('2026-12-15')
  })

  test('refusals: past, within the cut-off, past the horizon, no such slot', () => {
    const s = source()
    expect(slotRefusal(cstInstant('2026-12-01', '09:30'), NOW, s)!.message).toContain('已经过去')
    expect(slotRefusal(cstInstant('2026-12-01', '10:30'), NOW, s)!.message).toContain('开始前 2 小时')
    expect(slotRefusal(cstInstant('2026-12-16', '09:30'), NOW, s)!.message).toContain('14 天内')
    expect(slotRefusal(cstInstant('2026-12-03', '09:45'), NOW, s)!.message).toContain('不在可预约的时段内')
    expect(slotRefusal(cstInstant('2026-12-06', '09:30'), NOW, s)!.message).toContain('不在可预约的时段内')
    expect(slotRefusal(cstInstant('2026-12-15', '16:30'), NOW, s)).toBeNull()
    expect(slotRefusal(cstInstant('2026-12-01', '13:30'), NOW, s)).toBeNull()
  })

  test('one booking per person per service per day, unless the service allows more', () => {
    expect(perPersonRefusal(0, 1)).toBeNull()
    expect(perPersonRefusal(1, 1)).toMatchObject({ code: 'ALREADY_BOOKED' })
    expect(perPersonRefusal(1, 2)).toBeNull()
    expect(perPersonRefusal(2, 2)!.message).toContain('最多预约这项服务 2 次')
  })

  test('reschedule and cancel up to the cut-off; outcomes from the day itself', () => {
    const b = { status: 'booked', startsAt: cstInstant('2026-12-01', '13:30') }
    expect(changeRefusal(b, { cutoffMinutes: 120 }, cstInstant('2026-12-01', '11:30'))).toBeNull()
    expect(changeRefusal(b, { cutoffMinutes: 120 }, cstInstant('2026-12-01', '11:31'))).toMatchObject({ code: 'BOOKING_STATE' })
    expect(changeRefusal({ ...b, status: 'cancelled' }, { cutoffMinutes: 120 }, NOW)!.message).toBe('这条预约已取消')
    expect(outcomeRefusal(b, cstInstant('2026-11-30', '18:00'))).toMatchObject({ code: 'BOOKING_STATE' })
    expect(outcomeRefusal(b, cstInstant('2026-12-01', '08:00'))).toBeNull()
    expect(outcomeRefusal({ ...b, status: 'cancelled' }, NOW)).toMatchObject({ code: 'BOOKING_STATE' })
  })
})

describe('weekly availability per worker', () => {
  // 刘芳 receives Tuesday and Thursday mornings, 王磊 Tuesday 09:30–11:30 and Friday afternoons; nobody named on Wednesday.
  const LIU = 'worker-liu'
  const WANG = 'worker-wang'
  const perWorker = rules({
    availability: [
      { weekdays: [2, 4], open: '08:30', close: '10:30', workerId: LIU },
      { weekdays: [2], open: '09:30', close: '11:30', workerId: WANG },
      { weekdays: [5], open: '14:00', close: '16:00', workerId: WANG },
      { weekdays: [3], open: '09:00', close: '10:00' },
    ],
  })
  const workers = new Map([
    [LIU, '刘芳'],
    [WANG, '王社工'],
  ])
  const base = (over: Partial<SlotSource> = {}) => source({ rules: perWorker, workers, ...over })
  const slotsOf = (date: string, s: SlotSource, now = cstInstant('2026-11-30', '08:00')) =>
    slotDays(date, date, now, s)[0]!.slots.map((x) => `${hhmm(new Date(x.startsAt))} ${x.worker?.name ?? '-'} ${x.state}`)

  test('each window’s slots carry its worker; two workers at the same hour are two slots', () => {
    expect(slotsOf('2026-12-01', base())).toEqual(['08:30 刘芳 free', '09:30 刘芳 free', '09:30 王社工 free', '10:30 王社工 free'])
    // A window that names nobody gives slots without a worker.
    expect(slotsOf('2026-12-02', base({ calendar: makeCalendar([]) }))).toEqual(['09:00 - free'])
    expect(slotsOf('2026-12-04', base())).toEqual(['14:00 王社工 free', '15:00 王社工 free'])
  })

  test('places are counted per worker: 刘芳’s full 09:30 leaves 王社工’s free', () => {
    const at = cstInstant('2026-12-01', '09:30').toISOString()
    const taken = new Map([[slotKey(at, LIU), 1]])
    expect(slotsOf('2026-12-01', base({ taken }))).toContain('09:30 刘芳 full')
    expect(slotsOf('2026-12-01', base({ taken }))).toContain('09:30 王社工 free')
    const day = slotDays('2026-12-01', '2026-12-01', cstInstant('2026-11-30', '08:00'), base({ taken }))[0]!.slots
    // Without a worker asked for, the free one is taken; the one asked for is given even when full (the caller refuses it).
    expect(pickSlot(day, at, undefined)!.worker!.id).toBe(WANG)
    expect(pickSlot(day, at, LIU)).toMatchObject({ worker: { id: LIU }, state: 'full' })
    expect(pickSlot(day, at, undefined, WANG)!.worker!.id).toBe(WANG)
    expect(pickSlot(day, cstInstant('2026-12-01', '08:30').toISOString(), WANG)).toBeNull()
    // A 409 for 刘芳 at 09:30 offers 王社工 at the same hour first.
    const wanted = nextFree([{ date: '2026-12-01', note: null, slots: day }], 2, at, LIU)
    expect(wanted.map((x) => `${hhmm(new Date(x.startsAt))} ${x.worker?.name}`)).toEqual(['09:30 王社工', '10:30 王社工'])
  })

  test('a worker’s leave removes only their slots; a station block removes everyone’s', () => {
    const leave = {
      kind: 'block' as const,
      serviceId: null,
      workerId: LIU,
      startsAt: cstInstant('2026-12-01', '00:00'),
      endsAt: cstInstant('2026-12-02', '00:00'),
      reason: '请假',
    }
    expect(slotsOf('2026-12-01', base({ blocks: [leave] }))).toEqual(['09:30 王社工 free', '10:30 王社工 free'])
    expect(slotsOf('2026-12-01', base({ blocks: [{ ...leave, workerId: null }] }))).toEqual([])
    // 刘芳 on leave: her 08:30 does not exist any more, 王社工’s 09:30 still does.
    const s = base({ blocks: [leave] })
    const now = cstInstant('2026-11-30', '08:00')
    expect(slotRefusal(cstInstant('2026-12-01', '08:30'), now, s, 'startsAt', LIU)!.code).toBe('SLOT_UNAVAILABLE')
    expect(slotRefusal(cstInstant('2026-12-01', '09:30'), now, s, 'startsAt', LIU)!.message).toContain('这位社工这个时间不接待')
    expect(slotRefusal(cstInstant('2026-12-01', '09:30'), now, s, 'startsAt', WANG)).toBeNull()
    expect(slotRefusal(cstInstant('2026-12-01', '09:30'), now, s)).toBeNull()
  })

  test('an opening that names a worker gives slots received by them', () => {
    const open = {
      kind: 'open' as const,
      serviceId: 'svc',
      workerId: WANG,
      startsAt: cstInstant('2026-12-01', '18:00'),
      endsAt: cstInstant('2026-12-01', '19:00'),
      reason: '加开',
    }
    expect(slotsOf('2026-12-01', base({ blocks: [open] }))).toContain('18:00 王社工 free')
  })

  test('「由 X 社工接待」, without repeating a role the name already says', () => {
    expect(receptionText('刘芳')).toBe('由 刘芳 社工接待')
    expect(receptionText('刘社工')).toBe('由 刘社工 接待')
    expect(receptionText('孙站长')).toBe('由 孙站长 接待')
  })
})

describe('who can book it', () => {
  const SLOT = cstInstant('2026-12-01', '09:30')
  const elders = { audience: 'elderly', minAge: 60, maxAge: null }
  const kids = { audience: 'children', minAge: 6, maxAge: 13 }
  const person = (over: Partial<Parameters<typeof bookingEligibility>[2]> = {}) => ({
    name: '王秀兰',
    birthDate: null,
    isSelf: false,
    fromFamily: false,
    ...over,
  })

  test('no range and not for children: anyone, without a birth date', () => {
    expect(bookingEligibility({ audience: 'all', minAge: null, maxAge: null }, SLOT, person({ isSelf: true }))).toBeNull()
    expect(bookingEligibility({ audience: 'elderly', minAge: null, maxAge: null }, SLOT, person())).toBeNull()
  })

  test('an age range is checked on the slot’s day; the refusal names the field to fix', () => {
    expect(bookingEligibility(elders, SLOT, person())).toMatchObject({
      code: 'NOT_ELIGIBLE',
      field: 'birthDate',
      message: '这项服务面向 60 岁以上，请填写出生日期',
    })
    // 60 on 2026-12-01 exactly, and one day short of it.
    expect(bookingEligibility(elders, SLOT, person({ birthDate: '1966-12-01' }))).toBeNull()
    expect(bookingEligibility(elders, SLOT, person({ birthDate: '1966-12-02' }))).toMatchObject({
      field: 'birthDate',
      message: '这项服务面向 60 岁以上，王秀兰预约当天 59 岁，不符合年龄要求',
    })
    expect(bookingEligibility(elders, SLOT, person({ birthDate: '1990-01-01', fromFamily: true }))!.field).toBe('familyMemberId')
    expect(bookingEligibility(elders, SLOT, person({ birthDate: '1990-01-01', isSelf: true }))!.message).toContain('您预约当天 36 岁')
  })

  test('本人 never for a children’s service; a child member who fits is fine', () => {
    expect(bookingEligibility(kids, SLOT, person({ isSelf: true, birthDate: '2016-01-01' }))).toMatchObject({
      field: 'forWhom',
      message: '这项服务面向 6–13 岁的儿童，本人不能预约，请为孩子预约',
    })
    expect(bookingEligibility(kids, SLOT, person({ name: '小雨', birthDate: '2018-03-01', fromFamily: true }))).toBeNull()
  })

  test('the choices: 本人 and each family member, those who do not fit with why', () => {
    const family = [
      { id: 'm1', name: '小雨', birthDate: '2018-03-01' },
      { id: 'm2', name: '王秀兰', birthDate: '1950-02-01' },
    ]
    expect(bookingChoices(elders, SLOT, { birthDate: '1990-01-01' }, family)).toEqual([
      { value: 'self', name: '本人', refusal: '这项服务面向 60 岁以上，您预约当天 36 岁，不符合年龄要求' },
      { value: 'm1', name: '小雨', refusal: '这项服务面向 60 岁以上，小雨预约当天 8 岁，不符合年龄要求' },
      { value: 'm2', name: '王秀兰', refusal: null },
    ])
    // 本人's birth date not known yet: offered, and asked for on the form.
    expect(bookingChoices(elders, SLOT, { birthDate: null }, [])[0]!.refusal).toBeNull()
  })

  test('what the page says about who it is for', () => {
    expect(audienceText(elders, '老年人')).toBe('适合：老年人（60 岁以上，按预约当天的年龄）')
    expect(audienceText({ audience: 'all', minAge: 18, maxAge: 60 }, '全部')).toBe('适合：18–60 岁（按预约当天的年龄）')
    expect(audienceText({ audience: 'children', minAge: null, maxAge: null }, '儿童')).toBe('适合：儿童')
  })

  test('a range whose ends cross is refused next to 最大年龄', () => {
    expect(serviceRefusal({ ...rules(), minAge: 70, maxAge: 60 }, WEEKDAYS)).toMatchObject({
      field: 'maxAge',
      message: '年龄上限（60 岁）不能小于下限（70 岁）',
    })
    expect(serviceRefusal({ ...rules({ durationMinutes: 30 }), minAge: 60, maxAge: null }, WEEKDAYS)).toBeNull()
  })
})

describe('a service’s settings', () => {
  test('a capacity of 0 is refused', () => {
    expect(serviceRefusal(rules({ capacity: 0 }), WEEKDAYS)).toMatchObject({ code: 'FIELD_INVALID', field: 'capacity' })
  })

  test('a length that does not divide the opening hours is refused, naming the window', () => {
    // 45 minutes divide 08:30-11:30 (180) but not 13:30-17:30 (240).
    const r = serviceRefusal(rules({ durationMinutes: 45 }), WEEKDAYS.slice(0, 2))
    expect(r).toMatchObject({ code: 'FIELD_INVALID', field: 'durationMinutes' })
    expect(r!.message).toContain('13:30-17:30')
    expect(serviceRefusal(rules({ durationMinutes: 60 }), WEEKDAYS.slice(0, 2))).toBeNull()
    // The service's own windows are what counts when it has them.
    expect(
      serviceRefusal(rules({ durationMinutes: 45, availability: [{ weekdays: [6], open: '09:00', close: '11:15' }] }), WEEKDAYS),
    ).toBeNull()
  })

  test('windows that close before they open, or name no weekday, are refused', () => {
    expect(serviceRefusal(rules({ availability: [{ weekdays: [1], open: '12:00', close: '11:00' }] }), WEEKDAYS)).toMatchObject({
      field: 'availability',
    })
    expect(serviceRefusal(rules({ availability: [{ weekdays: [], open: '09:00', close: '10:00' }] }), WEEKDAYS)).toMatchObject({
      field: 'availability',
    })
  })
})

describe('the .ics file', () => {
  const ics = icsOf(
    {
      uid: 'b1@shegong',
      title: '心理疏导谈心，民馨社区社会工作室',
      startsAt: cstInstant('2026-12-03', '09:30'),
      endsAt: cstInstant('2026-12-03', '10:30'),
      location: '大连市金普新区先进街道民馨社区居委会1楼; 请提前10分钟到, 谢谢',
      description: '为母亲预约。社工站电话 0411-87589120',
      alarmMinutes: 60,
    },
    NOW,
  )

  test('times in UTC, text escaped, an alarm', () => {
    const unfolded = ics.replace(/\r\n /g, '')
    expect(ics).toContain('DTSTART:20261203T013000Z')
    expect(ics).toContain('DTEND:20261203T023000Z')
    expect(unfolded).toContain('SUMMARY:心理疏导谈心，民馨社区社会工作室')
    expect(unfolded).toContain('1楼\\; 请提前10分钟到\\, 谢谢')
    expect(ics).toContain('TRIGGER:-PT60M')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
  })

  test('no line longer than 75 octets, and unfolding gives the text back', () => {
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    const long = `DESCRIPTION:${'预约'.repeat(60)}`
    expect(foldLine(long).replace(/\r\n /g, '')).toBe(long)
  })
})
