/**
 * Ratings as the resident fills them in, one per request or enrollment
 * (`request:<id>` / `enrollment:<id>`). Persisted on every change, so a failed
 * submission, a lost network or closing the mini-program loses no typed text;
 * dropped once the rating has been accepted, or after 30 days.
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { RatingOutcome } from '@contract/ratings'
import { taroStorage } from './storage'

export interface RatingDraft {
  outcome: RatingOutcome | null
  /** 0 until a star is chosen. */
  stars: number
  tags: string[]
  comment: string
  anonymous: boolean
  commentPublic: boolean
}

export const emptyRatingDraft = (): RatingDraft => ({
  outcome: null,
  stars: 0,
  tags: [],
  comment: '',
  anonymous: false,
  commentPublic: false,
})

const KEEP_MS = 30 * 24 * 3600_000

interface RatingDraftState {
  drafts: Record<string, RatingDraft & { savedAt: number }>
  get: (key: string) => RatingDraft | null
  save: (key: string, draft: RatingDraft) => void
  clear: (key: string) => void
}

export const useRatingDrafts = create<RatingDraftState>()(
  persist(
    (set, get) => ({
      drafts: {},
      get: (key) => {
        const d = get().drafts[key]
        if (!d || Date.now() - d.savedAt > KEEP_MS) return null
        const { savedAt: _savedAt, ...draft } = d
        return draft
      },
      save: (key, draft) => {
        const now = Date.now()
        // Keep this one and any other still-fresh drafts.
        const kept = Object.fromEntries(Object.entries(get().drafts).filter(([k, d]) => k !== key && now - d.savedAt <= KEEP_MS))
        set({ drafts: { ...kept, [key]: { ...draft, savedAt: now } } })
      },
      clear: (key) => {
        const { [key]: _gone, ...rest } = get().drafts
        set({ drafts: rest })
      },
    }),
    { name: 'sgz-rating-drafts', storage: taroStorage, partialize: ({ drafts }) => ({ drafts }) },
  ),
)
