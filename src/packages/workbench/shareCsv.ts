import Taro from '@tarojs/taro'
import { API_BASE } from '@/api/client'
import { useStaffSession } from '@/stores/staffSession'

/**
 * Downloads a CSV export with the staff token and hands it on: a download in
 * the browser (h5), WeChat's 转发文件 on a phone (as the roster's 导出名单).
 * Failures are said in a dialog; resolves when done either way.
 */
export async function shareCsv(path: string, fileName: string, what: string): Promise<void> {
  const staffToken = useStaffSession.getState().token
  const url = `${API_BASE}${path}`
  const fail = (message: string) => void Taro.showModal({ title: '导出未成功', content: message, showCancel: false })
  const expired = () => {
    useStaffSession.getState().clear()
    void Taro.redirectTo({ url: '/packages/workbench/login/index' })
  }
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${staffToken}` } })
      if (res.status === 401) return expired()
      if (!res.ok) return fail(`${what}下载失败，请稍后重试`)
      const href = URL.createObjectURL(await res.blob())
      const link = document.createElement('a')
      link.href = href
      link.download = fileName
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(href), 1000)
      void Taro.showToast({ title: `已下载${what}`, icon: 'success' })
      return
    }
    const share = (Taro as unknown as { shareFileMessage?: (o: Record<string, unknown>) => void }).shareFileMessage
    if (typeof share !== 'function') return fail(`当前微信版本不支持转发文件。请升级微信，或在电脑上打开工作台导出${what}。`)
    const res = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${staffToken}` } })
    if (res.statusCode === 401) return expired()
    if (res.statusCode !== 200) return fail(`${what}下载失败，请稍后重试`)
    await new Promise<void>((resolve) =>
      share({
        filePath: res.tempFilePath,
        fileName,
        success: () => resolve(),
        fail: (e: { errMsg?: string }) => {
          if (!/cancel/.test(String(e?.errMsg))) fail('没有转发成功，请再试一次')
          resolve()
        },
      }),
    )
  } catch {
    fail('网络连接失败，请检查网络后重试')
  }
}
