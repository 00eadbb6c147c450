import type { StaffBadge, StaffNotificationSettings, StaffNotificationSettingsBody } from '@contract/types'
import { staffHttp } from './client'

/** 接收新求助提醒: this account's opt-in. */
export const fetchAlertSettings = () => staffHttp.get<StaffNotificationSettings>('/api/staff/notification-settings').then((r) => r.data)
export const saveAlertSettings = (body: StaffNotificationSettingsBody) =>
  staffHttp.put<StaffNotificationSettings>('/api/staff/notification-settings', body).then((r) => r.data)

/** The workbench's badge: what entered my queue or was assigned to me since I last looked. */
export const fetchBadge = () => staffHttp.get<StaffBadge>('/api/staff/badge').then((r) => r.data.count)
export const markQueueSeen = () => staffHttp.post<{ ok: true }>('/api/staff/badge/seen', {}).then(() => undefined)
