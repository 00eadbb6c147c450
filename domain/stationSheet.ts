/**
 * The stations' spreadsheet (站点导入模板): its columns, one row ⇄ one station,
 * and the plan of an import (what is new, changed, unchanged or wrong, row by
 * row) before anything is written. Pure: the server reads the workbook or CSV
 * into rows of text and hands them here; the demo stations are a file in the
 * same template (server/seed/stations.csv).
 *
 * Every message names the row and the column as the admin sees them in Excel:
 * 「第 12 行「电话」格式不正确」.
 */
import {
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  STATION_KIND_LABELS,
  STATION_KINDS,
  type ServiceCategory,
  type StationKind,
} from '../contract/enums'
import { LIMITS } from '../contract/limits'
import type { BrandProject, OpeningHours } from '../contract/types'
import type { StationException } from './calendar'
import { isInChina } from './geo'
import { formatOpeningHours, parseOpeningHours } from './hours'
import { isMainlandPhone, normalizePhone } from './phone'
import { fieldInvalid, type Refusal } from './refusal'

/** A station as the spreadsheet holds it (and as the admin pages edit it). */
export interface StationRecord {
  /** Unique, stable code: the import matches rows to stations by it, e.g. `DL-JP-XJ`. */
  code: string
  name: string
  kind: StationKind
  /** Code of the parent station; null for a top-level station. */
  parentCode: string | null
  area: { province: string; city: string; district: string; street: string | null; community: string | null }
  address: string
  /** GCJ-02 (what WeChat's map and openLocation use). */
  location: { lat: number; lng: number }
  /** Mainland format: landline `0411-87654321` or mobile `13812345678`. */
  phone: string
  services: ServiceCategory[]
  intro: string
  openingHours: OpeningHours[]
  /** Free text under the hours, e.g. 「法定节假日休息」. */
  hoursNote: string
  brandProjects: BrandProject[]
  /** 服务范围: communities and streets of its district the station also covers (routing sends their requests here). */
  coverage: string[]
}

/** The columns every file must start with, in this order. */
export const REQUIRED_COLUMNS = [
  '站点编码',
  '站点名称',
  '层级',
  '上级站点编码',
  '省',
  '市',
  '区县',
  '街道',
  '社区',
  '地址',
  '纬度',
  '经度',
  '电话',
  '服务项目',
  '简介',
] as const
/** Columns a file may add after the required ones (the template and the export have all of them). */
export const OPTIONAL_COLUMNS = ['开放时间', '时间说明', '品牌项目', '品牌项目简介', '品牌项目课程', '服务范围'] as const
export const SHEET_COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS] as const
export type SheetColumn = (typeof SHEET_COLUMNS)[number]

/** 层级 as the template spells it; the full labels of contract/enums are accepted too. */
export const SHEET_KIND_LABELS: Record<StationKind, string> = {
  city: '市级指导中心',
  district: '区县总站',
  street: '街镇社工站',
  community: '村社区工作室',
  special: '专项站',
  enterprise: '企业社工驿站',
  school: '学校社工站',
}

export const SHEET_LIMITS = {
  code: 40,
  name: 50,
  intro: 2000,
  hoursNote: 100,
  brandName: 30,
  brandSummary: 500,
  brandItem: 30,
} as const

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
const LIST_SEPARATOR = /[、，,；;]/

const kindByLabel = new Map<string, StationKind>()
for (const k of STATION_KINDS) {
  kindByLabel.set(SHEET_KIND_LABELS[k], k)
  kindByLabel.set(STATION_KIND_LABELS[k], k)
}
const serviceByLabel = new Map<string, ServiceCategory>(SERVICE_CATEGORIES.map((c) => [SERVICE_CATEGORY_LABELS[c], c]))

