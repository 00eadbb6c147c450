import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { ServiceCategory } from '@contract/types'
import { phoneProblem } from '@domain/phone'
import { createCounterRequest } from '@/api/staff'
import { ContactFields, type ContactValues } from '@/components/ContactFields'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { TextBox } from '@/components/TextBox'
import { formErrors, settleErrors, type FieldMap } from '@/services/errors'
import '../workbench.scss'

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

interface CounterForm {
  category: ServiceCategory | null
  description: string
  contact: ContactValues
}

/** What must be fixed before the request is entered, field by field. */
function counterErrors({ category, description, contact }: CounterForm): Partial<Record<ErrorKey, string>> {
  const found: Partial<Record<ErrorKey, string>> = {}
  if (!category) found.category = '请选择服务类别'
  if (!description.trim()) found.description = '请记录居民反映的问题'
  else if (description.length > LIMITS.requestText) found.description = `问题描述不能超过 ${LIMITS.requestText} 字`
  if (!contact.contactName?.trim()) found.contactName = '请填写居民称呼'
  const phone = phoneProblem(contact.contactPhone ?? '')
  if (phone) found.contactPhone = phone
  return found
}

/** A request taken by phone or at the counter, entered for the resident: it joins the same queue and timeline. */
export default function CounterRequest() {
  const pageClass = usePageClass('page-counter-request')
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone')
  const [form, setForm] = useState<CounterForm>({
    category: null,
    description: '',
    contact: { contactName: '', contactPhone: '', address: '' },
  })
  const { category, description, contact } = form
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal')
  const [errors, setErrors] = useState<Partial<Record<ErrorKey | 'form', string>>>({})
  const [busy, setBusy] = useState(false)
  const { contactName = '', contactPhone = '', address = '' } = contact

  /** Changes the form; an error goes as soon as its field is valid. */
  const change = (patch: Partial<CounterForm>, changed: ErrorKey[]) => {
    const next = { ...form, ...patch }
    setForm(next)
    setErrors((e) => settleErrors(e, changed, counterErrors(next)))
  }

  const submit = async () => {
    const found = counterErrors(form)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      const created = await createCounterRequest({
        channel,
        category: category!,
        description: description.trim(),
        requester: 'self',
        contactName: contactName.trim(),
        contactPhone,
        address: address.trim(),
        urgency,
      })
      void Taro.redirectTo({ url: `/packages/workbench/request/index?id=${created.id}` })
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
            onChange={(c) => change({ category: c }, ['category'])}
          />
        </Field>
        <Field label='居民反映的问题' required error={errors.description}>
          <TextBox
            className='counter-description'
            value={description}
            max={LIMITS.requestText}
            ariaLabel='居民反映的问题'
            onChange={(d) => change({ description: d }, ['description'])}
          />
        </Field>
        <ContactFields
          by='staff'
          fields={['contactName', 'contactPhone', 'address']}
          values={contact}
          errors={errors}
          onChange={(patch) => change({ contact: { ...contact, ...patch } }, Object.keys(patch) as ErrorKey[])}
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
