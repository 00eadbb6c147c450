import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { DuplicateRef, ServiceCategory } from '@contract/types'
import { phoneProblem } from '@domain/phone'
import { checkDuplicates, createCounterRequest } from '@/api/staff'
import { Chip } from '@/components/Chip'
import { DUPLICATE_WINDOW_DAYS } from '@domain/duplicates'
import { DuplicateMeta, RequestLink } from '../components/Duplicates'
import '../request/index.scss'
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

/**
 * Before submitting: the requests of the last 30 days from the phone being typed in, or for the same person
 * (a counter entry is 本人, so the resident is the helped person: the name typed in and that phone), in the
 * worker's sight; looked up once the number is a whole phone number, again once the name is typed; the last
 * answer wins.
 */
function useDuplicateWarning(phone: string, name: string): DuplicateRef[] {
  const [found, setFound] = useState<{ key: string; items: DuplicateRef[] }>({ key: '', items: [] })
  const whole = phoneProblem(phone) === null
  const person = name.trim().slice(0, LIMITS.personName)
  const key = `${phone}\u0000${person}`
  useEffect(() => {
    if (!whole) return
    let current = true
    const timer = setTimeout(() => {
      checkDuplicates({ contactPhone: phone, ...(person ? { helped: { name: person, phone } } : {}) }).then(
        (items) => current && setFound({ key, items }),
        () => current && setFound({ key, items: [] }),
      )
    }, 300)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [phone, person, key, whole])
  return whole && found.key === key ? found.items : []
}

/**
 * 「此号码 30 天内已提交过 N 条求助」 (「此号码或此居民 30 天内已有 N 条求助」 when some are for the same person,
 * asked for by someone else), each a link to the request.
 */
function DuplicateWarning({ items }: { items: DuplicateRef[] }) {
  if (items.length === 0) return null
  const byPhone = items.every((d) => d.reasons.includes('phone'))
  return (
    <View className='card duplicates-card counter-duplicates' ariaRole='alert'>
      <View className='duplicates-card__head'>
        <Chip tone='warn' filled>
          可能重复
        </Chip>
        <Text className='counter-duplicates__title'>
          {byPhone ? '此号码' : '此号码或此居民'} {DUPLICATE_WINDOW_DAYS} 天内{byPhone ? '已提交过' : '已有'} {items.length} 条求助
        </Text>
      </View>
      <Text className='muted duplicates-card__hint'>请先查看，是同一件事可在原求助中补充，不必重复登记</Text>
      {items.map((d) => (
        <View key={d.id} className='duplicates-card__item'>
          <RequestLink
            number={d.number}
            onOpen={() => void Taro.navigateTo({ url: `/packages/workbench/request/index?id=${d.id}` })}
            className='counter-duplicates__link'
          />
          <DuplicateMeta duplicate={d} />
        </View>
      ))}
    </View>
  )
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
  const duplicates = useDuplicateWarning(contactPhone, contactName)

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
        <DuplicateWarning items={duplicates} />
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
