/**
 * TypeScript types of the API contract, derived from the TypeBox schemas.
 * Type-only imports: nothing here exists at run time, so the mini-program can
 * import it freely without pulling TypeBox or server code into its bundle.
 */
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas'

export type ApiError = Static<typeof S.ErrorSchema>
export type LatLng = Static<typeof S.LatLngSchema>
export type Area = Static<typeof S.AreaSchema>
export type OpeningHours = Static<typeof S.OpeningHoursSchema>
export type BrandProject = Static<typeof S.BrandProjectSchema>
export type DayHoursShape = Static<typeof S.DayHoursSchema>
export type StationRef = Static<typeof S.StationRefSchema>
export type StationSummary = Static<typeof S.StationSummarySchema>
export type NearbyStation = Static<typeof S.NearbyStationSchema>
export type StationDetail = Static<typeof S.StationDetailSchema>
export type NearbyQuery = Static<typeof S.NearbyQuerySchema>
export type NearbyResponse = Static<typeof S.NearbyResponseSchema>
export type StationListQuery = Static<typeof S.StationListQuerySchema>
export type StationListResponse = Static<typeof S.StationListResponseSchema>
export type AreaNode = S.AreaNodeShape
export type AreasResponse = { items: AreaNode[] }
export type User = Static<typeof S.UserSchema>
export type Session = Static<typeof S.SessionSchema>
export type HealthResponse = Static<typeof S.HealthResponseSchema>

export type CreateRequestBody = Static<typeof S.CreateRequestBodySchema>
export type HelpedPerson = Static<typeof S.HelpedPersonSchema>
export type ResidentArea = Static<typeof S.ResidentAreaSchema>
export type RequestEvent = Static<typeof S.RequestEventSchema>
export type HelpRequestSummary = Static<typeof S.HelpRequestSummarySchema>
export type HelpRequest = Static<typeof S.HelpRequestSchema>
export type HelpRequestList = Static<typeof S.HelpRequestListSchema>
export type CorrectRequestBody = Static<typeof S.CorrectRequestBodySchema>
export type Upload = Static<typeof S.UploadSchema>
export type StaffMe = Static<typeof S.StaffMeSchema>
export type StaffRequestSummary = Static<typeof S.StaffRequestSummarySchema>
export type StaffRequest = Static<typeof S.StaffRequestSchema>
export type RequestClock = Static<typeof S.RequestClockSchema>
export type RequestClocks = Static<typeof S.RequestClocksSchema>
export type StaffQueueQuery = Static<typeof S.StaffQueueQuerySchema>
export type StaffQueue = Static<typeof S.StaffQueueSchema>
export type CounterRequestBody = Static<typeof S.CounterRequestBodySchema>
/** What every staff action on a request answers: `request` null and `movedTo` set when it left the caller's sight. */
export type StaffActionResult = Static<typeof S.StaffActionResultSchema>
export type Colleague = Static<typeof S.ColleagueSchema>
export type AssignBody = Static<typeof S.AssignBodySchema>
export type CannedReply = Static<typeof S.CannedReplySchema>
export type CannedReplyBody = Static<typeof S.CannedReplyBodySchema>

export type ActivitySession = Static<typeof S.ActivitySessionSchema>
export type ActivitySummary = Static<typeof S.ActivitySummarySchema>
export type ActivityDetail = Static<typeof S.ActivityDetailSchema>
export type ActivityListQuery = Static<typeof S.ActivityListQuerySchema>
export type RegistrationState = Static<typeof S.RegistrationStateSchema>
export type FamilyMember = Static<typeof S.FamilyMemberSchema>
export type FamilyMemberBody = Static<typeof S.FamilyMemberBodySchema>
export type FamilyMemberPatch = Static<typeof S.FamilyMemberPatchSchema>
export type EnrollBody = Static<typeof S.EnrollBodySchema>
export type Enrollment = Static<typeof S.EnrollmentSchema>
export type ActivityBody = Static<typeof S.ActivityBodySchema>
export type ActivityPatch = Static<typeof S.ActivityPatchSchema>
export type RosterEntry = Static<typeof S.RosterEntrySchema>
export type Roster = Static<typeof S.RosterSchema>
export type CheckinBody = Static<typeof S.CheckinBodySchema>
export type CheckinResult = Static<typeof S.CheckinResultSchema>
export type Rating = Static<typeof S.RatingSchema>
export type RatingBody = Static<typeof S.RatingBodySchema>
export type RatingReply = Static<typeof S.RatingReplySchema>
export type StationRatings = Static<typeof S.StationRatingsSchema>
export type StaffRating = Static<typeof S.StaffRatingSchema>
export type StaffRatingsQuery = Static<typeof S.StaffRatingsQuerySchema>
export type StaffRatingList = Static<typeof S.StaffRatingListSchema>
export type StationReportQuery = Static<typeof S.StationReportQuerySchema>
export type StationReportRow = Static<typeof S.StationReportRowSchema>
export type StationReport = Static<typeof S.StationReportSchema>
export type WorkerReportRow = StationReport['workers'][number]
export type AccessLog = Static<typeof S.AccessLogSchema>

