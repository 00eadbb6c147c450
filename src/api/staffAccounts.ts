import type {
  AuditList,
  AuditQuery,
  ChangePasswordBody,
  CreateStaffAccountBody,
  StaffAccount,
  StaffAccountList,
  StaffAccountListQuery,
  StaffAccountWithPassword,
  StaffSessionList,
  UpdateStaffAccountBody,
} from '@contract/types'
import { staffHttp } from './client'

export const fetchAccounts = (query: StaffAccountListQuery) =>
  staffHttp.get<StaffAccountList>('/api/admin/accounts', { params: query }).then((r) => r.data)
export const fetchAccount = (id: string) => staffHttp.get<StaffAccount>(`/api/admin/accounts/${id}`).then((r) => r.data)
export const createAccount = (body: CreateStaffAccountBody) =>
  staffHttp.post<StaffAccountWithPassword>('/api/admin/accounts', body).then((r) => r.data)
export const updateAccount = (id: string, body: UpdateStaffAccountBody) =>
  staffHttp.patch<StaffAccount>(`/api/admin/accounts/${id}`, body).then((r) => r.data)
export const resetAccountPassword = (id: string) =>
  staffHttp.post<StaffAccountWithPassword>(`/api/admin/accounts/${id}/reset-password`, {}).then((r) => r.data)
export const setAccountDisabled = (id: string, disabled: boolean) =>
  staffHttp.post<StaffAccount>(`/api/admin/accounts/${id}/${disabled ? 'disable' : 'enable'}`, {}).then((r) => r.data)

export const fetchAudit = (query: AuditQuery) => staffHttp.get<AuditList>('/api/admin/audit', { params: query }).then((r) => r.data)

export const changeOwnPassword = (body: ChangePasswordBody) => staffHttp.post<void>('/api/staff/me/password', body).then(() => undefined)
export const fetchOwnSessions = () => staffHttp.get<StaffSessionList>('/api/staff/me/sessions').then((r) => r.data.items)
export const signOutOthers = () =>
  staffHttp.post<{ signedOut: number }>('/api/staff/me/sessions/sign-out-others', {}).then((r) => r.data.signedOut)
