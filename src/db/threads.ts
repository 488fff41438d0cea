import type { TimePrecision } from '../extract/dates.js'
import type { Queryable } from './pool.js'

/** Threads on one page of a forum, of Latest Discussions, of Greatest Threads, or of the API's list. */
export const THREADS_PER_PAGE = 25

/** Greatest Threads ranks the threads posted within this many hours. */
export const GREATEST_HOURS = 24

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
  /** 'date': publishedTime is a calendar date (stored as its midnight UTC), its time of day unknown. */
  publishedTimePrecision: TimePrecision
  modifiedTime: Date | null
  modifiedTimePrecision: TimePrecision
  standfirst: string | null
  excerpt: string[]
  submittedUrl: string
  finalUrl: string | null
  canonicalUrl: string | null
  comment: string | null
  /** When the poster last changed their comment; null when never. */
  commentEditedAt: Date | null
  forumSlug: string
  forumName: string
  groupSlug: string
  groupName: string
  authorName: string
  authorPostCount: number
  /** The poster is a Star member. */
  authorStar: boolean
  createdAt: Date
  lastActivityAt: Date
  replyCount: number
  recCount: number
  /** Who wrote the latest reply (its time is lastActivityAt); null without replies. */
  lastReplyBy: string | null
  /** That latest reply's author is a Star member. */
  lastReplyStar: boolean
  /** An earlier thread on the same link, posted before the duplicate window. */
  previousId: number | null
  previousTitle: string | null
  previousCreatedAt: Date | null
  editedBy: string | null
  editedAt: Date | null
  paywalled: boolean
  /** When a scheduled re-fetch last found a new headline or update time. */
  sourceUpdatedAt: Date | null
  forumId: number
  /** Who hid it (a jury, a moderator); null while it shows. */
  hiddenBy: 'jury' | 'moderator' | null
  /** Locked: it takes no new replies. */
  lockedAt: Date | null
  /** Pinned to the top of its forum's first page. */
  pinnedAt: Date | null
}

export interface RelatedThread {
  id: number
  title: string | null
  createdAt: Date
}

// Hot queries built on this are named (prepared once per connection): their planning costs more than running them.
export const THREAD_SELECT = `
  SELECT t.id, t.author_id AS "authorId", t.status, t.error_reason AS "errorReason", t.error_message AS "errorMessage",
         t.title, t.byline, t.site_name AS "siteName", t.lang, t.image_url AS "imageUrl",
         t.published_time AS "publishedTime", t.modified_time AS "modifiedTime", t.standfirst, t.excerpt,
         t.published_time_precision AS "publishedTimePrecision", t.modified_time_precision AS "modifiedTimePrecision",
         t.submitted_url AS "submittedUrl", t.final_url AS "finalUrl", t.canonical_url AS "canonicalUrl",
         t.comment, t.comment_edited_at AS "commentEditedAt", f.slug AS "forumSlug", f.name AS "forumName", g.slug AS "groupSlug", g.name AS "groupName",
         u.username AS "authorName", u.post_count AS "authorPostCount", u.star_since IS NOT NULL AS "authorStar",
         t.created_at AS "createdAt", t.last_activity_at AS "lastActivityAt", t.reply_count AS "replyCount",
         t.rec_count AS "recCount", last_reply.username AS "lastReplyBy",
         last_reply.star_since IS NOT NULL AS "lastReplyStar",
         p.id AS "previousId", p.title AS "previousTitle", p.created_at AS "previousCreatedAt",
         editor.username AS "editedBy", t.edited_at AS "editedAt",
         t.paywalled, t.source_updated_at AS "sourceUpdatedAt", t.forum_id AS "forumId",
         t.hidden_by AS "hiddenBy", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt"
  FROM threads t
  JOIN forums f ON f.id = t.forum_id
  JOIN forum_groups g ON g.id = f.group_id
  JOIN users u ON u.id = t.author_id
  LEFT JOIN threads p ON p.id = t.previous_thread_id
  LEFT JOIN users editor ON editor.id = t.edited_by
  LEFT JOIN users last_reply ON last_reply.id = t.last_reply_by`

