/**
 * The stations' spreadsheet as files: reading an uploaded workbook (`exceljs`)
 * or CSV (`csv-parse`, UTF-8 with or without a BOM) into rows of text, and
 * writing the template and the export (.xlsx). What the rows mean is
 * domain/stationSheet's business; this module refuses files that are not a
 * plain table: not a spreadsheet, corrupt, password-protected, too large,
 * too many rows, formulas, merged cells.
 */
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import type { ErrorCode } from '../../contract/errors'
import { LIMITS } from '../../contract/limits'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, STATION_KINDS } from '../../contract/enums'
import {
  checkHeader,
  OPTIONAL_COLUMNS,
  parseRow,
  REQUIRED_COLUMNS,
  SHEET_COLUMNS,
  SHEET_KIND_LABELS,
  TEMPLATE_EXAMPLE,
  toRow,
  type ParsedRow,
  type StationRecord,
} from '../../domain/stationSheet'

export interface SheetRows {
  header: string[]
  /** Data rows that are not blank, with their row number in the file (the header is row 1). */
  rows: { row: number; cells: string[] }[]
}

export type SheetRead = { ok: true; sheet: SheetRows } | { ok: false; code: ErrorCode; problems: string[] }

const MB = LIMITS.importBytes / 1024 / 1024
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
/** An OLE compound file: an old .xls, or an .xlsx encrypted with a password (Office wraps those in one). */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

const refused = (code: ErrorCode, ...problems: string[]): SheetRead => ({ ok: false, code, problems })
const tooManyRows = (n: number) => refused('IMPORT_INVALID', `文件有 ${n} 行数据，一次最多导入 ${LIMITS.importRows} 行，请分成几个文件`)

/** Reads an uploaded file: an .xlsx workbook (its first sheet) or a CSV. */
export async function readSheet(content: Buffer, filename: string): Promise<SheetRead> {
  if (content.length > LIMITS.importBytes) return refused('PAYLOAD_TOO_LARGE', `文件不能超过 ${MB} MB`)
  if (content.length === 0) return refused('IMPORT_INVALID', '文件是空的')
  if (content.subarray(0, 8).equals(OLE)) {
    return refused('IMPORT_INVALID', '这个工作簿设有打开密码，或是旧版 .xls 格式：请在 Excel 中取消密码，另存为 .xlsx 后再导入')
  }
  if (content.subarray(0, 4).equals(ZIP)) return readWorkbook(content)
  const looksLikeText = !content.subarray(0, 4096).includes(0)
  if (/\.csv$/i.test(filename) || (looksLikeText && !/\.xlsx?$/i.test(filename))) return readCsv(content)
  return refused('UNSUPPORTED_MEDIA_TYPE', '只能导入 .xlsx 工作簿或 .csv 文件，请使用下载的模板')
}

/**
 * A file read into its rows (the workbook's XML or the CSV parsed, each row
 * checked on its own): CPU work that needs no database. The API runs it in a
 * worker thread (services/stationFileReader.ts), so that parsing a province's
 * workbook never holds the thread that answers residents; the seed runs it here.
 * `cause`: what went wrong when the reader itself failed (for the log, never shown).
 */
export type FileRows = { ok: true; rows: ParsedRow[] } | { ok: false; code: ErrorCode; problems: string[]; cause?: string }

export async function readStationFile(content: Buffer, filename: string): Promise<FileRows> {
  const read = await readSheet(content, filename)
  if (!read.ok) return read
  const header = checkHeader(read.sheet.header)
  if (header.problems.length > 0) return { ok: false, code: 'IMPORT_INVALID', problems: header.problems }
  if (read.sheet.rows.length === 0)
    return { ok: false, code: 'IMPORT_INVALID', problems: ['文件中没有站点：请从第 2 行起每行填写一个站点'] }
  return { ok: true, rows: read.sheet.rows.map((r) => parseRow(r.row, r.cells, header.columns)) }
}

function readCsv(content: Buffer): SheetRead {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content)
  } catch {
    return refused('IMPORT_INVALID', 'CSV 文件不是 UTF-8 编码：请在 Excel 中另存为「CSV UTF-8（逗号分隔）」')
  }
  let records: string[][]
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]
  } catch (err) {
    const line = (err as { lines?: number }).lines
    return refused('IMPORT_INVALID', `CSV 文件格式不正确${line ? `（约第 ${line} 行）` : ''}：请检查引号是否成对`)
  }
  const [header, ...data] = records
  if (!header) return refused('IMPORT_INVALID', '文件是空的')
  if (data.length > LIMITS.importRows) return tooManyRows(data.length)
  const rows = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''))
  return { ok: true, sheet: { header, rows } }
}

