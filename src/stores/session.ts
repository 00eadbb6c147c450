/** Who is logged in. Persisted: a resident stays logged in across restarts until the token expires. */
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { User } from '@contract/types'
import { loginDemo, loginWithWechatCode, logout as apiLogout } from '@/api/auth'
import { bindSession } from '@/api/client'
import { taroStorage } from './storage'

interface SessionState {
  token: string | null
  user: User | null
  expiresAt: string | null
  loggingIn: boolean
  login: () => Promise<void>
  logout: () => Promise<void>
  clear: () => void
}

/** The login under way, if any. */
let inFlight: Promise<void> | null = null

export const useSession = create<SessionState>()(
  persist(
    (set, get) => ({
      token: null,
      user: null,
      expiresAt: null,
      loggingIn: false,
      login() {
        // Single-flight: a second tap (or a second page asking) while a login is under way waits for
        // the same one, so one wx.login exchange (one demo account) per login.
        if (!inFlight) {
          set({ loggingIn: true })
          inFlight = (async () => {
            try {
              const session = process.env.TARO_ENV === 'weapp' ? await loginWithWechatCode((await Taro.login()).code) : await loginDemo()
              set({ token: session.token, user: session.user, expiresAt: session.expiresAt })
            } finally {
              inFlight = null
              set({ loggingIn: false })
            }
          })()
        }
        return inFlight
      },
      async logout() {
        if (get().token) await apiLogout().catch(() => undefined)
        get().clear()
      },
      clear: () => set({ token: null, user: null, expiresAt: null }),
    }),
    {
      name: 'sgz-session',
      storage: taroStorage,
      partialize: ({ token, user, expiresAt }) => ({ token, user, expiresAt }),
    },
  ),
)

bindSession({
  token: () => {
    const { token, expiresAt } = useSession.getState()
    return token && expiresAt && new Date(expiresAt) > new Date() ? token : null
  },
  onUnauthorized: () => useSession.getState().clear(),
})
