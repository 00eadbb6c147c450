/**
 * The resident's location consent on this phone. Location is used without
 * logging in, so the decision is kept here first and recorded on the server
 * (POST /api/me/consents, purpose 'location') once they are logged in: at
 * once when they are, else right after the next login. Persisted.
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { LOCATION_NOTICE_VERSION } from '@contract/consents'
import type { ConsentStatus } from '@contract/types'
import { recordConsent } from '@/api/consents'
import { useSession } from './session'
import { taroStorage } from './storage'

export interface LocationConsent {
  /** The version of the location text decided on. */
  version: string
  granted: boolean
  /** When (ISO). */
  at: string
  /** The account the decision is recorded for on the server; null until it is. */
  recordedFor: string | null
}

/**
 * What locating may do now: 'use' — agreed to this version, or never asked
 * (WeChat's own privacy prompt asks, and a fix counts as agreement); 'renew' —
 * agreed to an older version, so ask again; 'withdrawn' — withdrawn in 个人信息.
 */
export function locationConsentState(c: LocationConsent | null): 'use' | 'renew' | 'withdrawn' {
  if (!c) return 'use'
  if (!c.granted) return 'withdrawn'
  return c.version === LOCATION_NOTICE_VERSION ? 'use' : 'renew'
}

interface ConsentState {
  location: LocationConsent | null
  /** The resident let the app locate them (a fix came back): agreement to the current version. */
  agreeLocation: () => void
  /** Withdrawn in 个人信息 (already recorded on the server for this account). */
  withdrawLocation: (userId: string) => void
  /** Takes the server's word when it is newer (decided on another phone); records ours when the server has none. */
  adoptLocation: (server: ConsentStatus, userId: string) => void
  /** Records the decision on the server if logged in and not recorded yet for this account. Never throws. */
  syncLocation: () => Promise<void>
}

let syncing: Promise<void> | null = null

export const useConsents = create<ConsentState>()(
  persist(
    (set, get) => ({
      location: null,
      agreeLocation() {
        const c = get().location
        if (!c || !c.granted || c.version !== LOCATION_NOTICE_VERSION) {
          set({ location: { version: LOCATION_NOTICE_VERSION, granted: true, at: new Date().toISOString(), recordedFor: null } })
        }
        void get().syncLocation()
      },
      withdrawLocation(userId) {
        set({ location: { version: LOCATION_NOTICE_VERSION, granted: false, at: new Date().toISOString(), recordedFor: userId } })
      },
      adoptLocation(server, userId) {
        const local = get().location
        const serverAt = server.withdrawn ? server.withdrawnAt : server.agreedAt
        if (!serverAt) {
          void get().syncLocation()
          return
        }
        if (local && new Date(local.at).getTime() >= new Date(serverAt).getTime()) return
        set({
          location: server.withdrawn
            ? { version: server.currentVersion, granted: false, at: serverAt, recordedFor: userId }
            : { version: server.agreedVersion ?? server.currentVersion, granted: true, at: serverAt, recordedFor: userId },
        })
      },
      syncLocation() {
        if (syncing) return syncing
        const run = async () => {
          const decided = get().location
          const { token, user } = useSession.getState()
          // An agreement to an older text is not sent as agreement to the current one.
          if (!decided || !token || !user || decided.recordedFor === user.id || decided.version !== LOCATION_NOTICE_VERSION) return
          try {
            await recordConsent({ purpose: 'location', version: decided.version, granted: decided.granted })
            if (get().location === decided) set({ location: { ...decided, recordedFor: user.id } })
          } catch {
            // Kept on the phone; tried again at the next login or agreement.
          }
        }
        syncing = run().finally(() => {
          syncing = null
        })
        return syncing
      },
    }),
    {
      name: 'sgz-consents',
      storage: taroStorage,
      partialize: ({ location }) => ({ location }),
    },
  ),
)

// After a login, what was decided while logged out is recorded for the account.
useSession.subscribe((s, prev) => {
  if (s.token && s.token !== prev.token) void useConsents.getState().syncLocation()
})