async function readWorkbook(content: Buffer): Promise<SheetRead> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    return refused('IMPORT_INVALID', '工作簿已损坏，无法读取：请在 Excel 中打开确认后另存为 .xlsx')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet || sheet.actualRowCount === 0) return refused('IMPORT_INVALID', '工作簿的第一个工作表是空的')
  if (sheet.actualRowCount - 1 > LIMITS.importRows) return tooManyRows(sheet.actualRowCount - 1)
  const merges = mergedRanges(sheet)
  if (merges.length > 0) {
    return refused(
      'IMPORT_INVALID',
      `工作表中有合并单元格（${merges.slice(0, 5).join('、')}${merges.length > 5 ? ' 等' : ''}）：请取消合并，每个站点一行、每格一个值`,
    )
  }
  const problems: string[] = []
  let header: string[] | null = null
  const rows: SheetRows['rows'] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.type === ExcelJS.ValueType.Formula) {
        if (problems.length < 20) problems.push(`第 ${rowNumber} 行第 ${col} 列（${cell.address}）是公式：请复制后「选择性粘贴 → 数值」`)
        return
      }
      cells[col - 1] = cellText(cell.value)
    })
    for (let i = 0; i < cells.length; i++) cells[i] ??= ''
    if (header === null) header = cells
    else if (cells.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells })
  })
  if (problems.length > 0) return refused('IMPORT_INVALID', ...problems)
  if (!header) return refused('IMPORT_INVALID', '工作簿的第一个工作表是空的')
  return { ok: true, sheet: { header, rows } }
}

function mergedRanges(sheet: ExcelJS.Worksheet): string[] {
  const merges = (sheet.model as { merges?: string[] }).merges
  return Array.isArray(merges) ? merges : []
}

/** A cell's value as the text the admin sees (numbers without Excel's formatting). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if ('richText' in v) return v.richText.map((t) => t.text).join('')
  if ('text' in v && typeof v.text === 'string') return v.text
  if ('error' in v) return String(v.error)
  return ''
}

// ───────────────────────── writing ─────────────────────────

const WIDTHS: Partial<Record<(typeof SHEET_COLUMNS)[number], number>> = {
  站点编码: 16,
  站点名称: 26,
  服务范围: 24,
  层级: 14,
  上级站点编码: 16,
  地址: 36,
  电话: 16,
  服务项目: 30,
  简介: 50,
  开放时间: 40,
  时间说明: 30,
  品牌项目: 16,
  品牌项目简介: 40,
  品牌项目课程: 30,
}

/** A workbook in the template's layout: sheet 「站点」 (header + rows), then 「填写说明」. */
export async function stationWorkbook(stations: readonly StationRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '社工站居民服务'
  const sheet = workbook.addWorksheet('站点', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = SHEET_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? 12 }))
  sheet.getRow(1).font = { bold: true }
  for (const station of stations) sheet.addRow(toRow(station))
  // Text, not numbers, for codes and phones (so Excel keeps a leading 0).
  for (const column of ['站点编码', '上级站点编码', '电话'] as const) sheet.getColumn(SHEET_COLUMNS.indexOf(column) + 1).numFmt = '@'
  const kinds = STATION_KINDS.map((k) => SHEET_KIND_LABELS[k])
  const last = Math.max(stations.length + 1, 1000)
  for (let row = 2; row <= last; row++) {
    sheet.getCell(row, SHEET_COLUMNS.indexOf('层级') + 1).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${kinds.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '层级',
      error: `请选择：${kinds.join('、')}`,
    }
  }

  const help = workbook.addWorksheet('填写说明')
  help.columns = [
    { header: '列', key: 'column', width: 16 },
    { header: '说明', key: 'help', width: 90 },
  ]
  help.getRow(1).font = { bold: true }
  const HELP: Record<(typeof SHEET_COLUMNS)[number], string> = {
    站点编码: '必填。唯一且不再改变，导入按它匹配已有站点；字母、数字、- 和 _',
    站点名称: '必填',
    层级: `必填，可选：${kinds.join('、')}`,
    上级站点编码: '新站点必填：上级站点的编码（已有站点，或本文件中的站点）',
    省: '必填',
    市: '必填',
    区县: '必填',
    街道: '街镇社工站及以下填写；求助按它分派到站',
    社区: '村社区工作室填写；求助按它分派到站',
    地址: '必填，居民看到的地址',
    纬度: '必填，GCJ-02（微信地图、腾讯地图取点），须在中国境内',
    经度: '必填，同上',
    电话: '必填：11 位手机号，或带区号的固定电话，如 0411-87654321',
    服务项目: `必填，多项用「、」分隔，可选：${SERVICE_CATEGORIES.map((c) => SERVICE_CATEGORY_LABELS[c]).join('、')}`,
    简介: '选填，居民在站点页看到的介绍',
    开放时间: '选填，如「周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30」；法定节假日按国家安排自动休息',
    时间说明: '选填，如「法定节假日休息；紧急情况请拨打 110/120」',
    品牌项目: '选填，一站一品：每行一个项目名称（单元格内换行：Alt+Enter）',
    品牌项目简介: '选填，与「品牌项目」逐行对应',
    品牌项目课程: '选填，与「品牌项目」逐行对应，每行的课程用「、」分隔',
    服务范围: `选填：本站还负责的本区县社区、街道（没有自己站点的社区，或相邻社区），用「、」分隔，最多 ${LIMITS.coverageAreas} 个；这些地方的求助先交给本站`,
  }
  for (const column of SHEET_COLUMNS)
    help.addRow({ column: `${column}${(REQUIRED_COLUMNS as readonly string[]).includes(column) ? '' : '（可选列）'}`, help: HELP[column] })
  help.addRow({})
  help.addRow({
    column: '注意',
    help: `前 ${REQUIRED_COLUMNS.length} 列必须按此顺序；可选列（${OPTIONAL_COLUMNS.join('、')}）可以删去。不要合并单元格，不要用公式；一次最多 ${LIMITS.importRows} 行。`,
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The template: the layout with one example row. */
export const templateWorkbook = () => stationWorkbook([TEMPLATE_EXAMPLE])