export type StaffAccount = Static<typeof S.StaffAccountSchema>
export type StaffAccountListQuery = Static<typeof S.StaffAccountListQuerySchema>
export type StaffAccountList = Static<typeof S.StaffAccountListSchema>
export type CreateStaffAccountBody = Static<typeof S.CreateStaffAccountBodySchema>
export type UpdateStaffAccountBody = Static<typeof S.UpdateStaffAccountBodySchema>
export type StaffAccountWithPassword = Static<typeof S.StaffAccountWithPasswordSchema>
export type ChangePasswordBody = Static<typeof S.ChangePasswordBodySchema>
export type StaffSessionList = Static<typeof S.StaffSessionListSchema>
export type AuditQuery = Static<typeof S.AuditQuerySchema>
export type AuditEntry = Static<typeof S.AuditEntrySchema>
export type AuditList = Static<typeof S.AuditListSchema>
export type AccountExport = Static<typeof S.AccountExportSchema>
export type ConsentStatus = Static<typeof S.ConsentStatusSchema>
export type ConsentList = Static<typeof S.ConsentListSchema>
export type ConsentBody = Static<typeof S.ConsentBodySchema>
export type BookableService = Static<typeof S.BookableServiceSchema>
export type BookableBody = Static<typeof S.BookableBodySchema>
export type BookablePatch = Static<typeof S.BookablePatchSchema>
export type SlotState = Static<typeof S.SlotSchema>
export type SlotFullError = Static<typeof S.SlotFullErrorSchema>
export type BookingBlock = Static<typeof S.BlockSchema>
export type SlotDay = Static<typeof S.SlotDaySchema>
export type BookingBody = Static<typeof S.BookingBodySchema>
export type StaffBookingBody = Static<typeof S.StaffBookingBodySchema>
export type Booking = Static<typeof S.BookingSchema>
export type BookingBlockBody = Static<typeof S.BlockBodySchema>
export type ProposalBody = Static<typeof S.ProposalBodySchema>
export type BookingProposal = Static<typeof S.BookingProposalSchema>
export type ProposalTime = Static<typeof S.ProposalTimeSchema>
export type ChooseProposalBody = Static<typeof S.ChooseProposalBodySchema>
export type FollowUp = Static<typeof S.FollowUpSchema>
export type FollowUpList = Static<typeof S.FollowUpListSchema>
export type FollowUpOutcomeBody = Static<typeof S.FollowUpOutcomeBodySchema>
export type FollowUpOutcome = Static<typeof S.FollowUpOutcomeSchema>

export type StationRecordShape = Static<typeof S.StationRecordSchema>
export type StationException = Static<typeof S.StationExceptionSchema>
export type AdminStation = Static<typeof S.AdminStationSchema>
export type AdminStationCreate = Static<typeof S.AdminStationCreateSchema>
export type AdminStationPatch = Static<typeof S.AdminStationPatchSchema>
export type AdminStationNode = Static<typeof S.AdminStationNodeSchema>
export type ImportReport = Static<typeof S.ImportReportSchema>
export type CalendarYear = Static<typeof S.CalendarYearSchema>
export type CalendarDayBody = Static<typeof S.CalendarDayBodySchema>

export type DuplicateRef = Static<typeof S.DuplicateRefSchema>
export type RelatedRef = Static<typeof S.RelatedRefSchema>
export type MergeBody = Static<typeof S.MergeBodySchema>
export type LinkBody = Static<typeof S.LinkBodySchema>
export type DuplicateCheckBody = Static<typeof S.DuplicateCheckBodySchema>
export type DuplicateCheck = Static<typeof S.DuplicateCheckSchema>
export type RequestLookup = Static<typeof S.RequestLookupSchema>

export type { Audience, ActivityCategory, ActivityStatus, EnrollmentStatus, FamilyRelationship } from './activities'
export type { RatingSubject, RatingOutcome, CommentReview } from './ratings'
export type { RequestStatus, Urgency, Requester, RequestEventType, RequestChannel } from './requests'
export type { StationKind, ServiceCategory, AreaLevel, UserRole, ErrorCode } from './enums'
export type { ConsentPurpose } from './consents'
export type { BookableKind, BookingStatus, BookingFor, BookingChannel } from './bookings'
export type StaffNotificationSettings = Static<typeof S.StaffNotificationSettingsSchema>
export type StaffNotificationSettingsBody = Static<typeof S.StaffNotificationSettingsBodySchema>
export type StaffBadge = Static<typeof S.StaffBadgeSchema>
export type ReportTrends = Static<typeof S.ReportTrendsSchema>
export type ReportWeek = Static<typeof S.ReportWeekSchema>
