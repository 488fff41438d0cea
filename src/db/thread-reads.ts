import type { Queryable } from './pool.js'

/** Unread marks cover the threads a member opened within this many days. */
export const READS_KEPT_DAYS = 14

/** A member opened a thread now. */
export async function recordRead(db: Queryable, memberId: number, threadId: number): Promise<void> {
  await db.query(
    `INSERT INTO thread_reads (member_id, thread_id, read_at) SELECT $1, id, now() FROM threads WHERE id = $2
     ON CONFLICT (member_id, thread_id) DO UPDATE SET read_at = excluded.read_at`,
    [memberId, threadId],
  )
}

/** When the member last opened each thread they opened lately, in milliseconds since 1970. */
export async function listRecentReads(db: Queryable, memberId: number): Promise<Map<number, number>> {
  const { rows } = await db.query<{ threadId: number; at: number }>({
    name: 'recent-reads',
    text: `SELECT thread_id AS "threadId", (extract(epoch FROM read_at) * 1000)::float8 AS at FROM thread_reads
           WHERE member_id = $1 AND read_at > now() - interval '${READS_KEPT_DAYS} days'`,
    values: [memberId],
  })
  return new Map(rows.map((r) => [r.threadId, r.at]))
}

/** The replies of a thread written after `sinceMs`. */
export async function listRepliesAfter(db: Queryable, threadId: number, sinceMs: number): Promise<Set<number>> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM replies WHERE thread_id = $1 AND created_at > to_timestamp($2 / 1000.0)`,
    [threadId, sinceMs],
  )
  return new Set(rows.map((r) => r.id))
}
