/**
 * 预约服务: the rules of bookable time. Pure — no clock, no database: the
 * caller passes `now`, the station's week, China's calendar, the station's
 * exceptions, the staff's blocks and extra openings, and how many places each
 * slot already holds.
 *
 * - A day exists when the station is open that day (hoursOn: its own
 *   exceptions first, then public holidays, then 调休 and the weekly hours).
 * - On such a day a service offers its own weekly windows (e.g. 工作日午间
 *   12:00–13:00), or, with none, the station's hours of that day; on a day
 *   the station's exception shortens (09:00–11:00 「下午开会」), its own
 *   windows only within those hours.
 * - Each window is cut into slots of the service's length (which must divide
 *   every window), minus the time staff blocked, plus the slots they opened.
 * - A window may name the worker (a colleague account) who receives in it: its
 *   slots carry that worker, two workers at the same hour are two slots, and a
 *   worker's own block (leave) removes only their slots.
 * - A slot can be booked from now until the cut-off before it starts, up to
 *   the horizon (e.g. 14 days), while it holds fewer places than its capacity.
 */
import {
  ageOn,
  ageRefusal,
  formatAgeRange,
  participantChoices,
  selfAgeRefusal,
  type AgeRange,
  type AgeWording,
  type ParticipantChoice,
} from './activities'
import type { Refusal } from './refusal'
import { fieldInvalid, refusal } from './refusal'
import { hoursOn, isoWeekday, type HoursRange, type StationException, type WeeklyHours, type WorkCalendar } from './calendar'
import { addDays, cstDate, cstInstant, startOfCstDay } from './chinaTime'

const MINUTE = 60_000

/** A weekly window of a service; `workerId`: the colleague who receives in it (none: whoever is on duty). */
export interface AvailabilityWindow extends WeeklyHours {
  workerId?: string | null
}

/** What a service's rules need. */
export interface BookableRules {
  durationMinutes: number
  capacity: number
  horizonDays: number
  cutoffMinutes: number
  /** Its own weekly windows; empty: the station's hours. */
  availability: readonly AvailabilityWindow[]
}

/** Staff time in the calendar: `block` removes the slots it overlaps, `open` adds slots (for one service). */
export interface BookingBlock {
  kind: 'block' | 'open'
  /** null: every service of the station (only for `block`). */
  serviceId: string | null
  /** A worker's own time (their leave, their extra slots); null or absent: whoever receives. */
  workerId?: string | null
  startsAt: Date
  endsAt: Date
  reason: string
}

/** The worker who receives in a slot. */
export interface SlotWorker {
  id: string
  name: string
}

export interface SlotState {
  startsAt: string
  endsAt: string
  /** Who receives (a window that names a worker), else null. */
  worker: SlotWorker | null
  capacity: number
  taken: number
  /** free: bookable now; full: every place taken; closed: past the cut-off. */
  state: 'free' | 'full' | 'closed'
}

export interface SlotDay {
  date: string
  /** Why the day is different (国庆节休息, 春节闭站, the station's reason), else null. */
  note: string | null
  slots: SlotState[]
}

/** Everything about a station and service the slot rules read. */
export interface SlotSource {
  serviceId: string
  rules: BookableRules
  stationWeekly: readonly WeeklyHours[]
  calendar: WorkCalendar
  exceptions: readonly StationException[]
  blocks: readonly BookingBlock[]
  /** Places held per slot, keyed by `slotKey` (the start's ISO, and the worker when the slot has one). */
  taken: ReadonlyMap<string, number>
  /** The names of the workers the windows name, by id (a worker missing here is shown as 社工). */
  workers?: ReadonlyMap<string, string>
  /**
   * When the station's workers are booked in its other services: a worker who receives in two services is
   * one person, so their slots here that overlap such a booking are full.
   */
  bookedElsewhere?: readonly WorkerBooked[]
}

/** A worker's booking in another service of the station: from when to when they are taken. */
export interface WorkerBooked {
  workerId: string
  startsAt: Date
  endsAt: Date
}

