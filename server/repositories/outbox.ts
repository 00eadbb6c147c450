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

/**
 * enqueue for several messages inside a caller's statement: the INSERT (or
 * null for none), its values appended to `params`.
 */
export function enqueueInsert(
  params: unknown[],
  messages: { userId: string; topic: string; payload: Record<string, unknown> }[],
  at: Date,
): string | null {
  if (messages.length === 0) return null
  const list = `$${params.push(JSON.stringify(messages))}`
  const when = `$${params.push(at)}::timestamptz`
  return `INSERT INTO outbox (user_id, topic, payload, created_at, next_attempt_at)
     SELECT (m->>'userId')::uuid, m->>'topic', m->'payload', ${when}, ${when} FROM jsonb_array_elements(${list}::jsonb) AS m`
}

/** Messages still to deliver (not given up on), and how long the oldest has waited. */
export async function outboxBacklog(db: Queryable, now: Date, maxAttempts = 8): Promise<{ count: number; oldestAgeSeconds: number }> {
  const { rows } = await db.query<{ count: number; oldest: Date | null }>(
    'SELECT count(*)::int AS count, min(created_at) AS oldest FROM outbox WHERE delivered_at IS NULL AND attempts < $1',
    [maxAttempts],
  )
  const backlog = rows[0]
  const oldest = backlog?.oldest ? new Date(backlog.oldest).getTime() : null
  return { count: backlog?.count ?? 0, oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) }
}
