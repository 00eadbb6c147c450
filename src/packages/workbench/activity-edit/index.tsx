import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, AUDIENCES, AUDIENCE_LABELS } from '@contract/activities'
import type { ActivityBody, ActivityCategory, ActivityDetail, Audience } from '@contract/types'
import {
  activityTimeErrors,
  defaultRegistrationTimes,
  formatSessionTime,
  weeklyPattern,
  weeklySessions,
  type RegistrationTimes,
  type SessionInput,
} from '@domain/activities'
import { cstDate, cstToIso, isoToCst } from '@domain/chinaTime'
import { ApiError } from '@/api/client'
import { createActivity, fetchStaffActivity, updateActivity } from '@/api/activities'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { ErrorState, Loading } from '@/components/StateView'
import { useStaffSession } from '@/stores/staffSession'
import './index.scss'

type ScheduleMode = 'single' | 'weekly' | 'custom'
type ErrorKey =
  | 'title' | 'project' | 'category' | 'audience' | 'age' | 'description' | 'bring' | 'place' | 'capacity'
  | 'date' | 'sessions' | 'weeks' | 'opensAt' | 'closesAt' | 'cancelDeadline' | 'confirmWithinHours' | 'form'
type Errors = Partial<Record<ErrorKey, string>>

interface Form {
  title: string
  project: string
  category: ActivityCategory | null
  audience: Audience | null
  minAge: string
  maxAge: string
  description: string
  bring: string
  place: string
  capacity: string
  mode: ScheduleMode
  date: string
  startTime: string
  endTime: string
  weeks: string
  /** The sessions as loaded when they follow no weekly pattern (kept unless the schedule is set again). */
  customSessions: SessionInput[]
  /** null: follow the defaults derived from the first session. */
  times: RegistrationTimes | null
  photoConsentRequired: boolean
  confirmRequired: boolean
  confirmWithinHours: string
}

const EMPTY: Form = {
  title: '',
  project: '',
  category: null,
  audience: null,
  minAge: '',
  maxAge: '',
  description: '',
  bring: '',
  place: '',
  capacity: '',
  mode: 'single',
  date: '',
  startTime: '09:00',
  endTime: '10:30',
  weeks: '8',
  customSessions: [],
  times: null,
  photoConsentRequired: false,
  confirmRequired: false,
  confirmWithinHours: '24',
}

const SCHEDULE_OPTIONS: { value: ScheduleMode; label: string }[] = [
  { value: 'single', label: '单次活动' },
  { value: 'weekly', label: '每周一次的课程' },
]

function formOf(a: ActivityDetail): Form {
  const sessions = a.sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt }))
  const pattern = weeklyPattern(sessions)
  return {
    title: a.title,
    project: a.project ?? '',
    category: a.category,
    audience: a.audience,
    minAge: a.minAge === null ? '' : String(a.minAge),
    maxAge: a.maxAge === null ? '' : String(a.maxAge),
    description: a.description,
    bring: a.bring,
    place: a.place,
    capacity: String(a.capacity),
    mode: !pattern ? 'custom' : pattern.weeks > 1 ? 'weekly' : 'single',
    date: pattern?.firstDate ?? isoToCst(a.startsAt).date,
    startTime: pattern?.startTime ?? isoToCst(a.startsAt).time,
    endTime: pattern?.endTime ?? isoToCst(sessions[0]?.endsAt ?? a.endsAt).time,
    weeks: String(pattern && pattern.weeks > 1 ? pattern.weeks : 8),
    customSessions: pattern ? [] : sessions,
    times: { opensAt: a.opensAt, closesAt: a.closesAt, cancelDeadline: a.cancelDeadline },
    photoConsentRequired: a.photoConsentRequired,
    confirmRequired: a.confirmWithinHours !== null,
    confirmWithinHours: String(a.confirmWithinHours ?? 24),
  }
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
/** 周一 … 周日 of a calendar date (YYYY-MM-DD). */
const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]

