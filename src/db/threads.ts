import type pg from 'pg'
import { recordThreadLink } from './links.js'
import { scheduleFirstRefresh } from './refresh.js'
import { withTransaction, type Queryable } from './pool.js'

export type ThreadStatus = 'pending' | 'fetching' | 'ready' | 'failed'

export interface ThreadRow {
  id: number
  authorId: number
  status: ThreadStatus
  errorReason: string | null
  errorMessage: string | null
  title: string | null
  byline: string | null
  siteName: string | null
  lang: string | null
  imageUrl: string | null
  publishedTime: Date | null
  modifiedTime: Date | null
  excerpt: string[]
  submittedUrl: string
  finalUrl: string | null
  canonicalUrl: string | null
  comment: string | null
  forumSlug: string
  forumName: string
  groupSlug: string
  groupName: string
  authorName: string
  authorPostCount: number
  createdAt: Date
  lastActivityAt: Date
  replyCount: number
  /** An earlier thread on the same link, posted before the duplicate window. */
  previousId: number | null
  previousTitle: string | null
  previousCreatedAt: Date | null
  editedBy: string | null
  editedAt: Date | null
  paywalled: boolean
  /** When a scheduled re-fetch last found a new headline or update time. */
  sourceUpdatedAt: Date | null
}

export interface RelatedThread {
  id: number
  title: string | null
  createdAt: Date
}

const THREAD_SELECT = `
  SELECT t.id, t.author_id AS "authorId", t.status, t.error_reason AS "errorReason", t.error_message AS "errorMessage",
         t.title, t.byline, t.site_name AS "siteName", t.lang, t.image_url AS "imageUrl",
         t.published_time AS "publishedTime", t.modified_time AS "modifiedTime", t.excerpt,
         t.submitted_url AS "submittedUrl", t.final_url AS "finalUrl", t.canonical_url AS "canonicalUrl",
         t.comment, f.slug AS "forumSlug", f.name AS "forumName", g.slug AS "groupSlug", g.name AS "groupName",
         u.username AS "authorName", u.post_count AS "authorPostCount",
         t.created_at AS "createdAt", t.last_activity_at AS "lastActivityAt", t.reply_count AS "replyCount",
         p.id AS "previousId", p.title AS "previousTitle", p.created_at AS "previousCreatedAt",
         editor.username AS "editedBy", t.edited_at AS "editedAt",
         t.paywalled, t.source_updated_at AS "sourceUpdatedAt"
  FROM threads t
  JOIN forums f ON f.id = t.forum_id
  JOIN forum_groups g ON g.id = f.group_id
  JOIN users u ON u.id = t.author_id
  LEFT JOIN threads p ON p.id = t.previous_thread_id
  LEFT JOIN users editor ON editor.id = t.edited_by`

/** Writes the thread and counts it for the forum and the poster; call inside a transaction. */
export async function createThread(
  db: Queryable,
  thread: { forumId: number; authorId: number; url: string; comment: string | null; previousThreadId: number | null },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO threads (forum_id, author_id, submitted_url, comment, previous_thread_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [thread.forumId, thread.authorId, thread.url, thread.comment, thread.previousThreadId],
  )
  await db.query('UPDATE forums SET thread_count = thread_count + 1, last_activity_at = now() WHERE id = $1', [thread.forumId])
  await db.query('UPDATE users SET post_count = post_count + 1 WHERE id = $1', [thread.authorId])
  return rows[0]!.id
}

export async function findThread(db: Queryable, id: number): Promise<ThreadRow | undefined> {
  const { rows } = await db.query<ThreadRow>(`${THREAD_SELECT} WHERE t.id = $1`, [id])
  return rows[0]
}

export async function listLatestThreads(db: Queryable, limit: number, offset: number): Promise<ThreadRow[]> {
  const { rows } = await db.query<ThreadRow>(`${THREAD_SELECT} ORDER BY t.created_at DESC, t.id DESC LIMIT $1 OFFSET $2`, [
    limit,
    offset,
  ])
  return rows
}

export async function countThreads(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM threads')
  return rows[0]!.n
}

export async function listForumThreads(db: Queryable, forumId: number, limit: number, offset: number): Promise<ThreadRow[]> {
  const { rows } = await db.query<ThreadRow>(
    `${THREAD_SELECT} WHERE t.forum_id = $1 ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $2 OFFSET $3`,
    [forumId, limit, offset],
  )
  return rows
}

/** The link of a thread still waiting for its digest; undefined when it is already ready or failed (a repeated job). */
export async function findWaitingThread(db: Queryable, id: number): Promise<{ submittedUrl: string } | undefined> {
  const { rows } = await db.query<{ submittedUrl: string }>(
    `SELECT submitted_url AS "submittedUrl" FROM threads WHERE id = $1 AND status IN ('pending', 'fetching')`,
    [id],
  )
  return rows[0]
}

export interface ClaimedThread {
  submittedUrl: string
  /** The forum's own excerpt settings; null: the site-wide ones. */
  excerptParagraphs: number | null
  excerptMaxChars: number | null
}

