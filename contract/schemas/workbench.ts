/**
 * The workbench as a tool for the whole day (issue 16): colleagues and their
 * workload, assignment, and the station's canned replies (常用回复).
 */
import { Type } from '@sinclair/typebox'
import { STAFF_ROLES } from '../enums'
import { LIMITS } from '../limits'
import { closed, dateTime, literalUnion, nullable, ServiceCategorySchema, text, uuid } from './common'

export const ColleagueSchema = Type.Object(
  {
    id: uuid(),
    nickname: Type.String(),
    role: literalUnion(STAFF_ROLES, '角色'),
    /** Open requests (待受理, 已受理, 处理中) assigned to them now. */
    openCount: Type.Integer(),
    /** How many open requests the head lets them carry at once; null: no cap. */
    workloadCap: nullable(Type.Integer()),
  },
  closed,
)
export const ColleaguesSchema = Type.Object({ items: Type.Array(ColleagueSchema) }, closed)

export const WorkloadCapBodySchema = Type.Object(
  { workloadCap: nullable(Type.Integer({ minimum: 1, maximum: LIMITS.workloadCap })) },
  closed,
)

/** Assign to a colleague of the request's station, or (null) hand it back. */
export const AssignBodySchema = Type.Object({ assigneeId: nullable(uuid()) }, closed)

export const CannedReplySchema = Type.Object(
  {
    id: uuid(),
    /** null: for every category. */
    category: nullable(ServiceCategorySchema),
    title: Type.String(),
    /** The template, with {居民称呼}, {站点电话}, {社工}. */
    body: Type.String(),
    updatedAt: dateTime(),
  },
  closed,
)
export const CannedRepliesSchema = Type.Object({ items: Type.Array(CannedReplySchema) }, closed)

export const CannedReplyBodySchema = Type.Object(
  {
    category: nullable(ServiceCategorySchema),
    title: text(LIMITS.replyTitle, 1),
    body: text(LIMITS.replyBody, 1),
  },
  closed,
)
export const CannedReplyPatchSchema = Type.Partial(CannedReplyBodySchema, { ...closed, minProperties: 1 })
