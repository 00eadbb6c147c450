/**
 * 预约服务设置's form, pure: a bookable service ⇄ the texts the form edits, the
 * checks made before sending (the server checks again: a capacity of 0, a length
 * that does not divide the hours), and the body to send. Weekly availability is
 * typed as the station's hours are (「周一至周五 09:00-11:00、14:00-17:00」);
 * empty means the station's own hours. Each worker (a colleague account) can
 * have windows of their own, typed the same way: their slots are theirs.
 */
import type { Audience } from '@contract/activities'
import type { BookableKind } from '@contract/bookings'
import type { ServiceCategory } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { BookableBody, BookableService } from '@contract/types'
import type { AvailabilityWindow } from '@domain/booking'
import { formatOpeningHours, parseOpeningHours } from '@domain/hours'
import type { FieldMap } from '@/services/errors'

export interface BookableForm {
  name: string
  description: string
  kind: BookableKind
  category: ServiceCategory
  audience: Audience
  /** Ages (周岁) allowed, either end open: '' for none. */
  minAge: string
  maxAge: string
  durationMinutes: string
  capacity: string
  horizonDays: string
  cutoffMinutes: string
  perPersonPerDay: string
  availability: string
  /** Windows of one worker each: the colleague and their hours, typed like `availability`. */
  workerWindows: WorkerWindowForm[]
  workerName: string
}

export interface WorkerWindowForm {
  workerId: string
  hours: string
}

export type BookableErrorKey = Exclude<keyof BookableForm, 'kind' | 'category' | 'audience'>
export type BookableErrors = Partial<Record<BookableErrorKey | 'form', string>>

export const BOOKABLE_FIELDS: FieldMap<BookableErrorKey> = {
  name: 'name',
  description: 'description',
  minAge: 'minAge',
  maxAge: 'maxAge',
  durationMinutes: 'durationMinutes',
  capacity: 'capacity',
  horizonDays: 'horizonDays',
  cutoffMinutes: 'cutoffMinutes',
  perPersonPerDay: 'perPersonPerDay',
  availability: 'availability',
  workerName: 'workerName',
}

const HOURS_EXAMPLE = '「周一至周五 09:00-11:00、14:00-17:00」'

export const EMPTY_BOOKABLE: BookableForm = {
  name: '',
  description: '',
  kind: 'talk',
  category: 'psychological',
  audience: 'all',
  minAge: '',
  maxAge: '',
  durationMinutes: '60',
  capacity: '1',
  horizonDays: '14',
  cutoffMinutes: '120',
  perPersonPerDay: '1',
  availability: '',
  workerWindows: [],
  workerName: '',
}

export function bookableFormOf(s: BookableService): BookableForm {
  return {
    name: s.name,
    description: s.description,
    kind: s.kind,
    category: s.category,
    audience: s.audience,
    minAge: s.minAge === null ? '' : String(s.minAge),
    maxAge: s.maxAge === null ? '' : String(s.maxAge),
    durationMinutes: String(s.durationMinutes),
    capacity: String(s.capacity),
    horizonDays: String(s.horizonDays),
    cutoffMinutes: String(s.cutoffMinutes),
    perPersonPerDay: String(s.perPersonPerDay),
    availability: formatWindows(s.availability.filter((w) => !w.workerId)),
    workerWindows: [...new Set(s.availability.map((w) => w.workerId).filter((id): id is string => !!id))].map((workerId) => ({
      workerId,
      hours: formatWindows(s.availability.filter((w) => w.workerId === workerId)),
    })),
    workerName: s.workerName ?? '',
  }
}

const formatWindows = (windows: readonly AvailabilityWindow[]) =>
  windows.length > 0 ? formatOpeningHours(windows.map(({ weekdays, open, close }) => ({ weekdays, open, close }))) : ''

