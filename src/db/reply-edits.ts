import type { Queryable } from './pool.js'

/** What deciding on a change to a reply needs, read with the row locked until the transaction ends. */
export interface LockedReply {
  id: number
  threadId: number
  authorId: number
  body: string
  /** When its current text was written. */
  writtenAt: Date
  deletedAt: Date | null
}

export async function lockReply(db: Queryable, id: number): Promise<LockedReply | undefined> {
  const { rows } = await db.query<LockedReply>(
    `SELECT id, thread_id AS "threadId", author_id AS "authorId", body, coalesce(edited_at, created_at) AS "writtenAt", deleted_at AS "deletedAt"
     FROM replies WHERE id = $1 FOR UPDATE`,
    [id],
  )
  return rows[0]
}

async function keepRevision(db: Queryable, reply: LockedReply, replacedBy: 'edit' | 'delete') {
  await db.query('INSERT INTO reply_revisions (reply_id, body, written_at, replaced_by) VALUES ($1, $2, $3, $4)', [
    reply.id,
    reply.body,
    reply.writtenAt,
    replacedBy,
  ])
}

/** Replaces a reply's text, keeping the one it had; call inside a transaction, the reply locked. */
export async function reviseReply(db: Queryable, reply: LockedReply, body: string): Promise<void> {
  await keepRevision(db, reply, 'edit')
  await db.query('UPDATE replies SET body = $2, edited_at = now() WHERE id = $1', [reply.id, body])
}

/**
 * Empties a reply, keeping its text, and takes it off its author's post count and its thread's
 * reply count; its place in the tree stays. Call inside a transaction, the reply locked.
 */
export async function blankReply(db: Queryable, reply: LockedReply): Promise<void> {
  await keepRevision(db, reply, 'delete')
  await db.query(`UPDATE replies SET body = '', deleted_at = now() WHERE id = $1`, [reply.id])
  await db.query('UPDATE users SET post_count = post_count - 1 WHERE id = $1', [reply.authorId])
  await db.query('UPDATE threads SET reply_count = reply_count - 1 WHERE id = $1', [reply.threadId])
}
