import type {
  AccessLog,
  CannedReply,
  CannedReplyBody,
  Colleague,
  CounterRequestBody,
  DuplicateCheckBody,
  DuplicateRef,
  HelpRequest,
  Session,
  StaffActionResult,
  StaffMe,
  StaffQueue,
  StaffQueueQuery,
  StaffRequest,
  RequestLookup,
} from '@contract/types'
import { staffHttp } from './client'

export const staffLogin = (username: string, password: string) =>
  staffHttp.post<Session>('/api/staff/login', { username, password }).then((r) => r.data)
export const fetchStaffMe = () => staffHttp.get<StaffMe>('/api/staff/me').then((r) => r.data)
export const fetchQueue = (query: StaffQueueQuery) => staffHttp.get<StaffQueue>('/api/staff/queue', { params: query }).then((r) => r.data)
export const claimNext = () => staffHttp.post<StaffRequest>('/api/staff/queue/claim', {}).then((r) => r.data)
export const fetchStaffRequest = (id: string) => staffHttp.get<StaffRequest>(`/api/staff/requests/${id}`).then((r) => r.data)

export type StaffActionName = 'accept' | 'reply' | 'note' | 'transfer' | 'escalate' | 'resolve' | 'reopen'
export const staffAction = (id: string, action: StaffActionName, body?: Record<string, string | number>) =>
  staffHttp.post<StaffActionResult>(`/api/staff/requests/${id}/${action}`, body ?? {}).then((r) => r.data)

export const createCounterRequest = (body: CounterRequestBody) =>
  staffHttp.post<HelpRequest>('/api/staff/requests', body).then((r) => r.data)

/** Who opened this request's personal data and when (supervisors only). */
export const fetchAccessLog = (id: string) => staffHttp.get<AccessLog>(`/api/staff/requests/${id}/access-log`).then((r) => r.data.items)

/** The own station's workers, each with their open requests and cap (assignment). */
export const fetchColleagues = () => staffHttp.get<{ items: Colleague[] }>('/api/staff/colleagues').then((r) => r.data.items)
/** 站长: how many open requests a colleague may carry at once (null: no cap). */
export const saveWorkloadCap = (id: string, workloadCap: number | null) =>
  staffHttp.patch<Colleague>(`/api/staff/colleagues/${id}`, { workloadCap }).then((r) => r.data)
/** Assign to a colleague, take it (oneself), or hand it back (null). */
export const assignRequest = (id: string, assigneeId: string | null) =>
  staffHttp.post<StaffActionResult>(`/api/staff/requests/${id}/assign`, { assigneeId }).then((r) => r.data)

/** 常用回复: the own station's templates (every worker); the head adds, changes and deletes them. */
export const fetchReplies = () => staffHttp.get<{ items: CannedReply[] }>('/api/staff/replies').then((r) => r.data.items)
export const createReply = (body: CannedReplyBody) => staffHttp.post<CannedReply>('/api/staff/replies', body).then((r) => r.data)
export const updateReply = (id: string, body: Partial<CannedReplyBody>) =>
  staffHttp.patch<CannedReply>(`/api/staff/replies/${id}`, body).then((r) => r.data)
export const deleteReply = (id: string) => staffHttp.delete<{ ok: true }>(`/api/staff/replies/${id}`).then((r) => r.data)

/** Duplicates (issue 16): the counter-entry check, a request by its number, merging and linking. */
export const checkDuplicates = (body: DuplicateCheckBody) =>
  staffHttp.post<{ items: DuplicateRef[] }>('/api/staff/duplicates/check', body).then((r) => r.data.items)
export const lookupRequest = (number: string) =>
  staffHttp.get<RequestLookup>(`/api/staff/requests/lookup?number=${encodeURIComponent(number)}`).then((r) => r.data)
export const mergeRequest = (id: string, intoId: string, note?: string) =>
  staffHttp.post<StaffActionResult>(`/api/staff/requests/${id}/merge`, { intoId, ...(note ? { note } : {}) }).then((r) => r.data)
export const linkRequest = (id: string, otherId: string) =>
  staffHttp.post<StaffActionResult>(`/api/staff/requests/${id}/link`, { otherId }).then((r) => r.data)
export const unlinkRequest = (id: string, otherId: string) =>
  staffHttp.post<StaffActionResult>(`/api/staff/requests/${id}/unlink`, { otherId }).then((r) => r.data)