/** A whole number written in the field, or null (empty) / NaN (not a whole number). */
function wholeNumber(s: string): number | null {
  const t = s.trim()
  if (!t) return null
  return /^\d+$/.test(t) ? Number(t) : NaN
}

function sessionsOf(f: Form): SessionInput[] {
  if (f.mode === 'custom') return f.customSessions
  if (!f.date) return []
  if (f.mode === 'single') return weeklySessions(f.date, f.startTime, f.endTime, 1)
  const weeks = wholeNumber(f.weeks)
  return weeks && weeks >= 2 && weeks <= 60 ? weeklySessions(f.date, f.startTime, f.endTime, weeks) : []
}

/** Which field a message from the server is about (it names what to fix). */
function fieldOfServerMessage(message: string): ErrorKey {
  if (message.includes('取消截止')) return 'cancelDeadline'
  if (message.includes('报名截止') || message.includes('开放时间')) return 'closesAt'
  if (message.includes('名额')) return 'capacity'
  if (message.includes('年龄')) return 'age'
  if (message.includes('课程安排') || message.includes('每次活动') || message.includes('重叠')) return 'sessions'
  return 'form'
}

/** A date and a clock time (China Standard Time), each with its own picker. */
function DateTimeField({ name, label, hint, value, onChange, error }: {
  name: string
  label: string
  hint?: string
  value: string | null
  onChange: (iso: string) => void
  error?: string
}) {
  const parts = value ? isoToCst(value) : null
  const today = cstDate(new Date())
  return (
    <Field label={label} hint={hint} error={error}>
      <View className='datetime'>
        <Picker className={`datetime__date ${name}-date`} mode='date' value={parts?.date ?? today} onChange={(e) => onChange(cstToIso(String(e.detail.value), parts?.time ?? '09:00'))}>
          <View className={`input picker-value${parts ? '' : ' picker-value--empty'}`} ariaRole='button' ariaLabel={`${label}日期：${parts?.date ?? '未选择'}，点按选择`}>
            {parts?.date ?? '选择日期'}
          </View>
        </Picker>
        <Picker className={`datetime__time ${name}-time`} mode='time' value={parts?.time ?? '09:00'} onChange={(e) => onChange(cstToIso(parts?.date ?? today, String(e.detail.value)))}>
          <View className={`input picker-value${parts ? '' : ' picker-value--empty'}`} ariaRole='button' ariaLabel={`${label}时间：${parts?.time ?? '未选择'}，点按选择`}>
            {parts?.time ?? '选择时间'}
          </View>
        </Picker>
      </View>
    </Field>
  )
}