/** Whether the worker is booked in another service at some time in [startsAt, endsAt). */
export const bookedElsewhere = (s: Pick<SlotSource, 'bookedElsewhere'>, workerId: string | null, startsAt: Date, endsAt: Date) =>
  !!workerId &&
  (s.bookedElsewhere ?? []).some(
    (b) => b.workerId === workerId && overlaps(startsAt.getTime(), endsAt.getTime(), b.startsAt.getTime(), b.endsAt.getTime()),
  )

/** A slot's identity: its start, and its worker when it has one (two workers at the same hour are two slots). */
export const slotKey = (startsAt: string, workerId: string | null | undefined) => (workerId ? `${startsAt}|${workerId}` : startsAt)

/** A window as cut into slots: its hours and who receives. */
export interface WorkerWindow extends HoursRange {
  workerId: string | null
}

/** One slot of a day before it is counted: its start and who receives. */
export interface SlotStart {
  at: Date
  workerId: string | null
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

const windowLength = (w: HoursRange) => toMinutes(w.close) - toMinutes(w.open)

/** The service's windows on a date (its own weekly ones, or the station's hours), and why the day differs. */
export function windowsOn(
  date: string,
  s: Pick<SlotSource, 'rules' | 'stationWeekly' | 'calendar' | 'exceptions'>,
): { windows: WorkerWindow[]; note: string | null } {
  const day = hoursOn(date, s.stationWeekly, s.calendar, s.exceptions)
  if (day.hours.length === 0 || s.rules.availability.length === 0)
    return { windows: day.hours.map((h) => ({ ...h, workerId: null })), note: day.note }
  let weekday = isoWeekday(date)
  // A weekend day worked in exchange (调休) runs as an ordinary working day: Monday's windows, else the first weekday's.
  if (weekday > 5 && s.calendar.special(date)?.kind === 'workday') {
    weekday = [1, 2, 3, 4, 5].find((wd) => s.rules.availability.some((w) => w.weekdays.includes(wd))) ?? weekday
  }
  const windows = s.rules.availability
    .filter((w) => w.weekdays.includes(weekday))
    .map(({ open, close, workerId }) => ({ open, close, workerId: workerId ?? null }))
  // A day the station keeps other hours (09:00–11:00, 「下午开会」): the service's windows only within them.
  const shortened = s.exceptions.some((e) => e.from <= date && date <= e.to)
  return { windows: shortened ? windows.flatMap((w) => within(w, day.hours, s.rules.durationMinutes)) : windows, note: day.note }
}

const hhmmOfMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/**
 * The parts of a window within a day's hours, each starting on the window's
 * own grid (its opening plus whole lengths), so a slot keeps its usual time.
 */
function within(win: WorkerWindow, hours: readonly HoursRange[], lengthMinutes: number): WorkerWindow[] {
  const open = toMinutes(win.open)
  const out: WorkerWindow[] = []
  for (const range of hours) {
    const from = Math.max(open, toMinutes(range.open))
    const start = open + Math.ceil((from - open) / lengthMinutes) * lengthMinutes
    const end = Math.min(toMinutes(win.close), toMinutes(range.close))
    if (end - start >= lengthMinutes) out.push({ open: hhmmOfMinutes(start), close: hhmmOfMinutes(end), workerId: win.workerId })
  }
  return out
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd

/** Whether a block applies to a slot: its service (or every service) and its worker (or everyone). */
const blockCovers = (block: BookingBlock, serviceId: string, workerId: string | null) =>
  (block.serviceId === null || block.serviceId === serviceId) && (!block.workerId || block.workerId === workerId)

/**
 * The slots of a date, sorted by start then worker: windows cut by the length,
 * minus blocks (a worker's block only their own slots), plus openings (an
 * opening that names a worker gives slots with that worker). `starts`: the
 * distinct start instants.
 */
export function slotStarts(date: string, s: Omit<SlotSource, 'taken'>): { starts: Date[]; slots: SlotStart[]; note: string | null } {
  const len = s.rules.durationMinutes * MINUTE
  const { windows, note } = windowsOn(date, s)
  const slots = new Map<string, SlotStart>()
  const add = (at: number, workerId: string | null) => slots.set(`${at}|${workerId ?? ''}`, { at: new Date(at), workerId })
  for (const win of windows) {
    const end = cstInstant(date, win.close).getTime()
    for (let at = cstInstant(date, win.open).getTime(); at + len <= end; at += len) add(at, win.workerId)
  }
  const dayStart = cstInstant(date).getTime()
  const dayEnd = dayStart + 86_400_000
  for (const block of s.blocks) {
    if (block.kind !== 'open' || block.serviceId !== s.serviceId) continue
    const last = block.endsAt.getTime()
    for (let at = Math.max(block.startsAt.getTime(), dayStart); at + len <= last && at < dayEnd; at += len) add(at, block.workerId ?? null)
  }
  for (const block of s.blocks) {
    if (block.kind !== 'block') continue
    for (const [key, slot] of slots) {
      const at = slot.at.getTime()
      if (blockCovers(block, s.serviceId, slot.workerId) && overlaps(at, at + len, block.startsAt.getTime(), block.endsAt.getTime()))
        slots.delete(key)
    }
  }
  const name = (id: string | null) => (id ? (s.workers?.get(id) ?? '') : '')
  const sorted = [...slots.values()].sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      name(a.workerId).localeCompare(name(b.workerId)) ||
      (a.workerId ?? '').localeCompare(b.workerId ?? ''),
  )
  const starts = [...new Map(sorted.map((x) => [x.at.getTime(), x.at])).values()]
  return { starts, slots: sorted, note }
}

/**
 * The staff block (停约: the whole station's, the service's, or the worker's own
 * leave) that takes [startsAt, endsAt) away from the worker (null: whoever
 * receives), else null — for a home visit's time outside the slots.
 */
export function blockAt(
  blocks: readonly BookingBlock[],
  serviceId: string,
  workerId: string | null,
  startsAt: Date,
  endsAt: Date,
): BookingBlock | null {
  return (
    blocks.find(
      (b) =>
        b.kind === 'block' &&
        blockCovers(b, serviceId, workerId) &&
        overlaps(startsAt.getTime(), endsAt.getTime(), b.startsAt.getTime(), b.endsAt.getTime()),
    ) ?? null
  )
}

/** The last instant a slot starting at `startsAt` can be booked, changed or cancelled by the resident. */
export const cutoffOf = (startsAt: Date, rules: Pick<BookableRules, 'cutoffMinutes'>) =>
  new Date(startsAt.getTime() - rules.cutoffMinutes * MINUTE)

/** The last China date that can be booked: today plus the horizon. */
export const lastBookableDate = (now: Date, rules: Pick<BookableRules, 'horizonDays'>) =>
  cstDate(addDays(startOfCstDay(now), rules.horizonDays))

/** The dates from `from` to `to` (China dates, inclusive). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let day = from; day <= to && out.length < 400; day = cstDate(addDays(cstInstant(day), 1))) out.push(day)
  return out
}

/** The days from `from` to `to` (clamped to today … the horizon) with their slots and how full each is. */
export function slotDays(from: string, to: string, now: Date, s: SlotSource): SlotDay[] {
  const first = from < cstDate(now) ? cstDate(now) : from
  const lastAllowed = lastBookableDate(now, s.rules)
  const last = to > lastAllowed ? lastAllowed : to
  const len = s.rules.durationMinutes * MINUTE
  return datesBetween(first, last).map((date) => {
    const { slots: starts, note } = slotStarts(date, s)
    const slots = starts
      .filter(({ at }) => at.getTime() > now.getTime())
      .map(({ at, workerId }): SlotState => {
        const startsAt = at.toISOString()
        // The worker's time taken in another service: every place of theirs is held.
        const elsewhere = bookedElsewhere(s, workerId, at, new Date(at.getTime() + len))
        const taken = elsewhere ? s.rules.capacity : (s.taken.get(slotKey(startsAt, workerId)) ?? 0)
        const state = now > cutoffOf(at, s.rules) ? 'closed' : taken >= s.rules.capacity ? 'full' : 'free'
        const worker = workerId ? { id: workerId, name: s.workers?.get(workerId) ?? '社工' } : null
        return { startsAt, endsAt: new Date(at.getTime() + len).toISOString(), worker, capacity: s.rules.capacity, taken, state }
      })
    return { date, note, slots }
  })
}

/**
 * The slot a booking takes at `startsAt`: with `workerId` (null: the slot
 * without a worker) that one; without, the preferred worker's if it has a
 * place, else the first with a place, else the first (full). Null: no slot
 * starts then (for that worker).
 */
export function pickSlot(
  day: readonly SlotState[],
  startsAt: string,
  workerId: string | null | undefined,
  preferred: string | null = null,
): SlotState | null {
  const at = Date.parse(startsAt)
  const those = day.filter((s) => Date.parse(s.startsAt) === at && (workerId === undefined || (s.worker?.id ?? null) === workerId))
  const open = (s: SlotState) => s.taken < s.capacity
  return those.find((s) => open(s) && (s.worker?.id ?? null) === preferred) ?? those.find(open) ?? those[0] ?? null
}

/** Whether `startsAt` can be booked now (before the slot's fullness is known), or why not. */
export function slotRefusal(
  startsAt: Date,
  now: Date,
  s: Omit<SlotSource, 'taken'>,
  field = 'startsAt',
  workerId?: string | null,
): Refusal | null {
  if (startsAt.getTime() <= now.getTime()) return refusal('SLOT_UNAVAILABLE', '这个时间已经过去，请选择其他时间', field)
  if (now > cutoffOf(startsAt, s.rules)) {
    return refusal('SLOT_UNAVAILABLE', `已过预约截止时间（需在开始前 ${formatMinutes(s.rules.cutoffMinutes)}预约），请选择其他时间`, field)
  }
  const date = cstDate(startsAt)
  if (date > lastBookableDate(now, s.rules)) return refusal('SLOT_UNAVAILABLE', `只能预约 ${s.rules.horizonDays} 天内的时间`, field)
  const { starts, slots, note } = slotStarts(date, s)
  const at = startsAt.getTime()
  if (slots.some((t) => t.at.getTime() === at && (workerId === undefined || t.workerId === workerId))) return null
  if (starts.length === 0 && note) return refusal('SLOT_UNAVAILABLE', `${note}，这一天不能预约`, field)
  if (starts.some((t) => t.getTime() === at))
    return refusal('SLOT_UNAVAILABLE', '这位社工这个时间不接待（可能请假或外出），请选择其他时段', field)
  return refusal('SLOT_UNAVAILABLE', '这个时间不在可预约的时段内，请从列表中选择', field)
}

/** 120 → "2 小时"; 90 → "90 分钟". */
export function formatMinutes(m: number): string {
  if (m >= 60 && m % 60 === 0) return `${m / 60} 小时`
  return `${m} 分钟`
}

/**
 * The `n` free slots nearest after `wanted` (then those before it, latest
 * first): a 409's alternatives. With `workerId` (a worker asked for by name),
 * another worker's free place at the wanted time comes first; without, the
 * wanted time is left out (any free place there would have been taken).
 */
export function nextFree(days: readonly SlotDay[], n: number, wanted?: string, workerId?: string | null): SlotState[] {
  const wantedAt = wanted ? Date.parse(wanted) : NaN
  const same = (s: SlotState) => Date.parse(s.startsAt) === wantedAt
  const free = days
    .flatMap((d) => d.slots)
    .filter((s) => s.state === 'free' && !(same(s) && (workerId === undefined || (s.worker?.id ?? null) === workerId)))
  if (!wanted) return free.slice(0, n)
  const at = free.filter(same)
  const after = free.filter((s) => Date.parse(s.startsAt) > wantedAt)
  const before = free.filter((s) => Date.parse(s.startsAt) < wantedAt).reverse()
  return [...at, ...after, ...before].slice(0, n)
}

/** Whether a booked slot may still be changed or cancelled by the resident. */
export function changeRefusal(
  b: { status: string; startsAt: Date },
  rules: Pick<BookableRules, 'cutoffMinutes'>,
  now: Date,
): Refusal | null {
  if (b.status !== 'booked') return refusal('BOOKING_STATE', b.status === 'cancelled' ? '这条预约已取消' : '这次预约已结束，不能再修改')
  const cutoff = cutoffOf(b.startsAt, rules)
  if (now > cutoff)
    return refusal('BOOKING_STATE', `已过修改截止时间（开始前 ${formatMinutes(rules.cutoffMinutes)}），如需调整请致电社工站`)
  return null
}

/** One person holds at most `perPersonPerDay` bookings of a service on a day. */
export function perPersonRefusal(heldThatDay: number, perPersonPerDay: number): Refusal | null {
  if (heldThatDay < perPersonPerDay) return null
  return refusal(
    'ALREADY_BOOKED',
    perPersonPerDay === 1
      ? '这一天已经为这位预约过这项服务了，如需改时间请在“我的预约”中改期'
      : `每人每天最多预约这项服务 ${perPersonPerDay} 次`,
    'startsAt',
  )
}

/** Whether staff may mark a booking attended or no-show: it is booked (or marked, to correct it) and its day has come. */
export function outcomeRefusal(b: { status: string; startsAt: Date }, now: Date): Refusal | null {
  if (b.status === 'cancelled') return refusal('BOOKING_STATE', '这条预约已取消')
  if (cstDate(now) < cstDate(b.startsAt)) return refusal('BOOKING_STATE', '预约的日子还没到，不能登记到场情况')
  return null
}

/**
 * A service's settings, checked together: a capacity of at least 1, windows
 * that open before they close, and a length that divides every window (the
 * station's hours when the service has none of its own).
 */
export function serviceRefusal(s: BookableRules & Partial<AgeRange>, stationWeekly: readonly WeeklyHours[]): Refusal | null {
  if (!Number.isInteger(s.capacity) || s.capacity < 1) return fieldInvalid('capacity', '每个时段可预约人数至少为 1')
  if (s.minAge != null && s.maxAge != null && s.minAge > s.maxAge)
    return fieldInvalid('maxAge', `年龄上限（${s.maxAge} 岁）不能小于下限（${s.minAge} 岁）`)
  for (const win of s.availability) {
    if (
      !/^\d\d:\d\d$/.test(win.open) ||
      !/^\d\d:\d\d$/.test(win.close) ||
      toMinutes(win.open) >= toMinutes(win.close) ||
      toMinutes(win.close) > 24 * 60
    ) {
      return fieldInvalid('availability', `时段 ${win.open}-${win.close} 不正确：开始时间要早于结束时间`)
    }
    if (win.weekdays.length === 0) return fieldInvalid('availability', `时段 ${win.open}-${win.close} 没有选择星期几`)
  }
  const windows = s.availability.length > 0 ? s.availability : stationWeekly
  if (windows.length === 0) return fieldInvalid('availability', '本站没有设置开放时间，请为这项服务填写可预约时段')
  const bad = windows.find((w) => windowLength(w) % s.durationMinutes !== 0)
  if (bad) {
    const whose = s.availability.length > 0 ? '可预约时段' : '本站开放时间'
    return fieldInvalid(
      'durationMinutes',
      `每次 ${s.durationMinutes} 分钟不能整除${whose} ${bad.open}-${bad.close}（${windowLength(bad)} 分钟），请调整时长或时段`,
    )
  }
  return null
}

// ───────────────────────── words ─────────────────────────

const WEEKDAY_SHORT = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']
const hhmmOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16)

