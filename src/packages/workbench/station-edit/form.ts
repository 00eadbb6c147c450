/**
 * The station form (站点管理 → 编辑站点), pure: a station ⇄ the texts the
 * form edits, the checks made before sending, and the body or patch to send.
 * Hours are typed as the spreadsheet writes them (「周一至周五 08:30-11:30、
 * 13:30-17:30」), so the form, the template and the export say it one way.
 */
import type { ServiceCategory, StationKind } from '@contract/enums'
import type { AdminStation, AdminStationCreate, AdminStationPatch, StationException } from '@contract/types'
import { isInChina } from '@domain/geo'
import { formatOpeningHours, parseOpeningHours } from '@domain/hours'
import { isMainlandPhone } from '@domain/phone'
import { coverageProblem, splitCoverage } from '@domain/stationSheet'
import { describeError, type FieldMap } from '@/services/errors'

export interface BrandForm {
  name: string
  summary: string
  /** Courses, separated by 、. */
  items: string
}

export interface ExceptionForm {
  from: string
  to: string
  /** Closed all day; else open at `hours`. */
  closed: boolean
  /** 「09:00-12:00、14:00-16:00」 */
  hours: string
  reason: string
}

export interface StationForm {
  code: string
  name: string
  kind: StationKind
  parentId: string
  province: string
  city: string
  district: string
  street: string
  community: string
  /** 服务范围: community and street names, separated by 、. */
  coverage: string
  address: string
  lat: string
  lng: string
  phone: string
  services: ServiceCategory[]
  hours: string
  hoursNote: string
  intro: string
  brands: BrandForm[]
  exceptions: ExceptionForm[]
}

export type ErrorKey =
  | 'code'
  | 'name'
  | 'kind'
  | 'parentId'
  | 'area'
  | 'coverage'
  | 'address'
  | 'location'
  | 'phone'
  | 'services'
  | 'hours'
  | 'hoursNote'
  | 'intro'
  | 'brands'
  | 'exceptions'
  | 'reason'
export type Errors = Partial<Record<ErrorKey | 'form', string>>

export const EMPTY_FORM: StationForm = {
  code: '',
  name: '',
  kind: 'community',
  parentId: '',
  province: '',
  city: '',
  district: '',
  street: '',
  community: '',
  coverage: '',
  address: '',
  lat: '',
  lng: '',
  phone: '',
  services: [],
  hours: '周一至周五 08:30-11:30、13:30-17:30',
  hoursNote: '法定节假日休息',
  intro: '',
  brands: [],
  exceptions: [],
}

const rangesText = (hours: StationException['hours']) => hours.map((h) => `${h.open}-${h.close}`).join('、')

export function formOf(s: AdminStation): StationForm {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    parentId: s.parentId ?? '',
    province: s.area.province,
    city: s.area.city,
    district: s.area.district,
    street: s.area.street ?? '',
    community: s.area.community ?? '',
    coverage: s.coverage.join('、'),
    address: s.address,
    lat: String(s.location.lat),
    lng: String(s.location.lng),
    phone: s.phone,
    services: [...s.services],
    hours: s.openingHours.length > 0 ? formatOpeningHours(s.openingHours) : '',
    hoursNote: s.hoursNote,
    intro: s.intro,
    brands: s.brandProjects.map((b) => ({ name: b.name, summary: b.summary, items: b.items.join('、') })),
    exceptions: s.exceptions.map((e) => ({
      from: e.from,
      to: e.to,
      closed: e.hours.length === 0,
      hours: rangesText(e.hours),
      reason: e.reason,
    })),
  }
}

/** A new station under `parent`, in its area (one level down). */
export function newFormUnder(parent: AdminStation | null): StationForm {
  if (!parent) return EMPTY_FORM
  const below: Partial<Record<StationKind, StationKind>> = { city: 'district', district: 'street', street: 'community' }
  return {
    ...EMPTY_FORM,
    parentId: parent.id,
    kind: below[parent.kind] ?? 'community',
    province: parent.area.province,
    city: parent.area.city,
    district: parent.kind === 'city' ? '' : parent.area.district,
    street: parent.kind === 'street' ? (parent.area.street ?? '') : '',
    hoursNote: parent.hoursNote || EMPTY_FORM.hoursNote,
  }
}

const COORD = /^-?\d+(\.\d+)?$/

/** Ranges only (「09:00-12:00、14:00-16:00」), or null. */
function parseRanges(text: string): StationException['hours'] | null {
  const parsed = parseOpeningHours(`每天 ${text}`)
  return parsed && parsed.length > 0 ? parsed.map(({ open, close }) => ({ open, close })) : null
}

