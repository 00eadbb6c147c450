/** The stations' spreadsheet (domain/stationSheet): header, rows, the plan of an import, hours text. */
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { StationRecordSchema } from '../../contract/schemas'
import type { AdminStationNode } from '../../contract/types'
import { formatOpeningHours, parseOpeningHours } from '../../domain/hours'
import {
  checkHeader,
  parseRow,
  planImport,
  SHEET_COLUMNS,
  TEMPLATE_EXAMPLE,
  toRow,
  type KnownStation,
  type ParsedRow,
  type StationRecord,
} from '../../domain/stationSheet'
import { SEED_STATIONS } from '../../server/seed/stations'
import { countsBelow, visibleRows } from '../../src/packages/workbench/stations/tree'

const { columns } = checkHeader([...SHEET_COLUMNS])
const rowOf = (s: StationRecord, n: number, patch: Partial<Record<(typeof SHEET_COLUMNS)[number], string>> = {}): ParsedRow => {
  const cells = toRow(s)
  for (const [k, v] of Object.entries(patch)) cells[SHEET_COLUMNS.indexOf(k as (typeof SHEET_COLUMNS)[number])] = v
  return parseRow(n, cells, columns)
}
const station = (code: string, parentCode: string | null, name = code): StationRecord => ({ ...TEMPLATE_EXAMPLE, code, parentCode, name })
const known = (...list: StationRecord[]) => new Map<string, KnownStation>(list.map((record) => [record.code, { record }]))

describe('the header', () => {
  test('the template header passes; the required columns alone pass', () => {
    expect(checkHeader([...SHEET_COLUMNS]).problems).toEqual([])
    expect(checkHeader(SHEET_COLUMNS.slice(0, 15)).problems).toEqual([])
  })
  test('a missing, misnamed, reordered, unknown or repeated column is named', () => {
    expect(checkHeader(SHEET_COLUMNS.slice(0, 14)).problems).toContain('缺少第 15 列「简介」')
    const swapped: string[] = [...SHEET_COLUMNS]
    swapped[2] = '级别'
    expect(checkHeader(swapped).problems).toContain('第 3 列应为「层级」，文件中是「级别」')
    expect(checkHeader([...SHEET_COLUMNS.slice(0, 15), '备注']).problems.join()).toContain('第 16 列「备注」不是模板中的列')
    expect(checkHeader([...SHEET_COLUMNS.slice(0, 15), '开放时间', '开放时间']).problems).toContain('第 17 列「开放时间」重复')
  })
})

describe('a row', () => {
  test('the example row reads back as the example station', () => {
    const r = rowOf(TEMPLATE_EXAMPLE, 2)
    expect(r.errors).toEqual([])
    expect(r.record).toEqual(TEMPLATE_EXAMPLE)
  })
  test('each bad cell is said with its row and column', () => {
    const r = rowOf(TEMPLATE_EXAMPLE, 12, { 电话: '12345', 层级: '居委会', 服务项目: '养老服务、跳广场舞', 纬度: 'abc', 站点名称: '' })
    expect(r.record).toBeNull()
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^第 12 行「电话」格式不正确/),
        expect.stringMatching(/^第 12 行「层级」「居委会」不是可选的层级/),
        expect.stringMatching(/^第 12 行「服务项目」「跳广场舞」不是可选的服务项目/),
        expect.stringMatching(/^第 12 行「纬度」应为/),
        '第 12 行「站点名称」不能为空',
      ]),
    )
  })
  test('coordinates outside China are refused', () => {
    const tokyo = rowOf(TEMPLATE_EXAMPLE, 3, { 纬度: '35.68', 经度: '139.76' })
    expect(tokyo.errors).toEqual([expect.stringContaining('不在中国境内')])
  })
  test('the full kind labels are accepted; phones are normalised', () => {
    const r = rowOf(TEMPLATE_EXAMPLE, 2, { 层级: '村（社区）社会工作室', 电话: ' 0411-8761 2345 ' })
    expect(r.record).toMatchObject({ kind: 'community', phone: '0411-87612345' })
  })
})

