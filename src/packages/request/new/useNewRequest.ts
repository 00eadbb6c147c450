import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { CONSENT_VERSIONS, type ConsentPurpose } from '@contract/consents'
import { SERVICE_CATEGORIES } from '@contract/enums'
import { CATEGORY_QUESTIONS, EMERGENCY_HOTLINES } from '@contract/requests'
import type { CreateRequestBody, HelpRequest, ServiceCategory } from '@contract/types'
import { detectEmergency } from '@domain/emergency'
import { isMainlandPhone } from '@domain/phone'
import { ApiError } from '@/api/client'
import { fetchConsents, recordConsent } from '@/api/consents'
import { submitRequest, uploadPhoto } from '@/api/requests'
import { fetchStation } from '@/api/stations'
import { useLocation } from '@/stores/location'
import { useRequestDraft, type RequestDraft } from '@/stores/requestDraft'
import { useSession } from '@/stores/session'

export const STEPS = ['服务类别', '遇到的问题', '为谁求助', '联系方式'] as const
const TEMPLATE_ID = process.env.TARO_APP_TEMPLATE_REQUEST_STATUS

/** Field errors, by field (`attr:<question>` for a category question). */
type Errors = Partial<Record<keyof RequestDraft | 'form' | `attr:${string}`, string>>

/** What is wrong with a step, field by field, in words. */
export function validateStep(step: number, d: RequestDraft): Errors {
  const e: Errors = {}
  if (step === 0 && !d.category) e.category = '请选择一项服务'
  if (step === 1) {
    for (const q of (d.category && CATEGORY_QUESTIONS[d.category]) || []) {
      if (q.required && !d.attributes[q.key]) e[`attr:${q.key}`] = `请回答：${q.label}`
    }
    if (!d.description.trim()) e.description = '请简单说说遇到了什么问题'
    else if (d.description.length > 1000) e.description = '问题描述不能超过 1000 字'
  }
  if (step === 2 && d.requester === 'family') {
    if (!d.helpedName.trim()) e.helpedName = '请填写被帮助人的姓名'
    if (!d.helpedRelationship) e.helpedRelationship = '请选择被帮助人与您的关系'
    if (d.helpedPhone && !isMainlandPhone(d.helpedPhone)) e.helpedPhone = '电话格式不正确'
    if (!d.helpedConsent) e.helpedConsent = '请先确认被帮助人同意由您代为求助'
  }
  if (step === 3) {
    if (!d.contactName.trim()) e.contactName = '请填写怎么称呼您'
    if (!isMainlandPhone(d.contactPhone)) e.contactPhone = '请填写 11 位手机号，或带区号的固定电话'
    if (!d.location && !d.address.trim()) e.address = '请填写地址，或使用当前位置'
  }
  return e
}

export function toBody(d: RequestDraft, area: string[] | null): CreateRequestBody {
  const [province, city, district, street] = area ?? []
  return {
    ...(d.stationId ? { stationId: d.stationId } : {}),
    category: d.category!,
    attributes: d.attributes,
    description: d.description.trim(),
    photoIds: d.photos.map((p) => p.id),
    requester: d.requester,
    ...(d.requester === 'family'
      ? {
          helped: {
            name: d.helpedName.trim(),
            relationship: d.helpedRelationship as never,
            ...(d.helpedPhone ? { phone: d.helpedPhone } : {}),
            ...(d.helpedAddress ? { address: d.helpedAddress.trim() } : {}),
            consent: true as const,
          },
        }
      : {}),
    contactName: d.contactName.trim(),
    contactPhone: d.contactPhone.trim(),
    preferredTime: d.preferredTime,
    ...(province ? { area: { province, city, district, ...(street ? { street } : {}) } } : {}),
    ...(d.location ? { location: d.location } : {}),
    address: d.address.trim(),
    urgency: d.urgency,
  }
}

/** What a resident agrees to before their help request is sent (asked again when a text has a new version). */
const REQUEST_PURPOSES: readonly ConsentPurpose[] = ['privacy_policy', 'help_requests']

/** The purposes the logged-in resident has not agreed to in their current version, as the server records them. */
async function missingConsents(): Promise<ConsentPurpose[]> {
  const items = await fetchConsents()
  return items.filter((i) => REQUEST_PURPOSES.includes(i.purpose) && i.needsConsent).map((i) => i.purpose)
}

