import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { AUDIENCE_LABELS, AUDIENCES } from '@contract/activities'
import { BOOKABLE_KIND_LABELS, BOOKABLE_KINDS } from '@contract/bookings'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { BookableService, Colleague } from '@contract/types'
import { formatAgeRange } from '@domain/activities'
import { formatMinutes } from '@domain/booking'
import { formatOpeningHours } from '@domain/hours'
import { createBookable, fetchStaffBookables, updateBookable } from '@/api/bookings'
import { fetchColleagues } from '@/api/staff'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { NoBreak } from '@/components/NoBreak'
import { OptionGroup } from '@/components/OptionGroup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { TextBox } from '@/components/TextBox'
import { alertError, formErrors } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { busyProps } from '@/utils/busy'
import { useStaffQuery } from '../useStaffQuery'
import {
  bookableFormOf,
  BOOKABLE_FIELDS,
  EMPTY_BOOKABLE,
  validateBookable,
  type BookableErrorKey,
  type BookableErrors,
  type BookableForm,
  type WorkerWindowForm,
} from './form'
import './index.scss'
import '../workbench.scss'

function NumberField({
  label,
  hint,
  name,
  value,
  error,
  onChange,
  required = true,
}: {
  label: string
  hint?: string
  name: BookableErrorKey
  value: string
  error?: string
  onChange: (v: string) => void
  required?: boolean
}) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      <Input className={`input bookable-${name}`} type='number' value={value} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
    </Field>
  )
}

/**
 * 按社工设置时段: one group per worker (a colleague account) with their own
 * weekly hours; the worker's slots say 「由 X 社工接待」 to the resident, and
 * their leave (停约 for that worker) removes only theirs.
 */