/** Writes the thread, counts it for the forum and the poster, and has the poster watch it; call inside a transaction. */
export async function createThread(
  db: Queryable,
  thread: {
    forumId: number
    authorId: number
    url: string
    comment: string | null
    previousThreadId: number | null
    /** The poster's hint at the headline, its heading until the digest's headline replaces it. */
    title?: string | null
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO threads (forum_id, author_id, submitted_url, comment, previous_thread_id, title)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [thread.forumId, thread.authorId, thread.url, thread.comment, thread.previousThreadId, thread.title ?? null],
  )
  await db.query('UPDATE forums SET thread_count = thread_count + 1, last_activity_at = now() WHERE id = $1', [
    thread.forumId,
  ])
  await db.query('UPDATE users SET post_count = post_count + 1 WHERE id = $1', [thread.authorId])
  // A poster follows their own thread from the start.
  await db.query('INSERT INTO watches (member_id, thread_id) VALUES ($1, $2)', [thread.authorId, rows[0]!.id])
  return rows[0]!.id
}

export async function findThread(db: Queryable, id: number): Promise<ThreadRow | undefined> {
  const { rows } = await db.query<ThreadRow>({ name: 'thread', text: `${THREAD_SELECT} WHERE t.id = $1`, values: [id] })
  return rows[0]
}

/** From the forums' counters: counting the threads table on every home page would not scale. */
export async function countThreads(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>({
    name: 'count-threads',
    text: 'SELECT coalesce(sum(thread_count), 0)::int AS n FROM forums',
  })
  return rows[0]!.n
}

/** A place in a list of threads: the sort time in microseconds since 1970 (exact), and the id that breaks ties. */
export interface ListCursor {
  micros: string
  id: number
}

/** How a list is sorted: newest posts first, or latest activity (a new reply) first. */
export type ListOrder = 'new' | 'active'

/** Latest Discussions, or one forum's threads, in either order. */
export interface ThreadList {
  forumId?: number | undefined
  order: ListOrder
}

/** Where a page of a list starts: its top, after or before a cursor, or (old links) a count of rows. */
export type ListPosition = { after: ListCursor } | { before: ListCursor } | { offset: number }

export interface ThreadListPage {
  threads: ThreadRow[]
  /** The cursors of the pages before (newer) and after (older) this one, when there are any. */
  newer: ListCursor | undefined
  older: ListCursor | undefined
}

/**
 * Named queries, one per list and way in: each walks its index from the cursor (keyset paging), so
 * a page 500 deep costs what the first costs. One row more than a page tells whether more follow.
 */
function listQuery(list: ThreadList, way: 'after' | 'before' | 'offset', rows: number) {
  const sort = list.order === 'new' ? 't.created_at' : 't.last_activity_at'
  // Hidden threads leave every list; a forum's pinned threads head its first page instead (listPinnedThreads).
  const scope = list.forumId === undefined ? [] : ['t.forum_id = $1', 't.pinned_at IS NULL']
  const next = list.forumId === undefined ? 1 : 2
  const at = `(timestamptz 'epoch' + $${next}::bigint * interval '1 microsecond', $${next + 1}::bigint)`
  const where = [
    ...scope,
    't.hidden_at IS NULL',
    ...(way === 'after' ? [`(${sort}, t.id) < ${at}`] : way === 'before' ? [`(${sort}, t.id) > ${at}`] : []),
  ]
  const order = way === 'before' ? 'ASC' : 'DESC'
  // The row count is part of the text, not a parameter: a generic plan that does not know it
  // assumes a tenth of the table and may sort it all in parallel workers.
  const limit = way === 'offset' ? `LIMIT ${rows} OFFSET $${next}` : `LIMIT ${rows}`
  return {
    name: `threads-${list.forumId === undefined ? 'all' : 'forum'}-${list.order}-${way}-${rows}`,
    text: `SELECT * FROM (${THREAD_SELECT.replace('SELECT ', `SELECT (extract(epoch FROM ${sort}) * 1000000)::bigint::text AS "sortMicros", `)}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${sort} ${order}, t.id ${order} ${limit}) page`,
  }
}

type Listed = ThreadRow & { sortMicros: string }

const cursorOf = (row: Listed | undefined): ListCursor | undefined =>
  row ? { micros: row.sortMicros, id: row.id } : undefined

