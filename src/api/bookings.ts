/** 预约服务: services, slots, booking, 我的预约 (resident), and the station's bookings (staff). */
import type {
  BookableBody,
  BookablePatch,
  BookableService,
  Booking,
  BookingBlock,
  BookingBlockBody,
  BookingBody,
  BookingProposal,
  ProposalBody,
  SlotDay,
  StaffBookingBody,
} from '@contract/types'
import { http, staffHttp } from './client'

export const fetchStationBookables = (stationId: string) =>
  http.get<{ items: BookableService[] }>(`/api/stations/${stationId}/bookable`).then((r) => r.data.items)
export const fetchSlots = (serviceId: string) =>
  http.get<{ service: BookableService; days: SlotDay[] }>(`/api/bookable/${serviceId}/slots`).then((r) => r.data)

/** Books with an Idempotency-Key: retrying with the same key never makes a second booking. */
export const createBooking = (body: BookingBody, idempotencyKey: string) =>
  http.post<Booking>('/api/bookings', body, { headers: { 'Idempotency-Key': idempotencyKey }, timeout: 15_000 }).then((r) => r.data)
export const fetchMyBookings = () => http.get<{ items: Booking[] }>('/api/bookings/mine').then((r) => r.data.items)
export const fetchBooking = (id: string) => http.get<Booking>(`/api/bookings/${id}`).then((r) => r.data)
export const cancelBooking = (id: string) => http.post<Booking>(`/api/bookings/${id}/cancel`, {}).then((r) => r.data)
/** The worker of the slot chosen is sent when it names one (two workers at the same hour are two slots). */
const workerOfSlot = (workerId: string | null | undefined) => (workerId ? { workerId } : {})
export const rescheduleBooking = (id: string, startsAt: string, workerId?: string | null) =>
  http.post<Booking>(`/api/bookings/${id}/reschedule`, { startsAt, ...workerOfSlot(workerId) }).then((r) => r.data)

// The station's side.
export const fetchStaffBookings = (from: string, to: string) =>
  staffHttp.get<{ items: Booking[] }>('/api/staff/bookings', { params: { from, to } }).then((r) => r.data.items)
export const fetchStaffBookables = () => staffHttp.get<{ items: BookableService[] }>('/api/staff/bookable').then((r) => r.data.items)
/** The station's view of a service's slots: those past the residents' cut-off stay open (a walk-in, the station's 改期). */
export const fetchStaffSlots = (serviceId: string) =>
  staffHttp.get<{ service: BookableService; days: SlotDay[] }>(`/api/staff/bookable/${serviceId}/slots`).then((r) => r.data)
export const markAttended = (id: string, note: string) =>
  staffHttp.post<Booking>(`/api/staff/bookings/${id}/attended`, { note }).then((r) => r.data)
export const markNoShow = (id: string, note: string) =>
  staffHttp.post<Booking>(`/api/staff/bookings/${id}/no-show`, { note }).then((r) => r.data)
export const rescheduleAsStation = (id: string, startsAt: string, reason: string, workerId?: string | null) =>
  staffHttp.post<Booking>(`/api/staff/bookings/${id}/reschedule`, { startsAt, ...workerOfSlot(workerId), reason }).then((r) => r.data)
export const cancelAsStation = (id: string, reason: string) =>
  staffHttp.post<Booking>(`/api/staff/bookings/${id}/cancel`, { reason }).then((r) => r.data)
export const bookAtCounter = (body: StaffBookingBody) => staffHttp.post<Booking>('/api/staff/bookings', body).then((r) => r.data)
export const createBookable = (body: BookableBody) => staffHttp.post<BookableService>('/api/staff/bookable', body).then((r) => r.data)
export const updateBookable = (id: string, patch: BookablePatch) =>
  staffHttp.patch<BookableService>(`/api/staff/bookable/${id}`, patch).then((r) => r.data)
export const addBookingBlock = (body: BookingBlockBody) => staffHttp.post<BookingBlock>('/api/staff/blocks', body).then((r) => r.data)

// Booking from a help request: the station proposes times, the resident picks one.
export const fetchRequestProposals = (requestId: string) =>
  http.get<{ items: BookingProposal[] }>(`/api/requests/${requestId}/booking-proposals`).then((r) => r.data.items)
/** 201 a new booking; 200 the same pick again (a retry); 409 SLOT_FULL with the proposal's other free times. */
export const chooseProposal = (requestId: string, proposalId: string, startsAt: string) =>
  http.post<Booking>(`/api/requests/${requestId}/booking-proposals/choose`, { proposalId, startsAt }).then((r) => r.data)
export const fetchStaffProposals = (requestId: string) =>
  staffHttp.get<{ items: BookingProposal[] }>(`/api/staff/requests/${requestId}/booking-proposals`).then((r) => r.data.items)
export const proposeBooking = (requestId: string, body: ProposalBody) =>
  staffHttp.post<{ items: BookingProposal[] }>(`/api/staff/requests/${requestId}/booking-proposals`, body).then((r) => r.data.items)
