import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { closeStation, createStation, fetchAdminStation, fetchStationTree, reopenStation, updateStation } from '@/api/adminStations'
import { alertError } from '@/services/errors'
import { useCan, useStaffSession } from '@/stores/staffSession'
import { useStaffQuery } from '../useStaffQuery'
import {
  EMPTY_FORM,
  formOf,
  newFormUnder,
  patchOf,
  saveErrors,
  validateStation,
  type ErrorKey,
  type Errors,
  type StationForm,
} from './form'
import { scrollIntoView } from '@/utils/scrollTo'

const scrollToError = () => scrollIntoView('.field--error')

/**
 * Which station the editor is for: `id` (编辑站点) or a new one under `parentId` (新建站点). Given by 站点管理 when it
 * shows the editor beside its tree (a desktop), with `onSaved` (the station saved or created); else the page's
 * address says it (?id= / ?parentId=).
 */
export interface StationTarget {
  id?: string
  parentId?: string
  onSaved?: (id: string) => void
}

/** 编辑站点 or 新建站点: the form, its errors, saving, closing and reopening. */
export function useStationEdit(target?: StationTarget) {
  const { params } = useRouter()
  const given = target ?? params
  const me = useStaffSession((s) => s.me)
  const isAdmin = useCan('stations.admin')
  const id = given.id || (!given.parentId && !isAdmin ? (me?.station.id ?? '') : '')
  const parentId = id ? '' : (given.parentId ?? '')
  // Not refreshed on show or pull-down: that would overwrite what is being typed.
  const opts = { refreshOnShow: false, pullDownRefresh: false }
  const loaded = useStaffQuery(['adminStation', id], () => fetchAdminStation(id), { ...opts, enabled: !!id })
  const parent = useStaffQuery(['adminStation', parentId], () => fetchAdminStation(parentId), { ...opts, enabled: !!parentId })
  const tree = useStaffQuery(['adminStations'], fetchStationTree, { ...opts, enabled: isAdmin })
  const [form, setForm] = useState<StationForm>(EMPTY_FORM)
  /**
   * Whether the form holds what it is for (the loaded station, or a new one under its parent). The form is drawn only
   * then: h5's input elements load lazily, and a value changed before an input has loaded throws in Taro's component.
   */
  const [filled, setFilled] = useState(!id && !parentId)
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')

  const embedded = !!target
  useEffect(() => {
    // Beside 站点管理's tree the page keeps its own title.
    if (!embedded) void Taro.setNavigationBarTitle({ title: id ? '编辑站点' : '新建站点' })
  }, [id, embedded])
  useEffect(() => {
    if (loaded.status !== 'ok') return
    setForm(formOf(loaded.data))
    setFilled(true)
  }, [loaded.status, loaded.data])
  useEffect(() => {
    if (parent.status !== 'ok') return
    setForm(newFormUnder(parent.data))
    setFilled(true)
  }, [parent.status, parent.data])

  const update = (patch: Partial<StationForm>, errorKeys: ErrorKey[] = Object.keys(patch) as ErrorKey[]) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const k of [...errorKeys, 'form' as const]) delete next[k]
      return next
    })
  }

  const submit = async () => {
    if (busy) return
    const { body, errors: e } = validateStation(form, !id)
    setErrors(e)
    if (!body) return scrollToError()
    const station = loaded.data
    const patch = station ? patchOf(validateStation(formOf(station), false).body!, body) : null
    if (station && !patch) return void Taro.showToast({ title: '没有修改', icon: 'none' })
    setBusy(true)
    try {
      const saved = station ? await updateStation(station.id, patch!) : await createStation(body)
      setForm(formOf(saved))
      void Taro.showToast({ title: station ? '已保存，居民立即可见' : '已新建', icon: 'success' })
      if (station) void loaded.reload()
      if (target?.onSaved) target.onSaved(saved.id)
      else if (!station) void Taro.redirectTo({ url: `/packages/workbench/station-edit/index?id=${saved.id}` })
    } catch (err) {
      setErrors(saveErrors(err))
      scrollToError()
    } finally {
      setBusy(false)
    }
  }

  const close = async () => {
    const station = loaded.data
    if (!station || busy) return
    if (!reason.trim()) return setErrors({ reason: '请写明关闭原因（如「撤并至先进街道社工站」）' })
    const { confirm } = await Taro.showModal({
      title: `关闭「${station.name}」？`,
      content: '居民将搜不到该站点，进行中的求助转至上级站点，活动停止报名并通知已报名的家庭。可以重新开放。',
      confirmText: '关闭站点',
    })
    if (!confirm) return
    setBusy(true)
    try {
      await closeStation(station.id, reason.trim())
      setReason('')
      void Taro.showToast({ title: '已关闭', icon: 'success' })
      void loaded.reload()
      target?.onSaved?.(station.id)
    } catch (err) {
      alertError('没有关闭成功', err)
    } finally {
      setBusy(false)
    }
  }

  const reopen = async () => {
    const station = loaded.data
    if (!station || busy) return
    setBusy(true)
    try {
      await reopenStation(station.id)
      void Taro.showToast({ title: '已重新开放', icon: 'success' })
      void loaded.reload()
      target?.onSaved?.(station.id)
    } catch (err) {
      alertError('没有重新开放', err)
    } finally {
      setBusy(false)
    }
  }

  return {
    id,
    filled,
    parentStatus: parent.status,
    me,
    isAdmin,
    loaded,
    tree,
    form,
    errors,
    update,
    submit,
    busy,
    reason,
    setReason: (r: string) => {
      setReason(r)
      setErrors((e) => ({ ...e, reason: undefined }))
    },
    close,
    reopen,
    /** The own station: its parent is the upper admin's to change, and it cannot be closed from here. */
    isOwn: !!id && id === me?.station.id,
  }
}

export type StationEditState = ReturnType<typeof useStationEdit>