/** 发布活动 (no id) or 编辑活动 (?id=): a single activity or a weekly course, with its registration rules. */
export default function ActivityEdit() {
  const pageClass = usePageClass('page-activity-edit')
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useStaffSession((s) => s.token)
  const [form, setForm] = useState<Form>(EMPTY)
  const [loaded, setLoaded] = useState<ActivityDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [now] = useState(() => new Date())

  const load = useCallback(async () => {
    if (!id) return
    try {
      const a = await fetchStaffActivity(id)
      setLoaded(a)
      setForm(formOf(a))
      setLoadError(null)
    } catch (err) {
      setLoadError(err instanceof ApiError ? err.message : '加载失败，请稍后重试')
    }
  }, [id])

  useEffect(() => {
    if (!useStaffSession.getState().token) {
      void Taro.redirectTo({ url: '/packages/workbench/login/index' })
      return
    }
    void Taro.setNavigationBarTitle({ title: id ? '编辑活动' : '发布活动' })
    void load()
  }, [id, load])

  const clearErrors = (keys: ErrorKey[]) =>
    setErrors((e) => {
      const next = { ...e }
      for (const k of [...keys, 'form' as const]) delete next[k]
      return next
    })
  /** Changes fields and clears the errors about them (by default the errors named like the fields). */
  const update = (patch: Partial<Form>, errorKeys: ErrorKey[] = Object.keys(patch) as ErrorKey[]) => {
    setForm((f) => ({ ...f, ...patch }))
    clearErrors(errorKeys)
  }
  const updateSchedule = (patch: Partial<Form>) => update(patch, ['date', 'weeks', 'sessions', 'closesAt', 'cancelDeadline'])

  const sessions = useMemo(() => sessionsOf(form), [form])
  const first = sessions[0]
  const times: RegistrationTimes | null = form.times ?? (first ? defaultRegistrationTimes(first.startsAt, now) : null)
  const setTime = (key: keyof RegistrationTimes, iso: string) => {
    const base = times ?? { opensAt: iso, closesAt: iso, cancelDeadline: iso }
    setForm((f) => ({ ...f, times: { ...base, [key]: iso } }))
    clearErrors([key, 'closesAt', 'cancelDeadline'])
  }

  const validate = (): { body: ActivityBody; errors: Errors } => {
    const e: Errors = {}
    const f = form
    if (!f.title.trim()) e.title = '请填写活动名称'
    else if (f.title.trim().length > 40) e.title = '活动名称不能超过 40 个字'
    if (f.project.trim().length > 30) e.project = '项目名称不能超过 30 个字'
    if (!f.category) e.category = '请选择活动类别'
    if (!f.audience) e.audience = '请选择面向人群'
    const minAge = wholeNumber(f.minAge)
    const maxAge = wholeNumber(f.maxAge)
    if (Number.isNaN(minAge) || Number.isNaN(maxAge)) e.age = '年龄请填写整数'
    else if ((minAge ?? 0) > 120 || (maxAge ?? 0) > 120) e.age = '年龄不能超过 120 岁'
    else if (minAge !== null && maxAge !== null && minAge > maxAge) e.age = '最小年龄不能大于最大年龄'
    if (!f.description.trim()) e.description = '请填写活动介绍'
    if (!f.place.trim()) e.place = '请填写活动地点'
    const capacity = wholeNumber(f.capacity)
    if (capacity === null) e.capacity = '请填写名额'
    else if (Number.isNaN(capacity) || capacity < 1) e.capacity = '名额请填写大于 0 的整数'
    else if (capacity > 2000) e.capacity = '名额不能超过 2000'
    if (f.mode !== 'custom') {
      if (!f.date) e.date = f.mode === 'weekly' ? '请选择第一次课的日期' : '请选择活动日期'
      if (f.endTime <= f.startTime) e.sessions = '结束时间必须晚于开始时间'
      if (f.mode === 'weekly') {
        const weeks = wholeNumber(f.weeks)
        if (weeks === null || Number.isNaN(weeks) || weeks < 2 || weeks > 60) e.weeks = '课程周数请填写 2 到 60 之间的整数'
      }
    }
    if (!id && first && Date.parse(first.startsAt) <= now.getTime()) e.sessions = '活动开始时间已经过去，请重新选择日期和时间'
    if (times && sessions.length > 0) {
      const t = activityTimeErrors({ ...times, sessions })
      if (t.sessions) e.sessions = t.sessions
      if (t.closesAt) e.closesAt = t.closesAt
      if (t.cancelDeadline) e.cancelDeadline = t.cancelDeadline
    }
    let confirmWithinHours: number | null = null
    if (f.confirmRequired) {
      const h = wholeNumber(f.confirmWithinHours)
      if (h === null || Number.isNaN(h) || h < 1 || h > 168) e.confirmWithinHours = '请填写 1 到 168 之间的小时数'
      else confirmWithinHours = h
    }
    const body: ActivityBody = {
      title: f.title.trim(),
      ...(f.project.trim() || id ? { project: f.project.trim() } : {}),
      category: f.category ?? 'class',
      audience: f.audience ?? 'all',
      minAge: Number.isNaN(minAge) ? null : minAge,
      maxAge: Number.isNaN(maxAge) ? null : maxAge,
      description: f.description.trim(),
      bring: f.bring.trim(),
      place: f.place.trim(),
      capacity: capacity ?? 0,
      opensAt: times?.opensAt ?? '',
      closesAt: times?.closesAt ?? '',
      cancelDeadline: times?.cancelDeadline ?? '',
      sessions,
      photoConsentRequired: f.photoConsentRequired,
      confirmWithinHours,
    }
    return { body, errors: e }
  }

  const submit = async () => {
    if (busy) return
    const { body, errors: e } = validate()
    setErrors(e)
    if (Object.values(e).some(Boolean)) {
      void Taro.pageScrollTo({ selector: '.field--error', duration: 200 }).catch(() => undefined)
      return
    }
    setBusy(true)
    try {
      const saved = id ? await updateActivity(id, body) : await createActivity(body)
      void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' })
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
      else void Taro.redirectTo({ url: `/packages/workbench/roster/index?id=${saved.id}` })
    } catch (err) {
      const message = err instanceof ApiError ? err.message : '保存失败，请稍后重试'
      const key = err instanceof ApiError && (err.status === 400 || err.status === 409) ? fieldOfServerMessage(message) : 'form'
      setErrors({ [key]: message, ...(key === 'form' ? {} : { form: `未能保存：${message}` }) })
      void Taro.pageScrollTo({ selector: '.field--error', duration: 200 }).catch(() => undefined)
    } finally {
      setBusy(false)
    }
  }

  if (!token) return <View className={pageClass} />
  if (loadError) return <View className={pageClass}><ErrorState message={loadError} onRetry={() => void load()} /></View>
  if (id && !loaded) return <View className={pageClass}><Loading /></View>

  const errorCount = Object.values(errors).filter(Boolean).length
  const taken = loaded ? loaded.capacity - loaded.seatsLeft : 0
  const today = cstDate(now)
  return (
    <View className={pageClass}>
      <View className='card activity-form'>
        <Text className='station-section__title'>活动信息</Text>
        <Field label='活动名称' required error={errors.title}>
          <Input className='input activity-title' value={form.title} maxlength={40} placeholder='例如：节气美育' onInput={(e) => update({ title: e.detail.value })} />
        </Field>
        <Field label='所属项目' hint='选填，例如：东山小学堂' error={errors.project}>
          <Input className='input activity-project' value={form.project} maxlength={30} onInput={(e) => update({ project: e.detail.value })} />
        </Field>
        <Field label='活动类别' required error={errors.category}>
          <OptionGroup name='活动类别' options={ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: ACTIVITY_CATEGORY_LABELS[c] }))} value={form.category} onChange={(category) => update({ category })} />
        </Field>
        <Field label='面向人群' required error={errors.audience}>
          <OptionGroup name='面向人群' options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))} value={form.audience} onChange={(audience) => update({ audience })} />
        </Field>
        <Field label='年龄要求' hint='选填。只填最小年龄即“X 岁以上”，都不填即不限年龄；报名时按活动第一天的年龄核对' error={errors.age}>
          <View className='age-range'>
            <View className='age-range__item'>
              <Text className='age-range__label'>最小年龄（岁）</Text>
              <Input className='input activity-min-age' type='number' value={form.minAge} maxlength={3} ariaLabel='最小年龄（岁）' onInput={(e) => update({ minAge: e.detail.value }, ['age'])} />
            </View>
            <View className='age-range__item'>
              <Text className='age-range__label'>最大年龄（岁）</Text>
              <Input className='input activity-max-age' type='number' value={form.maxAge} maxlength={3} ariaLabel='最大年龄（岁）' onInput={(e) => update({ maxAge: e.detail.value }, ['age'])} />
            </View>
          </View>
        </Field>
        <Field label='活动介绍' required error={errors.description}>
          <Textarea className='textarea activity-description' value={form.description} maxlength={2000} placeholder='活动内容、由谁带领、适合什么样的孩子或老人' onInput={(e) => update({ description: e.detail.value })} />
        </Field>
        <Field label='需要携带' hint='选填，例如：水杯、旧衣服或罩衣' error={errors.bring}>
          <Input className='input activity-bring' value={form.bring} maxlength={200} onInput={(e) => update({ bring: e.detail.value })} />
        </Field>
        <Field label='活动地点' required error={errors.place}>
          <Input className='input activity-place' value={form.place} maxlength={100} placeholder='例如：党群服务中心2楼 活动室' onInput={(e) => update({ place: e.detail.value })} />
        </Field>
        <Field label='名额（人）' required hint={loaded && taken > 0 ? `已有 ${taken} 人报名，名额不能少于 ${taken}；增加名额后候补会按顺序自动转正` : '报满后居民可以排队候补'} error={errors.capacity}>
          <Input className='input activity-capacity' type='number' value={form.capacity} maxlength={4} onInput={(e) => update({ capacity: e.detail.value })} />
        </Field>
      </View>

      <View className='card activity-schedule'>
        <Text className='station-section__title'>活动时间</Text>
        {loaded && taken > 0 && <Text className='muted schedule-notice'>已有居民报名：修改时间后请电话或短信通知已报名的家庭。</Text>}
        <Field label='安排方式' error={form.mode === 'custom' ? undefined : errors.sessions}>
          <OptionGroup name='安排方式' options={SCHEDULE_OPTIONS} value={form.mode === 'custom' ? null : form.mode} onChange={(mode) => updateSchedule({ mode })} />
        </Field>
        {form.mode === 'custom' ? (
          <Field label={`现有安排（共 ${form.customSessions.length} 次）`} hint='这些时间不是每周固定一次。如需改动，请在上方选择安排方式后重新设置。' error={errors.sessions}>
            {form.customSessions.map((s, i) => (
              <Text key={s.startsAt} className='session-preview__item'>第 {i + 1} 次 · {formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}</Text>
            ))}
          </Field>
        ) : (
          <>
            <Field label={form.mode === 'weekly' ? '第一次课的日期' : '活动日期'} required error={errors.date}>
              <Picker className='schedule-date' mode='date' value={form.date || today} start={id ? undefined : today} onChange={(e) => updateSchedule({ date: String(e.detail.value) })}>
                <View className={`input picker-value${form.date ? '' : ' picker-value--empty'}`} ariaRole='button' ariaLabel={`活动日期：${form.date || '未选择'}，点按选择`}>
                  {form.date ? `${form.date}（${weekdayOf(form.date)}）` : '点按选择日期'}
                </View>
              </Picker>
            </Field>
            <Field label='时间' required>
              <View className='datetime'>
                <View className='datetime__part'>
                  <Text className='age-range__label'>开始</Text>
                  <Picker className='schedule-start' mode='time' value={form.startTime} onChange={(e) => updateSchedule({ startTime: String(e.detail.value) })}>
                    <View className='input picker-value' ariaRole='button' ariaLabel={`开始时间：${form.startTime}，点按选择`}>{form.startTime}</View>
                  </Picker>
                </View>
                <View className='datetime__part'>
                  <Text className='age-range__label'>结束</Text>
                  <Picker className='schedule-end' mode='time' value={form.endTime} onChange={(e) => updateSchedule({ endTime: String(e.detail.value) })}>
                    <View className='input picker-value' ariaRole='button' ariaLabel={`结束时间：${form.endTime}，点按选择`}>{form.endTime}</View>
                  </Picker>
                </View>
              </View>
            </Field>
            {form.mode === 'weekly' && (
              <Field label='共几周（每周一次）' required hint='2 到 60 周' error={errors.weeks}>
                <Input className='input schedule-weeks' type='number' value={form.weeks} maxlength={2} onInput={(e) => updateSchedule({ weeks: e.detail.value })} />
              </Field>
            )}
            {form.mode === 'weekly' && sessions.length > 0 && (
              <View className='session-preview' ariaLabel='课程安排预览'>
                <Text className='field__label'>共 {sessions.length} 次课</Text>
                {sessions.map((s, i) => (
                  <Text key={s.startsAt} className='session-preview__item'>第 {i + 1} 次 · {formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}</Text>
                ))}
              </View>
            )}
          </>
        )}
      </View>

      <View className='card activity-registration-times'>
        <Text className='station-section__title'>报名规则</Text>
        {!form.times && (
          <Text className='muted registration-defaults'>
            {times ? '已按活动时间填好常用设置（现在开放，活动前一天 18:00 截止），可以修改。' : '选好活动时间后，这里会自动填好常用设置。'}
          </Text>
        )}
        <DateTimeField name='opens' label='开放报名时间' value={times?.opensAt ?? null} onChange={(iso) => setTime('opensAt', iso)} error={errors.opensAt} />
        <DateTimeField name='closes' label='报名截止时间' hint='不能晚于活动开始' value={times?.closesAt ?? null} onChange={(iso) => setTime('closesAt', iso)} error={errors.closesAt} />
        <DateTimeField name='cancel' label='取消报名截止时间' hint='此后家长不能在小程序里取消，需要联系社工站' value={times?.cancelDeadline ?? null} onChange={(iso) => setTime('cancelDeadline', iso)} error={errors.cancelDeadline} />

        <View className='switch-row'>
          <View className='switch-row__text'>
            <Text className='field__label'>需要单独同意拍照宣传</Text>
            <Text className='field__hint'>
              活动中会拍照并公开宣传（如公众号、展板、小小主播）时请打开。报名时家长需单独选择是否同意；不同意的也可以参加，名单上会标明“不同意拍照”，请勿拍摄或公开其照片。
            </Text>
          </View>
          <Switch className='photo-consent-switch' checked={form.photoConsentRequired} color='#0a7d5a' ariaLabel='需要单独同意拍照宣传' onChange={(e) => update({ photoConsentRequired: e.detail.value })} />
        </View>

        <View className='switch-row'>
          <View className='switch-row__text'>
            <Text className='field__label'>候补转正需要确认</Text>
            <Text className='field__hint'>
              {form.confirmRequired
                ? `有人取消后，为候补第一位保留名额 ${wholeNumber(form.confirmWithinHours) || 'N'} 小时，家长确认后才算报名成功；逾期未确认，名额顺延给下一位。`
                : '关闭时，有人取消后候补第一位自动转为报名成功。'}
            </Text>
          </View>
          <Switch className='confirm-switch' checked={form.confirmRequired} color='#0a7d5a' ariaLabel='候补转正需要确认' onChange={(e) => update({ confirmRequired: e.detail.value }, ['confirmWithinHours'])} />
        </View>
        {form.confirmRequired && (
          <Field label='候补转正需在几小时内确认' required hint='1 到 168 小时' error={errors.confirmWithinHours}>
            <View className='hours-input'>
              <Input className='input confirm-hours' type='number' value={form.confirmWithinHours} maxlength={3} ariaLabel='候补转正需在几小时内确认' onInput={(e) => update({ confirmWithinHours: e.detail.value })} />
              <Text className='hours-input__unit'>小时内</Text>
            </View>
          </Field>
        )}
      </View>

      <View className='card activity-submit'>
        {errors.form && <View className='field__error form-error' ariaRole='alert'>{errors.form}</View>}
        {errorCount > 0 && !errors.form && <View className='field__error form-error' ariaRole='alert'>有 {errorCount} 处需要修改，请查看上方红字提示</View>}
        <Button className='btn btn--primary btn--main btn-save-activity' {...busyProps(busy)} onClick={submit}>
          {id ? '保存修改' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
