import { Input, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { LIMITS } from '@contract/limits'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'

export type ContactKey = 'contactName' | 'contactPhone' | 'preferredTime' | 'address'
export type ContactValues = Partial<Record<ContactKey, string>>

export interface ContactFieldsProps {
  /** The inputs shown, in this order. */
  fields: readonly ContactKey[]
  values: ContactValues
  onChange: (patch: ContactValues) => void
  errors?: Partial<Record<ContactKey, string | undefined>>
  /** Which are required (contact name and phone are, unless said otherwise). */
  required?: Partial<Record<ContactKey, boolean>>
  /** Who types: the resident about themselves (怎么称呼您), or a worker for a resident (居民称呼). */
  by?: 'resident' | 'staff'
  labels?: Partial<Record<ContactKey, string>>
  hints?: Partial<Record<ContactKey, string>>
  /** Put before each input's class, to tell two forms apart (`correct-` → `correct-contact-phone`). */
  classPrefix?: string
  /** Below the address input (在地图上选择位置). */
  addressExtra?: ReactNode
}

/** 方便联系的时间: a few choices, quicker than typing (a time typed earlier stays one of them). */
export const PREFERRED_TIMES = ['随时都可以', '工作日上午', '工作日下午', '工作日晚上', '周末'] as const

const LABELS = {
  resident: { contactName: '怎么称呼您', contactPhone: '联系电话', preferredTime: '方便联系的时间', address: '地址' },
  staff: { contactName: '居民称呼', contactPhone: '联系电话', preferredTime: '方便联系的时间', address: '地址' },
} as const

const PLACEHOLDERS = {
  resident: { contactName: '例如：李女士', contactPhone: '11 位手机号', address: '小区、楼号、门牌，或附近的地标' },
  staff: { contactName: '例如：王大爷', contactPhone: '手机号或带区号的固定电话', address: '小区、楼号、门牌' },
} as const

const CLASSES: Record<ContactKey, string> = {
  contactName: 'contact-name',
  contactPhone: 'contact-phone',
  preferredTime: 'preferred-time',
  address: 'contact-address',
}

/** The contact inputs of a form (求助, 更正联系方式, 登记来电, 报名): the same labels, limits and keyboard everywhere. */
export function ContactFields({
  fields,
  values,
  onChange,
  errors = {},
  required = {},
  by = 'resident',
  labels = {},
  hints = {},
  classPrefix = '',
  addressExtra,
}: ContactFieldsProps) {
  const label = (k: ContactKey) => labels[k] ?? LABELS[by][k]
  const isRequired = (k: ContactKey) => required[k] ?? (k === 'contactName' || k === 'contactPhone')
  const cls = (k: ContactKey) => `input ${classPrefix}${CLASSES[k]}`
  const input = (k: 'contactName' | 'contactPhone' | 'address', maxlength: number, phone = false) => (
    <Input
      className={cls(k)}
      type={phone ? 'number' : 'text'}
      value={values[k] ?? ''}
      maxlength={maxlength}
      placeholder={PLACEHOLDERS[by][k]}
      ariaLabel={label(k)}
      onInput={(e) => onChange({ [k]: e.detail.value })}
    />
  )
  return (
    <View className='contact-fields'>
      {fields.map((k) => (
        <Field key={k} label={label(k)} required={isRequired(k)} hint={hints[k]} error={errors[k]}>
          {k === 'contactName' && input(k, LIMITS.personName)}
          {k === 'contactPhone' && input(k, LIMITS.phone, true)}
          {k === 'address' && input(k, LIMITS.address)}
          {k === 'address' && addressExtra}
          {k === 'preferredTime' && (
            <View className={`${classPrefix}${CLASSES.preferredTime}`}>
              <OptionGroup
                name={label(k)}
                options={[
                  ...PREFERRED_TIMES,
                  ...(values.preferredTime && !(PREFERRED_TIMES as readonly string[]).includes(values.preferredTime)
                    ? [values.preferredTime]
                    : []),
                ].map((t) => ({ value: t, label: t }))}
                value={values.preferredTime}
                onChange={(preferredTime) => onChange({ preferredTime })}
              />
            </View>
          )}
        </Field>
      ))}
    </View>
  )
}
