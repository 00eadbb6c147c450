import { usePageClass } from '@/stores/elder'
import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import { CHILD_AGE_LIMIT, CHILD_NOTICE_VERSION, FAMILY_RELATIONSHIPS } from '@contract/activities'
import { LIMITS } from '@contract/limits'
import type { FamilyMember, FamilyRelationship } from '@contract/types'
import { ageOn, checkBirthDate, isChildAge } from '@domain/activities'
import { cstDate } from '@domain/chinaTime'
import { addFamilyMember, deleteFamilyMember, fetchFamily, updateFamilyMember } from '@/api/activities'
import { CheckItem } from '@/components/CheckItem'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { TextBox } from '@/components/TextBox'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { CHILD_NOTICE, CHILD_NOTICE_TITLE, CHILD_NOTICE_VERSION_LABEL } from '@/content/childPrivacy'
import { useQuery } from '@/hooks/useQuery'
import { alertError, formErrors, type FieldMap } from '@/services/errors'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'
import { LoginGate } from '@/components/LoginGate'
import '../shared.scss'
import './index.scss'

interface Draft {
  /** null: a new member. */
  id: string | null
  name: string
  birthDate: string
  relationship: FamilyRelationship | null
  notes: string
  childConsent: boolean
  /** The version this member's guardian agreed to before (editing). */
  agreedVersion: string | null
}

type ErrorKey = 'name' | 'birthDate' | 'relationship' | 'notes' | 'childConsent'
type Errors = Partial<Record<ErrorKey | 'form', string>>

/** The family member body's field paths → the form's fields. */
const MEMBER_FIELDS: FieldMap<ErrorKey> = {
  name: 'name',
  birthDate: 'birthDate',
  relationship: 'relationship',
  notes: 'notes',
  childNoticeVersion: 'childConsent',
}

const emptyDraft: Draft = { id: null, name: '', birthDate: '', relationship: null, notes: '', childConsent: false, agreedVersion: null }

const fromMember = (m: FamilyMember): Draft => ({
  id: m.id,
  name: m.name,
  birthDate: m.birthDate,
  relationship: m.relationship,
  notes: m.notes,
  childConsent: false,
  agreedVersion: m.childNoticeVersion,
})

/** Whether saving this draft needs the guardian's tick: a child under 14 not yet agreed to the current notice. */
const needsConsent = (d: Draft, today: string) =>
  !!d.birthDate && isChildAge(ageOn(d.birthDate, today)) && d.agreedVersion !== CHILD_NOTICE_VERSION

function validate(d: Draft, today: string): Errors {
  const e: Errors = {}
  if (!d.name.trim()) e.name = '请填写家人的姓名'
  if (!d.birthDate) e.birthDate = '请选择出生日期'
  else {
    const problem = checkBirthDate(d.birthDate, today)
    if (problem) e.birthDate = problem
  }
  if (!d.relationship) e.relationship = '请选择家人与您的关系'
  if (d.notes.length > LIMITS.memberNotes) e.notes = `特殊需要不能超过 ${LIMITS.memberNotes} 字`
  if (needsConsent(d, today) && !d.childConsent) e.childConsent = `孩子未满 ${CHILD_AGE_LIMIT} 周岁，请先阅读上面的规则，并勾选同意`
  return e
}

/** The children's privacy notice, in full, before the guardian's tick. */
function ChildNotice() {
  return (
    <View className='child-notice' ariaLabel={CHILD_NOTICE_TITLE}>
      <Text className='child-notice__title'>《{CHILD_NOTICE_TITLE}》</Text>
      <Text className='muted child-notice__version'>{CHILD_NOTICE_VERSION_LABEL}</Text>
      {CHILD_NOTICE.map((p) => (
        <View key={p.title} className='child-notice__section'>
          <Text className='child-notice__heading'>{p.title}</Text>
          <Text className='child-notice__text'>{p.text}</Text>
        </View>
      ))}
    </View>
  )
}

