/** 服务评价: residents rate (resident client), stations answer and supervisors evaluate (workbench client). */
import type {
  Booking,
  Enrollment,
  HelpRequest,
  RatingBody,
  StaffRating,
  StaffRatingList,
  StaffRatingsQuery,
  StationRatings,
  StationReport,
  StationReportQuery,
} from '@contract/types'
import { http, staffHttp } from './client'

/** 201: the first rating of the current resolution; 200: an edit. Either way the request (status 'submitted' again after 未解决). */
export const rateRequest = (id: string, body: RatingBody) =>
  http.post<HelpRequest>(`/api/requests/${id}/rating`, body, { timeout: 15_000 }).then((r) => r.data)

/** An activity's rating (no outcome): 201 first, 200 on an edit. */
export const rateEnrollment = (id: string, body: Omit<RatingBody, 'outcome'>) =>
  http.post<Enrollment>(`/api/enrollments/${id}/rating`, body, { timeout: 15_000 }).then((r) => r.data)

/** An attended booking's rating (no outcome): 201 first, 200 on an edit; the booking, with its rating. */
export const rateBooking = (id: string, body: Omit<RatingBody, 'outcome'>) =>
  http.post<Booking>(`/api/bookings/${id}/rating`, body, { timeout: 15_000 }).then((r) => r.data)

/** 居民评价 on a station's page (no login): the summary once there are enough ratings, and recent public comments. */
export const fetchStationRatings = (stationId: string) => http.get<StationRatings>(`/api/stations/${stationId}/ratings`).then((r) => r.data)

// The station's side.
export const fetchStaffRatings = (query: StaffRatingsQuery) =>
  staffHttp.get<StaffRatingList>('/api/staff/ratings', { params: query }).then((r) => r.data)
export const replyToRating = (id: string, body: string) =>
  staffHttp.post<StaffRating>(`/api/staff/ratings/${id}/reply`, { body }).then((r) => r.data)
/** A public comment waiting for review: approve → shown on the station's page; reject → never shown to others. */
export const reviewRatingComment = (id: string, approve: boolean) =>
  staffHttp.post<StaffRating>(`/api/staff/ratings/${id}/review`, { approve }).then((r) => r.data)

/** Supervisors: the stations in their subtree (or below stationId), from/to as CST dates (YYYY-MM-DD). */
export const fetchStationReport = (query: StationReportQuery) =>
  staffHttp.get<StationReport>('/api/staff/reports/stations', { params: query }).then((r) => r.data)
/** Path of the CSV export (download it with the staff token, as the roster CSV). */
export function stationReportCsvPath(query: StationReportQuery): string {
  const q = [`from=${encodeURIComponent(query.from)}`, `to=${encodeURIComponent(query.to)}`]
  if (query.stationId) q.push(`stationId=${encodeURIComponent(query.stationId)}`)
  return `/api/staff/reports/stations.csv?${q.join('&')}`
}
