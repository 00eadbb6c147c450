import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Textarea, View } from '@tarojs/components'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { ServiceCategory } from '@contract/types'
import { isMainlandPhone } from '@domain/phone'
import { createCounterRequest } from '@/api/staff'
import { ContactFields, type ContactValues } from '@/components/ContactFields'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { formErrors, type FieldMap } from '@/services/errors'

type ErrorKey = 'category' | 'description' | 'contactName' | 'contactPhone' | 'address' | 'urgency'

/** The counter request body's field paths → the form's fields. */
const COUNTER_FIELDS: FieldMap<ErrorKey> = {
  category: 'category',
  description: 'description',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  address: 'address',
  urgency: 'urgency',
}

/** A request taken by phone or at the counter, entered for the resident: it joins the same queue and timeline. */
export default function CounterRequest() {
  const pageClass = usePageClass('page-counter-request')
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone')
  const [category, setCategory] = useState<ServiceCategory | null>(null)
  const [description, setDescription] = useState('')
  const [contact, setContact] = useState<ContactValues>({ contactName: '', contactPhone: '', address: '' })
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal')
  const [errors, setErrors] = useState<Partial<Record<ErrorKey | 'form', string>>>({})
  const [busy, setBusy] = useState(false)
  const { contactName = '', contactPhone = '', address = '' } = contact

  const submit = async () => {
    const e: Partial<Record<ErrorKey, string>> = {}
    if (!category) e.category = '请选择服务类别'
    if (!description.trim()) e.description = '请记录居民反映的问题'
    if (!contactName.trim()) e.contactName = '请填写居民称呼'
    if (!isMainlandPhone(contactPhone)) e.contactPhone = '电话格式不正确'
    setErrors(e)
    if (Object.keys(e).length > 0) return
    setBusy(true)
    try {
      const r = await createCounterRequest({
        channel,
        category: category!,
        description: description.trim(),
        requester: 'self',
        contactName: contactName.trim(),
        contactPhone,
        address: address.trim(),
        urgency,
      })
      void Taro.redirectTo({ url: `/packages/workbench/request/index?id=${r.id}` })
    } catch (err) {
      setErrors(formErrors(err, COUNTER_FIELDS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={pageClass}>
      <View className='card'>
        <Field label='来源'>
          <OptionGroup
            name='来源'
            options={[
              { value: 'phone', label: '电话' },
              { value: 'counter', label: '窗口来访' },
            ]}
            value={channel}
            onChange={setChannel}
          />
        </Field>
        <Field label='服务类别' required error={errors.category}>
          <OptionGroup
            name='服务类别'
            options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c] }))}
            value={category}
            onChange={setCategory}
          />
        </Field>
        <Field label='居民反映的问题' required error={errors.description}>
          <Textarea
            className='textarea counter-description'
            value={description}
            maxlength={LIMITS.requestText}
            onInput={(e) => setDescription(e.detail.value)}
          />
        </Field>
        <ContactFields
          by='staff'
          fields={['contactName', 'contactPhone', 'address']}
          values={contact}
          errors={errors}
          onChange={(patch) => setContact((c) => ({ ...c, ...patch }))}
          classPrefix='counter-'
        />
        <Field label='紧急程度' error={errors.urgency}>
          <OptionGroup
            name='紧急程度'
            options={[
              { value: 'normal', label: '一般' },
              { value: 'urgent', label: '紧急' },
            ]}
            value={urgency}
            onChange={setUrgency}
          />
        </Field>
        {errors.form && (
          <View className='field__error form-error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        <Button className='btn btn--primary btn--main' {...busyProps(busy)} onClick={submit}>
          登记并进入队列
        </Button>
      </View>
    </View>
  )
}
