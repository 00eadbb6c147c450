/** Staff login attempts per (username, client address) and per username over every address ('*'). */
import type { Queryable } from '../db'

export const EVERY_ADDRESS = '*'

export interface AttemptCount {
  attempts: number
  windowStartedAt: Date
  succeededAt: Date | null
}

/**
 * Counts one more attempt, atomically: a window that started before
 * `windowFrom` starts again, at 1, now. Returns the count with this attempt.
 */
export async function countAttempt(db: Queryable, username: string, address: string, windowFrom: Date, now: Date): Promise<AttemptCount> {
  const { rows } = await db.query<{ attempts: number; window_started_at: Date; succeeded_at: Date | null }>(
    `INSERT INTO staff_login_attempts AS a (username, address, attempts, window_started_at) VALUES ($1, $2, 1, $3)
     ON CONFLICT (username, address) DO UPDATE SET
       attempts = CASE WHEN a.window_started_at < $4 THEN 1 ELSE a.attempts + 1 END,
       window_started_at = CASE WHEN a.window_started_at < $4 THEN EXCLUDED.window_started_at ELSE a.window_started_at END
     RETURNING attempts, window_started_at, succeeded_at`,
    [username, address, now, windowFrom],
  )
  const row = rows[0]!
  return {
    attempts: row.attempts,
    windowStartedAt: new Date(row.window_started_at),
    succeededAt: row.succeeded_at && new Date(row.succeeded_at),
  }
}

/** A successful login: the address's count starts again and it is remembered; the attempt leaves the overall count. */
export async function countSuccess(db: Queryable, username: string, address: string, now: Date): Promise<void> {
  await db.query(`UPDATE staff_login_attempts SET attempts = 0, succeeded_at = $3 WHERE username = $1 AND address = $2`, [
    username,
    address,
    now,
  ])
  await db.query(`UPDATE staff_login_attempts SET attempts = greatest(attempts - 1, 0) WHERE username = $1 AND address = $2`, [
    username,
    EVERY_ADDRESS,
  ])
}

/** Forgets counts whose window ended long ago and addresses without a recent success. */
export async function purgeLoginAttempts(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM staff_login_attempts WHERE window_started_at < $1 AND (succeeded_at IS NULL OR succeeded_at < $1)`,
    [before],
  )
  return rowCount
}
