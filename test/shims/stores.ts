/** Puts the app's zustand stores back to their first state (before hydration), as after a fresh start with empty storage. */
import { useLocation } from '@/stores/location'
import { usePrivacy } from '@/stores/privacy'
import { useSession } from '@/stores/session'

export function resetStores() {
  for (const store of [useLocation, useSession, usePrivacy] as { setState: (s: unknown, replace: true) => void; getInitialState: () => unknown }[]) {
    store.setState(store.getInitialState(), true)
  }
}
