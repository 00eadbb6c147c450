import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { CONSENT_VERSIONS, type ConsentPurpose } from '@contract/consents'
import { SERVICE_CATEGORIES } from '@contract/enums'
import { CATEGORY_QUESTIONS, EMERGENCY_HOTLINES } from '@contract/requests'
import type { CreateRequestBody, HelpRequest, ServiceCategory } from '@contract/types'
import { detectEmergency } from '@domain/emergency'
import { LIMITS } from '@contract/limits'
import { phoneProblem } from '@domain/phone'
import { fetchConsents, recordConsent } from '@/api/consents'
import { submitRequest, uploadPhoto } from '@/api/requests'
import { toApiError } from '@/api/client'
import { useQuery } from '@/hooks/useQuery'
import { fetchStation } from '@/api/stations'
import { alertError, describeError, isRetryable, settleErrors, type FieldMap } from '@/services/errors'
import { useLocation } from '@/stores/location'
import { useRequestDraft, type RequestDraft } from '@/stores/requestDraft'
import { useSession } from '@/stores/session'

export const STEPS = ['服务类别', '遇到的问题', '为谁求助', '联系方式'] as const
const TEMPLATE_ID = process.env.TARO_APP_TEMPLATE_REQUEST_STATUS

type ErrorKey = keyof RequestDraft | `attr:${string}`
/** Field errors, by field (`attr:<question>` for a category question). */
type Errors = Partial<Record<ErrorKey | 'form', string>>

/** The body's field paths, as the server names them in a refusal → the form's fields. */
const REQUEST_FIELDS: FieldMap<keyof RequestDraft> = {
  category: 'category',
  description: 'description',
  photoIds: 'photos',
  'helped.name': 'helpedName',
  'helped.relationship': 'helpedRelationship',
  'helped.phone': 'helpedPhone',
  'helped.address': 'helpedAddress',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  preferredTime: 'preferredTime',
  address: 'address',
  location: 'address',
  area: 'helpedArea',
  urgency: 'urgency',
}

/** The step each field is asked on (a refusal about it opens that step). */
const STEP_OF: Partial<Record<keyof RequestDraft, number>> = {
  category: 0,
  description: 1,
  photos: 1,
  helpedName: 2,
  helpedRelationship: 2,
  helpedPhone: 2,
  helpedAddress: 2,
  helpedConsent: 2,
  contactName: 3,
  contactPhone: 3,
  preferredTime: 3,
  address: 3,
  helpedArea: 3,
  urgency: 3,
}

/** Where a refusal's message goes: the field it names (and the step it is on), else the form. */
export function placeRefusal(err: unknown): { errors: Errors; step: number | null } {
  const { message, field, error } = describeError(err, REQUEST_FIELDS)
  if (field) return { errors: { [field]: message }, step: STEP_OF[field] ?? null }
  if (error.field?.startsWith('attributes.')) return { errors: { [`attr:${error.field.slice('attributes.'.length)}`]: message }, step: 1 }
  return { errors: { form: message }, step: null }
}

/** What is wrong with a step, field by field, in words. */
export function validateStep(step: number, d: RequestDraft): Errors {
  const e: Errors = {}
  if (step === 0 && !d.category) e.category = '请选择一项服务'
  if (step === 1) {
    for (const q of (d.category && CATEGORY_QUESTIONS[d.category]) || []) {
      if (q.required && !d.attributes[q.key]) e[`attr:${q.key}`] = `请回答：${q.label}`
    }
    if (!d.description.trim()) e.description = '请简单说说遇到了什么问题'
    else if (d.description.length > LIMITS.requestText) e.description = `问题描述不能超过 ${LIMITS.requestText} 字`
  }
  if (step === 2 && d.requester === 'family') {
    if (!d.helpedName.trim()) e.helpedName = '请填写被帮助人的姓名'
    if (!d.helpedRelationship) e.helpedRelationship = '请选择被帮助人与您的关系'
    const helpedPhone = phoneProblem(d.helpedPhone, true)
    if (helpedPhone) e.helpedPhone = helpedPhone
    if (!d.helpedConsent) e.helpedConsent = '请先确认被帮助人同意由您代为求助'
  }
  if (step === 3) {
    if (!d.contactName.trim()) e.contactName = '请填写怎么称呼您'
    const contactPhone = phoneProblem(d.contactPhone)
    if (contactPhone) e.contactPhone = contactPhone
    const family = d.requester === 'family'
    // 为家人代办: the helped person's place decides where the request goes, so it is asked for.
    if (family && !d.helpedArea && !d.helpedHere && !(d.stationId && d.stationSource === 'chosen'))
      e.helpedArea = '请选择被帮助人所在的地区（到街道或社区），求助会交给那里的社工站'
    if (!(family && d.helpedArea) && !d.location && !d.address.trim()) e.address = '请填写地址，或使用当前位置'
  }
  return e
}

