/** The notification outbox: written in the same transaction as the change it announces. */
import type { Queryable } from '../db'

export async function enqueue(db: Queryable, userId: string, topic: string, payload: Record<string, unknown>, at: Date) {
  await db.query('INSERT INTO outbox (user_id, topic, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)', [
    userId,
    topic,
    JSON.stringify(payload),
    at,
  ])
}