describe('the plan of an import', () => {
  const root = station('DL-JP', 'DL')
  const street = station('DL-JP-XJ', 'DL-JP')
  const outside = station('DL-GX', 'DL')
  const db = known(station('DL', null), root, street, outside)
  const scope = { rootCode: 'DL-JP', codes: new Set(['DL-JP', 'DL-JP-XJ']) }

  test('new, changed and unchanged rows, counted; parents written first', () => {
    const plan = planImport(
      [
        rowOf(station('DL-JP-XJ-B', 'DL-JP-XJ-A'), 2),
        rowOf(station('DL-JP-XJ-A', 'DL-JP-XJ'), 3),
        rowOf({ ...street, phone: '0411-80000000' }, 4),
        rowOf(root, 5),
      ],
      db,
      scope,
    )
    expect(plan.summary).toEqual({ created: 2, changed: 1, unchanged: 1, errors: 0 })
    expect(plan.rows.find((r) => r.code === 'DL-JP-XJ')?.changes).toEqual(['电话'])
    expect(plan.writes.map((w) => w.record.code)).toEqual(['DL-JP-XJ', 'DL-JP-XJ-A', 'DL-JP-XJ-B'])
  })
  test('a code twice, an unknown parent, a parent outside the scope, a code used outside it, a cycle: errors, and nothing to write', () => {
    const plan = planImport(
      [
        rowOf(station('DL-JP-XJ-A', 'DL-JP-XJ'), 2),
        rowOf(station('DL-JP-XJ-A', 'DL-JP-XJ'), 3),
        rowOf(station('DL-JP-X1', 'NOWHERE'), 4),
        rowOf(station('DL-JP-X2', 'DL-GX'), 5),
        rowOf(outside, 6),
        rowOf(station('C1', 'C2'), 7),
        rowOf(station('C2', 'C1'), 8),
      ],
      db,
      scope,
    )
    const errors = plan.rows.flatMap((r) => r.errors)
    expect(errors).toEqual([
      '第 3 行「站点编码」DL-JP-XJ-A 与第 2 行重复',
      '第 4 行「上级站点编码」NOWHERE 既不在文件中，也不是已有站点',
      '第 5 行「上级站点编码」DL-GX 不在您的管辖范围内',
      '第 6 行「站点编码」DL-GX 已被您管辖范围以外的站点使用',
      expect.stringContaining('第 7 行「上级站点编码」C2 会形成循环'),
      expect.stringContaining('第 8 行「上级站点编码」C1 会形成循环'),
    ])
    expect(plan.summary.errors).toBe(6)
    expect(plan.writes).toEqual([])
  })
  test("the admin's own station may be in the file (an export) but not moved", () => {
    expect(planImport([rowOf(root, 2)], db, scope).summary).toEqual({ created: 0, changed: 0, unchanged: 1, errors: 0 })
    expect(planImport([rowOf({ ...root, parentCode: 'DL-GX' }, 2)], db, scope).rows[0]!.errors).toEqual([
      '第 2 行「上级站点编码」您所在站点的上级只能由上级管理员调整',
    ])
  })
  test('moving an existing station under its own child is a cycle', () => {
    const plan = planImport([rowOf({ ...street, parentCode: 'DL-JP-XJ-A' }, 2), rowOf(station('DL-JP-XJ-A', 'DL-JP-XJ'), 3)], db, scope)
    expect(plan.summary.errors).toBe(2)
  })
})

describe('opening hours as text', () => {
  test('format and parse are inverse', () => {
    const hours = [
      { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
      { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
      { weekdays: [6], open: '09:00', close: '11:30' },
    ]
    expect(formatOpeningHours(hours)).toBe('周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30')
    expect(parseOpeningHours(formatOpeningHours(hours))).toEqual(hours)
    expect(parseOpeningHours('每天 09:00-17:00')).toEqual([{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '09:00', close: '17:00' }])
    expect(parseOpeningHours('周一、周三 09:00-12:00')).toEqual([{ weekdays: [1, 3], open: '09:00', close: '12:00' }])
  })
  test('what is not hours is null', () => {
    for (const bad of ['周一至周五', '周八 09:00-10:00', '周一 17:00-09:00', '周一 9点-10点', '周五至周一 09:00-10:00'])
      expect(parseOpeningHours(bad)).toBeNull()
  })
})

describe('the demo stations file (server/seed/stations.csv)', () => {
  test('every row is a station the import takes, and fits the contract schema', () => {
    expect(SEED_STATIONS.length).toBeGreaterThan(60)
    // Checked as the API checks a body (ajv, no coercion).
    const check = addFormats(new Ajv({ coerceTypes: false })).compile(StationRecordSchema)
    const wrong = SEED_STATIONS.map((s) => ({ code: s.code, ok: check(s) }))
      .filter((r) => !r.ok)
      .map((r) => r.code)
    expect(wrong).toEqual([])
  })
  test('the plan of the file on an empty database: every station new, no error, parents first', () => {
    const rows = SEED_STATIONS.map((s, i) => rowOf(s, i + 2))
    const plan = planImport(rows, new Map(), null)
    expect(plan.summary).toEqual({ created: SEED_STATIONS.length, changed: 0, unchanged: 0, errors: 0 })
    const written = new Set<string>()
    for (const w of plan.writes) {
      if (w.record.parentCode) expect(written.has(w.record.parentCode)).toBe(true)
      written.add(w.record.code)
    }
  })
})

describe('the 站点管理 tree', () => {
  const node = (id: string, parentId: string | null, depth: number, name = id): AdminStationNode => ({
    id,
    code: id.toUpperCase(),
    name,
    kind: 'street',
    parentId,
    depth,
    closed: false,
    staffCount: 0,
    openRequests: 0,
  })
  const nodes = [
    node('jp', null, 0, '金普新区社工总站'),
    node('xj', 'jp', 1, '先进街道社工站'),
    node('mx', 'xj', 2, '民馨社区社会工作室'),
    node('ds', 'xj', 2, '东山社区社会工作室'),
    node('tp', 'jp', 1, '太平街道社工站'),
  ]
  test('counts every station below; shows the expanded branches only', () => {
    expect(countsBelow(nodes).get('jp')).toBe(4)
    expect(countsBelow(nodes).get('xj')).toBe(2)
    expect(visibleRows(nodes, new Set(['jp']), '').map((r) => r.node.id)).toEqual(['jp', 'xj', 'tp'])
    expect(visibleRows(nodes, new Set(['jp', 'xj']), '').map((r) => r.node.id)).toEqual(['jp', 'xj', 'mx', 'ds', 'tp'])
  })
  test('a search shows the matches and the chain above each', () => {
    const rows = visibleRows(nodes, new Set(), '民馨')
    expect(rows.map((r) => [r.node.id, r.match])).toEqual([
      ['jp', false],
      ['xj', false],
      ['mx', true],
    ])
    expect(visibleRows(nodes, new Set(), 'TP').map((r) => r.node.id)).toEqual(['jp', 'tp'])
  })
})
