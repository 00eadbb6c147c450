/** 个人信息: export what the portal holds about me, delete my account. */
import type { AccountExport } from '@contract/types'
import { http } from './client'

export const exportMyData = () => http.get<AccountExport>('/api/me/export', { timeout: 30_000 }).then((r) => r.data)
export const deleteMyAccount = () => http.delete<{ ok: true }>('/api/me').then((r) => r.data)
