/**
 * Duplicates (issue 16): 「可能重复」 on a request and at counter entry, merging a
 * duplicate into its original, and linking related requests (相关求助).
 */
import { Type } from '@sinclair/typebox'
import { LIMITS } from '../limits'
import { closed, dateTime, literalUnion, text, uuid } from './common'
import { RequestStatusSchema } from './requests'

export const DUPLICATE_REASONS = ['phone', 'helped'] as const

/** Another request, as a link: its id and the number people say on the phone. */
export const RequestRefSchema = Type.Object({ id: uuid(), number: Type.String() }, closed)

/** A request that may be the same one: why (同一号码, 同一被帮助人), when, where. */
export const DuplicateRefSchema = Type.Object(
  {
    id: uuid(),
    number: Type.String(),
    status: RequestStatusSchema,
    createdAt: dateTime(),
    stationName: Type.String(),
    reasons: Type.Array(literalUnion(DUPLICATE_REASONS, '重复原因')),
  },
  closed,
)

/** A related request (相关求助). */
export const RelatedRefSchema = Type.Object({ id: uuid(), number: Type.String(), status: RequestStatusSchema }, closed)

/** Merge this request (the duplicate) into `intoId` (the original). */
export const MergeBodySchema = Type.Object({ intoId: uuid(), note: Type.Optional(text(LIMITS.reason)) }, closed)

export const LinkBodySchema = Type.Object({ otherId: uuid() }, closed)

/** Counter entry, before submitting: the phone and helped person being typed in. */
export const DuplicateCheckBodySchema = Type.Object(
  {
    contactPhone: text(LIMITS.phone, 1),
    helped: Type.Optional(Type.Object({ name: text(LIMITS.personName), phone: Type.Optional(text(LIMITS.phone)) }, closed)),
  },
  closed,
)
export const DuplicateCheckSchema = Type.Object({ items: Type.Array(DuplicateRefSchema) }, closed)

/** A request number typed in (合并到… / 关联…), found in the worker's sight. */
export const RequestLookupQuerySchema = Type.Object({ number: text(LIMITS.requestNumber, 1) }, closed)
export const RequestLookupSchema = Type.Object(
  { id: uuid(), number: Type.String(), status: RequestStatusSchema, stationName: Type.String() },
  closed,
)
