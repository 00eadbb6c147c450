/**
 * 回访 (follow-up calls, issue 16): the calls due and coming for the stations
 * a worker sees, and the outcome of a call.
 */
import { Type } from '@sinclair/typebox'
import { RELATIONSHIPS } from '../requests'
import { LIMITS } from '../limits'
import { closed, dateTime, literalUnion, nullable, ServiceCategorySchema, text, uuid } from './common'
import { StationRefSchema } from './stations'

export const FollowUpSchema = Type.Object(
  {
    id: uuid(),
    requestId: uuid(),
    /** The request's number (QZ-…). */
    number: Type.String(),
    category: ServiceCategorySchema,
    station: StationRefSchema,
    /** Whom to call: the request's contact (the submitter, or the one who called the station). */
    contactName: Type.String(),
    contactPhone: Type.String(),
    /** 为家人代办: the person who was helped (their phone when given). */
    helped: nullable(
      Type.Object(
        { name: Type.String(), relationship: literalUnion(RELATIONSHIPS, '与求助人的关系'), phone: nullable(Type.String()) },
        closed,
      ),
    ),
    /** The resident's words, and the station's resolution summary. */
    description: Type.String(),
    resolution: Type.String(),
    resolvedAt: dateTime(),
    dueAt: dateTime(),
    /** dueAt has come. */
    due: Type.Boolean(),
    /** Calls tried so far without reaching the resident. */
    attempts: Type.Integer(),
    lastAttemptAt: nullable(dateTime()),
  },
  closed,
)

export const FollowUpListSchema = Type.Object(
  {
    /** Due now, the longest waiting first. */
    due: Type.Array(FollowUpSchema),
    /** Due within the next 14 days, the soonest first. */
    upcoming: Type.Array(FollowUpSchema),
  },
  closed,
)

export const FollowUpOutcomeBodySchema = Type.Object(
  {
    /** 已接通 / 未接通. */
    reached: Type.Boolean(),
    /** Reached: 满意 or 不满意 (required then; not when not reached). */
    satisfied: Type.Optional(Type.Boolean()),
    /** Reached: 还需要帮助 sends the request back to its station's queue. */
    needsMoreHelp: Type.Optional(Type.Boolean()),
    note: Type.Optional(text(LIMITS.followUpNote)),
  },
  closed,
)

export const FollowUpOutcomeSchema = Type.Object(
  {
    /** Reached: the call is done and leaves the list. Not reached: it stays, with one more attempt. */
    closed: Type.Boolean(),
    attempts: Type.Integer(),
    /** The request went back to its station's queue (还需要帮助). */
    reopened: Type.Boolean(),
  },
  closed,
)