export async function listThreadPage(
  db: Queryable,
  list: ThreadList,
  position: ListPosition | undefined,
  limit: number,
): Promise<ThreadListPage> {
  const scope = list.forumId === undefined ? [] : [list.forumId]
  if (position && 'offset' in position) {
    const { rows } = await db.query<Listed>({
      ...listQuery(list, 'offset', limit + 1),
      values: [...scope, position.offset],
    })
    const shown = rows.slice(0, limit)
    return {
      threads: shown,
      newer: position.offset > 0 ? cursorOf(shown[0]) : undefined,
      older: rows.length > limit ? cursorOf(shown.at(-1)) : undefined,
    }
  }
  if (position && 'before' in position) {
    const { rows } = await db.query<Listed>({
      ...listQuery(list, 'before', limit + 1),
      values: [...scope, position.before.micros, position.before.id],
    })
    // Back at the top: the first page itself, full, rather than what was left of it.
    if (rows.length <= limit) return listThreadPage(db, list, undefined, limit)
    const shown = rows.slice(0, limit).reverse()
    return {
      threads: shown,
      newer: cursorOf(shown[0]),
      older: cursorOf(shown.at(-1)),
    }
  }
  const after = position?.after
  const { rows } = await db.query<Listed>({
    ...listQuery(list, 'after', limit + 1),
    // The top of the list: after a cursor beyond every row (the end of year 9999).
    values: [...scope, after?.micros ?? '253402300800000000', after?.id ?? Number.MAX_SAFE_INTEGER],
  })
  const shown = rows.slice(0, limit)
  return {
    threads: shown,
    newer: after ? cursorOf(shown[0]) : undefined,
    older: rows.length > limit ? cursorOf(shown.at(-1)) : undefined,
  }
}

/** A forum's pinned threads (hidden ones left out), the latest pinned first: the top of its first page. */
export async function listPinnedThreads(db: Queryable, forumId: number): Promise<ThreadRow[]> {
  const { rows } = await db.query<ThreadRow>({
    name: 'threads-pinned',
    text: `${THREAD_SELECT} WHERE t.forum_id = $1 AND t.pinned_at IS NOT NULL AND t.hidden_at IS NULL
           ORDER BY t.pinned_at DESC, t.id DESC`,
    values: [forumId],
  })
  return rows
}

/** A digest written or corrected by hand; the thread is ready from then on. */
export async function editDigest(
  db: Queryable,
  id: number,
  editorId: number,
  title: string,
  excerpt: string[],
): Promise<void> {
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

/** A member's newest threads, for their profile page. */
export async function listMemberThreads(db: Queryable, authorId: number, limit: number): Promise<ThreadRow[]> {
  const { rows } = await db.query<ThreadRow>({
    name: 'member-threads',
    text: `${THREAD_SELECT} WHERE t.author_id = $1 AND t.hidden_at IS NULL ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
    values: [authorId, limit],
  })
  return rows
}

/**
 * Greatest Threads: the most recommended of the threads posted in the last GREATEST_HOURS, site-wide
 * or in one forum; ties go to the newer. The window is found on the creation-time index, and only
 * the page's rows are joined.
 */
export async function listGreatestThreads(db: Queryable, forumId: number | undefined): Promise<ThreadRow[]> {
  const scope = forumId === undefined ? '' : 'AND forum_id = $1'
  const { rows } = await db.query<ThreadRow>({
    name: `threads-greatest-${forumId === undefined ? 'all' : 'forum'}`,
    text: `WITH top AS (
             SELECT id, rec_count, created_at FROM threads
             WHERE created_at > now() - interval '${GREATEST_HOURS} hours' AND rec_count > 0 AND hidden_at IS NULL ${scope}
             ORDER BY rec_count DESC, created_at DESC, id DESC LIMIT ${THREADS_PER_PAGE})
           ${THREAD_SELECT} JOIN top ON top.id = t.id
           ORDER BY top.rec_count DESC, top.created_at DESC, top.id DESC`,
    values: forumId === undefined ? [] : [forumId],
  })
  return rows
}

/** Who posted a thread; undefined when there is no such thread. */
export async function findThreadAuthor(db: Queryable, id: number): Promise<number | undefined> {
  const { rows } = await db.query<{ authorId: number }>('SELECT author_id AS "authorId" FROM threads WHERE id = $1', [
    id,
  ])
  return rows[0]?.authorId
}

/** Just a thread's digest status: what an open page checks every few seconds. */
export async function findThreadStatus(db: Queryable, id: number): Promise<ThreadStatus | undefined> {
  const { rows } = await db.query<{ status: ThreadStatus }>({
    name: 'thread-status',
    text: 'SELECT status FROM threads WHERE id = $1',
    values: [id],
  })
  return rows[0]?.status
}

/** A thread's headline, for its address; undefined when there is no such thread. */
export async function findThreadTitle(db: Queryable, id: number): Promise<{ title: string | null } | undefined> {
  const { rows } = await db.query<{ title: string | null }>({
    name: 'thread-title',
    text: 'SELECT title FROM threads WHERE id = $1',
    values: [id],
  })
  return rows[0]
}
