import type { Queryable } from './pool.js'

/** A post a member can alert and a moderator or jury can hide: a thread (its digest) or a reply. */
export type PostRef = { kind: 'thread'; id: number } | { kind: 'reply'; id: number }

/** Who hid a post, as the stub in its place tells members. */
export type HiddenBy = 'jury' | 'moderator'

/** One entry of the public moderation log; ids name what the action was about. */
export interface ModerationEntry {
  actorId: number | null
  action: string
  forumId?: number | null
  threadId?: number | null
  replyId?: number | null
  memberId?: number | null
  reason?: string
  details?: Record<string, unknown>
}

/** Writes an entry of the public log; call in the transaction that made the change it records. */
export async function logModeration(db: Queryable, entry: ModerationEntry): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO moderation_log (actor_id, action, forum_id, thread_id, reply_id, member_id, reason, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      entry.actorId,
      entry.action,
      entry.forumId ?? null,
      entry.threadId ?? null,
      entry.replyId ?? null,
      entry.memberId ?? null,
      entry.reason ?? '',
      JSON.stringify(entry.details ?? {}),
    ],
  )
  return rows[0]!.id
}

const TABLE = { thread: 'threads', reply: 'replies' } as const

/** Hides a post (false when it was already hidden, or is gone); its page is announced as changed. */
export async function hidePost(db: Queryable, post: PostRef, by: HiddenBy): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ${TABLE[post.kind]} SET hidden_at = now(), hidden_by = $2 WHERE id = $1 AND hidden_at IS NULL`,
    [post.id, by],
  )
  return rowCount === 1
}

/** Shows a hidden post again (false when it was not hidden). */
export async function unhidePost(db: Queryable, post: PostRef): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ${TABLE[post.kind]} SET hidden_at = NULL, hidden_by = NULL WHERE id = $1 AND hidden_at IS NOT NULL`,
    [post.id],
  )
  return rowCount === 1
}

/** One line of the public log as readers see it: names rather than ids, what it was about. */
export interface ModerationLogRow {
  id: number
  createdAt: Date
  action: string
  /** Null for a jury's verdict, or a moderator whose account is gone. */
  actorName: string | null
  forumSlug: string | null
  forumName: string | null
  threadId: number | null
  threadTitle: string | null
  replyId: number | null
  memberName: string | null
  reason: string
}

/** The log, newest first, site-wide or one forum's; `before` (an entry's id) pages back by keyset. */
export async function listModerationLog(
  db: Queryable,
  options: { forumId?: number | undefined; before?: number | undefined; limit: number },
): Promise<ModerationLogRow[]> {
  const { rows } = await db.query<ModerationLogRow>(
    `SELECT l.id, l.created_at AS "createdAt", l.action, actor.username AS "actorName",
            f.slug AS "forumSlug", f.name AS "forumName", l.thread_id AS "threadId", t.title AS "threadTitle",
            l.reply_id AS "replyId", m.username AS "memberName", l.reason
     FROM moderation_log l
     LEFT JOIN users actor ON actor.id = l.actor_id
     LEFT JOIN forums f ON f.id = l.forum_id
     LEFT JOIN threads t ON t.id = l.thread_id
     LEFT JOIN users m ON m.id = l.member_id
     WHERE ($1::int IS NULL OR l.forum_id = $1) AND ($2::bigint IS NULL OR l.id < $2)
     ORDER BY l.id DESC LIMIT $3`,
    [options.forumId ?? null, options.before ?? null, options.limit],
  )
  return rows
}
