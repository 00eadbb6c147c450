/**
 * The help-request form as the resident fills it in. Persisted on every
 * change, so closing the mini-program loses nothing; the Idempotency-Key of
 * the pending submission is kept with it until the server has acknowledged it.
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { LatLng, ServiceCategory } from '@contract/types'
import type { Requester, StationSource, Urgency } from '@contract/requests'
import type { PickedArea } from './location'
import { taroStorage } from './storage'

export interface RequestDraft {
  stationId: string | null
  stationName: string | null
  /** 'chosen' on a station's page; 'nearest' when 首页 pre-filled the station nearest the resident (a default). */
  stationSource: StationSource | null
  /** 为家人代办: where the helped person lives, picked down to the community; it decides the routing. */
  helpedArea: PickedArea | null
  /** 为家人代办: the helped person is where the resident is now (her position decides instead). */
  helpedHere: boolean
  category: ServiceCategory | null
  attributes: Record<string, string>
  description: string
  photos: { id: string; localPath: string }[]
  requester: Requester
  helpedName: string
  helpedRelationship: string
  helpedPhone: string
  helpedAddress: string
  helpedConsent: boolean
  contactName: string
  contactPhone: string
  preferredTime: string
  address: string
  location: LatLng | null
  urgency: Urgency
  /** Set when the emergency panel was shown and the resident chose to send anyway. */
  emergencyAcknowledged: boolean
}

export const emptyDraft = (): RequestDraft => ({
  stationId: null,
  stationName: null,
  stationSource: null,
  helpedArea: null,
  helpedHere: false,
  category: null,
  attributes: {},
  description: '',
  photos: [],
  requester: 'self',
  helpedName: '',
  helpedRelationship: '',
  helpedPhone: '',
  helpedAddress: '',
  helpedConsent: false,
  contactName: '',
  contactPhone: '',
  preferredTime: '',
  address: '',
  location: null,
  urgency: 'normal',
  emergencyAcknowledged: false,
})

interface DraftState {
  draft: RequestDraft
  step: number
  /** Generated per submission; kept until the server acknowledges it. */
  idempotencyKey: string | null
  update: (patch: Partial<RequestDraft>) => void
  setStep: (step: number) => void
  ensureKey: () => string
  /** After a successful submission: a fresh form next time (contact details are kept for convenience). */
  finish: () => void
  reset: () => void
}

function newKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${rand()}-${rand()}`
}

export const useRequestDraft = create<DraftState>()(
  persist(
    (set, get) => ({
      draft: emptyDraft(),
      step: 0,
      idempotencyKey: null,
      update: (patch) => set({ draft: { ...get().draft, ...patch } }),
      setStep: (step) => set({ step }),
      ensureKey: () => {
        const existing = get().idempotencyKey
        if (existing) return existing
        const key = newKey()
        set({ idempotencyKey: key })
        return key
      },
      finish: () => {
        const { contactName, contactPhone } = get().draft
        set({ draft: { ...emptyDraft(), contactName, contactPhone }, step: 0, idempotencyKey: null })
      },
      reset: () => set({ draft: emptyDraft(), step: 0, idempotencyKey: null }),
    }),
    { name: 'sgz-request-draft', storage: taroStorage },
  ),
)
