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

export const useSession = create<SessionState>()(
  persist(
    (set, get) => ({
      token: null,
      user: null,
      expiresAt: null,
      loggingIn: false,
      async login() {
        set({ loggingIn: true })
        try {
          const session = process.env.TARO_ENV === 'weapp' ? await loginWithWechatCode((await Taro.login()).code) : await loginDemo()
          set({ token: session.token, user: session.user, expiresAt: session.expiresAt })
        } finally {
          set({ loggingIn: false })
        }
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
