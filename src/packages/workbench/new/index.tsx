import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import type { ServiceCategory } from '@contract/types'
import { isMainlandPhone } from '@domain/phone'
import { ApiError } from '@/api/client'
import { createCounterRequest } from '@/api/staff'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'

/** A request taken by phone or at the counter, entered for the resident: it joins the same queue and timeline. */
export default function CounterRequest() {
  const pageClass = usePageClass('page-counter-request')
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone')
  const [category, setCategory] = useState<ServiceCategory | null>(null)
  const [description, setDescription] = useState('')
  const [contactName, setContactName] = useState('')
  const [contactPhone, setContactPhone] = useState('')
  const [address, setAddress] = useState('')
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const e: Record<string, string> = {}
    if (!category) e.category = '请选择服务类别'
    if (!description.trim()) e.description = '请记录居民反映的问题'
    if (!contactName.trim()) e.contactName = '请填写居民称呼'
    if (!isMainlandPhone(contactPhone)) e.contactPhone = '电话格式不正确'
    setErrors(e)
    if (Object.keys(e).length > 0) return
    setBusy(true)
    try {
      const r = await createCounterRequest({ channel, category: category!, description: description.trim(), requester: 'self', contactName: contactName.trim(), contactPhone, address: address.trim(), urgency })
      void Taro.redirectTo({ url: `/packages/workbench/request/index?id=${r.id}` })
    } catch (err) {
      setErrors({ form: err instanceof ApiError ? err.message : '登记失败' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={pageClass}>
      <View className='card'>
        <Field label='来源'>
          <OptionGroup name='来源' options={[{ value: 'phone', label: '电话' }, { value: 'counter', label: '窗口来访' }]} value={channel} onChange={setChannel} />
        </Field>
        <Field label='服务类别' required error={errors.category}>
          <OptionGroup name='服务类别' options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c] }))} value={category} onChange={setCategory} />
        </Field>
        <Field label='居民反映的问题' required error={errors.description}>
          <Textarea className='textarea' value={description} maxlength={1000} onInput={(e) => setDescription(e.detail.value)} />
        </Field>
        <Field label='居民称呼' required error={errors.contactName}>
          <Input className='input' value={contactName} maxlength={20} onInput={(e) => setContactName(e.detail.value)} />
        </Field>
        <Field label='联系电话' required error={errors.contactPhone}>
          <Input className='input' type='number' value={contactPhone} maxlength={20} onInput={(e) => setContactPhone(e.detail.value)} />
        </Field>
        <Field label='地址'>
          <Input className='input' value={address} maxlength={100} onInput={(e) => setAddress(e.detail.value)} />
        </Field>
        <Field label='紧急程度' error={errors.form}>
          <OptionGroup name='紧急程度' options={[{ value: 'normal', label: '一般' }, { value: 'urgent', label: '紧急' }]} value={urgency} onChange={setUrgency} />
        </Field>
        <Button className='btn btn--primary btn--main' {...busyProps(busy)} onClick={submit}>登记并进入队列</Button>
      </View>
    </View>
  )
}
