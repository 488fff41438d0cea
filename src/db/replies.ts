import type { Queryable } from './pool.js'
import type { ThreadStatus } from './threads.js'

export interface ReplyRow {
  id: number
  threadId: number
  parentId: number | null
  body: string
  authorId: number
  authorName: string
  authorPostCount: number
  /** The author is a Star member. */
  authorStar: boolean
  createdAt: Date
  /** When its author last changed its text; null when never. */
  editedAt: Date | null
  /** When its author deleted it: its place in the tree stays, its text is gone. */
  deletedAt: Date | null
  /** Who hid it (a jury, a moderator): its place stays, members see a stub. */
  hiddenBy: 'jury' | 'moderator' | null
}

const REPLY_COLUMNS = `r.id, r.thread_id AS "threadId", r.parent_id AS "parentId", r.body, r.author_id AS "authorId",
  u.username AS "authorName", u.post_count AS "authorPostCount", u.star_since IS NOT NULL AS "authorStar", r.created_at AS "createdAt",
  r.edited_at AS "editedAt", r.deleted_at AS "deletedAt", r.hidden_by AS "hiddenBy"`

const REPLY_SELECT = `SELECT ${REPLY_COLUMNS} FROM replies r JOIN users u ON u.id = r.author_id`

export async function findReply(db: Queryable, id: number): Promise<ReplyRow | undefined> {
  const { rows } = await db.query<ReplyRow>(`${REPLY_SELECT} WHERE r.id = $1`, [id])
  return rows[0]
}

/**
 * Writes the reply and moves the counters (thread replies, activity times,
 * poster's post count); call inside a transaction. Undefined when the parent
 * reply is not in this thread.
 */
export async function createReply(
  db: Queryable,
  reply: { threadId: number; parentId: number | null; authorId: number; body: string },
): Promise<ReplyRow | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO replies (thread_id, parent_id, author_id, body)
     SELECT $1, $2, $3, $4
     WHERE $2::bigint IS NULL OR EXISTS (SELECT 1 FROM replies WHERE id = $2 AND thread_id = $1)
     RETURNING id`,
    [reply.threadId, reply.parentId, reply.authorId, reply.body],
  )
  const id = rows[0]?.id
  if (id === undefined) return undefined
  const { rows: forum } = await db.query<{ forumId: number }>(
    `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = now(), last_reply_by = $2
     WHERE id = $1 RETURNING forum_id AS "forumId"`,
    [reply.threadId, reply.authorId],
  )
  await db.query('UPDATE forums SET last_activity_at = now() WHERE id = $1', [forum[0]!.forumId])
  await db.query('UPDATE users SET post_count = post_count + 1 WHERE id = $1', [reply.authorId])
  return findReply(db, id)
}

/** Every reply's place in a thread's tree, in the order they were written. */
export async function listReplyLinks(
  db: Queryable,
  threadId: number,
): Promise<{ id: number; parentId: number | null }[]> {
  const { rows } = await db.query<{ id: number; parentId: number | null }>({
    name: 'reply-links',
    text: 'SELECT id, parent_id AS "parentId" FROM replies WHERE thread_id = $1 ORDER BY id',
    values: [threadId],
  })
  return rows
}

/** The thread a reply belongs to; undefined when there is no such reply. */
export async function findReplyThread(db: Queryable, id: number): Promise<number | undefined> {
  const { rows } = await db.query<{ threadId: number }>('SELECT thread_id AS "threadId" FROM replies WHERE id = $1', [
    id,
  ])
  return rows[0]?.threadId
}

/** A reply as a thread page shows it: with the name of the member it answers. */
export interface PagedReplyRow extends ReplyRow {
  parentAuthorName: string | null
}

/** The replies one page of a thread shows, by id, in no particular order. */
export async function listRepliesById(db: Queryable, ids: readonly number[]): Promise<PagedReplyRow[]> {
  if (ids.length === 0) return []
  const { rows } = await db.query<PagedReplyRow>({
    name: 'replies-by-id',
    text: `SELECT ${REPLY_COLUMNS}, pu.username AS "parentAuthorName"
           FROM replies r JOIN users u ON u.id = r.author_id
           LEFT JOIN replies p ON p.id = r.parent_id LEFT JOIN users pu ON pu.id = p.author_id
           WHERE r.id = ANY($1::bigint[])`,
    values: [ids],
  })
  return rows
}

export async function listReplies(db: Queryable, threadId: number): Promise<ReplyRow[]> {
  const { rows } = await db.query<ReplyRow>({
    name: 'replies',
    text: `${REPLY_SELECT} WHERE r.thread_id = $1 ORDER BY r.id`,
    values: [threadId],
  })
  return rows
}

/** A member's reply with the thread it answers, for their profile page. */
export interface MemberReplyRow {
  id: number
  threadId: number
  body: string
  createdAt: Date
  threadTitle: string | null
  threadStatus: ThreadStatus
  threadUrl: string
}

/** A member's newest replies, those they deleted left out. */
export async function listMemberReplies(db: Queryable, authorId: number, limit: number): Promise<MemberReplyRow[]> {
  const { rows } = await db.query<MemberReplyRow>({
    name: 'member-replies',
    text: `SELECT r.id, r.thread_id AS "threadId", r.body, r.created_at AS "createdAt",
             t.title AS "threadTitle", t.status AS "threadStatus", t.submitted_url AS "threadUrl"
           FROM replies r JOIN threads t ON t.id = r.thread_id
           WHERE r.author_id = $1 AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND t.hidden_at IS NULL ORDER BY r.id DESC LIMIT $2`,
    values: [authorId, limit],
  })
  return rows
}
