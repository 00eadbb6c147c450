import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { RegistrationTimes } from '@domain/activities'
import { createActivity, fetchStaffActivity, updateActivity } from '@/api/activities'
import { useStaffSession } from '@/stores/staffSession'
import { useStaffQuery } from '../useStaffQuery'
import {
  EMPTY_FORM,
  formOf,
  registrationTimesOf,
  saveErrors,
  SCHEDULE_ERRORS,
  sessionsOf,
  validateActivity,
  type ActivityForm,
  type ErrorKey,
  type Errors,
} from './form'
import { scrollIntoView } from '@/utils/scrollTo'

const scrollToError = () => scrollIntoView('.field--error')

/** 发布活动 (no id) or 编辑活动 (?id=): the form, its errors, and saving. */
export function useActivityEdit() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useStaffSession((st) => st.token)
  // Not refreshed on show or pull-down: that would overwrite what is being typed.
  const loaded = useStaffQuery(['staffActivity', id], () => fetchStaffActivity(id), {
    enabled: !!id,
    refreshOnShow: false,
    pullDownRefresh: false,
  })
  const [form, setForm] = useState<ActivityForm>(EMPTY_FORM)
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [now] = useState(() => new Date())

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑活动' : '发布活动' })
  }, [id])
  // The activity's form is drawn once it holds the activity: inputs drawn empty and filled a moment
  // later are written to before Taro's h5 input has drawn its own element (a TypeError in its watcher).
  const [formOfId, setFormOfId] = useState<string | null>(null)
  useEffect(() => {
    if (loaded.status !== 'ok') return
    setForm(formOf(loaded.data))
    setFormOfId(id)
  }, [loaded.status, loaded.data, id])
  const formReady = !id || formOfId === id

  const clearErrors = (keys: ErrorKey[]) =>
    setErrors((e) => {
      const next = { ...e }
      for (const k of [...keys, 'form' as const]) delete next[k]
      return next
    })
  /** Changes fields and clears the errors about them (by default the errors named like the fields). */
  const update = (patch: Partial<ActivityForm>, errorKeys: ErrorKey[] = Object.keys(patch) as ErrorKey[]) => {
    setForm((f) => ({ ...f, ...patch }))
    clearErrors(errorKeys)
  }
  const updateSchedule = (patch: Partial<ActivityForm>) => update(patch, SCHEDULE_ERRORS)

  const sessions = useMemo(() => sessionsOf(form), [form])
  const times = registrationTimesOf(form, sessions, now)
  const setTime = (key: keyof RegistrationTimes, iso: string) => {
    const base = times ?? { opensAt: iso, closesAt: iso, cancelDeadline: iso }
    setForm((f) => ({ ...f, times: { ...base, [key]: iso } }))
    clearErrors([key, 'closesAt', 'cancelDeadline'])
  }

  const submit = async () => {
    if (busy) return
    const { body, errors: e } = validateActivity(form, !!id, now)
    setErrors(e)
    if (Object.values(e).some(Boolean)) return scrollToError()
    setBusy(true)
    try {
      const saved = id ? await updateActivity(id, body) : await createActivity(body)
      void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' })
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
      else void Taro.redirectTo({ url: `/packages/workbench/roster/index?id=${saved.id}` })
    } catch (err) {
      setErrors(saveErrors(err))
      scrollToError()
    } finally {
      setBusy(false)
    }
  }

  const activity = loaded.data
  return {
    id,
    token,
    loaded,
    formReady,
    form,
    errors,
    update,
    updateSchedule,
    sessions,
    times,
    setTime,
    submit,
    busy,
    now,
    /** Seats already taken (editing): the capacity cannot go below them. */
    taken: activity ? activity.capacity - activity.seatsLeft : 0,
  }
}

export type ActivityEditState = ReturnType<typeof useActivityEdit>