/** "09:00-10:00" */
export const slotLabel = (s: { startsAt: string; endsAt: string }) => `${hhmmOf(s.startsAt)}-${hhmmOf(s.endsAt)}`

/** "10月8日 周四", with 今天 / 明天 for those. */
export function dayLabel(date: string, today: string): { day: string; weekday: string } {
  const [, m, d] = date.split('-').map(Number)
  const tomorrow = cstDate(addDays(cstInstant(today), 1))
  const weekday = date === today ? '今天' : date === tomorrow ? '明天' : WEEKDAY_SHORT[isoWeekday(date)]!
  return { day: `${m}月${d}日`, weekday }
}

/** "10月8日（周四）09:00-10:00" */
export function bookingTimeText(b: { startsAt: string; endsAt: string }): string {
  const date = cstDate(new Date(b.startsAt))
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日（${WEEKDAY_SHORT[isoWeekday(date)]}）${slotLabel(b)}`
}

/** What a day of the strip says below its date: 休息 / 约满 / N 个空位. */
export function dayAvailability(d: { note: string | null; slots: readonly { state: string }[] }): { text: string; bookable: boolean } {
  const free = d.slots.filter((s) => s.state === 'free').length
  if (d.slots.length === 0) return { text: d.note ? '休息' : '不开放', bookable: false }
  if (free === 0) return { text: d.slots.every((s) => s.state === 'closed') ? '已截止' : '约满', bookable: false }
  return { text: `${free} 个空位`, bookable: true }
}

/** 「由 刘芳 社工接待」; a name that already says the role (刘社工, 孙站长) is not repeated. */
export function receptionText(workerName: string): string {
  return /(社工|站长|督导|老师|主任)$/.test(workerName) ? `由 ${workerName} 接待` : `由 ${workerName} 社工接待`
}

/** A slot's identity in a page (keys, the chosen one): its start and its worker. */
export const slotIdOf = (s: { startsAt: string; worker: { id: string } | null }) => slotKey(s.startsAt, s.worker?.id)

// ───────────────────────── who can book it ─────────────────────────

/** Who a service is for: its audience (儿童 / 青少年 / 老年人 / 所有人) and an age range (either end open). */
export interface BookableAudience extends AgeRange {
  audience: string
}

export const BOOKING_WORDING: AgeWording = { what: '这项服务', when: '预约当天', act: '预约' }

/** 「适合：老年人（60 岁以上，按预约当天的年龄）」, 「适合：18–60 岁（按预约当天的年龄）」, 「适合：儿童」. */
export function audienceText(s: BookableAudience, audienceLabel: string): string {
  const range = s.minAge !== null || s.maxAge !== null ? formatAgeRange(s) : null
  if (s.audience === 'all') return range ? `适合：${range}（按预约当天的年龄）` : '适合：所有人'
  return `适合：${audienceLabel}${range ? `（${range}，按预约当天的年龄）` : ''}`
}

/** Whether a service limits who may be booked for (an age range, or children only). */
export const hasAgeRule = (s: BookableAudience) => s.minAge !== null || s.maxAge !== null || s.audience === 'children'

/**
 * Whether a person may be booked for this service, as activities decide it
 * (domain/activities.ts): their age on the slot's day within the range, and
 * 本人 never for a children's service. The refusal names the field to fix:
 * `forWhom` (本人 for children), `familyMemberId` (a member of 我的家人 who
 * does not fit), else `birthDate` (missing, or out of range).
 */
export function bookingEligibility(
  s: BookableAudience,
  startsAt: Date,
  person: { name: string; birthDate: string | null; isSelf: boolean; fromFamily: boolean },
): Refusal | null {
  const age = person.birthDate ? ageOn(person.birthDate, cstDate(startsAt)) : null
  const problem = person.isSelf
    ? (selfAgeRefusal(s, age, BOOKING_WORDING) ?? (age === null ? ageRefusal(s, null, '您', BOOKING_WORDING) : null))
    : ageRefusal(s, age, person.name, BOOKING_WORDING)
  if (!problem) return null
  const field = person.isSelf && s.audience === 'children' ? 'forWhom' : person.fromFamily ? 'familyMemberId' : 'birthDate'
  return refusal('NOT_ELIGIBLE', problem, field)
}

/** 本人 and each member of 我的家人, each with whether they may be booked for (age on `at`, the slot's day or today). */
export const bookingChoices = (
  s: BookableAudience,
  at: Date,
  self: { birthDate: string | null },
  family: readonly { id: string; name: string; birthDate: string }[],
): ParticipantChoice[] => participantChoices({ ...s, startsAt: at }, self, family, BOOKING_WORDING)

/** 我的预约: upcoming are those booked that have not ended. */
export const isUpcomingBooking = (b: { status: string; endsAt: string }, now: Date) => b.status === 'booked' && new Date(b.endsAt) > now
