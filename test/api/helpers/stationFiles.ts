/** Station files for the import's tests: community rooms under 先进街道 (DL-JP-XJ), and a workbook of them. */
import ExcelJS from 'exceljs'
import { SHEET_COLUMNS, TEMPLATE_EXAMPLE, toRow, type StationRecord } from '../../../domain/stationSheet'

/** `n` rooms coded `DL-JP-XJ-<tag><number>`, named 「<label>第i社区社会工作室」, a little north of each other. */
export const roomsUnderXianjin = (n: number, tag: string, label: string): StationRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    ...TEMPLATE_EXAMPLE,
    code: `DL-JP-XJ-${tag}${String(i + 1).padStart(String(n).length, '0')}`,
    name: `${label}第${i + 1}社区社会工作室`,
    parentCode: 'DL-JP-XJ',
    area: { ...TEMPLATE_EXAMPLE.area, community: `${label}第${i + 1}社区` },
    location: { lat: 39.4 + i * (n > 1000 ? 0.0001 : 0.001), lng: 122.4 },
    coverage: [`${label}第${i + 1}社区东区`],
  }))

/** The stations as an .xlsx in the template's columns; `build` may add to the sheet. */
export async function stationsXlsx(stations: StationRecord[], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('站点')
  ws.addRow([...SHEET_COLUMNS])
  for (const s of stations) ws.addRow(toRow(s))
  build?.(ws)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