/**
 * The request as the server takes it. 为家人代办 with the helped person's area: that area, not the
 * resident's own position (nor the station pre-filled as the nearest to her), decides where it goes.
 */
export function toBody(d: RequestDraft, ownArea: string[] | null): CreateRequestBody {
  const byHelpedArea = d.requester === 'family' && !!d.helpedArea
  const [province, city, district, street, community] = byHelpedArea ? d.helpedArea!.path : (ownArea ?? [])
  const station = d.stationId && !(byHelpedArea && d.stationSource === 'nearest') ? d.stationId : null
  const location = d.requester === 'family' && !d.helpedHere ? null : d.location
  return {
    ...(station ? { stationId: station, ...(d.stationSource === 'nearest' ? { stationSource: 'nearest' as const } : {}) } : {}),
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
    ...(province ? { area: { province, city, district, ...(street ? { street } : {}), ...(community ? { community } : {}) } } : {}),
    ...(location ? { location } : {}),
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function useNewRequest() {
  const { params } = useRouter()
  const { draft, step, update, setStep, ensureKey, finish, reset } = useRequestDraft()
  const location = useLocation()
  const session = useSession()
  const [errors, setErrors] = useState<Errors>({})
  // Coming from a station's page pre-selects that station (and its service menu).
  const stationId = params.stationId ?? draft.stationId
  const station = useQuery(['station', stationId], () => fetchStation(stationId!), { enabled: !!stationId })
  // The station's own menu first, then every other service (those go to a station that offers them).
  const stationServices: readonly ServiceCategory[] = station.data?.services ?? []
  const services = [...stationServices, ...SERVICE_CATEGORIES.filter((c) => !stationServices.includes(c))]
  const [showEmergency, setShowEmergency] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [result, setResult] = useState<HelpRequest | null>(null)
  /** The texts to agree to before sending (the consent panel is shown while set). */
  const [consentAsk, setConsentAsk] = useState<ConsentPurpose[] | null>(null)

  // Read the draft as it is now (not as rendered): a station picked later must not be undone by this page's parameter.
  useEffect(() => {
    const current = useRequestDraft.getState().draft
    // `source=nearest` (首页): the station nearest the resident, a default she can change — not her choice.
    if (params.stationId && params.stationId !== current.stationId)
      update({
        stationId: params.stationId,
        stationName: null,
        stationSource: params.source === 'nearest' ? 'nearest' : 'chosen',
        category: null,
        attributes: {},
      })
  }, [params.stationId, params.source, update])
  useEffect(() => {
    if (station.status === 'ok') update({ stationName: station.data.name })
    // Gone or out of reach: the request is routed by the rules instead.
    else if (station.status === 'error' || station.status === 'notFound') update({ stationId: null, stationName: null })
  }, [station.status, station.data, update])

  // The position the stations are measured from is the default location of the request.
  useEffect(() => {
    if (!useRequestDraft.getState().draft.location && location.position) update({ location: location.position })
  }, [location.position, update])

  // The helped person's area is picked on the area page: its error goes once it is there.
  useEffect(() => {
    if (draft.helpedArea || draft.helpedHere) setErrors(({ helpedArea: _gone, ...rest }) => rest)
  }, [draft.helpedArea, draft.helpedHere])

  /** Changes the draft; the errors about what changed go (a question's once it is answered). */
  const edit = (patch: Partial<RequestDraft>) => {
    update(patch)
    const changed: ErrorKey[] = [
      ...(Object.keys(patch) as (keyof RequestDraft)[]),
      ...Object.keys(patch.attributes ?? {}).map((q) => `attr:${q}` as const),
    ]
    // An error goes as soon as its field is valid; while it is not, it stays (in the check's words).
    setErrors((e) => settleErrors(e, changed, validateStep(useRequestDraft.getState().step, useRequestDraft.getState().draft)))
  }

  const emergency = useMemo(
    () => detectEmergency(draft.category, draft.attributes, draft.description),
    [draft.category, draft.attributes, draft.description],
  )
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
    const room = LIMITS.photosPerRequest - draft.photos.length
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
        const up = await uploadPhoto(p)
        update({ photos: [...useRequestDraft.getState().draft.photos, { id: up.id, localPath: p }] })
      }
    } catch (err) {
      alertError('照片没有上传成功', err)
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    // Ask for status messages inside the tap (WeChat requires a user gesture).
    if (process.env.TARO_ENV === 'weapp' && TEMPLATE_ID)
      void Taro.requestSubscribeMessage({ tmplIds: [TEMPLATE_ID] } as never).catch(() => undefined)
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
    const body = toBody(draft, location.source === 'area' ? (location.area?.path ?? null) : null)
    let created: HelpRequest | null = null
    for (let attempt = 0; !created; attempt++) {
      try {
        created = await submitRequest(body, key)
      } catch (err) {
        // No answer, the server busy, or the first try still being processed: the same key again is safe.
        if (attempt < 2 && (isRetryable(err) || toApiError(err).code === 'IDEMPOTENCY_IN_FLIGHT')) await sleep(1000 * (attempt + 1))
        else throw err
      }
    }
    finish()
    setResult(created)
  }

  const failed = async (err: unknown) => {
    const placed = placeRefusal(err)
    setErrors(placed.errors)
    if (placed.step !== null) setStep(placed.step)
    if (toApiError(err).code === 'IDEMPOTENCY_KEY_REUSED') {
      // The earlier attempt may already have gone through: let the resident check before sending again.
      const choice = await Taro.showModal({
        title: '请先确认',
        content: '您之前的提交可能已经成功。要查看“我的求助”吗？',
        confirmText: '去查看',
        cancelText: '重新提交',
      })
      if (choice.confirm) void Taro.redirectTo({ url: '/packages/request/mine/index' })
      else useRequestDraft.setState({ idempotencyKey: null })
    }
  }

  const useCurrentLocation = async () => {
    if (process.env.TARO_ENV === 'weapp') {
      try {
        const r = await Taro.chooseLocation({})
        edit({
          location: { lat: r.latitude, lng: r.longitude },
          address: r.address ? `${r.address}${r.name ? ' ' + r.name : ''}` : draft.address,
        })
      } catch {
        /* cancelled */
      }
    } else if (location.position) {
      update({ location: location.position })
    }
  }

  return {
    draft,
    step,
    errors,
    services,
    stationServices,
    update: edit,
    next,
    back: () => setStep(Math.max(0, step - 1)),
    emergency,
    hotlines,
    showEmergency,
    sendAnyway,
    closeEmergency: () => setShowEmergency(false),
    addPhotos,
    removePhoto: (id: string) => update({ photos: draft.photos.filter((p) => p.id !== id) }),
    uploading,
    submit,
    submitting,
    result,
    consentAsk,
    agreeAndSubmit,
    declineConsent,
    useCurrentLocation,
    /** 为家人代办: pick where the helped person lives (省/市 → 区县 → 街镇 → 社区). */
    pickHelpedArea: () => Taro.navigateTo({ url: '/pages/area/index?for=helped' }),
    /** 为家人代办: the helped person is where the resident is now (offered when her position is known). */
    helpedIsHere: location.position ? () => edit({ helpedHere: true, helpedArea: null }) : null,
    /** 为家人代办 with the helped person's area: the station pre-filled as nearest to the resident is not used. */
    defaultStationDropped: draft.requester === 'family' && !!draft.helpedArea && draft.stationSource === 'nearest',
    /** Drops the pre-filled or chosen station: the rules route the request instead. */
    changeStation: () => edit({ stationId: null, stationName: null, stationSource: null }),
    /** Where the helped person is, in words (null: not said yet). */
    helpedPlaceLabel: draft.helpedArea
      ? draft.helpedArea.path.slice(1).join(' ')
      : draft.helpedHere
        ? '和您在同一个地方（按您现在的位置）'
        : null,
    /** What the address's position is taken from; a 代办 request does not use the resident's own position unless she says so. */
    locationLabel:
      draft.requester === 'family' && !draft.helpedHere
        ? null
        : location.source === 'area' && location.area
          ? location.area.path.slice(1).join(' ')
          : location.position
            ? '当前位置'
            : null,
    startOver: () => {
      reset()
      setResult(null)
      setErrors({})
    },
  }
}
