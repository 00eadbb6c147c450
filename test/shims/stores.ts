/** Puts the app's zustand stores back to their first state (before hydration), as after a fresh start with empty storage. */
import { useConsents } from '@/stores/consents'
import { useElder } from '@/stores/elder'
import { useLocation } from '@/stores/location'
import { usePrivacy } from '@/stores/privacy'
import { useRequestDraft } from '@/stores/requestDraft'
import { useSession } from '@/stores/session'
import { useStaffSession } from '@/stores/staffSession'

type ResettableStore = { setState: (s: unknown, replace: true) => void; getInitialState: () => unknown }

export function resetStores() {
  for (const store of [useLocation, useSession, usePrivacy, useElder, useRequestDraft, useStaffSession, useConsents] as ResettableStore[]) {
    store.setState(store.getInitialState(), true)
  }
}