const isRetryable = (e: unknown) => e instanceof ApiError && (e.code === 'NETWORK' || e.code === 'TIMEOUT' || (e.status ?? 0) >= 500)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function useNewRequest() {
  const { params } = useRouter()
  const { draft, step, update, setStep, ensureKey, finish, reset } = useRequestDraft()
  const location = useLocation()
  const session = useSession()
  const [errors, setErrors] = useState<Errors>({})
  // The station's own menu first, then every other service (those go to a station that offers them).
  const [stationServices, setStationServices] = useState<readonly ServiceCategory[]>([])
  const services = [...stationServices, ...SERVICE_CATEGORIES.filter((c) => !stationServices.includes(c))]
  const [showEmergency, setShowEmergency] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [result, setResult] = useState<HelpRequest | null>(null)
  /** The texts to agree to before sending (the consent panel is shown while set). */
  const [consentAsk, setConsentAsk] = useState<ConsentPurpose[] | null>(null)

  // Coming from a station's page pre-selects that station (and its service menu).
  useEffect(() => {
    const stationId = params.stationId
    if (stationId && stationId !== draft.stationId) update({ stationId, stationName: null, category: null, attributes: {} })
    const id = stationId ?? draft.stationId
    if (!id) return
    fetchStation(id)
      .then((s) => {
        setStationServices(s.services)
        update({ stationName: s.name })
      })
      .catch(() => update({ stationId: null, stationName: null }))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.stationId])

  // The position the stations are measured from is the default location of the request.
  useEffect(() => {
    if (!draft.location && location.position) update({ location: location.position })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.position])

  const emergency = useMemo(() => detectEmergency(draft.category, draft.attributes, draft.description), [draft.category, draft.attributes, draft.description])
  const hotlines = EMERGENCY_HOTLINES.filter((h) => h.for.some((k) => emergency.includes(k)))

  const next = () => {
    const e = validateStep(step, draft)
    setErrors(e)
    if (Object.keys(e).length > 0) return
    if (step === 1 && emergency.length > 0 && !draft.emergencyAcknowledged) {
      setShowEmergency(true)
      return
    }
    setStep(Math.min(step + 1, STEPS.length - 1))
  }

  const sendAnyway = () => {
    update({ emergencyAcknowledged: true, urgency: 'urgent' })
    setShowEmergency(false)
    setStep(2)
  }

  const addPhotos = async () => {
    const room = 3 - draft.photos.length
    if (room <= 0) return
    let paths: string[]
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const r = await Taro.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
        paths = r.tempFiles.map((f) => f.tempFilePath)
      } else {
        const r = await Taro.chooseImage({ count: room, sizeType: ['compressed'] })
        paths = r.tempFilePaths
      }
    } catch {
      return // cancelled
    }
    setUploading(true)
    try {
      if (!useSession.getState().token) await session.login()
      for (const p of paths) {
        const up = await uploadPhoto(p, useSession.getState().token)
        update({ photos: [...useRequestDraft.getState().draft.photos, { id: up.id, localPath: p }] })
      }
    } catch (err) {
      void Taro.showModal({ title: '照片没有上传成功', content: err instanceof ApiError ? err.message : '请稍后重试', showCancel: false })
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    // Ask for status messages inside the tap (WeChat requires a user gesture).
    if (process.env.TARO_ENV === 'weapp' && TEMPLATE_ID) void Taro.requestSubscribeMessage({ tmplIds: [TEMPLATE_ID] } as never).catch(() => undefined)
    const e = validateStep(3, draft)
    setErrors(e)
    if (Object.keys(e).length > 0) return
    setSubmitting(true)
    try {
      if (!useSession.getState().token) await session.login()
      const missing = await missingConsents()
      if (missing.length > 0) {
        setConsentAsk(missing)
        return
      }
      await send()
    } catch (err) {
      await failed(err)
    } finally {
      setSubmitting(false)
    }
  }

  /** 同意并继续: records each agreement (the version the panel showed), then sends. */
  const agreeAndSubmit = async () => {
    const purposes = consentAsk ?? []
    setSubmitting(true)
    try {
      for (const purpose of purposes) await recordConsent({ purpose, version: CONSENT_VERSIONS[purpose], granted: true })
      setConsentAsk(null)
      await send()
    } catch (err) {
      setConsentAsk(null)
      await failed(err)
    } finally {
      setSubmitting(false)
    }
  }

  const declineConsent = () => {
    setConsentAsk(null)
    setErrors({ form: '您没有同意《求助信息使用说明》，求助没有发送，填写的内容已保存。如有人正处于危险中，请直接拨打 110 或 120。' })
  }

  /** Sends the draft with its Idempotency-Key, retrying network failures with the same key. */
  const send = async () => {
    const key = ensureKey()
    const body = toBody(draft, location.source === 'area' ? location.area?.path ?? null : null)
    let created: HelpRequest | null = null
    for (let attempt = 0; !created; attempt++) {
      try {
        created = await submitRequest(body, key)
      } catch (err) {
        if (attempt < 2 && isRetryable(err)) await sleep(1000 * (attempt + 1))
        else throw err
      }
    }
    finish()
    setResult(created)
  }

  const failed = async (err: unknown) => {
    const message = err instanceof ApiError ? err.message : '提交失败，请稍后重试'
    setErrors({ form: message })
    if (err instanceof ApiError && err.status === 422 && err.message.includes('提交编号')) {
      // The earlier attempt may already have gone through: let the resident check before sending again.
      const choice = await Taro.showModal({ title: '请先确认', content: '您之前的提交可能已经成功。要查看“我的求助”吗？', confirmText: '去查看', cancelText: '重新提交' })
      if (choice.confirm) void Taro.redirectTo({ url: '/packages/request/mine/index' })
      else useRequestDraft.setState({ idempotencyKey: null })
    }
  }

  const useCurrentLocation = async () => {
    if (process.env.TARO_ENV === 'weapp') {
      try {
        const r = await Taro.chooseLocation({})
        update({ location: { lat: r.latitude, lng: r.longitude }, address: r.address ? `${r.address}${r.name ? ' ' + r.name : ''}` : draft.address })
      } catch {
        /* cancelled */
      }
    } else if (location.position) {
      update({ location: location.position })
    }
  }

  return {
    draft, step, errors, services, stationServices, update, next, back: () => setStep(Math.max(0, step - 1)),
    emergency, hotlines, showEmergency, sendAnyway, closeEmergency: () => setShowEmergency(false),
    addPhotos, removePhoto: (id: string) => update({ photos: draft.photos.filter((p) => p.id !== id) }), uploading,
    submit, submitting, result, consentAsk, agreeAndSubmit, declineConsent, useCurrentLocation, locationLabel: location.source === 'area' && location.area ? location.area.path.slice(1).join(' ') : location.position ? '当前位置' : null,
    startOver: () => {
      reset()
      setResult(null)
      setErrors({})
    },
  }
}
