/**
 * Why a rule says no, as data: the `{ code, message, field? }` a client gets,
 * without any HTTP status (the server maps codes to statuses in one table,
 * server/errors.ts). Domain rules return a refusal, or a decision; they never
 * throw. Pure, shared by the app and the server.
 */
import type { ApiErrorBody, ErrorCode } from '../contract/errors'

export type Refusal = ApiErrorBody

export function refusal(code: ErrorCode, message: string, field?: string): Refusal {
  return field === undefined ? { code, message } : { code, message, field }
}

/** One input is wrong: `field` is its path in the body or query (`contactPhone`, `helped.phone`). */
export const fieldInvalid = (field: string, message: string): Refusal => refusal('FIELD_INVALID', message, field)

/** A decision, or the refusal that stands in its way. */
export type Decided<T> = { ok: true; value: T } | { ok: false; refusal: Refusal }

export const decided = <T>(value: T): Decided<T> => ({ ok: true, value })
export const refused = <T = never>(r: Refusal): Decided<T> => ({ ok: false, refusal: r })