export default function Family() {
  const pageClass = usePageClass('page-family')
  const { params } = useRouter()
  const token = useSession((s) => s.token)
  const list = useQuery(['family', token], fetchFamily, { enabled: !!token, refreshOnShow: true, pullDownRefresh: true })
  const items = list.status === 'ok' ? list.data : []
  const [draft, setDraft] = useState<Draft | null>(params.add === '1' ? emptyDraft : null)
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  const today = cstDate(new Date())
  const backAfterSave = params.back === '1'

  // Opened to fix one member (e.g. from the enrollment form): their form, once the list is there.
  const editOpened = useRef(false)
  useEffect(() => {
    if (list.status !== 'ok' || editOpened.current || !params.edit) return
    editOpened.current = true
    const m = list.data.find((x) => x.id === params.edit)
    if (m) setDraft(fromMember(m))
  }, [list.status, list.data, params.edit])

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as keyof Errors]
      delete next.form
      return next
    })
  }

  const save = async () => {
    if (!draft) return
    const e = validate(draft, today)
    setErrors(e)
    if (Object.keys(e).length > 0) return
    const body = {
      name: draft.name.trim(),
      birthDate: draft.birthDate,
      relationship: draft.relationship!,
      notes: draft.notes.trim(),
      ...(needsConsent(draft, today) ? { childNoticeVersion: CHILD_NOTICE_VERSION } : {}),
    }
    setSaving(true)
    try {
      if (draft.id) await updateFamilyMember(draft.id, body)
      else await addFamilyMember(body)
      setDraft(null)
      void Taro.showToast({ title: draft.id ? '已保存' : '已添加', icon: 'success' })
      if (backAfterSave) void Taro.navigateBack().catch(() => undefined)
      else void list.reload()
    } catch (err) {
      setErrors(formErrors(err, MEMBER_FIELDS))
    } finally {
      setSaving(false)
    }
  }

  /** 取消: back where the resident came from (the enrollment form), or to the list. */
  const closeForm = () => {
    setErrors({})
    if (backAfterSave) void Taro.navigateBack().catch(() => setDraft(null))
    else setDraft(null)
  }

  const remove = async (m: FamilyMember) => {
    const ok = await Taro.showModal({
      title: `删除${m.name}？`,
      content: `删除后，${m.name}的信息将被清除，尚未开始的活动报名会一并取消（名额让给候补的家庭）。已结束的活动不受影响。`,
      confirmText: '删除',
      confirmColor: '#b3261e',
      cancelText: '不删除',
    })
    if (!ok.confirm) return
    try {
      await deleteFamilyMember(m.id)
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (err) {
      alertError('没有删除成功', err)
    }
    void list.reload()
  }

  if (!token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以添加家人，为孩子或老人报名活动' />
      </View>
    )
  }

  if (draft) {
    const child = !!draft.birthDate && isChildAge(ageOn(draft.birthDate, today))
    return (
      <View className={pageClass}>
        <View className='card family-form'>
          <Text className='station-section__title'>{draft.id ? `修改 ${draft.name || '家人'} 的信息` : '添加家人'}</Text>
          <Field label='姓名' required error={errors.name}>
            <Input
              className='input member-name'
              value={draft.name}
              maxlength={LIMITS.personName}
              placeholder='请填写真实姓名，签到时核对'
              onInput={(ev) => update({ name: ev.detail.value })}
            />
          </Field>
          <Field label='出生日期' required hint='用于核对活动的年龄要求' error={errors.birthDate}>
            <Picker
              className='member-birth-picker'
              mode='date'
              value={draft.birthDate || '2018-01-01'}
              start='1900-01-01'
              end={today}
              onChange={(ev) => update({ birthDate: String(ev.detail.value), childConsent: false })}
            >
              <View
                className={`input picker-value${draft.birthDate ? '' : ' picker-value--empty'}`}
                ariaRole='button'
                ariaLabel={`出生日期：${draft.birthDate ? `${draft.birthDate}（${ageOn(draft.birthDate, today)} 岁）` : '点按选择出生日期'}`}
              >
                {draft.birthDate ? `${draft.birthDate}（${ageOn(draft.birthDate, today)} 岁）` : '点按选择出生日期'}
              </View>
            </Picker>
          </Field>
          <Field label='他/她是您的' required error={errors.relationship}>
            <OptionGroup
              name='与您的关系'
              options={FAMILY_RELATIONSHIPS.map((r) => ({ value: r, label: r }))}
              value={draft.relationship}
              onChange={(relationship) => update({ relationship })}
            />
          </Field>
          <Field label='特殊需要（如过敏、行动不便）' hint='选填。只有您报名的活动所属社工站能看到，方便社工提前照顾' error={errors.notes}>
            <TextBox
              className='member-notes'
              value={draft.notes}
              max={LIMITS.memberNotes}
              placeholder='例如：对花生过敏；需要轮椅通道'
              ariaLabel='特殊需要'
              onChange={(notes) => update({ notes })}
            />
          </Field>

          {child && (
            <View className='child-consent'>
              <Text className='notice-box child-consent__intro'>
                孩子未满 {CHILD_AGE_LIMIT} 周岁。保存前，请您作为监护人阅读下面的规则。
              </Text>
              <ChildNotice />
              {draft.agreedVersion === CHILD_NOTICE_VERSION ? (
                <Text className='notice-box child-consent__agreed'>✓ 您此前已同意当前版本的规则</Text>
              ) : (
                <Field label='监护人同意' required error={errors.childConsent}>
                  <CheckItem
                    className='child-consent__check'
                    checked={draft.childConsent}
                    onChange={(childConsent) => update({ childConsent })}
                    label={`我是孩子的监护人，已阅读并同意《${CHILD_NOTICE_TITLE}》`}
                  />
                </Field>
              )}
            </View>
          )}

          {errors.form && (
            <View className='field__error form-error' ariaRole='alert'>
              {errors.form}
            </View>
          )}
          <View className='btn-row'>
            <Button className='btn btn--main btn-cancel-edit' onClick={closeForm}>
              取消
            </Button>
            <Button className='btn btn--primary btn--main btn-save-member' {...busyProps(saving)} onClick={save}>
              保存
            </Button>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className={pageClass}>
      <Text className='muted family-intro'>添加家人后，可以为孩子或老人报名社工站的活动。家人的信息只在报名时提供给主办的社工站。</Text>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'ok' && items.length === 0 && <EmptyState text='还没有添加家人' />}
      {items.map((m) => (
        <View key={m.id} className='card family-member'>
          <View className='family-member__head'>
            <Text className='family-member__name'>{m.name}</Text>
            <Text className='muted'>
              {m.relationship} · {m.age} 岁
            </Text>
          </View>
          <Text className='muted'>出生日期 {m.birthDate}</Text>
          {m.notes && <Text className='family-member__notes'>特殊需要：{m.notes}</Text>}
          {m.isChild &&
            (m.childNoticeVersion === CHILD_NOTICE_VERSION ? (
              <Text className='muted family-member__consent'>
                未满 {CHILD_AGE_LIMIT} 周岁 · 您已同意《{CHILD_NOTICE_TITLE}》
              </Text>
            ) : (
              <Text className='notice-box notice-box--warn family-member__consent'>
                《{CHILD_NOTICE_TITLE}》已更新，请点“修改”重新阅读并同意，否则不能为孩子报名
              </Text>
            ))}
          <View className='btn-row'>
            <Button className='btn btn-edit-member' ariaLabel={`修改${m.name}的信息`} onClick={() => setDraft(fromMember(m))}>
              修改
            </Button>
            <Button className='btn btn-delete-member' ariaLabel={`删除${m.name}`} onClick={() => void remove(m)}>
              删除
            </Button>
          </View>
        </View>
      ))}
      {list.status === 'ok' && (
        <View className='family-add'>
          <Button
            className='btn btn--primary btn--main btn-add-member'
            {...(items.length >= 20 ? { disabled: true } : {})}
            onClick={() => (setDraft(emptyDraft), setErrors({}))}
          >
            + 添加家人
          </Button>
          {items.length >= 20 && <Text className='muted'>最多可以添加 20 位家人</Text>}
        </View>
      )}
    </View>
  )
}
