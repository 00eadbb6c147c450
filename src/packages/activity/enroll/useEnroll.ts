import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { CHILD_NOTICE_VERSION } from '@contract/activities'
import type { ActivityDetail, EnrollBody, Enrollment, FamilyMember } from '@contract/types'
import { ageOn, ageRefusal, checkBirthDate, participantChoices } from '@domain/activities'
import { cstDate } from '@domain/chinaTime'
import { phoneProblem } from '@domain/phone'
import { enroll, fetchActivity, fetchFamily } from '@/api/activities'
import { useQuery } from '@/hooks/useQuery'
import { describeError, type FieldMap } from '@/services/errors'
import { useEnrollProfile } from '@/stores/enrollProfile'
import { useSession } from '@/stores/session'

const TEMPLATE_ID = process.env.TARO_APP_TEMPLATE_ACTIVITY

/** 'self' (本人) or a family member's id. */
export type ParticipantChoice = 'self' | string

export interface EnrollForm {
  participant: ParticipantChoice | null
  selfName: string
  selfBirthDate: string
  contactPhone: string
  photoConsent: boolean
}

type ErrorKey = 'participant' | 'selfName' | 'selfBirthDate' | 'contactPhone'
type Errors = Partial<Record<ErrorKey | 'form', string>>

/** The enrollment body's field paths → the form's fields. */
const ENROLL_FIELDS: FieldMap<ErrorKey> = {
  familyMemberId: 'participant',
  name: 'selfName',
  birthDate: 'selfBirthDate',
  contactPhone: 'contactPhone',
}

export const hasAgeRange = (a: Pick<ActivityDetail, 'minAge' | 'maxAge'>) => a.minAge !== null || a.maxAge !== null

/** Age on the activity's first day (the age rule's day). */
export const ageAtActivity = (birthDate: string, a: Pick<ActivityDetail, 'startsAt'>) => ageOn(birthDate, cstDate(new Date(a.startsAt)))

/** A child whose guardian agreed to an older version of the children's notice (or none): the server refuses to enroll them. */
export const needsChildConsent = (m: FamilyMember) => m.isChild && m.childNoticeVersion !== CHILD_NOTICE_VERSION

/** What is wrong with the form, field by field, in words (the age rule in the server's own words). */
export function validate(a: ActivityDetail, f: EnrollForm, family: FamilyMember[], today: string): Errors {
  const e: Errors = {}
  if (!f.participant) e.participant = '请选择谁参加'
  else if (f.participant === 'self') {
    if (!f.selfName.trim()) e.selfName = '请填写参加人的姓名'
    if (hasAgeRange(a) && !f.selfBirthDate) e.selfBirthDate = '这个活动有年龄要求，请选择您的出生日期'
    else if (f.selfBirthDate) {
      const problem = checkBirthDate(f.selfBirthDate, today) ?? ageRefusal(a, ageAtActivity(f.selfBirthDate, a), '您')
      if (problem) e.selfBirthDate = problem
    }
  } else {
    const m = family.find((x) => x.id === f.participant)
    if (!m) e.participant = '请重新选择参加人'
    else if (needsChildConsent(m)) e.participant = `《儿童个人信息保护规则》已更新，请先在“我的家人”中为${m.name}重新阅读并同意`
    else {
      const problem = ageRefusal(a, ageAtActivity(m.birthDate, a), m.name)
      if (problem) e.participant = problem
    }
  }
  const contactPhone = phoneProblem(f.contactPhone)
  if (contactPhone) e.contactPhone = contactPhone
  return e
}

export function toBody(a: ActivityDetail, f: EnrollForm): EnrollBody {
  const consent = a.photoConsentRequired ? { photoConsent: f.photoConsent } : {}
  if (f.participant === 'self') {
    return {
      name: f.selfName.trim(),
      ...(f.selfBirthDate ? { birthDate: f.selfBirthDate } : {}),
      contactPhone: f.contactPhone.trim(),
      ...consent,
    }
  }
  return { familyMemberId: f.participant!, contactPhone: f.contactPhone.trim(), ...consent }
}

export function useEnroll() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useSession((s) => s.token)
  const profile = useEnrollProfile()
  const activity = useQuery(['activity', id], () => fetchActivity(id))
  // Again when back from 我的家人 (someone added or edited).
  const family = useQuery(['family', token], fetchFamily, { enabled: !!token, refreshOnShow: true })
  const familyMembers = family.status === 'ok' ? family.data : []
  const [form, setForm] = useState<EnrollForm>({
    participant: null,
    selfName: profile.selfName,
    selfBirthDate: profile.selfBirthDate,
    contactPhone: profile.contactPhone,
    photoConsent: false,
  })
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<Enrollment | null>(null)
  const knownIds = useRef<Set<string> | null>(null)

  useEffect(() => {
    if (family.status !== 'ok') return
    const items = family.data
    // Back from 我的家人 with someone new: they are who the resident came to enroll.
    const fresh = knownIds.current ? items.filter((m) => !knownIds.current!.has(m.id)) : []
    knownIds.current = new Set(items.map((m) => m.id))
    setForm((f) => {
      if (fresh.length === 1) return { ...f, participant: fresh[0]!.id, photoConsent: false }
      // Someone deleted meanwhile is no longer a choice.
      if (f.participant && f.participant !== 'self' && !items.some((m) => m.id === f.participant)) return { ...f, participant: null }
      return f
    })
  }, [family.status, family.data])

  const update = (patch: Partial<EnrollForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    // A field's error goes once it is changed.
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as keyof Errors]
      if ('participant' in patch) delete next.selfBirthDate
      delete next.form
      return next
    })
  }

  const submit = async () => {
    // Ask for the result/reminder messages inside the tap (WeChat requires a user gesture).
    if (process.env.TARO_ENV === 'weapp' && TEMPLATE_ID)
      void Taro.requestSubscribeMessage({ tmplIds: [TEMPLATE_ID] } as never).catch(() => undefined)
    const a = activity.data
    if (!a) return
    const e = validate(a, form, familyMembers, cstDate(new Date()))
    setErrors(e)
    if (Object.keys(e).length > 0) return
    setSubmitting(true)
    try {
      const enrollment = await enroll(a.id, toBody(a, form))
      profile.remember({
        contactPhone: form.contactPhone.trim(),
        ...(form.participant === 'self' ? { selfName: form.selfName.trim(), selfBirthDate: form.selfBirthDate } : {}),
      })
      setResult(enrollment)
    } catch (err) {
      const { message, field, error } = describeError(err, ENROLL_FIELDS)
      setErrors({ [field ?? 'form']: message })
      // Seats or the window may have changed: show the activity as it is now.
      if (error.status === 409 || error.status === 422) void activity.reload()
    } finally {
      setSubmitting(false)
    }
  }

  // Who may take part: only they are offered; the others are listed with the reason.
  const choices = activity.data
    ? participantChoices(
        { ...activity.data, startsAt: new Date(activity.data.startsAt) },
        { birthDate: profile.selfBirthDate || null },
        familyMembers,
      )
    : []

  return {
    id,
    token,
    eligible: choices.filter((c) => !c.refusal),
    excluded: choices.filter((c) => c.refusal),
    activity,
    family,
    familyMembers,
    form,
    update,
    errors,
    submit,
    submitting,
    result,
    addFamily: () => Taro.navigateTo({ url: '/packages/activity/family/index?add=1&back=1' }),
    fixMember: (memberId: string) => Taro.navigateTo({ url: `/packages/activity/family/index?edit=${memberId}&back=1` }),
  }
}