function WorkerWindows({
  rows,
  colleagues,
  named,
  error,
  onChange,
}: {
  rows: readonly WorkerWindowForm[]
  colleagues: readonly Colleague[]
  /** Workers the service already names (one who left the station still shows by name). */
  named: readonly { id: string; name: string }[]
  error?: string
  onChange: (rows: WorkerWindowForm[]) => void
}) {
  const set = (i: number, patch: Partial<WorkerWindowForm>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const options = [
    ...colleagues.map((c) => ({ value: c.id, label: c.nickname })),
    ...named.filter((w) => !colleagues.some((c) => c.id === w.id)).map((w) => ({ value: w.id, label: w.name })),
  ]
  return (
    <Field
      label='按社工设置时段'
      hint='每位社工各自的每周时段，写法同上；居民会看到「由 X 社工接待」，社工请假时在「停约」中选这位社工'
      error={error}
    >
      {rows.map((row, i) => (
        <View key={i} className='worker-window'>
          <Text className='worker-window__title'>第 {i + 1} 组</Text>
          <OptionGroup
            name={`第 ${i + 1} 组的接待社工`}
            columns={2}
            options={options}
            value={row.workerId || null}
            onChange={(workerId) => set(i, { workerId })}
          />
          <Input
            className='input worker-window__hours'
            value={row.hours}
            placeholder='如：周一、周三 09:00-11:00'
            ariaLabel={`第 ${i + 1} 组的每周时段`}
            onInput={(e) => set(i, { hours: e.detail.value })}
          />
          <Button
            className='btn btn-remove-worker-window'
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            ariaLabel={`删除第 ${i + 1} 组`}
          >
            删除这一组
          </Button>
        </View>
      ))}
      <Button className='btn btn-add-worker-window' onClick={() => onChange([...rows, { workerId: '', hours: '' }])}>
        + 添加一位社工的时段
      </Button>
    </Field>
  )
}

/** Create or edit one service: every setting a resident's booking follows. */
function BookableEditor({
  service,
  onSaved,
  onClose,
}: {
  service: BookableService | null
  onSaved: (s: BookableService) => void
  onClose: () => void
}) {
  const [form, setForm] = useState<BookableForm>(service ? bookableFormOf(service) : EMPTY_BOOKABLE)
  const colleagues = useStaffQuery(['colleagues'], fetchColleagues)
  const workerName = (id: string) =>
    colleagues.data?.find((c) => c.id === id)?.nickname ?? service?.workers.find((w) => w.id === id)?.name ?? '社工'
  const [errors, setErrors] = useState<BookableErrors>({})
  const [busy, setBusy] = useState(false)
  const update = (patch: Partial<BookableForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as BookableErrorKey]
      delete next.form
      return next
    })
  }

  const save = async () => {
    const { body, errors: found } = validateBookable(form, workerName)
    setErrors(found)
    if (!body) return
    setBusy(true)
    try {
      const saved = service ? await updateBookable(service.id, body) : await createBookable(body)
      void Taro.showToast({ title: service ? '已保存' : '已新增，居民现在可以预约', icon: 'none' })
      onSaved(saved)
    } catch (err) {
      setErrors(formErrors(err, BOOKABLE_FIELDS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card bookable-form'>
      <Text className='bookable-form__title'>{service ? `编辑：${service.name}` : '新增预约服务'}</Text>
      <Field label='服务名称' required error={errors.name}>
        <Input
          className='input bookable-name'
          value={form.name}
          maxlength={LIMITS.bookableName}
          placeholder='如：心理疏导谈心'
          ariaLabel='服务名称'
          onInput={(e) => update({ name: e.detail.value })}
        />
      </Field>
      <Field label='服务说明' hint='居民预约前会看到' error={errors.description}>
        <TextBox
          className='bookable-description'
          value={form.description}
          max={LIMITS.bookableDescription}
          placeholder='如：一对一谈心，倾听烦恼、缓解压力'
          ariaLabel='服务说明'
          onChange={(description) => update({ description })}
        />
      </Field>
      <Field label='方式' required>
        <OptionGroup
          name='方式'
          options={BOOKABLE_KINDS.map((k) => ({ value: k, label: BOOKABLE_KIND_LABELS[k] }))}
          value={form.kind}
          onChange={(kind) => update({ kind })}
        />
      </Field>
      <Field label='服务类别' required hint='心理疏导、婚姻家庭、儿童关爱保护的预约只有本站看得到'>
        <OptionGroup
          name='服务类别'
          options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c] }))}
          value={form.category}
          onChange={(category) => update({ category })}
        />
      </Field>
      <Field label='面向人群' required>
        <OptionGroup
          name='面向人群'
          options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
          value={form.audience}
          onChange={(audience) => update({ audience })}
        />
      </Field>
      <NumberField
        label='最小年龄（周岁，选填）'
        hint='按预约当天的年龄；留空不限。居民只能为符合年龄的本人或家人预约'
        name='minAge'
        value={form.minAge}
        error={errors.minAge}
        required={false}
        onChange={(minAge) => update({ minAge })}
      />
      <NumberField
        label='最大年龄（周岁，选填）'
        hint='如长者服务填最小 60、最大留空；儿童服务填最大 13'
        name='maxAge'
        value={form.maxAge}
        error={errors.maxAge}
        required={false}
        onChange={(maxAge) => update({ maxAge })}
      />
      <NumberField
        label='每次时长（分钟）'
        hint='须能整除每个可预约时段，如 09:00-11:00 可用 30、60 或 120'
        name='durationMinutes'
        value={form.durationMinutes}
        error={errors.durationMinutes}
        onChange={(durationMinutes) => update({ durationMinutes })}
      />
      <NumberField
        label='每个时段可预约人数'
        hint='面谈、电话为 1；场地可多人'
        name='capacity'
        value={form.capacity}
        error={errors.capacity}
        onChange={(capacity) => update({ capacity })}
      />
      <NumberField
        label='最多提前几天预约'
        name='horizonDays'
        value={form.horizonDays}
        error={errors.horizonDays}
        onChange={(horizonDays) => update({ horizonDays })}
      />
      <NumberField
        label='开始前多少分钟截止'
        hint='截止后居民不能再预约、改期或取消，如 120 即 2 小时'
        name='cutoffMinutes'
        value={form.cutoffMinutes}
        error={errors.cutoffMinutes}
        onChange={(cutoffMinutes) => update({ cutoffMinutes })}
      />
      <NumberField
        label='同一人每天最多预约几次'
        name='perPersonPerDay'
        value={form.perPersonPerDay}
        error={errors.perPersonPerDay}
        onChange={(perPersonPerDay) => update({ perPersonPerDay })}
      />
      <Field
        label='每周可预约时段'
        hint='如「周一至周五 12:00-13:00；周六 09:00-11:00」，不指定社工；这里和下面都留空则按本站开放时间。节假日和本站闭站日自动不开放'
        error={errors.availability}
      >
        <Input
          className='input bookable-availability'
          value={form.availability}
          placeholder='留空：按本站开放时间'
          ariaLabel='每周可预约时段'
          onInput={(e) => update({ availability: e.detail.value })}
        />
      </Field>
      <WorkerWindows
        rows={form.workerWindows}
        colleagues={colleagues.data ?? []}
        named={service?.workers ?? []}
        error={errors.workerWindows}
        onChange={(workerWindows) => update({ workerWindows })}
      />
      <Field label='接待社工' hint='整项服务由一位社工接待、又不按社工分时段时填写；工作台按社工分组显示预约' error={errors.workerName}>
        <Input
          className='input bookable-worker'
          value={form.workerName}
          maxlength={LIMITS.personName}
          placeholder='如：刘社工'
          ariaLabel='接待社工'
          onInput={(e) => update({ workerName: e.detail.value })}
        />
      </Field>
      {errors.form && (
        <View className='field__error' ariaRole='alert'>
          {errors.form}
        </View>
      )}
      <View className='btn-row'>
        <Button className='btn btn--primary btn-save-bookable' {...busyProps(busy)} onClick={save}>
          保存
        </Button>
        <Button className='btn btn-cancel-bookable' onClick={onClose}>
          取消
        </Button>
      </View>
    </View>
  )
}

