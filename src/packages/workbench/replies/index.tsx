import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { CannedReply, ServiceCategory } from '@contract/types'
import { REPLY_PLACEHOLDERS } from '@domain/cannedReplies'
import { createReply, deleteReply, fetchReplies, updateReply } from '@/api/staff'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { formErrors, type FieldMap } from '@/services/errors'
import { toastError } from '@/services/errors'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'
import '../workbench.scss'

type ErrorKey = 'category' | 'title' | 'body'
const FIELDS: FieldMap<ErrorKey> = { category: 'category', title: 'title', body: 'body' }
const ANY = 'any'
type CategoryChoice = ServiceCategory | typeof ANY
const CATEGORY_OPTIONS = [
  { value: ANY as CategoryChoice, label: '通用' },
  ...SERVICE_CATEGORIES.map((c) => ({ value: c as CategoryChoice, label: SERVICE_CATEGORY_LABELS[c] })),
]

/** Adding or editing one template; the placeholders are tapped in, not typed. */
function ReplyForm({
  initial,
  onSaved,
  onCancel,
}: {
  initial: CannedReply | null
  onSaved: (r: CannedReply) => void
  onCancel: () => void
}) {
  const [category, setCategory] = useState<CategoryChoice>(initial?.category ?? ANY)
  const [title, setTitle] = useState(initial?.title ?? '')
  const [body, setBody] = useState(initial?.body ?? '')
  const [errors, setErrors] = useState<Partial<Record<ErrorKey | 'form', string>>>({})
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const missing: Partial<Record<ErrorKey, string>> = {}
    if (!title.trim()) missing.title = '请填写标题'
    if (!body.trim()) missing.body = '请填写回复内容'
    setErrors(missing)
    if (Object.keys(missing).length > 0) return
    setBusy(true)
    const data = { category: category === ANY ? null : category, title: title.trim(), body: body.trim() }
    try {
      onSaved(initial ? await updateReply(initial.id, data) : await createReply(data))
    } catch (err) {
      setErrors(formErrors(err, FIELDS))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card reply-form'>
      <Text className='station-section__title'>{initial ? '修改常用回复' : '新增常用回复'}</Text>
      <Field label='适用的服务类别' error={errors.category}>
        <OptionGroup name='适用的服务类别' options={CATEGORY_OPTIONS} value={category} onChange={setCategory} />
      </Field>
      <Field label='标题' required error={errors.title}>
        <Input className='input reply-form__title' value={title} maxlength={LIMITS.replyTitle} onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label='回复内容' required error={errors.body}>
        <Textarea
          className='textarea reply-form__body'
          value={body}
          maxlength={LIMITS.replyBody}
          onInput={(e) => setBody(e.detail.value)}
        />
      </Field>
      <Text className='muted'>点下面的词插入，发送时换成这条求助的内容：</Text>
      <View className='reply-form__placeholders'>
        {REPLY_PLACEHOLDERS.map((p) => (
          <Button key={p} className='btn reply-form__placeholder' onClick={() => setBody((b) => b + p)}>
            {p}
          </Button>
        ))}
      </View>
      {errors.form && (
        <View className='field__error form-error' ariaRole='alert'>
          {errors.form}
        </View>
      )}
      <View className='btn-row'>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
        <Button className='btn btn--primary btn-save-reply' {...busyProps(busy)} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}

/** 常用回复 (站长): the station's reply templates, inserted into replies and resolution summaries. */
export default function Replies() {
  const pageClass = usePageClass('page-replies')
  const replies = useStaffQuery(['replies'], fetchReplies)
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null)

  const remove = async (r: CannedReply) => {
    const { confirm } = await Taro.showModal({ title: '删除常用回复', content: `删除「${r.title}」？`, confirmText: '删除' })
    if (!confirm) return
    try {
      await deleteReply(r.id)
      replies.setData((all) => all.filter((x) => x.id !== r.id))
    } catch (err) {
      toastError(err)
    }
  }
  const saved = (r: CannedReply) => {
    replies.setData((all) => (all.some((x) => x.id === r.id) ? all.map((x) => (x.id === r.id ? r : x)) : [...all, r]))
    setEditing(null)
  }

  return (
    <View className={pageClass}>
      {editing ? (
        <ReplyForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <View className='card'>
          <Text className='muted'>社工回复居民或填写办结说明时，可以一键插入这些模板。</Text>
          <Button className='btn btn--primary btn--main btn-new-reply' onClick={() => setEditing('new')}>
            新增常用回复
          </Button>
        </View>
      )}
      {replies.status === 'loading' && !replies.data && <Loading />}
      {replies.status === 'error' && <ErrorState message={replies.error.message} onRetry={replies.reload} />}
      {replies.status === 'ok' && replies.data.length === 0 && <EmptyState text='还没有常用回复' />}
      {replies.data?.map((r) => (
        <View key={r.id} className='card reply-item'>
          <View className='reply-item__head'>
            <Text className='reply-item__title'>{r.title}</Text>
            <Chip tone='muted' className='reply-item__category'>
              {r.category ? SERVICE_CATEGORY_LABELS[r.category] : '通用'}
            </Chip>
          </View>
          <Text className='reply-item__body'>{r.body}</Text>
          <View className='btn-row'>
            <Button className='btn btn-edit-reply' onClick={() => setEditing(r)}>
              修改
            </Button>
            <Button className='btn btn-delete-reply' onClick={() => void remove(r)}>
              删除
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}
