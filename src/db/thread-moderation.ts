import type { HiddenBy, PostRef } from './moderation.js'
import type { Queryable } from './pool.js'

/** What moderation needs to know of a post: where it is, whose it is, and its state. */
export interface PostState {
  kind: PostRef['kind']
  id: number
  threadId: number
  forumId: number
  authorId: number
  hiddenBy: HiddenBy | null
  lockedAt: Date | null
  pinnedAt: Date | null
}

/**
 * A post's moderation state, its row locked for the caller's transaction when `lock`, so a reply
 * being written and a lock being set wait for each other. The lock is the one the row's later update
 * takes anyway (no key changes), so two writers never deadlock upgrading it.
 */
export async function findPostState(db: Queryable, post: PostRef, lock = false): Promise<PostState | undefined> {
  const locking = lock ? 'FOR NO KEY UPDATE' : ''
  const text =
    post.kind === 'thread'
      ? `SELECT 'thread' AS kind, t.id, t.id AS "threadId", t.forum_id AS "forumId", t.author_id AS "authorId",
           t.hidden_by AS "hiddenBy", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt"
         FROM threads t WHERE t.id = $1 ${locking}`
      : `SELECT 'reply' AS kind, r.id, r.thread_id AS "threadId", t.forum_id AS "forumId", r.author_id AS "authorId",
           r.hidden_by AS "hiddenBy", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt"
         FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id = $1 ${lock ? `${locking} OF r` : ''}`
  const { rows } = await db.query<PostState>(text, [post.id])
  return rows[0]
}

/** Locks a thread against new replies, or opens it again; false when it already was so. */
export async function setThreadLocked(db: Queryable, id: number, locked: boolean): Promise<boolean> {
  const { rowCount } = await db.query(
    locked
      ? 'UPDATE threads SET locked_at = now() WHERE id = $1 AND locked_at IS NULL'
      : 'UPDATE threads SET locked_at = NULL WHERE id = $1 AND locked_at IS NOT NULL',
    [id],
  )
  return rowCount === 1
}

/** Pins a thread to the top of its forum's first page, or unpins it; false when it already was so. */
export async function setThreadPinned(db: Queryable, id: number, pinned: boolean): Promise<boolean> {
  const { rowCount } = await db.query(
    pinned
      ? 'UPDATE threads SET pinned_at = now() WHERE id = $1 AND pinned_at IS NULL'
      : 'UPDATE threads SET pinned_at = NULL WHERE id = $1 AND pinned_at IS NOT NULL',
    [id],
  )
  return rowCount === 1
}

/**
 * Moves a thread to another forum, its forums' counts with it; false when it is there already.
 * A pin was its old forum's hosts' choice, so it does not move with it.
 */
export async function moveThread(db: Queryable, id: number, toForumId: number): Promise<boolean> {
  const { rows } = await db.query<{ from: number }>(
    `UPDATE threads t SET forum_id = $2, pinned_at = NULL FROM threads old
     WHERE t.id = $1 AND old.id = t.id AND t.forum_id <> $2 RETURNING old.forum_id AS "from"`,
    [id, toForumId],
  )
  const from = rows[0]?.from
  if (from === undefined) return false
  await db.query('UPDATE forums SET thread_count = thread_count - 1 WHERE id = $1', [from])
  await db.query('UPDATE forums SET thread_count = thread_count + 1, last_activity_at = now() WHERE id = $1', [
    toForumId,
  ])
  return true
}
