/** Bits shared by the booking pages: the status chip and who a booking is for. */
import { BOOKING_STATUS_LABELS, type BookingStatus } from '@contract/bookings'
import type { Booking } from '@contract/types'
import { Chip, type ChipTone } from '@/components/Chip'

const TONES: Record<BookingStatus, ChipTone> = { booked: 'normal', attended: 'normal', no_show: 'warn', cancelled: 'muted' }

export function BookingStatusChip({ booking: b }: { booking: Pick<Booking, 'status'> }) {
  return (
    <Chip tone={TONES[b.status]} className={`booking-status booking-status--${b.status}`}>
      {BOOKING_STATUS_LABELS[b.status]}
    </Chip>
  )
}

/** "王秀兰（母亲）", or "王芳（本人）". */
export const personText = (b: Pick<Booking, 'forWhom' | 'personName' | 'relationship'>) =>
  `${b.personName}（${b.forWhom === 'self' ? '本人' : (b.relationship ?? '家人')}）`
