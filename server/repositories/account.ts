/**
 * 个人信息: everything the portal holds about a resident and the family
 * members they manage, exported as readable JSON; and deleting the account,
 * which erases or irreversibly anonymizes that personal data everywhere in one
 * transaction. Requests and enrollments stay only as anonymous statistics
 * (category, station, dates, status), with nothing that points to a person.
 */
import type { AccountExport } from '../../contract/types'
import type { Queryable } from '../db'
import type { ResponseTargets } from '../../domain/sla'
import { notFound } from '../errors'
import { cancelMemberEnrollments, listOwnEnrollments } from './enrollments'
import { listFamily } from './family'
import { getOwnRequest } from './requests'

const iso = (d: Date) => new Date(d).toISOString()

export async function exportAccount(db: Queryable, userId: string, now: Date, targets: ResponseTargets, checkinKey: Buffer): Promise<AccountExport> {
  const { rows: users } = await db.query<{ id: string; nickname: string; role: AccountExport['user']['role']; created_at: Date }>(
    'SELECT id, nickname, role, created_at FROM users WHERE id = $1 AND deleted_at IS NULL',
    [userId],
  )
  const user = users[0]
  if (!user) throw notFound('账号不存在')
  const { rows: consents } = await db.query<{ purpose: string; version: string; granted: boolean; granted_at: Date }>(
    'SELECT purpose, version, granted, granted_at FROM consents WHERE user_id = $1 ORDER BY id',
    [userId],
  )
  const { rows: requestIds } = await db.query<{ id: string }>('SELECT id FROM help_requests WHERE user_id = $1 ORDER BY created_at', [userId])
  const requests = []
  for (const { id } of requestIds) requests.push((await getOwnRequest(db, id, userId, targets))!)
  const { rows: photos } = await db.query<{ id: string; mime: string; size: number; created_at: Date }>(
    'SELECT id, mime, size, created_at FROM uploads WHERE user_id = $1 ORDER BY created_at',
    [userId],
  )
  return {
    exportedAt: iso(now),
    user: { id: user.id, nickname: user.nickname, role: user.role, createdAt: iso(user.created_at) },
    consents: consents.map((c) => ({ purpose: c.purpose, version: c.version, granted: c.granted, grantedAt: iso(c.granted_at) })),
    family: await listFamily(db, userId, now),
    requests,
    enrollments: await listOwnEnrollments(db, { userId, now, checkinKey }),
    photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, createdAt: iso(p.created_at) })),
  }
}

const DELETED = '已注销'
const WITHDRAWN = '居民已注销账号，求助自动撤回'

/**
 * Erases what identifies the resident or the helped person in these requests:
 * what they wrote, names, phones, addresses, the exact place, photos, and the
 * words of the timeline (its events — who did what, when — stay). Category,
 * station, area down to the street, dates and status remain, for statistics.
 */
export async function anonymizeRequests(db: Queryable, ids: string[], description: string, now: Date): Promise<void> {
  if (ids.length === 0) return
  await db.query(`UPDATE request_events SET body = '' WHERE request_id = ANY($1::uuid[]) AND body <> $2`, [ids, WITHDRAWN])
  // Ratings keep their stars and outcome for the station's figures, not the resident's words.
  await db.query(`UPDATE ratings SET comment = '', comment_public = false, user_id = NULL WHERE request_id = ANY($1::uuid[])`, [ids])
  await db.query('DELETE FROM uploads WHERE request_id = ANY($1::uuid[])', [ids])
  await db.query(
    `UPDATE help_requests SET user_id = NULL, description = $2, attributes = '{}', contact_name = $3, contact_phone = '',
            preferred_time = '', helped_name = CASE WHEN helped_name IS NULL THEN NULL ELSE $3 END, helped_phone = NULL,
            helped_address = NULL, community = NULL, address = '', lat = NULL, lng = NULL, purged_at = $4
      WHERE id = ANY($1::uuid[])`,
    [ids, description, DELETED, now],
  )
}

/**
 * The retention job: closed requests untouched for `days`, and enrollments of
 * activities that ended `days` ago, lose their personal fields. Returns how
 * many of each were purged.
 */
export async function purgeExpired(db: Queryable, now: Date, days: number): Promise<{ requests: number; enrollments: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000)
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM help_requests WHERE purged_at IS NULL AND status IN ('resolved', 'cancelled') AND updated_at < $1
      ORDER BY updated_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
    [cutoff],
  )
  await anonymizeRequests(db, rows.map((r) => r.id), '（已超过保存期限，内容已删除）', now)
  const enrollments = await db.query(
    `UPDATE enrollments e SET participant_name = '', participant_birth_date = NULL, contact_phone = '', purged_at = $2
       FROM activities a
      WHERE a.id = e.activity_id AND a.ends_at < $1 AND e.purged_at IS NULL`,
    [cutoff, now],
  )
  await db.query(
    `UPDATE ratings rt SET comment = '', comment_public = false, user_id = NULL
       FROM enrollments e WHERE e.id = rt.enrollment_id AND e.purged_at = $1 AND rt.user_id IS NOT NULL`,
    [now],
  )
  return { requests: rows.length, enrollments: enrollments.rowCount }
}

/**
 * Deletes a resident's account. Upcoming enrollments are cancelled (their
 * seats pass to the waitlist) and open requests are withdrawn, then every
 * personal field is erased. The caller runs it in one transaction.
 */
export async function deleteAccount(db: Queryable, userId: string, now: Date): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE id = $1 AND role = 'resident' AND deleted_at IS NULL FOR UPDATE`, [userId])
  if (!rows[0]) throw notFound('账号不存在')

  // Seats first: an enrollment for oneself is keyed 'self', a family member's by the member.
  const { rows: keys } = await db.query<{ family_member_id: string | null }>(
    `SELECT DISTINCT family_member_id FROM enrollments WHERE user_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [userId],
  )
  for (const k of keys) await cancelMemberEnrollments(db, k.family_member_id, userId, now)
  await db.query(
    `UPDATE enrollments SET participant_name = $2, participant_birth_date = NULL, contact_phone = '', family_member_id = NULL WHERE user_id = $1`,
    [userId, DELETED],
  )
  await db.query('DELETE FROM family_members WHERE user_id = $1', [userId])
  await db.query(`UPDATE ratings SET comment = '', comment_public = false, user_id = NULL WHERE user_id = $1`, [userId])

  // Open requests are withdrawn, with a line in the timeline the station sees.
  const { rows: open } = await db.query<{ id: string; station_id: string }>(
    `SELECT id, station_id FROM help_requests WHERE user_id = $1 AND status IN ('submitted', 'accepted', 'in_progress') FOR UPDATE`,
    [userId],
  )
  for (const r of open) {
    await db.query(`UPDATE help_requests SET status = 'cancelled', updated_at = $2 WHERE id = $1`, [r.id, now])
    await db.query(
      `INSERT INTO request_events (request_id, type, station_id, body, created_at) VALUES ($1, 'cancelled', $2, $3, $4)`,
      [r.id, r.station_id, WITHDRAWN, now],
    )
  }
  await db.query('DELETE FROM uploads WHERE user_id = $1', [userId])
  const { rows: all } = await db.query<{ id: string }>('SELECT id FROM help_requests WHERE user_id = $1', [userId])
  await anonymizeRequests(db, all.map((r) => r.id), '（居民已注销，内容已删除）', now)
  for (const table of ['idempotency_keys', 'outbox', 'sessions', 'consents']) {
    await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId])
  }
  await db.query(`UPDATE users SET openid = NULL, nickname = $2, deleted_at = $3 WHERE id = $1`, [userId, DELETED, now])
}
