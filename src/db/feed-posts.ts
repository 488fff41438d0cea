import type { Queryable } from './pool.js'

/** What a feed or a link preview needs of a thread beyond its row: whether it may be shown, and when it last changed. */
export interface FeedState {
  hidden: boolean
  /** The latest of its posting, its digest, a hand edit and a source update: an entry's "updated". */
  changedAt: Date
}

/** Feed states of threads, by id (a hidden thread never reaches a feed, nor a preview elsewhere). */
export async function findFeedStates(db: Queryable, ids: readonly number[]): Promise<Map<number, FeedState>> {
  if (ids.length === 0) return new Map()
  const { rows } = await db.query<FeedState & { id: number }>({
    name: 'feed-states',
    text: `SELECT id, hidden_at IS NOT NULL AS hidden,
             greatest(created_at, fetched_at, edited_at, source_updated_at) AS "changedAt"
           FROM threads WHERE id = ANY($1::bigint[])`,
    values: [ids],
  })
  return new Map(rows.map(({ id, ...state }) => [id, state]))
}

/** A reply as a feed shows it: with the thread it answers, for the entry's heading and links. */
export interface FeedReplyRow {
  id: number
  threadId: number
  body: string
  authorName: string
  createdAt: Date
  editedAt: Date | null
  threadTitle: string | null
  threadStatus: string
  threadUrl: string
  threadSiteName: string | null
}

/**
 * The newest replies of a thread or of a member, left out those deleted or hidden and those in
 * hidden threads: what a feed may say to anyone.
 */
export async function listFeedReplies(
  db: Queryable,
  scope: { threadId: number } | { authorId: number },
  limit: number,
): Promise<FeedReplyRow[]> {
  const byThread = 'threadId' in scope
  const { rows } = await db.query<FeedReplyRow>({
    name: `feed-replies-${byThread ? 'thread' : 'member'}`,
    text: `SELECT r.id, r.thread_id AS "threadId", r.body, u.username AS "authorName", r.created_at AS "createdAt",
             r.edited_at AS "editedAt", t.title AS "threadTitle", t.status AS "threadStatus",
             t.submitted_url AS "threadUrl", t.site_name AS "threadSiteName"
           FROM replies r JOIN users u ON u.id = r.author_id JOIN threads t ON t.id = r.thread_id
           WHERE ${byThread ? 'r.thread_id' : 'r.author_id'} = $1
             AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND t.hidden_at IS NULL
           ORDER BY r.id DESC LIMIT $2`,
    values: [byThread ? scope.threadId : scope.authorId, limit],
  })
  return rows
}
