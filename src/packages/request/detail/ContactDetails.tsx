import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import type { CorrectRequestBody, HelpRequest } from '@contract/types'
import { PHONE_FORMAT, phoneProblem } from '@domain/phone'
import { correctRequest } from '@/api/requests'
import { ContactFields } from '@/components/ContactFields'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { formErrors, type FieldMap } from '@/services/errors'
import { busyProps } from '@/utils/busy'

interface Draft {
  contactName: string
  contactPhone: string
  preferredTime: string
  address: string
  helpedPhone: string
  helpedAddress: string
}

type Errors = Partial<Record<keyof Draft | 'form', string>>

/** The correction body's field paths → the form's fields. */
const CORRECTION_FIELDS: FieldMap<keyof Draft> = {
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  preferredTime: 'preferredTime',
  address: 'address',
  'helped.phone': 'helpedPhone',
  'helped.address': 'helpedAddress',
}

const fromRequest = (r: HelpRequest): Draft => ({
  contactName: r.contactName,
  contactPhone: r.contactPhone,
  preferredTime: r.preferredTime,
  address: r.address,
  helpedPhone: r.helped?.phone ?? '',
  helpedAddress: r.helped?.address ?? '',
})

/** What the resident must fix before the correction is sent; the messages say how. */
export function validateCorrection(r: HelpRequest, d: Draft): Errors {
  const e: Errors = {}
  if (!d.contactName.trim()) e.contactName = '请填写怎么称呼您'
  const contactPhone = phoneProblem(d.contactPhone)
  if (contactPhone) e.contactPhone = contactPhone
  if (!r.location && !d.address.trim()) e.address = '请填写地址，方便社工找到您'
  const helpedPhone = r.helped && phoneProblem(d.helpedPhone, true)
  if (helpedPhone) e.helpedPhone = helpedPhone
  return e
}

/** Only the fields that changed (null: nothing to correct). */
export function correctionBody(r: HelpRequest, d: Draft): CorrectRequestBody | null {
  const body: CorrectRequestBody = {}
  if (d.contactName.trim() !== r.contactName) body.contactName = d.contactName.trim()
  if (d.contactPhone.trim() !== r.contactPhone) body.contactPhone = d.contactPhone.trim()
  if (d.preferredTime.trim() !== r.preferredTime) body.preferredTime = d.preferredTime.trim()
  if (d.address.trim() !== r.address) body.address = d.address.trim()
  if (r.helped) {
    const helped: NonNullable<CorrectRequestBody['helped']> = {}
    if (d.helpedPhone.trim() !== (r.helped.phone ?? '')) helped.phone = d.helpedPhone.trim()
    if (d.helpedAddress.trim() !== (r.helped.address ?? '')) helped.address = d.helpedAddress.trim()
    if (Object.keys(helped).length > 0) body.helped = helped
  }
  return Object.keys(body).length > 0 ? body : null
}

function Row({ label, value, className }: { label: string; value: string | null; className: string }) {
  return (
    <InfoRow label={label} className={className} valueClassName='contact-details__value'>
      {value || '未填写'}
    </InfoRow>
  )
}

/**
 * The request's contact details as the station sees them, and 更正联系方式
 * (the resident's right to correct them) while the request is not cancelled:
 * a small form prefilled with the current values; only changed fields are sent.
 */
export function ContactDetails({ request: r, onCorrected }: { request: HelpRequest; onCorrected: (updated: HelpRequest) => void }) {
  const [draft, setDraft] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  const inFlight = useRef(false)

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as keyof Draft]
      delete next.form
      return next
    })
  }

  const open = () => {
    setDraft(fromRequest(r))
    setErrors({})
  }

  const save = async () => {
    if (!draft || inFlight.current) return
    const e = validateCorrection(r, draft)
    if (Object.keys(e).length > 0) {
      setErrors(e)
      return
    }
    const body = correctionBody(r, draft)
    if (!body) {
      setErrors({ form: '您还没有修改任何内容' })
      return
    }
    inFlight.current = true
    setSaving(true)
    try {
      const updated = await correctRequest(r.id, body)
      setDraft(null)
      setErrors({})
      onCorrected(updated)
      void Taro.showToast({ title: '已更正', icon: 'success' })
    } catch (err) {
      // What was typed stays in the form.
      setErrors(formErrors(err, CORRECTION_FIELDS))
    } finally {
      inFlight.current = false
      setSaving(false)
    }
  }

  if (draft) {
    return (
      <View className='card contact-correction'>
        <Text className='station-section__title'>更正联系方式</Text>
        <Text className='muted contact-correction__intro'>更正后，社工会在办理进度里看到您改了哪几项。</Text>
        <ContactFields
          fields={['contactName', 'contactPhone', 'preferredTime', 'address']}
          values={draft}
          errors={errors}
          onChange={update}
          hints={{ contactPhone: '社工会打这个电话联系您' }}
          required={{ address: !r.location }}
          classPrefix='correct-'
        />
        {r.helped && (
          <View className='helped'>
            <Field label={`被帮助人（${r.helped.name}）的电话（选填）`} hint={PHONE_FORMAT} error={errors.helpedPhone}>
              <Input
                className='input correct-helped-phone'
                type='number'
                value={draft.helpedPhone}
                maxlength={LIMITS.phone}
                placeholder='社工可能需要直接联系老人'
                onInput={(ev) => update({ helpedPhone: ev.detail.value })}
              />
            </Field>
            <Field label={`被帮助人（${r.helped.name}）的住址（选填）`} error={errors.helpedAddress}>
              <Input
                className='input correct-helped-address'
                value={draft.helpedAddress}
                maxlength={LIMITS.address}
                placeholder='小区、楼号、单元、门牌'
                onInput={(ev) => update({ helpedAddress: ev.detail.value })}
              />
            </Field>
          </View>
        )}
        {errors.form && (
          <View className='field__error form-error correction-error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        <View className='btn-row'>
          <Button className='btn btn--main btn-cancel-correction' onClick={() => (setDraft(null), setErrors({}))}>
            取消
          </Button>
          <Button className='btn btn--primary btn--main btn-save-correction' {...busyProps(saving)} onClick={save}>
            保存更正
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='card contact-details'>
      <Text className='station-section__title'>联系方式</Text>
      <Row className='contact-details--name' label='联系人' value={r.contactName} />
      <Row className='contact-details--phone' label='联系电话' value={r.contactPhone} />
      <Row className='contact-details--time' label='方便联系的时间' value={r.preferredTime} />
      <Row className='contact-details--address' label='地址' value={r.address} />
      {r.helped && <Row className='contact-details--helped-phone' label='被帮助人电话' value={r.helped.phone} />}
      {r.helped && <Row className='contact-details--helped-address' label='被帮助人地址' value={r.helped.address} />}
      {r.status !== 'cancelled' && (
        <View className='btn-row'>
          <Button className='btn btn-correct-contact' onClick={open}>
            更正联系方式
          </Button>
        </View>
      )}
    </View>
  )
}

export default ContactDetails
