import type { FollowUpList, FollowUpOutcome, FollowUpOutcomeBody } from '@contract/types'
import { staffHttp } from './client'

/** 回访: the calls due and coming for the stations this account sees. */
export const fetchFollowUps = () => staffHttp.get<FollowUpList>('/api/staff/followups').then((r) => r.data)
export const recordFollowUpOutcome = (id: string, body: FollowUpOutcomeBody) =>
  staffHttp.post<FollowUpOutcome>(`/api/staff/followups/${id}/outcome`, body).then((r) => r.data)