/** The windows that name no worker, in words; none at all: the station's hours. */
function commonHours(s: BookableService): string {
  const common = s.availability.filter((w) => !w.workerId)
  if (common.length > 0) return formatOpeningHours(common)
  return s.availability.length > 0 ? '按社工分别设置' : '按本站开放时间'
}

function BookableItem({ s, onEdit, onChange }: { s: BookableService; onEdit: () => void; onChange: (s: BookableService) => void }) {
  const [busy, setBusy] = useState(false)
  const toggle = async () => {
    if (s.active) {
      const res = await Taro.showModal({
        title: `停用「${s.name}」？`,
        content: '停用后居民不能再预约，已约的预约不受影响。',
        confirmText: '停用',
        cancelText: '不停用',
      })
      if (!res.confirm) return
    }
    setBusy(true)
    try {
      onChange(await updateBookable(s.id, { active: !s.active }))
    } catch (err) {
      alertError('没有保存成功', err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={`card bookable-item${s.active ? '' : ' bookable-item--off'}`}>
      <View className='bookable-item__head'>
        <Text className='bookable-item__name'>{s.name}</Text>
        {!s.active && <Text className='chip bookable-item__off'>已停用</Text>}
      </View>
      <InfoRow label='方式'>
        {BOOKABLE_KIND_LABELS[s.kind]} · {SERVICE_CATEGORY_LABELS[s.category]}
      </InfoRow>
      <InfoRow label='时长'>
        每次 {formatMinutes(s.durationMinutes)}，每个时段 {s.capacity} 人
      </InfoRow>
      <InfoRow label='时段'>
        <NoBreak text={commonHours(s)} />
      </InfoRow>
      {s.workers.map((w) => (
        <InfoRow key={w.id} label={w.name}>
          <NoBreak text={formatOpeningHours(s.availability.filter((x) => x.workerId === w.id))} />
        </InfoRow>
      ))}
      <InfoRow label='规则'>
        提前 {s.horizonDays} 天内，开始前 {formatMinutes(s.cutoffMinutes)}截止；面向{AUDIENCE_LABELS[s.audience]}
        {s.minAge !== null || s.maxAge !== null ? `（${formatAgeRange(s)}）` : ''}
      </InfoRow>
      {s.workerName && <InfoRow label='接待'>{s.workerName}</InfoRow>}
      <View className='btn-row btn-row--fit'>
        <Button className='btn btn-edit-bookable' onClick={onEdit} ariaLabel={`编辑：${s.name}`}>
          编辑
        </Button>
        <Button
          className='btn btn-toggle-bookable'
          {...busyProps(busy)}
          onClick={toggle}
          ariaLabel={`${s.active ? '停用' : '启用'}：${s.name}`}
        >
          {s.active ? '停用' : '重新启用'}
        </Button>
      </View>
    </View>
  )
}

export default function WorkbenchBookable() {
  const pageClass = usePageClass('page-workbench-bookable')
  const list = useStaffQuery(['staffBookables'], fetchStaffBookables)
  /** null: the list; 'new': a new service; else the service edited. */
  const [editing, setEditing] = useState<BookableService | 'new' | null>(null)
  const replace = (next: BookableService) =>
    list.setData((all) => (all.some((x) => x.id === next.id) ? all.map((x) => (x.id === next.id ? next : x)) : [...all, next]))

  if (editing) {
    return (
      <View className={pageClass}>
        <BookableEditor
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            replace(s)
            setEditing(null)
          }}
        />
      </View>
    )
  }
  return (
    <View className={pageClass}>
      <View className='bookable-bar'>
        <Button className='btn btn--primary btn-new-bookable' onClick={() => setEditing('new')}>
          新增预约服务
        </Button>
      </View>
      {list.status === 'loading' && !list.data && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <EmptyState text='本站还没有预约服务' />}
      {list.data?.map((s) => (
        <BookableItem key={s.id} s={s} onEdit={() => setEditing(s)} onChange={replace} />
      ))}
    </View>
  )
}