/** Marks a waiting thread as being fetched; undefined when it is already ready or failed (a repeated job). */
export async function claimThreadForFetch(db: Queryable, id: number): Promise<ClaimedThread | undefined> {
  const { rows } = await db.query<ClaimedThread>(
    `UPDATE threads t SET status = 'fetching'
     FROM forums f
     WHERE t.id = $1 AND t.status IN ('pending', 'fetching') AND f.id = t.forum_id
     RETURNING t.submitted_url AS "submittedUrl", f.excerpt_paragraphs AS "excerptParagraphs", f.excerpt_max_chars AS "excerptMaxChars"`,
    [id],
  )
  return rows[0]
}

export interface StoredDigest {
  finalUrl: string
  canonicalUrl: string | null
  title: string
  byline: string | null
  siteName: string | null
  lang: string | null
  imageUrl: string | null
  publishedTime: string | null
  modifiedTime: string | null
  excerpt: string[]
  paywalled: boolean
  /** SimHash of the article text, as a decimal string (a signed 64-bit integer); null for short texts. */
  textHash: string | null
}

/**
 * Stores the digest, the thread's final and canonical links and its first
 * scheduled re-fetch; false when the thread was no longer being fetched.
 */
export async function storeDigest(pool: pg.Pool, id: number, d: StoredDigest): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE threads SET status = 'ready', final_url = $2, canonical_url = $3, title = $4, byline = $5, site_name = $6,
         lang = $7, image_url = $8, published_time = $9, modified_time = $10, excerpt = $11, paywalled = $12, text_hash = $13,
         error_reason = NULL, error_message = NULL, fetched_at = now()
       WHERE id = $1 AND status = 'fetching'`,
      [id, d.finalUrl, d.canonicalUrl, d.title, d.byline, d.siteName, d.lang, d.imageUrl, d.publishedTime, d.modifiedTime, d.excerpt, d.paywalled, d.textHash],
    )
    if (rowCount !== 1) return false
    await scheduleFirstRefresh(tx, id)
    await recordThreadLink(tx, id, 'final', d.finalUrl)
    if (d.canonicalUrl) await recordThreadLink(tx, id, 'canonical', d.canonicalUrl)
    return true
  })
}

export async function markThreadFailed(db: Queryable, id: number, reason: string, message: string): Promise<void> {
  await db.query(
    `UPDATE threads SET status = 'failed', error_reason = $2, error_message = $3, fetched_at = now()
     WHERE id = $1 AND status IN ('pending', 'fetching')`,
    [id, reason, message],
  )
}

/** Threads still waiting for a digest after `olderThanSeconds`: their job may have been lost. */
export async function listWaitingThreadIds(db: Queryable, olderThanSeconds: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM threads WHERE status IN ('pending', 'fetching') AND created_at < now() - make_interval(secs => $1)
     ORDER BY created_at LIMIT 500`,
    [olderThanSeconds],
  )
  return rows.map((r) => r.id)
}

/**
 * An earlier thread on the same story, recognised once this thread's
 * redirects and canonical URL were known (a short link, a syndicated URL),
 * posted at most `windowDays` before this one.
 */
export async function findEarlierCopy(db: Queryable, id: number, windowDays: number): Promise<RelatedThread | undefined> {
  const { rows } = await db.query<RelatedThread>(
    `SELECT e.id, e.title, e.created_at AS "createdAt"
     FROM threads t
     JOIN thread_links mine ON mine.thread_id = t.id
     JOIN thread_links theirs ON theirs.key = mine.key AND theirs.thread_id <> t.id
     JOIN threads e ON e.id = theirs.thread_id
     WHERE t.id = $1 AND e.status <> 'failed' AND e.created_at < t.created_at
       AND e.created_at > t.created_at - make_interval(days => $2)
     ORDER BY e.created_at LIMIT 1`,
    [id, windowDays],
  )
  return rows[0]
}

/** A digest written or corrected by hand; the thread is ready from then on. */
export async function editDigest(db: Queryable, id: number, editorId: number, title: string, excerpt: string[]): Promise<void> {
  await db.query(
    `UPDATE threads SET title = $3, excerpt = $4, status = 'ready', error_reason = NULL, error_message = NULL,
       edited_by = $2, edited_at = now()
     WHERE id = $1`,
    [id, editorId, title, excerpt],
  )
}

/** Puts a failed thread back in line for its digest; false when it had not failed. */
export async function resetFailedThread(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE threads SET status = 'pending', error_reason = NULL, error_message = NULL WHERE id = $1 AND status = 'failed'`,
    [id],
  )
  return rowCount === 1
}

/**
 * An earlier thread, from another link, whose article text is nearly the
 * same (SimHash within `maxDistance` bits): the same wire story on another site.
 */
export async function findSyndicatedCopy(db: Queryable, id: number, windowDays: number, maxDistance: number): Promise<RelatedThread | undefined> {
  const { rows } = await db.query<RelatedThread>(
    `SELECT e.id, e.title, e.created_at AS "createdAt"
     FROM threads t JOIN threads e ON e.id <> t.id AND e.text_hash IS NOT NULL
     WHERE t.id = $1 AND t.text_hash IS NOT NULL AND e.status = 'ready'
       AND e.created_at < t.created_at AND e.created_at > t.created_at - make_interval(days => $2)
       AND length(replace((t.text_hash # e.text_hash)::bit(64)::text, '0', '')) <= $3
     ORDER BY e.created_at LIMIT 1`,
    [id, windowDays, maxDistance],
  )
  return rows[0]
}
