export { Chip } from './Chip'
export type { ChipProps, ChipTone } from './Chip'
export { ENROLLMENT_STATUS_TONES, REGISTRATION_TONES, REQUEST_STATUS_TONES } from './tones'
