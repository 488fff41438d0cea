import type { Queryable } from './pool.js'

/** What deciding on a change to a thread's comment needs, read with the row locked until the transaction ends. */
export interface LockedComment {
  id: number
  authorId: number
  comment: string | null
  /** When its current text was written. */
  writtenAt: Date
}

export async function lockComment(db: Queryable, threadId: number): Promise<LockedComment | undefined> {
  const { rows } = await db.query<LockedComment>(
    `SELECT id, author_id AS "authorId", comment, coalesce(comment_edited_at, created_at) AS "writtenAt"
     FROM threads WHERE id = $1 FOR UPDATE`,
    [threadId],
  )
  return rows[0]
}

/** Replaces the poster's words, keeping the ones they had; call inside a transaction, the thread locked. */
export async function reviseComment(db: Queryable, thread: LockedComment, comment: string | null): Promise<void> {
  await db.query('INSERT INTO comment_revisions (thread_id, comment, written_at) VALUES ($1, $2, $3)', [
    thread.id,
    thread.comment,
    thread.writtenAt,
  ])
  await db.query('UPDATE threads SET comment = $2, comment_edited_at = now() WHERE id = $1', [thread.id, comment])
}
