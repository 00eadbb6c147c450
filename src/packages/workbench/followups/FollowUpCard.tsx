import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { FollowUp, FollowUpOutcome, FollowUpOutcomeBody } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { attemptsLabel, dueWords } from '@domain/followups'
import { recordFollowUpOutcome } from '@/api/followups'
import { CheckItem } from '@/components/CheckItem'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { OptionGroup } from '@/components/OptionGroup'
import { TextBox } from '@/components/TextBox'
import { describeError } from '@/services/errors'
import { busyProps } from '@/utils/busy'

const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)

function PhoneLink({ name, phone }: { name: string; phone: string }) {
  return (
    <View className='followup__phone' onClick={() => call(phone)} ariaRole='link' ariaLabel={`打电话给${name}，${phone}`}>
      {phone}
    </View>
  )
}

/** One call: whom to call (tap the number), what the request was about, and — once due — its outcome. */
export function FollowUpCard({
  f,
  now,
  showStation,
  onRecorded,
}: {
  f: FollowUp
  now: Date
  showStation: boolean
  onRecorded: (f: FollowUp, outcome: FollowUpOutcome) => void
}) {
  const [form, setForm] = useState(false)
  const [satisfied, setSatisfied] = useState<'yes' | 'no' | null>(null)
  const [needsMoreHelp, setNeedsMoreHelp] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const [busy, setBusy] = useState<'missed' | 'reached' | null>(null)
  const due = dueWords(new Date(f.dueAt), now)

  const send = async (kind: 'missed' | 'reached', body: FollowUpOutcomeBody) => {
    if (busy) return
    setBusy(kind)
    try {
      const outcome = await recordFollowUpOutcome(f.id, body)
      setError(null)
      void Taro.showToast({
        title: outcome.reopened ? '已记录，求助回到本站队列' : outcome.closed ? '已记录回访结果' : '已记录未接通，稍后再打',
        icon: 'none',
      })
      onRecorded(f, outcome)
    } catch (err) {
      const problem = describeError(err)
      setError({ field: problem.field ?? undefined, message: problem.message })
    } finally {
      setBusy(null)
    }
  }
  const submit = () => {
    if (!satisfied) {
      setError({ field: 'satisfied', message: '请选择居民是否满意' })
      return
    }
    void send('reached', { reached: true, satisfied: satisfied === 'yes', needsMoreHelp, ...(note.trim() ? { note } : {}) })
  }

  return (
    <View className={`card followup${f.due ? ' followup--due' : ''}`}>
      <View className='followup__head'>
        <Chip tone={due.tone} filled={due.tone === 'danger'} className='followup__due'>
          {due.text}
        </Chip>
        <Chip tone='muted'>{SERVICE_CATEGORY_LABELS[f.category]}</Chip>
        {f.attempts > 0 && (
          <Chip tone='warn' className='followup__attempts'>
            {attemptsLabel(f.attempts)}
          </Chip>
        )}
      </View>
      <InfoRow label='居民' valueClassName='followup__resident'>
        <Text>{f.contactName} </Text>
        <PhoneLink name={f.contactName} phone={f.contactPhone} />
      </InfoRow>
      {f.helped && (
        <InfoRow label='被帮助人'>
          <Text>
            {f.helped.name}（{f.helped.relationship}）{f.helped.phone ? ' ' : ''}
          </Text>
          {f.helped.phone && <PhoneLink name={f.helped.name} phone={f.helped.phone} />}
        </InfoRow>
      )}
      <InfoRow label='求助内容' valueClassName='followup__description'>
        {f.description}
      </InfoRow>
      <InfoRow label='处理结果' valueClassName='followup__resolution'>
        {f.resolution || '—'}
      </InfoRow>
      <InfoRow label='办结时间'>{formatCstDateTime(new Date(f.resolvedAt))}</InfoRow>
      {f.lastAttemptAt && <InfoRow label='上次拨打'>{formatCstDateTime(new Date(f.lastAttemptAt))}</InfoRow>}
      {showStation && <InfoRow label='所在站点'>{f.station.name}</InfoRow>}
      <View
        className='followup__request'
        ariaRole='link'
        onClick={() => void Taro.navigateTo({ url: `/packages/workbench/request/index?id=${f.requestId}` })}
      >
        查看求助 {f.number} ›
      </View>

      {f.due && !form && (
        <View className='btn-row'>
          <Button
            className='btn btn-followup-missed'
            {...busyProps(busy === 'missed')}
            onClick={() => void send('missed', { reached: false })}
          >
            未接通
          </Button>
          <Button className='btn btn--primary btn-followup-reached' onClick={() => setForm(true)}>
            已接通，记录结果
          </Button>
        </View>
      )}
      {form && (
        <View className='followup__form'>
          <Field label='居民对处理结果满意吗' error={error?.field === 'satisfied' ? error.message : null} required>
            <OptionGroup
              name='居民对处理结果满意吗'
              options={[
                { value: 'yes', label: '满意' },
                { value: 'no', label: '不满意' },
              ]}
              value={satisfied}
              onChange={setSatisfied}
            />
          </Field>
          <CheckItem
            className='followup__more-help'
            checked={needsMoreHelp}
            onChange={setNeedsMoreHelp}
            label='还需要帮助（求助回到本站队列，居民会看到）'
          />
          <Field label='回访记录（仅工作人员可见）' error={error?.field === 'note' ? error.message : null}>
            <TextBox
              className='followup-note'
              value={note}
              onChange={setNote}
              max={LIMITS.followUpNote}
              placeholder='例如：老人说助餐很好，想再了解上门助浴'
            />
          </Field>
          <View className='btn-row'>
            <Button className='btn' onClick={() => setForm(false)}>
              取消
            </Button>
            <Button className='btn btn--primary btn-followup-submit' {...busyProps(busy === 'reached')} onClick={submit}>
              记录结果
            </Button>
          </View>
        </View>
      )}
      {error && error.field !== 'satisfied' && error.field !== 'note' && (
        <View className='field__error' ariaRole='alert'>
          {error.message}
        </View>
      )}
    </View>
  )
}
