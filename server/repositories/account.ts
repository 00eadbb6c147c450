/**
 * 个人信息: everything the portal holds about a resident and the family
 * members they manage, exported as readable JSON; and deleting the account,
 * which erases or irreversibly anonymizes that personal data everywhere in one
 * transaction. Requests and enrollments stay only as anonymous statistics
 * (category, station, dates, status), with nothing that points to a person.
 */
import type { AccountExport } from '../../contract/types'
import { WITHDRAWN_ON_DELETION } from '../../domain/requests'
import type { Queryable } from '../db'
import { eraseBookingsOf, purgeEndedBookings } from './bookings'

const iso = (d: Date) => new Date(d).toISOString()

/** What the export holds about the account itself, its consents and its photos (null: no such account). */
export async function accountRecords(
  db: Queryable,
  userId: string,
): Promise<(Pick<AccountExport, 'user' | 'consents' | 'photos'> & { requestIds: string[] }) | null> {
  const { rows: users } = await db.query<{ id: string; nickname: string; role: AccountExport['user']['role']; created_at: Date }>(
    'SELECT id, nickname, role, created_at FROM users WHERE id = $1 AND deleted_at IS NULL',
    [userId],
  )
  const user = users[0]
  if (!user) return null
  const { rows: consents } = await db.query<{ purpose: string; version: string; granted: boolean; granted_at: Date }>(
    'SELECT purpose, version, granted, granted_at FROM consents WHERE user_id = $1 ORDER BY id',
    [userId],
  )
  const { rows: requestIds } = await db.query<{ id: string }>('SELECT id FROM help_requests WHERE user_id = $1 ORDER BY created_at', [
    userId,
  ])
  const { rows: photos } = await db.query<{ id: string; mime: string; size: number; created_at: Date }>(
    'SELECT id, mime, size, created_at FROM uploads WHERE user_id = $1 ORDER BY created_at',
    [userId],
  )
  return {
    user: { id: user.id, nickname: user.nickname, role: user.role, createdAt: iso(user.created_at) },
    consents: consents.map((c) => ({ purpose: c.purpose, version: c.version, granted: c.granted, grantedAt: iso(c.granted_at) })),
    requestIds: requestIds.map((r) => r.id),
    photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, createdAt: iso(p.created_at) })),
  }
}

const DELETED = '已注销'

/**
 * Erases what identifies the resident or the helped person in these requests:
 * what they wrote, names, phones, addresses, the exact place, photos, and the
 * words of the timeline (its events — who did what, when — stay). Category,
 * station, area down to the street, dates and status remain, for statistics.
 */
export async function anonymizeRequests(db: Queryable, ids: string[], description: string, now: Date): Promise<void> {
  if (ids.length === 0) return
  await db.query(`UPDATE request_events SET body = '' WHERE request_id = ANY($1::uuid[]) AND body <> $2`, [ids, WITHDRAWN_ON_DELETION])
  // Ratings keep their stars and outcome for the station's figures, not the resident's words.
  await db.query(`UPDATE ratings SET comment = '', comment_public = false, user_id = NULL WHERE request_id = ANY($1::uuid[])`, [ids])
  await db.query('DELETE FROM uploads WHERE request_id = ANY($1::uuid[])', [ids])
  // What staff wrote about the person: the notes of 回访 calls and of proposed booking times.
  await db.query(
    `UPDATE follow_up_attempts a SET note = '' FROM follow_ups f WHERE f.id = a.follow_up_id AND f.request_id = ANY($1::uuid[]) AND a.note <> ''`,
    [ids],
  )
  await db.query(`UPDATE booking_proposals SET note = '' WHERE request_id = ANY($1::uuid[]) AND note <> ''`, [ids])
  await db.query(
    `UPDATE help_requests SET user_id = NULL, description = $2, attributes = '{}', contact_name = $3, contact_phone = '',
            preferred_time = '', helped_name = CASE WHEN helped_name IS NULL THEN NULL ELSE $3 END, helped_phone = NULL,
            helped_address = NULL, community = NULL, address = '', lat = NULL, lng = NULL, purged_at = $4,
            contact_phone_bidx = NULL, helped_bidx = NULL
      WHERE id = ANY($1::uuid[])`,
    [ids, description, DELETED, now],
  )
}

