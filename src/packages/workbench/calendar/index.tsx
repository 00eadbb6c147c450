import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import type { CalendarYear } from '@contract/types'
import { LIMITS } from '@contract/limits'
import { isoWeekday } from '@domain/calendar'
import { clearCalendarDay, fetchCalendarYear, setCalendarDay } from '@/api/adminStations'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { alertError, describeError } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { useCan, useStaffSession } from '@/stores/staffSession'
import { busyProps } from '@/utils/busy'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'
import '../workbench.scss'

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']
const KIND_LABELS = { holiday: '放假', workday: '调休上班' } as const
type Kind = keyof typeof KIND_LABELS

/** 节假日安排: a year's public holidays and 调休 days; a city's admin enters next year's once the State Council publishes them. */
export default function CalendarPage() {
  const pageClass = usePageClass('page-admin-calendar')
  const token = useStaffSession((s) => s.token)
  const isAdmin = useCan('stations.admin')
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear)
  const loaded = useStaffQuery(['calendar', year], () => fetchCalendarYear(year), { enabled: isAdmin })
  const [shown, setShown] = useState<CalendarYear | null>(null)
  const data = shown?.year === year ? shown : loaded.data
  const [draft, setDraft] = useState<{ date: string; kind: Kind; name: string }>({ date: '', kind: 'holiday', name: '' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    if (busy) return
    if (!draft.date) return setError('请选择日期')
    if (!draft.name.trim()) return setError('请填写节日名称，如「春节」')
    setBusy(true)
    try {
      setShown(await setCalendarDay(draft.date, { kind: draft.kind, name: draft.name.trim() }))
      setDraft((d) => ({ ...d, date: '' }))
      setError(null)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      setError(describeError(err).message)
    } finally {
      setBusy(false)
    }
  }
  const remove = async (date: string) => {
    try {
      setShown(await clearCalendarDay(date))
    } catch (err) {
      alertError('没有删除成功', err)
    }
  }

  if (!token) return <View className={pageClass} />
  if (!isAdmin)
    return (
      <View className={pageClass}>
        <EmptyState text='节假日安排仅限管理员查看' />
      </View>
    )
  const missing = data && year > data.shippedThroughYear && !data.days.some((d) => d.source === 'admin')
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='muted calendar-help'>
          求助的“工作日”时限、站点的“开放中 / 已休息”和活动前一天的提醒，都按这里的放假和调休安排计算；站点自己的闭站日期在「编辑站点 →
          特殊日期」中填写。
        </Text>
        <View className='chip-row calendar-years' ariaRole='radiogroup' ariaLabel='年份'>
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <View
              key={y}
              className={`chip${y === year ? ' chip--active' : ''}`}
              onClick={() => setYear(y)}
              ariaRole='radio'
              {...{ 'aria-checked': y === year }}
            >
              {y === year ? '✓ ' : ''}
              {y} 年
            </View>
          ))}
        </View>
      </View>
      {missing && (
        <View className='card calendar-missing' ariaRole='status'>
          <Text>
            内置的节假日数据只到 {data.shippedThroughYear} 年。国务院办公厅公布 {year} 年放假安排后，请
            {data.canEdit ? '在下面逐日录入放假日和调休上班日' : '联系市级指导中心的管理员录入'}；录入前，{year} 年只按周末休息计算。
          </Text>
        </View>
      )}
      {data?.canEdit && (
        <View className='card calendar-form'>
          <Text className='station-section__title'>录入或更正一天</Text>
          <Field label='日期' required>
            <Picker
              mode='date'
              value={draft.date || `${year}-01-01`}
              start={`${year}-01-01`}
              end={`${year}-12-31`}
              onChange={(e) => setDraft((d) => ({ ...d, date: String(e.detail.value) }))}
            >
              <View className='input picker-value calendar-date' ariaRole='button' ariaLabel={`日期：${draft.date || '选择日期'}`}>
                {draft.date || '选择日期'}
              </View>
            </Picker>
          </Field>
          <Field label='安排' required>
            <OptionGroup
              name='安排'
              options={[
                { value: 'holiday' as const, label: '放假' },
                { value: 'workday' as const, label: '调休上班' },
              ]}
              value={draft.kind}
              onChange={(kind) => setDraft((d) => ({ ...d, kind }))}
            />
          </Field>
          <Field label='节日名称' required hint='调休上班日也写它为哪个节日调休，如「春节」' error={error}>
            <Input
              className='input calendar-name'
              value={draft.name}
              maxlength={LIMITS.holidayName}
              placeholder='如：春节'
              onInput={(e) => setDraft((d) => ({ ...d, name: e.detail.value }))}
            />
          </Field>
          <Button className='btn btn--primary btn-calendar-save' {...busyProps(busy)} onClick={() => void save()}>
            保存
          </Button>
        </View>
      )}
      {!data && loaded.status === 'loading' && <Loading />}
      {loaded.status === 'error' && !data && <ErrorState message={loaded.error.message} onRetry={loaded.reload} />}
      {data && (
        <View className='card calendar-days'>
          <Text className='station-section__title'>
            {year} 年放假和调休（{data.days.length} 天）
          </Text>
          {data.days.length === 0 && <Text className='muted'>还没有 {year} 年的安排</Text>}
          {data.days.map((d) => (
            <View key={d.date} className={`calendar-day calendar-day--${d.kind}`}>
              <Text className='calendar-day__date'>
                {d.date} {WEEKDAYS[isoWeekday(d.date)]}
              </Text>
              <Text className='calendar-day__name'>{d.name}</Text>
              <Chip tone={d.kind === 'holiday' ? 'warn' : 'normal'} className='calendar-day__kind'>
                {KIND_LABELS[d.kind]}
              </Chip>
              {d.source === 'admin' && <Text className='muted calendar-day__source'>管理员录入</Text>}
              {d.source === 'admin' && data.canEdit && (
                <Button
                  className='btn btn--text btn-calendar-remove'
                  onClick={() => void remove(d.date)}
                  ariaLabel={`删除 ${d.date} 的录入`}
                >
                  删除
                </Button>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
