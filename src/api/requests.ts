import type { CorrectRequestBody, CreateRequestBody, HelpRequest, HelpRequestSummary, Upload } from '@contract/types'
import { http, residentClient } from './client'

/** Submits with an Idempotency-Key: retrying with the same key never creates a second request. */
export const submitRequest = (body: CreateRequestBody, idempotencyKey: string) =>
  http.post<HelpRequest>('/api/requests', body, { headers: { 'Idempotency-Key': idempotencyKey }, timeout: 15_000 }).then((r) => r.data)

export const fetchMyRequests = () => http.get<{ items: HelpRequestSummary[] }>('/api/requests/mine').then((r) => r.data.items)
export const fetchRequest = (id: string) => http.get<HelpRequest>(`/api/requests/${id}`).then((r) => r.data)
export const sendMessage = (id: string, body: string) =>
  http.post<HelpRequest>(`/api/requests/${id}/messages`, { body }).then((r) => r.data)
/** Corrects the personal details of one's own request (only the fields sent change). */
export const correctRequest = (id: string, body: CorrectRequestBody) =>
  http.patch<HelpRequest>(`/api/requests/${id}`, body).then((r) => r.data)
export const cancelRequest = (id: string) => http.post<HelpRequest>(`/api/requests/${id}/cancel`, {}).then((r) => r.data)

/** Uploads one photo (multipart, through wx.uploadFile / the browser), with the resident's token. */
export const uploadPhoto = (filePath: string) => residentClient.upload<Upload>('/api/uploads', filePath)