/**
 * The retention job: closed requests untouched for `days`, enrollments of
 * activities that ended `days` ago, and bookings that ended `days` ago, lose
 * their personal fields. Returns how many of each were purged.
 */
export async function purgeExpired(
  db: Queryable,
  now: Date,
  days: number,
): Promise<{ requests: number; enrollments: number; bookings: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000)
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM help_requests WHERE purged_at IS NULL AND status IN ('resolved', 'cancelled') AND updated_at < $1
      ORDER BY updated_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
    [cutoff],
  )
  await anonymizeRequests(
    db,
    rows.map((r) => r.id),
    '（已超过保存期限，内容已删除）',
    now,
  )
  const enrollments = await db.query(
    `UPDATE enrollments e SET participant_name = '', participant_birth_date = NULL, contact_phone = '', purged_at = $2
       FROM activities a
      WHERE a.id = e.activity_id AND a.ends_at < $1 AND e.purged_at IS NULL`,
    [cutoff, now],
  )
  await eraseWordsOfPurged(db, 'enrollments', 'enrollment_id', now)
  const bookings = await purgeEndedBookings(db, cutoff, now)
  await eraseWordsOfPurged(db, 'bookings', 'booking_id', now)
  return { requests: rows.length, enrollments: enrollments.rowCount, bookings }
}

/** The ratings of the enrollments or bookings purged just now (`purged_at = now`) lose their words and author; the stars stay. */
async function eraseWordsOfPurged(db: Queryable, subjects: 'enrollments' | 'bookings', column: 'enrollment_id' | 'booking_id', now: Date) {
  await db.query(
    `UPDATE ratings rt SET comment = '', comment_public = false, user_id = NULL
       FROM ${subjects} x WHERE x.id = rt.${column} AND x.purged_at = $1 AND rt.user_id IS NOT NULL`,
    [now],
  )
}

/** Locks a resident's live account; false when there is none. */
export async function lockResident(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT id FROM users WHERE id = $1 AND role = 'resident' AND deleted_at IS NULL FOR UPDATE`, [userId])
  return rows.length > 0
}

/** The participants (null: the resident) holding active enrollments of the resident's. */
export async function enrolledParticipants(db: Queryable, userId: string): Promise<(string | null)[]> {
  const { rows } = await db.query<{ family_member_id: string | null }>(
    `SELECT DISTINCT family_member_id FROM enrollments WHERE user_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered')`,
    [userId],
  )
  return rows.map((r) => r.family_member_id)
}

/**
 * Erases every personal field of a resident whose enrollments were cancelled
 * and open requests withdrawn (by the caller, in the same transaction):
 * enrollments, family, ratings' words, photos, requests, keys, outbox,
 * sessions, consents, and the account's own openid and nickname.
 */
export async function eraseResident(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE enrollments SET participant_name = $2, participant_birth_date = NULL, contact_phone = '', family_member_id = NULL WHERE user_id = $1`,
    [userId, DELETED],
  )
  await db.query('DELETE FROM family_members WHERE user_id = $1', [userId])
  await db.query(`UPDATE ratings SET comment = '', comment_public = false, user_id = NULL WHERE user_id = $1`, [userId])
  await db.query('DELETE FROM uploads WHERE user_id = $1', [userId])
  const { rows: all } = await db.query<{ id: string }>('SELECT id FROM help_requests WHERE user_id = $1', [userId])
  await anonymizeRequests(
    db,
    all.map((r) => r.id),
    '（居民已注销，内容已删除）',
    now,
  )
  await eraseBookingsOf(db, userId, now)
  for (const table of ['idempotency_keys', 'outbox', 'sessions', 'consents']) {
    await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId])
  }
  await db.query(`UPDATE users SET openid = NULL, nickname = $2, deleted_at = $3 WHERE id = $1`, [userId, DELETED, now])
}
