import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { ImportReport } from '@contract/types'
import { importStations, STATION_EXPORT_PATH, STATION_TEMPLATE_PATH } from '@/api/adminStations'
import { toApiError } from '@/api/client'
import { Chip } from '@/components/Chip'
import { EmptyState } from '@/components/StateView'
import { alertError } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { useCan, useStaffSession } from '@/stores/staffSession'
import { busyProps } from '@/utils/busy'
import { shareCsv } from '../shareCsv'
import { ACTION_LABELS, pickSheetFile, reportOf, type PickedFile } from './importFile'
import './index.scss'
import '../workbench.scss'

/** 导入 / 导出: the template, the export of the subtree, and an import — checked first (nothing written), then applied all at once. */
export default function StationImportPage() {
  const pageClass = usePageClass('page-station-import')
  const token = useStaffSession((s) => s.token)
  const isAdmin = useCan('stations.admin')
  const [file, setFile] = useState<PickedFile | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null)

  const run = async (picked: PickedFile, dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'apply')
    try {
      const answer = await importStations(picked.path, dryRun)
      setReport(answer)
      if (!dryRun) void Taro.showToast({ title: '已导入，居民立即可见', icon: 'success' })
    } catch (err) {
      const refused = reportOf(toApiError(err))
      if (refused) setReport(refused)
      else alertError(dryRun ? '没有检查成功' : '没有导入成功', err)
    } finally {
      setBusy(null)
    }
  }

  const choose = async () => {
    const picked = await pickSheetFile()
    if (!picked) return
    setFile(picked)
    setReport(null)
    await run(picked, true)
  }

  if (!token) return <View className={pageClass} />
  if (!isAdmin)
    return (
      <View className={pageClass}>
        <EmptyState text='导入站点仅限管理员' />
      </View>
    )
  const ok = report && report.summary.errors === 0 && report.problems.length === 0
  const summary = report?.summary
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='station-section__title'>1. 下载模板</Text>
        <Text className='muted import-help'>
          Excel 表格（.xlsx），中文列名，附一行示例和「填写说明」。也可以先导出本辖区的站点，在导出的表格上修改。
        </Text>
        <View className='btn-row btn-row--fit'>
          <Button className='btn btn-template' onClick={() => void shareCsv(STATION_TEMPLATE_PATH, '站点导入模板.xlsx', '模板')}>
            下载模板
          </Button>
          <Button className='btn btn-export' onClick={() => void shareCsv(STATION_EXPORT_PATH, '本辖区站点.xlsx', '站点表格')}>
            导出本辖区站点
          </Button>
        </View>
      </View>

      <View className='card'>
        <Text className='station-section__title'>2. 上传并检查</Text>
        <Text className='muted import-help'>选择填好的 .xlsx 或 .csv（UTF-8）。先逐行检查，此时不会写入任何数据。</Text>
        <Button className='btn btn--primary btn--main btn-choose-file' {...busyProps(busy === 'check')} onClick={() => void choose()}>
          {file ? '重新选择文件' : '选择文件'}
        </Button>
        {file && <Text className='import-file'>文件：{file.name}</Text>}
      </View>

      {report && summary && (
        <View className='card import-report' ariaRole='region' ariaLabel='检查结果'>
          <Text className='station-section__title'>{report.applied ? '导入完成' : ok ? '检查通过' : '检查未通过：没有写入任何站点'}</Text>
          <View className='import-summary'>
            <Chip className='import-summary__new'>新增 {summary.created}</Chip>
            <Chip className='import-summary__changed'>修改 {summary.changed}</Chip>
            <Chip tone='muted' className='import-summary__unchanged'>
              不变 {summary.unchanged}
            </Chip>
            <Chip tone={summary.errors > 0 ? 'danger' : 'muted'} filled={summary.errors > 0} className='import-summary__errors'>
              有错误 {summary.errors}
            </Chip>
          </View>
          {report.problems.map((p) => (
            <View key={p} className='import-problem' ariaRole='alert'>
              {p}
            </View>
          ))}
          {report.rows.map((r) => (
            <View key={`${r.row}-${r.code}`} className={`import-row import-row--${r.action}`}>
              <View className='import-row__head'>
                <Text className='import-row__name'>
                  第 {r.row} 行 · {r.name || '（无名称）'} <Text className='import-row__code'>{r.code}</Text>
                </Text>
                <Chip tone={r.action === 'error' ? 'danger' : 'normal'} className='import-row__action'>
                  {ACTION_LABELS[r.action]}
                </Chip>
              </View>
              {r.errors.map((e) => (
                <Text key={e} className='import-row__error'>
                  {e}
                </Text>
              ))}
              {r.changes.length > 0 && <Text className='muted'>修改：{r.changes.join('、')}</Text>}
            </View>
          ))}
          {ok && !report.applied && file && (
            <Button
              className='btn btn--primary btn--main btn-apply-import'
              {...busyProps(busy === 'apply')}
              onClick={() => void run(file, false)}
            >
              确认导入（新增 {summary.created}、修改 {summary.changed}）
            </Button>
          )}
          {!ok && <Text className='muted import-help'>请在表格中改正上面列出的行，保存后重新选择文件。</Text>}
        </View>
      )}
    </View>
  )
}
