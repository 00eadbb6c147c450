/**
 * Photos of help requests: served to the one who uploaded them, and to the
 * staff who can see the request — for whom seeing one is opening the
 * request's personal data, so it is recorded, as a step of its own.
 */
import type { AppContext } from '../context'
import { notFound } from '../errors'
import { recordStaffAccess } from '../repositories/requests'
import { staffStation } from '../repositories/staff'
import { loadUpload } from '../repositories/uploads'
import { staffCanSee } from './requests'

export async function readPhoto(ctx: AppContext, userId: string, id: string): Promise<{ mime: string; content: Uint8Array }> {
  const file = await loadUpload(ctx.db, id)
  if (!file) throw notFound('没有找到这张图片')
  if (file.userId === userId) return file
  const s = file.requestId ? await staffStation(ctx.db, userId) : null
  const staff = s && { id: userId, role: s.role, stationId: s.station.id }
  if (!staff || !(await staffCanSee(ctx, staff, file.requestId!))) throw notFound('没有找到这张图片')
  await recordStaffAccess(ctx.db, staff.id, file.requestId!, ctx.clock())
  return file
}
