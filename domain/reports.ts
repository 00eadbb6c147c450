/** The periods reports and filters cover: whole days in China Standard Time. Pure. */
import { LIMITS } from '../contract/limits'
import { cstDayStart } from './chinaTime'
import { decided, fieldInvalid, refused, type Decided } from './refusal'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * [from 00:00, to+1 00:00) in China Standard Time, for dates YYYY-MM-DD; a
 * report covers at most `maxDays` (null: no limit). Refusals name `from` or `to`.
 */
export function reportPeriod(
  from: string,
  to: string,
  { maxDays = LIMITS.reportDays }: { maxDays?: number | null } = {},
): Decided<{ start: Date; end: Date }> {
  const start = cstDayStart(from)
  const end = new Date(cstDayStart(to).getTime() + DAY_MS)
  if (Number.isNaN(start.getTime())) return refused(fieldInvalid('from', '请选择正确的起止日期'))
  if (Number.isNaN(end.getTime())) return refused(fieldInvalid('to', '请选择正确的起止日期'))
  if (end <= start) return refused(fieldInvalid('to', '结束日期不能早于开始日期'))
  if (maxDays !== null && end.getTime() - start.getTime() > maxDays * DAY_MS)
    return refused(fieldInvalid('to', `统计时段最长 ${maxDays} 天`))
  return decided({ start, end })
}
