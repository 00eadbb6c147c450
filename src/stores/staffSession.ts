/** The workbench's login (a station account), kept apart from the resident's session. */
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Capability } from '@contract/permissions'
import type { StaffMe } from '@contract/types'
import { bindStaffSession } from '@/api/client'
import { fetchStaffMe, staffLogin } from '@/api/staff'
import { taroStorage } from './storage'

export const STAFF_LOGIN_PAGE = '/packages/workbench/login/index'

interface StaffSessionState {
  token: string | null
  expiresAt: string | null
  me: StaffMe | null
  login: (username: string, password: string) => Promise<void>
  refresh: () => Promise<void>
  clear: () => void
}

export const useStaffSession = create<StaffSessionState>()(
  persist(
    (set) => ({
      token: null,
      expiresAt: null,
      me: null,
      async login(username, password) {
        const s = await staffLogin(username, password)
        set({ token: s.token, expiresAt: s.expiresAt })
        set({ me: await fetchStaffMe() })
      },
      async refresh() {
        set({ me: await fetchStaffMe() })
      },
      clear: () => set({ token: null, expiresAt: null, me: null }),
    }),
    { name: 'sgz-staff-session', storage: taroStorage, partialize: ({ token, expiresAt, me }) => ({ token, expiresAt, me }) },
  ),
)

bindStaffSession({
  token: () => {
    const { token, expiresAt } = useStaffSession.getState()
    return token && expiresAt && new Date(expiresAt) > new Date() ? token : null
  },
  // The login has expired or was revoked (on any of the client's paths): back to the login page.
  // A refused login (no session yet) stays on the login page with its message.
  onUnauthorized: () => {
    if (!useStaffSession.getState().token) return
    useStaffSession.getState().clear()
    void Taro.redirectTo({ url: STAFF_LOGIN_PAGE })
  },
})

/** Whether the signed-in account's role may do this (what the server checks too: domain/permissions). */
export function canDo(me: StaffMe | null, capability: Capability): boolean {
  return me?.capabilities?.includes(capability) ?? false
}

/** The same, as a hook that follows the session. */
export const useCan = (capability: Capability) => useStaffSession((s) => canDo(s.me, capability))
