import type { PostRef } from './moderation.js'
import type { Queryable } from './pool.js'

/** An earlier text of a post, kept when its author edited (or deleted) it: for moderators. */
export interface RevisionRow {
  /** The text as it was; empty for a link first posted without words. */
  text: string
  /** When this text was written (the post's creation, or the edit before). */
  writtenAt: Date
  /** When it was replaced. */
  replacedAt: Date
  replacedBy: 'edit' | 'delete'
}

/** A post's earlier texts, oldest first: a reply's, or the words posted with a thread's link. */
export async function listRevisions(db: Queryable, post: PostRef): Promise<RevisionRow[]> {
  const { rows } = await db.query<RevisionRow>(
    post.kind === 'thread'
      ? `SELECT coalesce(comment, '') AS text, written_at AS "writtenAt", replaced_at AS "replacedAt", 'edit' AS "replacedBy"
         FROM comment_revisions WHERE thread_id = $1 ORDER BY id`
      : `SELECT body AS text, written_at AS "writtenAt", replaced_at AS "replacedAt", replaced_by AS "replacedBy"
         FROM reply_revisions WHERE reply_id = $1 ORDER BY id`,
    [post.id],
  )
  return rows
}