/** The fields every station has, checked; and the errors said next to each field. */
export function validateStation(f: StationForm, isNew: boolean): { body: AdminStationCreate | null; errors: Errors } {
  const errors: Errors = {}
  const need = (key: ErrorKey, value: string, label: string) => {
    if (!value.trim()) errors[key] = `请填写${label}`
  }
  if (isNew) {
    need('code', f.code, '站点编码')
    if (f.code.trim() && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(f.code.trim())) errors.code = '站点编码只能由字母、数字、- 和 _ 组成'
    if (!f.parentId) errors.parentId = '请选择上级站点'
  }
  need('name', f.name, '站点名称')
  if (!f.province.trim() || !f.city.trim() || !f.district.trim()) errors.area = '请填写省、市、区县'
  need('address', f.address, '地址')
  const lat = Number(f.lat)
  const lng = Number(f.lng)
  if (!COORD.test(f.lat.trim()) || !COORD.test(f.lng.trim()) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    errors.location = '请在地图上选点，或填写纬度和经度（数字）'
  else if (!isInChina({ lat, lng })) errors.location = `坐标（${lat}, ${lng}）不在中国境内，请重新选点`
  if (!isMainlandPhone(f.phone)) errors.phone = '电话格式不正确，请填写 11 位手机号或带区号的固定电话（如 0411-87654321）'
  const coverage = splitCoverage(f.coverage)
  const coverageError = coverageProblem(coverage)
  if (coverageError) errors.coverage = coverageError
  if (f.services.length === 0) errors.services = '请至少选择一项服务'
  const openingHours = f.hours.trim() ? parseOpeningHours(f.hours) : []
  if (!openingHours) errors.hours = '格式如「周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30」'
  if (f.brands.some((b) => !b.name.trim())) errors.brands = '请填写每个品牌项目的名称，或删去空的项目'
  const exceptions: StationException[] = []
  for (const exception of f.exceptions) {
    const hours = exception.closed ? [] : parseRanges(exception.hours)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(exception.from) || !/^\d{4}-\d{2}-\d{2}$/.test(exception.to))
      errors.exceptions = '请选择每个特殊日期的起止日期'
    else if (exception.to < exception.from) errors.exceptions = `${exception.from} 至 ${exception.to}：结束日期早于开始日期`
    else if (!exception.reason.trim()) errors.exceptions = `${exception.from}：请写明原因，居民会看到（如「春节闭站」）`
    else if (!hours) errors.exceptions = `${exception.from}：开放时间格式如「09:00-12:00、14:00-16:00」`
    else exceptions.push({ from: exception.from, to: exception.to, hours, reason: exception.reason.trim() })
  }
  if (Object.keys(errors).length > 0 || !openingHours) return { body: null, errors }
  return {
    errors,
    body: {
      code: f.code.trim(),
      parentId: f.parentId,
      name: f.name.trim(),
      kind: f.kind,
      area: {
        province: f.province.trim(),
        city: f.city.trim(),
        district: f.district.trim(),
        street: f.street.trim() || null,
        community: f.community.trim() || null,
      },
      coverage,
      address: f.address.trim(),
      location: { lat, lng },
      phone: f.phone.trim(),
      services: f.services,
      intro: f.intro.trim(),
      openingHours,
      hoursNote: f.hoursNote.trim(),
      brandProjects: f.brands.map((b) => ({
        name: b.name.trim(),
        summary: b.summary.trim(),
        items: b.items
          .split(/[、，,]/)
          .map((x) => x.trim())
          .filter(Boolean),
      })),
      exceptions,
    },
  }
}

/** Only what changed, for PATCH (nothing: null). */
export function patchOf(before: AdminStationCreate, after: AdminStationCreate): AdminStationPatch | null {
  const patch: Record<string, unknown> = {}
  for (const k of Object.keys(after) as (keyof AdminStationCreate)[]) {
    if (k === 'code') continue
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) patch[k] = after[k]
  }
  return Object.keys(patch).length > 0 ? (patch as AdminStationPatch) : null
}

const FIELDS: FieldMap<ErrorKey> = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  parentId: 'parentId',
  area: 'area',
  coverage: 'coverage',
  address: 'address',
  location: 'location',
  phone: 'phone',
  services: 'services',
  openingHours: 'hours',
  hoursNote: 'hoursNote',
  intro: 'intro',
  brandProjects: 'brands',
  exceptions: 'exceptions',
  reason: 'reason',
}

/** The server's refusal, next to the field it names. */
export function saveErrors(err: unknown): Errors {
  const { message, field } = describeError(err, FIELDS)
  return { [field ?? 'form']: message }
}
