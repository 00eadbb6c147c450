import { busyProps } from '@/utils/busy'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { LIMITS } from '@contract/limits'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import type { RequestStatus, StaffRequest } from '@contract/types'
import { lookupRequest } from '@/api/staff'
import { Field } from '@/components/Field'
import { describeError } from '@/services/errors'
import { duplicateReasons } from '../components/Duplicates'

interface Choice {
  id: string
  number: string
  status: RequestStatus
  /** Why it is offered: 「同一联系电话」, or 「按编号查找」. */
  why: string
}

const OPEN: readonly RequestStatus[] = ['submitted', 'accepted', 'in_progress']

/**
 * 合并到… / 关联…: the target is chosen among the suggested duplicates, or
 * found by its number; then confirmed in a dialog that says what will happen.
 */
export function MergeLinkPanel({
  request,
  kind,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  request: StaffRequest
  kind: 'merge' | 'link'
  busy: boolean
  error: string | null
  onConfirm: (target: { id: string; number: string }, note: string) => void
  onCancel: () => void
}) {
  const related = new Set((request.related ?? []).map((r) => r.id))
  const suggested: Choice[] = (request.duplicates ?? [])
    .filter((d) => (kind === 'merge' ? OPEN.includes(d.status) : !related.has(d.id)))
    .map((d) => ({ id: d.id, number: d.number, status: d.status, why: duplicateReasons(d) }))
  const [found, setFound] = useState<Choice | null>(null)
  const [chosen, setChosen] = useState<string | null>(suggested.length === 1 ? suggested[0]!.id : null)
  const [number, setNumber] = useState('')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const choices = found && !suggested.some((c) => c.id === found.id) ? [...suggested, found] : suggested

  const find = async () => {
    if (!number.trim()) {
      setProblem('请输入求助编号，如 QZ-20261123-000042')
      return
    }
    try {
      const hit = await lookupRequest(number.trim())
      if (hit.id === request.id) {
        setProblem('这就是当前这条求助，请输入另一条的编号')
        return
      }
      setFound({ id: hit.id, number: hit.number, status: hit.status, why: `按编号查找 · ${hit.stationName}` })
      setChosen(hit.id)
      setProblem(null)
    } catch (err) {
      setProblem(describeError(err).message)
    }
  }

  const confirm = async () => {
    const target = choices.find((c) => c.id === chosen)
    if (!target) {
      setProblem(kind === 'merge' ? '请选择要合并到的原求助' : '请选择要关联的求助')
      return
    }
    const { confirm: ok } = await Taro.showModal({
      title: kind === 'merge' ? '确认合并' : '确认关联',
      content:
        kind === 'merge'
          ? `本条求助 ${request.number} 将关闭，并入 ${target.number} 继续跟进；两条求助的提交人都会收到通知。`
          : `${request.number} 与 ${target.number} 将互相显示为相关求助。`,
      confirmText: kind === 'merge' ? '合并' : '关联',
      cancelText: '取消',
    })
    if (ok) onConfirm(target, note.trim())
  }

  return (
    <View className={`staff-panel merge-panel merge-panel--${kind}`}>
      <Field label={kind === 'merge' ? '合并到哪条原求助' : '关联哪条求助'} error={problem ?? error}>
        {choices.length === 0 && <Text className='muted'>没有建议的求助，请输入编号查找</Text>}
        {choices.map((c) => (
          <View
            key={c.id}
            className={`option merge-option${chosen === c.id ? ' option--active' : ''}`}
            onClick={() => setChosen(c.id)}
            ariaRole='radio'
          >
            <Text className='merge-option__number'>{c.number}</Text>
            <Text className='merge-option__why'>
              {c.why} · {REQUEST_STATUS_LABELS[c.status]}
            </Text>
          </View>
        ))}
      </Field>
      <Field label='或输入求助编号'>
        <Input
          className='input merge-number'
          value={number}
          placeholder='QZ-20261123-000042'
          maxlength={LIMITS.requestNumber}
          onInput={(e) => setNumber(e.detail.value)}
          onConfirm={() => void find()}
        />
        <Button className='btn btn-find-request' onClick={() => void find()}>
          查找
        </Button>
      </Field>
      {kind === 'merge' && (
        <Field label='合并说明（选填，居民可见）'>
          <Textarea className='textarea merge-note' value={note} maxlength={LIMITS.reason} onInput={(e) => setNote(e.detail.value)} />
        </Field>
      )}
      <View className='btn-row'>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
        <Button className={`btn btn--primary btn-confirm-${kind}`} {...busyProps(busy)} onClick={() => void confirm()}>
          {kind === 'merge' ? '确定合并' : '确定关联'}
        </Button>
      </View>
    </View>
  )
}
