/** Activities, 我的家人 and 我的报名 (resident), and the station's activity tools (staff). */
import type {
  ActivityBody,
  ActivityDetail,
  ActivityListQuery,
  ActivityPatch,
  ActivitySummary,
  CheckinBody,
  CheckinResult,
  EnrollBody,
  Enrollment,
  FamilyMember,
  FamilyMemberBody,
  FamilyMemberPatch,
  Roster,
} from '@contract/types'
import { http, staffHttp } from './client'

export const fetchActivities = (query: ActivityListQuery) =>
  http.get<{ items: ActivitySummary[] }>('/api/activities', { params: query }).then((r) => r.data.items)
export const fetchActivity = (id: string) => http.get<ActivityDetail>(`/api/activities/${id}`).then((r) => r.data)

/** 201: a new enrollment; 200: that participant already had one (a double tap) — either way the enrollment. */
export const enroll = (activityId: string, body: EnrollBody) =>
  http.post<Enrollment>(`/api/activities/${activityId}/enrollments`, body, { timeout: 15_000 }).then((r) => r.data)
export const fetchMyEnrollments = () => http.get<{ items: Enrollment[] }>('/api/enrollments/mine').then((r) => r.data.items)
export const cancelEnrollment = (id: string) => http.post<Enrollment>(`/api/enrollments/${id}/cancel`, {}).then((r) => r.data)
export const confirmEnrollment = (id: string) => http.post<Enrollment>(`/api/enrollments/${id}/confirm`, {}).then((r) => r.data)

export const fetchFamily = () => http.get<{ items: FamilyMember[] }>('/api/me/family').then((r) => r.data.items)
export const addFamilyMember = (body: FamilyMemberBody) => http.post<FamilyMember>('/api/me/family', body).then((r) => r.data)
export const updateFamilyMember = (id: string, patch: FamilyMemberPatch) =>
  http.patch<FamilyMember>(`/api/me/family/${id}`, patch).then((r) => r.data)
export const deleteFamilyMember = (id: string) => http.delete<{ ok: true }>(`/api/me/family/${id}`).then((r) => r.data)

// The station's side.
export const fetchStationActivities = () => staffHttp.get<{ items: ActivitySummary[] }>('/api/staff/activities').then((r) => r.data.items)
export const fetchStaffActivity = (id: string) => staffHttp.get<ActivityDetail>(`/api/staff/activities/${id}`).then((r) => r.data)
export const createActivity = (body: ActivityBody) => staffHttp.post<ActivityDetail>('/api/staff/activities', body).then((r) => r.data)
export const updateActivity = (id: string, patch: ActivityPatch) =>
  staffHttp.patch<ActivityDetail>(`/api/staff/activities/${id}`, patch).then((r) => r.data)
export const closeRegistration = (id: string) => staffHttp.post<ActivityDetail>(`/api/staff/activities/${id}/close`, {}).then((r) => r.data)
export const reopenRegistration = (id: string) =>
  staffHttp.post<ActivityDetail>(`/api/staff/activities/${id}/reopen`, {}).then((r) => r.data)
export const fetchRoster = (id: string) => staffHttp.get<Roster>(`/api/staff/activities/${id}/roster`).then((r) => r.data)
/** Path of the CSV export (download it with the staff token: Taro.downloadFile on weapp, a link on h5). */
export const rosterCsvPath = (id: string) => `/api/staff/activities/${id}/roster.csv`
export const checkIn = (body: CheckinBody) => staffHttp.post<CheckinResult>('/api/staff/checkins', body).then((r) => r.data)
