/** 常用回复: every worker reads the own station's templates; the head (replies.manage) writes them. */
import type { CannedReply, CannedReplyBody } from '../../contract/types'
import { LIMITS } from '../../contract/limits'
import { REPLY_PLACEHOLDERS, unknownPlaceholders } from '../../domain/cannedReplies'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import { fail, notFound } from '../errors'
import { countReplies, deleteReply, insertReply, replyOf, repliesOf, updateReply, type ReplyRow } from '../repositories/replies'

const NOT_FOUND_MESSAGE = '没有找到这条常用回复'

const toReply = (r: ReplyRow): CannedReply => ({
  id: r.id,
  category: r.category,
  title: r.title,
  body: r.body,
  updatedAt: new Date(r.updated_at).toISOString(),
})

/** A template's text checked: trimmed, and no placeholder outside the known ones. */
function checked(r: CannedReplyBody): CannedReplyBody {
  const title = r.title.trim()
  const body = r.body.trim()
  if (!title) throw fail('FIELD_INVALID', '请填写标题', 'title')
  if (!body) throw fail('FIELD_INVALID', '请填写回复内容', 'body')
  const unknown = unknownPlaceholders(body)
  if (unknown.length > 0)
    throw fail('FIELD_INVALID', `不认识的占位符：${unknown.join('、')}；可用的有 ${REPLY_PLACEHOLDERS.join('、')}`, 'body')
  return { category: r.category, title, body }
}

export async function listReplies(ctx: AppContext, staff: Staff): Promise<CannedReply[]> {
  return (await ctx.db.transaction((tx) => repliesOf(tx, staff.stationId, ctx.clock()))).map(toReply)
}

export async function createReply(ctx: AppContext, staff: Staff, body: CannedReplyBody): Promise<CannedReply> {
  const reply = checked(body)
  return ctx.db.transaction(async (tx) => {
    await repliesOf(tx, staff.stationId, ctx.clock())
    if ((await countReplies(tx, staff.stationId)) >= LIMITS.repliesPerStation) {
      throw fail('CONFLICT', `每个站点最多保存 ${LIMITS.repliesPerStation} 条常用回复，请先删除不用的`)
    }
    return toReply(await insertReply(tx, staff.stationId, reply, ctx.clock()))
  })
}

export async function changeReply(ctx: AppContext, staff: Staff, id: string, patch: Partial<CannedReplyBody>): Promise<CannedReply> {
  return ctx.db.transaction(async (tx) => {
    const row = await replyOf(tx, id, staff.stationId)
    if (!row) throw notFound(NOT_FOUND_MESSAGE)
    const next = checked({
      category: patch.category !== undefined ? patch.category : row.category,
      title: patch.title ?? row.title,
      body: patch.body ?? row.body,
    })
    return toReply(await updateReply(tx, id, next, ctx.clock()))
  })
}

export async function removeReply(ctx: AppContext, staff: Staff, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await replyOf(tx, id, staff.stationId))) throw notFound(NOT_FOUND_MESSAGE)
    await deleteReply(tx, id)
  })
}
