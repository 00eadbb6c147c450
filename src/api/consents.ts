/** 授权与同意: where I stand on each purpose; agree to the current version of a text, or withdraw. */
import type { ConsentBody, ConsentList } from '@contract/types'
import { http } from './client'

export const fetchConsents = () => http.get<ConsentList>('/api/me/consents').then((r) => r.data.items)
/** Returns every purpose's status after the decision. */
export const recordConsent = (body: ConsentBody) => http.post<ConsentList>('/api/me/consents', body).then((r) => r.data.items)
