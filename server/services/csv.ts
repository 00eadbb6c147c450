/** CSV files the workbench exports (rosters, station reports): Excel opens them as they are. */

/** One CSV cell: quoted, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | boolean | null): string {
  let s = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return `"${s.replace(/"/g, '""')}"`
}

/** Lines of cells as a CSV file, with a BOM so that Excel opens the Chinese text as UTF-8. */
export function toCsv(lines: (string | number | boolean | null)[][]): string {
  return '\ufeff' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
