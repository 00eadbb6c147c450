/**
 * WeChat's privacy authorization: when a privacy API (getLocation) needs the
 * user's agreement, WeChat calls our onNeedPrivacyAuthorization listener; we
 * show PrivacyPopup, and the 同意 button (open-type agreePrivacyAuthorization)
 * or 拒绝 answers WeChat through the stored resolver.
 */
import Taro from '@tarojs/taro'
import { create } from 'zustand'

type Resolver = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

interface PrivacyState {
  visible: boolean
  resolver: Resolver | null
  ask: (resolve: Resolver) => void
  agree: () => void
  reject: () => void
}

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

export const usePrivacy = create<PrivacyState>()((set, get) => ({
  visible: false,
  resolver: null,
  ask: (resolve) => set({ visible: true, resolver: resolve }),
  agree: () => {
    get().resolver?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })
    set({ visible: false, resolver: null })
  },
  reject: () => {
    get().resolver?.({ event: 'disagree' })
    set({ visible: false, resolver: null })
  },
}))

/** Called once at launch, in the mini-program only. */
export function listenForPrivacyAuthorization() {
  if (process.env.TARO_ENV !== 'weapp') return
  const api = Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolver) => void) => void }
  if (typeof api.onNeedPrivacyAuthorization === 'function') {
    api.onNeedPrivacyAuthorization((resolve) => usePrivacy.getState().ask(resolve))
  }
}
