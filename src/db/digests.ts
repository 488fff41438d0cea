import { instantOf, type TimePrecision } from '../extract/dates.js'
import { ARTICLE_TEXT_MAX } from '../limits.js'
import { linkOf } from '../links/normalize.js'
import { recordThreadLink } from './links.js'
import type { Queryable } from './pool.js'
import { scheduleFirstRefresh } from './refresh.js'

/* The worker's side of a thread: waiting → fetching → ready | failed. */

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
  /** ISO 8601, or a date alone ("2016-04-06") when its precision is 'date'. */
  publishedTime: string | null
  publishedTimePrecision: TimePrecision | null
  modifiedTime: string | null
  modifiedTimePrecision: TimePrecision | null
  /** The dek under the source's headline; null when it has none. */
  standfirst: string | null
  excerpt: string[]
  paywalled: boolean
  /** SimHash of the article text, as a decimal string (a signed 64-bit integer); null for short texts. */
  textHash: string | null
  /** The whole article as extracted, for search (only the excerpt is shown). */
  articleText: string
}

/**
 * Stores the digest, the thread's final and canonical links and its first
 * scheduled re-fetch; false when the thread was no longer being fetched.
 */
export async function storeDigest(tx: Queryable, id: number, d: StoredDigest): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE threads SET status = 'ready', final_url = $2, canonical_url = $3, title = $4, byline = $5, site_name = $6,
       lang = $7, image_url = $8, published_time = $9, modified_time = $10, excerpt = $11, paywalled = $12, text_hash = $13,
       published_time_precision = $14, modified_time_precision = $15, standfirst = $16, article_text = $17, error_reason = NULL, error_message = NULL, fetched_at = now()
     WHERE id = $1 AND status = 'fetching'`,
    [
      id,
      d.finalUrl,
      d.canonicalUrl,
      d.title,
      d.byline,
      d.siteName,
      d.lang,
      d.imageUrl,
      d.publishedTime && instantOf(d.publishedTime),
      d.modifiedTime && instantOf(d.modifiedTime),
      d.excerpt,
      d.paywalled,
      d.textHash,
      // Without a time, the column keeps its default: there is no clock to show either way.
      d.publishedTimePrecision ?? 'time',
      d.modifiedTimePrecision ?? 'time',
      d.standfirst,
      // Search needs no more than this; a tsvector has a size limit.
      d.articleText.slice(0, ARTICLE_TEXT_MAX) || null,
    ],
  )
  if (rowCount !== 1) return false
  await scheduleFirstRefresh(tx, id)
  await recordThreadLink(tx, id, 'final', linkOf(d.finalUrl))
  if (d.canonicalUrl) await recordThreadLink(tx, id, 'canonical', linkOf(d.canonicalUrl))
  return true
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
