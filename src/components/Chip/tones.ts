import type { EnrollmentStatus } from '@contract/activities'
import type { RequestStatus } from '@contract/requests'
import type { RegistrationState } from '@domain/activities'
import type { ChipTone } from './Chip'

/** 待受理 waits for the station (warn); 已取消 is over (muted); the rest are under way or done. */
export const REQUEST_STATUS_TONES: Record<RequestStatus, ChipTone> = {
  submitted: 'warn',
  accepted: 'normal',
  in_progress: 'normal',
  resolved: 'normal',
  cancelled: 'muted',
}

/** 候补 and 待确认 wait for a seat or an answer (warn); cancelled and expired are over (muted). */
export const ENROLLMENT_STATUS_TONES: Record<EnrollmentStatus, ChipTone> = {
  confirmed: 'normal',
  waitlisted: 'warn',
  offered: 'warn',
  cancelled: 'muted',
  expired: 'muted',
}

/** An activity's registration: 报名中 (normal), 未开始 waits (warn); closed, ended and cancelled are over (muted). */
export const REGISTRATION_TONES: Record<RegistrationState, ChipTone> = {
  upcoming: 'warn',
  open: 'normal',
  closed: 'muted',
  ended: 'muted',
  cancelled: 'muted',
}
