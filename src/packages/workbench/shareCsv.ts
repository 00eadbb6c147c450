import Taro from '@tarojs/taro'
import { staffClient } from '@/api/client'
import { describeError } from '@/services/errors'

/**
 * Downloads a CSV export through the workbench's client (its token; a 401
 * ends the session) and hands it on: a download in the browser (h5), WeChat's
 * 转发文件 on a phone (as the roster's 导出名单). Failures are said in a
 * dialog; resolves when done either way.
 */
export async function shareCsv(path: string, fileName: string, what: string): Promise<void> {
  const fail = (message: string) => void Taro.showModal({ title: '导出未成功', content: message, showCancel: false })
  const share = (Taro as unknown as { shareFileMessage?: (o: Record<string, unknown>) => void }).shareFileMessage
  if (process.env.TARO_ENV !== 'h5' && typeof share !== 'function')
    return fail(`当前微信版本不支持转发文件。请升级微信，或在电脑上打开工作台导出${what}。`)
  let filePath: string
  try {
    filePath = await staffClient.download(path)
  } catch (err) {
    const { error, message } = describeError(err)
    if (error.status === 401) return // the login has expired: the session has sent the worker to the login page
    // An answer without a readable body (a file was expected): say what failed; no answer: say why.
    return fail(error.status !== null ? `${what}下载失败，请稍后重试` : message)
  }
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = filePath
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(filePath), 1000)
    void Taro.showToast({ title: `已下载${what}`, icon: 'success' })
    return
  }
  await new Promise<void>((resolve) =>
    share!({
      filePath,
      fileName,
      success: () => resolve(),
      fail: (e: { errMsg?: string }) => {
        if (!/cancel/.test(String(e?.errMsg))) fail('没有转发成功，请再试一次')
        resolve()
      },
    }),
  )
}