/** The example row of the template. */
export const TEMPLATE_EXAMPLE: StationRecord = {
  code: 'DL-JP-XJ-HX',
  name: '和兴社区社会工作室',
  kind: 'community',
  parentCode: 'DL-JP-XJ',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '和兴社区' },
  address: '大连市金普新区先进街道和兴社区党群服务中心1楼',
  location: { lat: 39.0601, lng: 121.7702 },
  phone: '0411-87612345',
  services: ['elderly_care', 'child_protection'],
  intro: '和兴社区社会工作室面向社区老人和儿童开展探访、托管和兴趣课堂。',
  openingHours: [
    { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
    { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
  ],
  hoursNote: '法定节假日休息',
  brandProjects: [{ name: '东山小学堂', summary: '社区儿童的四点半课堂。', items: ['节气美育', '小小主播'] }],
  coverage: ['和平社区'],
}

// ───────────────────────── one station → one row ─────────────────────────

/** A station's row, one text per column of SHEET_COLUMNS (what the export writes and the diff compares). */
export function toCells(s: StationRecord): Record<SheetColumn, string> {
  return {
    站点编码: s.code,
    站点名称: s.name,
    层级: SHEET_KIND_LABELS[s.kind],
    上级站点编码: s.parentCode ?? '',
    省: s.area.province,
    市: s.area.city,
    区县: s.area.district,
    街道: s.area.street ?? '',
    社区: s.area.community ?? '',
    地址: s.address,
    纬度: String(s.location.lat),
    经度: String(s.location.lng),
    电话: s.phone,
    服务项目: s.services.map((c) => SERVICE_CATEGORY_LABELS[c]).join('、'),
    简介: s.intro,
    开放时间: s.openingHours.length > 0 ? formatOpeningHours(s.openingHours) : '',
    时间说明: s.hoursNote,
    品牌项目: s.brandProjects.map((b) => b.name).join('\n'),
    品牌项目简介: s.brandProjects.map((b) => b.summary).join('\n'),
    品牌项目课程: s.brandProjects.map((b) => b.items.join('、')).join('\n'),
    服务范围: s.coverage.join('、'),
  }
}

export const toRow = (s: StationRecord): string[] => {
  const cells = toCells(s)
  return SHEET_COLUMNS.map((c) => cells[c])
}

// ───────────────────────── the header ─────────────────────────

/**
 * Problems with the header row (the file's first row), or [] when it is the
 * template's: the required columns first, in order, then optional columns
 * of the template, each once. Returns the column of each known header.
 */
export function checkHeader(header: readonly string[]): { problems: string[]; columns: (SheetColumn | null)[] } {
  const names = header.map((h) => h.trim())
  while (names.length > 0 && names[names.length - 1] === '') names.pop()
  const problems: string[] = []
  REQUIRED_COLUMNS.forEach((want, i) => {
    const got = names[i]
    if (got === undefined) problems.push(`缺少第 ${i + 1} 列「${want}」`)
    else if (got !== want) problems.push(`第 ${i + 1} 列应为「${want}」，文件中是「${got || '（空）'}」`)
  })
  const seen = new Set<string>()
  names.slice(REQUIRED_COLUMNS.length).forEach((got, j) => {
    const at = REQUIRED_COLUMNS.length + j + 1
    if (!(OPTIONAL_COLUMNS as readonly string[]).includes(got))
      problems.push(`第 ${at} 列「${got || '（空）'}」不是模板中的列，可选列：${OPTIONAL_COLUMNS.join('、')}`)
    else if (seen.has(got)) problems.push(`第 ${at} 列「${got}」重复`)
    seen.add(got)
  })
  if (problems.length > 0) problems.unshift('表头与模板不一致，请下载模板，保留第一行表头')
  return { problems, columns: names.map((n) => ((SHEET_COLUMNS as readonly string[]).includes(n) ? (n as SheetColumn) : null)) }
}

// ───────────────────────── one row → one station ─────────────────────────

export interface ParsedRow {
  /** The row's number in the file, as Excel shows it (the header is row 1). */
  row: number
  record: StationRecord | null
  /** The code as written, for the report even when the row is wrong. */
  code: string
  name: string
  errors: string[]
}

/** Reads one data row (texts in the header's column order) into a station, or the row's errors. */
export function parseRow(row: number, cells: readonly string[], columns: readonly (SheetColumn | null)[]): ParsedRow {
  const value = (c: SheetColumn) => {
    const i = columns.indexOf(c)
    return i < 0 ? '' : (cells[i] ?? '').replace(/\r\n?/g, '\n').trim()
  }
  const errors: string[] = []
  const bad = (c: SheetColumn, problem: string) => errors.push(`第 ${row} 行「${c}」${problem}`)
  const text = (c: SheetColumn, max: number, required: boolean): string => {
    const cell = value(c)
    if (required && !cell) bad(c, '不能为空')
    else if ([...cell].length > max) bad(c, `不能超过 ${max} 个字`)
    return cell
  }

  const code = text('站点编码', SHEET_LIMITS.code, true)
  if (code && !CODE.test(code)) bad('站点编码', '只能由字母、数字、- 和 _ 组成')
  const name = text('站点名称', SHEET_LIMITS.name, true)
  const kindText = value('层级')
  const kind = kindByLabel.get(kindText)
  if (!kindText) bad('层级', '不能为空')
  else if (!kind) bad('层级', `「${kindText}」不是可选的层级，可选：${STATION_KINDS.map((k) => SHEET_KIND_LABELS[k]).join('、')}`)
  const parentCode = text('上级站点编码', SHEET_LIMITS.code, false)
  if (parentCode && !CODE.test(parentCode)) bad('上级站点编码', '只能由字母、数字、- 和 _ 组成')
  if (parentCode && parentCode === code) bad('上级站点编码', '不能是站点自己')
  const province = text('省', LIMITS.areaName, true)
  const city = text('市', LIMITS.areaName, true)
  const district = text('区县', LIMITS.areaName, true)
  const street = text('街道', LIMITS.streetName, false)
  const community = text('社区', LIMITS.streetName, false)
  const address = text('地址', LIMITS.address, true)
  const lat = coordinate(value('纬度'), -90, 90)
  const lng = coordinate(value('经度'), -180, 180)
  if (lat === null) bad('纬度', value('纬度') ? '应为 -90 到 90 之间的数字' : '不能为空')
  if (lng === null) bad('经度', value('经度') ? '应为 -180 到 180 之间的数字' : '不能为空')
  if (lat !== null && lng !== null && !isInChina({ lat, lng }))
    bad('经度', `与「纬度」（${lat}, ${lng}）不在中国境内，请在地图上重新取点（GCJ-02 坐标）`)
  const phoneText = value('电话')
  const phone = normalizePhone(phoneText)
  if (!phoneText) bad('电话', '不能为空')
  else if (!isMainlandPhone(phoneText)) bad('电话', '格式不正确，请填写 11 位手机号或带区号的固定电话（如 0411-87654321）')
  const services: ServiceCategory[] = []
  const serviceText = value('服务项目')
  if (!serviceText) bad('服务项目', '不能为空')
  for (const label of serviceText
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const category = serviceByLabel.get(label)
    if (!category)
      bad('服务项目', `「${label}」不是可选的服务项目，可选：${SERVICE_CATEGORIES.map((s) => SERVICE_CATEGORY_LABELS[s]).join('、')}`)
    else if (!services.includes(category)) services.push(category)
  }
  const intro = text('简介', SHEET_LIMITS.intro, false)
  const hoursText = value('开放时间')
  const openingHours = hoursText ? parseOpeningHours(hoursText) : []
  if (openingHours === null) bad('开放时间', '格式不正确，例如「周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30」')
  const hoursNote = text('时间说明', SHEET_LIMITS.hoursNote, false)
  const brandProjects = parseBrandProjects(value('品牌项目'), value('品牌项目简介'), value('品牌项目课程'), (c, p) => bad(c, p))
  const coverage = parseCoverage(value('服务范围'), (p) => bad('服务范围', p))

  const ok = errors.length === 0 && kind && lat !== null && lng !== null && openingHours
  return {
    row,
    code,
    name,
    errors,
    record: ok
      ? {
          code,
          name,
          kind,
          parentCode: parentCode || null,
          area: { province, city, district, street: street || null, community: community || null },
          address,
          location: { lat, lng },
          phone,
          services,
          intro,
          openingHours,
          hoursNote,
          brandProjects,
          coverage,
        }
      : null,
  }
}

/** 服务范围: names separated by 、, each once. */
export function coverageProblem(names: readonly string[]): string | null {
  if (names.length > LIMITS.coverageAreas) return `最多 ${LIMITS.coverageAreas} 个社区或街道`
  const long = names.find((n) => [...n].length > LIMITS.streetName)
  if (long) return `「${long}」超过 ${LIMITS.streetName} 个字`
  return null
}

export const splitCoverage = (text: string): string[] => [
  ...new Set(
    text
      .split(LIST_SEPARATOR)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
]

function parseCoverage(text: string, bad: (problem: string) => void): string[] {
  const names = splitCoverage(text)
  const problem = coverageProblem(names)
  if (problem) bad(problem)
  return names
}

function coordinate(text: string, min: number, max: number): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null
  const degrees = Number(text)
  return Number.isFinite(degrees) && degrees >= min && degrees <= max ? degrees : null
}

/** Brand projects: one per line in 品牌项目, its summary on the same line of 品牌项目简介, its courses (、) on the same line of 品牌项目课程. */
function parseBrandProjects(
  names: string,
  summaries: string,
  items: string,
  bad: (c: SheetColumn, problem: string) => void,
): BrandProject[] {
  const lines = (s: string) => (s ? s.split('\n').map((l) => l.trim()) : [])
  const nameLines = lines(names)
  const summaryLines = lines(summaries)
  const itemLines = lines(items)
  if (nameLines.some((x) => !x)) bad('品牌项目', '每行一个项目名称，不能有空行')
  if (summaryLines.length > nameLines.length)
    bad('品牌项目简介', `有 ${summaryLines.length} 行，比「品牌项目」的 ${nameLines.length} 个项目多`)
  if (itemLines.length > nameLines.length) bad('品牌项目课程', `有 ${itemLines.length} 行，比「品牌项目」的 ${nameLines.length} 个项目多`)
  if (nameLines.some((x) => [...x].length > SHEET_LIMITS.brandName)) bad('品牌项目', `每个名称不能超过 ${SHEET_LIMITS.brandName} 个字`)
  if (summaryLines.some((x) => [...x].length > SHEET_LIMITS.brandSummary))
    bad('品牌项目简介', `每行不能超过 ${SHEET_LIMITS.brandSummary} 个字`)
  return nameLines.map((name, k) => {
    const courses = (itemLines[k] ?? '')
      .split(LIST_SEPARATOR)
      .map((x) => x.trim())
      .filter(Boolean)
    if (courses.some((x) => [...x].length > SHEET_LIMITS.brandItem)) bad('品牌项目课程', `每门课程不能超过 ${SHEET_LIMITS.brandItem} 个字`)
    return { name, summary: summaryLines[k] ?? '', items: courses }
  })
}

// ───────────────────────── the plan of an import ─────────────────────────

export type PlanAction = 'new' | 'changed' | 'unchanged' | 'error'

export interface PlanRow {
  row: number
  code: string
  name: string
  action: PlanAction
  /** The columns that change (action 'changed'). */
  changes: SheetColumn[]
  errors: string[]
}

export interface ImportSummary {
  created: number
  changed: number
  unchanged: number
  errors: number
}

export interface ImportPlan {
  rows: PlanRow[]
  summary: ImportSummary
  /** The stations to write, every parent before its children; empty when any row has an error. */
  writes: { record: StationRecord; action: 'new' | 'changed'; changes: SheetColumn[] }[]
}

/** A station already in the database, by code. */
export interface KnownStation {
  record: StationRecord
}

/**
 * Who imports: an admin acts on the subtree of their station (`rootCode`,
 * `codes` = every code in it); the seed has no scope (null) and may create
 * top-level stations.
 */
export interface ImportScope {
  rootCode: string
  codes: ReadonlySet<string>
}

/**
 * What importing `rows` would do, given the stations `known` by code (all of
 * them, so that a code used outside the scope is found). All-or-nothing: one
 * wrong row and nothing is to be written.
 */
export function planImport(rows: readonly ParsedRow[], known: ReadonlyMap<string, KnownStation>, scope: ImportScope | null): ImportPlan {
  const firstRow = new Map<string, number>()
  const out: PlanRow[] = rows.map((r) => ({ row: r.row, code: r.code, name: r.name, action: 'error', changes: [], errors: [...r.errors] }))
  const byCode = new Map<string, StationRecord>()
  rows.forEach((r, k) => {
    const planned = out[k]!
    if (r.code) {
      const first = firstRow.get(r.code)
      if (first !== undefined) planned.errors.push(`第 ${r.row} 行「站点编码」${r.code} 与第 ${first} 行重复`)
      else firstRow.set(r.code, r.row)
    }
    if (r.record && planned.errors.length === 0) byCode.set(r.code, r.record)
  })

  // The parent of every code once the file is applied.
  const parentOf = (code: string): string | null | undefined =>
    byCode.has(code) ? byCode.get(code)!.parentCode : known.get(code)?.record.parentCode
  rows.forEach((r, k) => {
    const planned = out[k]!
    const rec = r.record
    if (!rec || planned.errors.length > 0) return
    const bad = (c: SheetColumn, problem: string) => planned.errors.push(`第 ${r.row} 行「${c}」${problem}`)
    const existing = known.get(rec.code)
    if (scope && existing && !scope.codes.has(rec.code)) bad('站点编码', `${rec.code} 已被您管辖范围以外的站点使用`)
    else if (scope && rec.code === scope.rootCode) {
      if (rec.parentCode !== (existing?.record.parentCode ?? null)) bad('上级站点编码', '您所在站点的上级只能由上级管理员调整')
    } else if (rec.parentCode === null) {
      if (scope) bad('上级站点编码', '不能为空：新站点须挂在您管辖的站点之下')
    } else if (!firstRow.has(rec.parentCode) && !known.has(rec.parentCode)) {
      bad('上级站点编码', `${rec.parentCode} 既不在文件中，也不是已有站点`)
    } else if (scope && known.has(rec.parentCode) && !scope.codes.has(rec.parentCode)) {
      bad('上级站点编码', `${rec.parentCode} 不在您的管辖范围内`)
    }
    if (planned.errors.length === 0) {
      // Walk up from the row: coming back to it is a cycle.
      const seen = new Set<string>([rec.code])
      for (let up = rec.parentCode; up; up = parentOf(up) ?? null) {
        if (seen.has(up)) {
          bad('上级站点编码', `${rec.parentCode} 会形成循环（${[...seen].join(' → ')} → ${up}）`)
          break
        }
        seen.add(up)
      }
    }
    if (planned.errors.length > 0) return
    if (!existing) {
      planned.action = 'new'
      return
    }
    const before = toCells(existing.record)
    const after = toCells(rec)
    planned.changes = SHEET_COLUMNS.filter((c) => before[c] !== after[c])
    planned.action = planned.changes.length > 0 ? 'changed' : 'unchanged'
  })

  const summary: ImportSummary = { created: 0, changed: 0, unchanged: 0, errors: 0 }
  for (const planned of out) {
    if (planned.action === 'error') summary.errors++
    else if (planned.action === 'new') summary.created++
    else if (planned.action === 'changed') summary.changed++
    else summary.unchanged++
  }
  const writes: ImportPlan['writes'] = []
  if (summary.errors === 0) {
    // Parents first: a row is written once its parent (if in the file) is.
    const pending = new Map(out.filter((r) => r.action === 'new' || r.action === 'changed').map((r) => [r.code, r]))
    const done = new Set<string>()
    const visit = (code: string) => {
      const planned = pending.get(code)
      if (!planned || done.has(code)) return
      done.add(code)
      const rec = byCode.get(code)!
      if (rec.parentCode) visit(rec.parentCode)
      writes.push({ record: rec, action: planned.action as 'new' | 'changed', changes: planned.changes })
    }
    for (const code of pending.keys()) visit(code)
  }
  return { rows: out, summary, writes }
}

// ───────────────────────── a station edited in the form ─────────────────────────

/**
 * What the admin form's station must also be (the schema checked types and
 * lengths): a code of the template's alphabet, a mainland phone, coordinates
 * in China, hours and date exceptions that close after they open.
 */
export function stationRefusal(s: StationRecord, exceptions: readonly StationException[] = []): Refusal | null {
  if (!CODE.test(s.code)) return fieldInvalid('code', '站点编码只能由字母、数字、- 和 _ 组成')
  if (!isMainlandPhone(s.phone)) return fieldInvalid('phone', '电话格式不正确，请填写 11 位手机号或带区号的固定电话（如 0411-87654321）')
  if (!isInChina(s.location)) return fieldInvalid('location', `坐标（${s.location.lat}, ${s.location.lng}）不在中国境内，请重新选点`)
  const coverage = coverageProblem(s.coverage)
  if (coverage) return fieldInvalid('coverage', `服务范围：${coverage}`)
  for (const range of s.openingHours) {
    if (range.close <= range.open) return fieldInvalid('openingHours', `开放时间 ${range.open}-${range.close}：结束时间须晚于开始时间`)
  }
  for (const exception of exceptions) {
    const { from, to } = exception
    if (to < from) return fieldInvalid('exceptions', `特殊日期 ${from} 至 ${to}：结束日期早于开始日期`)
    for (const range of exception.hours) {
      if (range.close <= range.open)
        return fieldInvalid('exceptions', `特殊日期 ${from}：${range.open}-${range.close} 结束时间须晚于开始时间`)
    }
  }
  return null
}