/** The windows of the worker rows, or the words saying which row is wrong and how. */
function workerWindowsOf(rows: readonly WorkerWindowForm[], name: (id: string) => string): AvailabilityWindow[] | string {
  const windows: AvailabilityWindow[] = []
  for (const [i, row] of rows.entries()) {
    const which = `第 ${i + 1} 组${row.workerId ? `（${name(row.workerId)}）` : ''}`
    if (!row.workerId) return `${which}请选择接待的社工`
    if (rows.findIndex((r) => r.workerId === row.workerId) !== i) return `${which}：这位社工已有一组时段，请写在同一组里`
    const parsed = row.hours.trim() ? parseOpeningHours(row.hours) : null
    if (!parsed || parsed.length === 0) return `${which}的时段请按${HOURS_EXAMPLE}填写`
    windows.push(...parsed.map((w) => ({ ...w, workerId: row.workerId })))
  }
  return windows
}

/** A whole number within [min, max], or the words saying what is wanted. */
function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const value = Number(text.trim())
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) return `${what}请填 ${min} 到 ${max} 之间的整数`
  return value
}

/** The body to send, or the errors to show next to their fields. */
export function validateBookable(
  f: BookableForm,
  workerName: (id: string) => string = () => '社工',
): { body: BookableBody | null; errors: BookableErrors } {
  const errors: BookableErrors = {}
  if (!f.name.trim()) errors.name = '请填写服务名称，例如：心理疏导谈心'
  else if (f.name.trim().length > LIMITS.bookableName) errors.name = `服务名称最多 ${LIMITS.bookableName} 字`
  if (f.description.length > LIMITS.bookableDescription) errors.description = `服务说明最多 ${LIMITS.bookableDescription} 字`
  if (f.workerName.trim().length > LIMITS.personName) errors.workerName = `接待社工最多 ${LIMITS.personName} 字`
  const numbers = {
    durationMinutes: wholeNumber(f.durationMinutes, 10, 480, '每次时长'),
    capacity: wholeNumber(f.capacity, 1, LIMITS.bookableCapacity, '每个时段人数'),
    horizonDays: wholeNumber(f.horizonDays, 1, 90, '可提前预约天数'),
    cutoffMinutes: wholeNumber(f.cutoffMinutes, 0, 10080, '截止时间'),
    perPersonPerDay: wholeNumber(f.perPersonPerDay, 1, 10, '每人每天次数'),
  }
  for (const [k, v] of Object.entries(numbers)) if (typeof v === 'string') errors[k as BookableErrorKey] = v
  const minAge = f.minAge.trim() ? wholeNumber(f.minAge, 0, 120, '最小年龄') : null
  const maxAge = f.maxAge.trim() ? wholeNumber(f.maxAge, 0, 120, '最大年龄') : null
  if (typeof minAge === 'string') errors.minAge = minAge
  if (typeof maxAge === 'string') errors.maxAge = maxAge
  else if (typeof minAge === 'number' && typeof maxAge === 'number' && maxAge < minAge)
    errors.maxAge = `年龄上限（${maxAge} 岁）不能小于下限（${minAge} 岁）`
  const availability = f.availability.trim() ? parseOpeningHours(f.availability) : []
  if (availability === null) errors.availability = `请按${HOURS_EXAMPLE}填写，几组用“；”隔开；留空则按本站开放时间`
  const perWorker = workerWindowsOf(f.workerWindows, workerName)
  if (typeof perWorker === 'string') errors.workerWindows = perWorker
  if (
    Object.keys(errors).length > 0 ||
    availability === null ||
    typeof perWorker === 'string' ||
    typeof minAge === 'string' ||
    typeof maxAge === 'string'
  )
    return { body: null, errors }
  return {
    body: {
      name: f.name.trim(),
      description: f.description.trim(),
      kind: f.kind,
      category: f.category,
      audience: f.audience,
      minAge,
      maxAge,
      durationMinutes: numbers.durationMinutes as number,
      capacity: numbers.capacity as number,
      horizonDays: numbers.horizonDays as number,
      cutoffMinutes: numbers.cutoffMinutes as number,
      perPersonPerDay: numbers.perPersonPerDay as number,
      availability: [...availability, ...perWorker],
      workerName: f.workerName.trim() || null,
    },
    errors,
  }
}
