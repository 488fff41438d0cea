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

/** One entry of the public log as it is read: names, not ids, of who and what. */
export interface ModerationLogRow {
  id: number
  createdAt: Date
  action: string
  /** Null for a jury's verdict (its counts are in details) or a former member. */
  actorName: string | null
  forumSlug: string | null
  forumName: string | null
  threadId: number | null
  /** The thread's headline; null while it is hidden (the log must not show what was hidden). */
  threadTitle: string | null
  threadHidden: boolean
  replyId: number | null
  memberName: string | null
  reason: string
  details: Record<string, unknown>
}

/**
 * The public log, newest first, optionally of one forum, from before an entry (keyset paging by id).
 * One row more than asked tells whether an older page follows.
 */
export async function listModerationLog(
  db: Queryable,
  options: { forumId?: number | undefined; before?: number | undefined; limit: number },
): Promise<{ entries: ModerationLogRow[]; older: number | undefined }> {
  const forum = options.forumId !== undefined
  const { rows } = await db.query<ModerationLogRow>({
    name: `moderation-log-${forum ? 'forum' : 'all'}-${options.limit + 1}`,
    text: `SELECT l.id, l.created_at AS "createdAt", l.action, actor.username AS "actorName",
             f.slug AS "forumSlug", f.name AS "forumName", l.thread_id AS "threadId",
             CASE WHEN t.hidden_at IS NULL THEN t.title END AS "threadTitle", t.hidden_at IS NOT NULL AS "threadHidden",
             l.reply_id AS "replyId", m.username AS "memberName", l.reason, l.details
           FROM moderation_log l
           LEFT JOIN users actor ON actor.id = l.actor_id
           LEFT JOIN forums f ON f.id = l.forum_id
           LEFT JOIN threads t ON t.id = l.thread_id
           LEFT JOIN users m ON m.id = l.member_id
           WHERE l.id < $1 ${forum ? 'AND l.forum_id = $2' : ''}
           ORDER BY l.id DESC LIMIT ${options.limit + 1}`,
    values: [options.before ?? Number.MAX_SAFE_INTEGER, ...(forum ? [options.forumId] : [])],
  })
  const entries = rows.slice(0, options.limit)
  return { entries, older: rows.length > options.limit ? entries.at(-1)!.id : undefined }
}
