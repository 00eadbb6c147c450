import type { Session } from '@contract/types'
import { http } from './client'

export const loginWithWechatCode = (code: string) => http.post<Session>('/api/auth/wechat', { code }).then((r) => r.data)
export const loginDemo = () => http.post<Session>('/api/auth/dev', {}).then((r) => r.data)
export const logout = () => http.post('/api/auth/logout', {}).then(() => undefined)
