import Taro from '@tarojs/taro'
import type { CorrectRequestBody, CreateRequestBody, HelpRequest, HelpRequestSummary, Upload } from '@contract/types'
import { API_BASE, ApiError, http } from './client'

/** Submits with an Idempotency-Key: retrying with the same key never creates a second request. */
export const submitRequest = (body: CreateRequestBody, idempotencyKey: string) =>
  http.post<HelpRequest>('/api/requests', body, { headers: { 'Idempotency-Key': idempotencyKey }, timeout: 15_000 }).then((r) => r.data)

export const fetchMyRequests = () => http.get<{ items: HelpRequestSummary[] }>('/api/requests/mine').then((r) => r.data.items)
export const fetchRequest = (id: string) => http.get<HelpRequest>(`/api/requests/${id}`).then((r) => r.data)
export const sendMessage = (id: string, body: string) => http.post<HelpRequest>(`/api/requests/${id}/messages`, { body }).then((r) => r.data)
/** Corrects the personal details of one's own request (only the fields sent change). */
export const correctRequest = (id: string, body: CorrectRequestBody) => http.patch<HelpRequest>(`/api/requests/${id}`, body).then((r) => r.data)
export const cancelRequest = (id: string) => http.post<HelpRequest>(`/api/requests/${id}/cancel`, {}).then((r) => r.data)

/** Uploads one photo (multipart, through wx.uploadFile / the browser). */
export async function uploadPhoto(filePath: string, token: string | null): Promise<Upload> {
  let res: Taro.uploadFile.SuccessCallbackResult
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/api/uploads`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: 30_000,
    })
  } catch {
    throw new ApiError('NETWORK', '照片上传失败，请检查网络后重试', null)
  }
  let body: unknown
  try {
    body = JSON.parse(res.data)
  } catch {
    body = null
  }
  if (res.statusCode !== 201) {
    const message = (body as { message?: string } | null)?.message ?? '照片上传失败'
    throw new ApiError((body as { code?: string } | null)?.code ?? 'UPLOAD', message, res.statusCode)
  }
  return body as Upload
}
