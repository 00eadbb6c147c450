/**
 * The API's error vocabulary. Every failure a client sees is
 * `{ code, message, field? }`:
 *   - `code`: one of ERROR_CODES, what the app branches on;
 *   - `message`: one Chinese sentence the app shows as it is (never parsed);
 *   - `field`: for a refusal about one input, its path in the body or query
 *     (`contactPhone`, `helped.phone`, `capacity`, `sessions`), which the form
 *     puts the message next to.
 * Plain data only — safe for the mini-program bundle. Codes are only ever added.
 */
export const ERROR_CODES = [
  // ── generic ──
  /** The request as a whole is malformed (not JSON, wrong content type, bad URL). */
  'BAD_REQUEST',
  /** One input is wrong: `field` names it. */
  'FIELD_INVALID',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  /** A state conflict no more specific code describes. */
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  /** WeChat (or another upstream) failed. */
  'UPSTREAM_ERROR',
  /** The database is unreachable or saturated: retry after `Retry-After`. */
  'UNAVAILABLE',
  'INTERNAL',
  // ── idempotent submissions ──
  /** The same Idempotency-Key was sent with a different body. */
  'IDEMPOTENCY_KEY_REUSED',
  /** The first submission with this key is still being processed. */
  'IDEMPOTENCY_IN_FLIGHT',
  // ── help requests ──
  /** No station near the resident offers the category. */
  'NO_STATION_FOR_SERVICE',
  /** An uploaded photo expired or belongs to someone else. */
  'PHOTO_EXPIRED',
  /** The request's status does not allow the action (accept an accepted one, cancel after acceptance…). */
  'REQUEST_STATE',
  /** The request left the caller's queue (transferred or escalated elsewhere). */
  'REQUEST_MOVED',
  // ── activities ──
  /** Registration is not open (not yet, or closed). */
  'REGISTRATION_CLOSED',
  /** The participant does not meet the activity's age or audience rule. */
  'NOT_ELIGIBLE',
  /** The participant already holds an active enrollment. */
  'ALREADY_ENROLLED',
  /** The change would leave fewer seats than confirmed enrollments. */
  'ACTIVITY_FULL',
  // ── ratings and consents ──
  /** The thing cannot be rated (yet) or the edit window has passed. */
  'RATING_NOT_ALLOWED',
  /** The consent text the client shows is not the current version. */
  'CONSENT_OUTDATED',
  // ── appended by the server's refactoring (issue 12) ──
  /** A service the server relies on is not configured on this server (WeChat login without its credentials). */
  'NOT_CONFIGURED',
  /** 领取下一条: no request is waiting in the station's queue. */
  'QUEUE_EMPTY',
  /** The enrollment's status does not allow the action (cancel a cancelled one, confirm an expired offer, check in a waitlisted participant…). */
  'ENROLLMENT_STATE',
  // ── 站点管理 (issue 14) ──
  /** An import file that cannot be applied: the answer carries `report` (the file's problems, each wrong row). */
  'IMPORT_INVALID',
  // ── 预约服务 (issue 18) ──
  /** The slot is not bookable: in the past, within the cut-off, past the horizon, on a day off, or not a slot at all. */
  'SLOT_UNAVAILABLE',
  /** The slot just filled; the message names the next free slots. */
  'SLOT_FULL',
  /** The person already holds the most bookings of this service that day. */
  'ALREADY_BOOKED',
  /** The booking's status or time does not allow the action (cancel after the cut-off, mark a cancelled one attended…). */
  'BOOKING_STATE',
  // ── duplicates (issue 16) ──
  /** A request cannot be merged into or linked with itself (`field`: intoId / otherId). */
  'SAME_REQUEST',
  /** The request to merge into is closed (resolved, cancelled, or itself merged into another). */
  'MERGE_TARGET_CLOSED',
  /** The merge would make a request point, through merges, to itself. */
  'MERGE_CYCLE',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The body of every error answer. */
export interface ApiErrorBody {
  code: ErrorCode
  message: string
  field?: string
}
