/** Choosing the spreadsheet to import, and reading a refused import's report. */
import Taro from '@tarojs/taro'
import type { ImportReport } from '@contract/types'
import type { ApiError } from '@/api/client'

export interface PickedFile {
  /** A temporary path (weapp) or a blob URL (h5), for uploadFile. */
  path: string
  name: string
}

export const ACTION_LABELS: Record<ImportReport['rows'][number]['action'], string> = {
  new: '新增',
  changed: '修改',
  unchanged: '不变',
  error: '有错误',
}

/** A file from a WeChat chat (weapp: chooseMessageFile) or the computer (h5: a file input); null when cancelled. */
export async function pickSheetFile(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
      input.className = 'import-file-input'
      input.style.display = 'none'
      input.addEventListener('change', () => {
        const chosen = input.files?.[0]
        input.remove()
        resolve(chosen ? { path: URL.createObjectURL(chosen), name: chosen.name } : null)
      })
      input.addEventListener('cancel', () => {
        input.remove()
        resolve(null)
      })
      document.body.appendChild(input)
      input.click()
    })
  }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    const chosen = res.tempFiles[0]
    return chosen ? { path: chosen.path, name: chosen.name } : null
  } catch {
    return null // cancelled
  }
}

/** The report a refused import carries (a bad file, or rows with errors), or null for other failures. */
export function reportOf(error: ApiError): ImportReport | null {
  const details = error.details as { report?: ImportReport } | null
  return details && typeof details === 'object' && details.report && Array.isArray(details.report.rows) ? details.report : null
}
