import type { Queryable } from './pool.js'
import type { ThreadStatus } from './threads.js'

/* Full-text search over threads (headline, standfirst, excerpt, article text) and replies. */

export type SearchKind = 'all' | 'threads' | 'replies'

export interface SearchFilters {
  kind: SearchKind
  forumId?: number | undefined
  /** A site (nytimes.com) or any of its subdomains. */
  site?: string | undefined
  authorId?: number | undefined
  /** Posted at or after. */
  since?: Date | undefined
  /** Posted before. */
  until?: Date | undefined
}

export interface SearchHit {
  kind: 'thread' | 'reply'
  /** The thread's or the reply's id. */
  id: number
  threadId: number
  status: ThreadStatus
  title: string | null
  submittedUrl: string
  site: string | null
  siteName: string | null
  forumSlug: string
  forumName: string
  authorName: string
  createdAt: Date
  replyCount: number
  /** Plain text with each match between SNIPPET_MARK[0] and SNIPPET_MARK[1]. */
  snippet: string
}

/**
 * Only the newest this many matches of each kind are ranked: a common word matches a large part
 * of a big forum, and ranking every match would read every one of their vectors.
 */
export const SEARCH_CANDIDATES = 200

/** Characters no article or reply keeps (they are removed first), so they can only be our marks. */
export const SNIPPET_MARK = ['\uE000', '\uE001'] as const

const HEADLINE_OPTIONS = `StartSel=${SNIPPET_MARK[0]}, StopSel=${SNIPPET_MARK[1]}, MaxFragments=2, MaxWords=24, MinWords=12, FragmentDelimiter=" … "`

/** Site names are ASCII host names (checked when typed), so their characters are their UTF-16 units. */
const reverse = (text: string) => text.split('').reverse().join('')

/** The site, or a subdomain of it ("." sorts just before "/" in the index's C collation). */
const siteRange = (site: string, from: string, to: string) =>
  `(reverse(t.site) COLLATE "C" = ${site} OR (reverse(t.site) COLLATE "C" >= ${from} AND reverse(t.site) COLLATE "C" < ${to}))`

/** A relevance that halves over a month: of two equal matches, the newer comes first. */
const SCORE = `ts_rank(c.search, $1::tsquery, 1) / (1 + extract(epoch FROM now() - c.created_at) / 2592000)`

/**
 * The words as a query in every language configuration in use (a thread in French is stemmed in
 * French, the searcher's words may be in any language), as tsquery text; null when every word is
 * too common to search for: a stop word in each language in use ("simple" keeps every word, and
 * would otherwise look for "the" among threads of unknown language). What is to be left out is
 * left out in every language's form: otherwise an English thread holding "officials" (stemmed
 * "offici") would still match the unstemmed alternative of "budget -officials".
 */
export async function buildSearchQuery(
  db: Queryable,
  words: string,
  without: readonly string[],
): Promise<string | null> {
  const { rows } = await db.query<{ wanted: string | null; unwanted: string | null; meaningful: boolean | null }>(
    `SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ') FILTER (WHERE numnode(q) > 0) AS wanted,
            string_agg(DISTINCT '(' || n::text || ')', ' | ') FILTER (WHERE numnode(n) > 0) AS unwanted,
            bool_or(numnode(q) > 0) FILTER (WHERE config <> 'pg_catalog.simple'::regconfig) AS meaningful
     FROM (SELECT config, websearch_to_tsquery(config, $1) AS q, websearch_to_tsquery(config, $2) AS n
           FROM search_configs) x`,
    [words, without.join(' or ')],
  )
  const row = rows[0]
  if (!row?.wanted || row.meaningful === false) return null
  return row.unwanted ? `(${row.wanted}) & !(${row.unwanted})` : row.wanted
}

/** One page of the best matches, threads and replies ranked together; one row past the page says more follow. */
export async function searchPosts(
  db: Queryable,
  query: string,
  filters: SearchFilters,
  page: { offset: number; limit: number },
): Promise<SearchHit[]> {
  const values: unknown[] = [query]
  const param = (value: unknown) => `$${values.push(value)}`
  const common = (alias: string) => [
    ...(filters.forumId === undefined ? [] : [`t.forum_id = ${param(filters.forumId)}`]),
    ...(filters.site === undefined
      ? []
      : [
          siteRange(
            param(reverse(filters.site)),
            param(`${reverse(filters.site)}.`),
            param(`${reverse(filters.site)}/`),
          ),
        ]),
    ...(filters.authorId === undefined ? [] : [`${alias}.author_id = ${param(filters.authorId)}`]),
    ...(filters.since === undefined ? [] : [`${alias}.created_at >= ${param(filters.since)}`]),
    ...(filters.until === undefined ? [] : [`${alias}.created_at < ${param(filters.until)}`]),
  ]
  // Newest matches first, by an index: for a common word a walk down it stops after a few hundred
  // rows, for a rare one the planner takes the GIN index instead. Threads walk their posting times
  // (a date range starts the walk where it ends), replies their ids, which follow posting order.
  const threads = () => `
    SELECT 'thread' AS kind, c.id, c.id AS thread_id, ${SCORE} AS score FROM (
      SELECT t.id, t.created_at, t.search FROM threads t
      WHERE ${['t.search @@ $1::tsquery', "t.status = 'ready'", 't.hidden_at IS NULL', ...common('t')].join(' AND ')}
      ORDER BY t.created_at DESC, t.id DESC LIMIT ${SEARCH_CANDIDATES}) c`
  const replies = () => `
    SELECT 'reply' AS kind, c.id, c.thread_id, ${SCORE} AS score FROM (
      SELECT r.id, r.thread_id, r.created_at, r.search FROM replies r JOIN threads t ON t.id = r.thread_id
      WHERE ${['r.search @@ $1::tsquery', 'r.deleted_at IS NULL', 'r.hidden_at IS NULL', 't.hidden_at IS NULL', ...common('r')].join(' AND ')}
      ORDER BY r.id DESC LIMIT ${SEARCH_CANDIDATES}) c`
  const hits = [
    ...(filters.kind === 'replies' ? [] : [threads()]),
    ...(filters.kind === 'threads' ? [] : [replies()]),
  ].join(' UNION ALL ')
  const { rows } = await db.query<SearchHit>(
    `WITH page AS (SELECT * FROM (${hits}) hits ORDER BY score DESC, kind, id DESC
                   OFFSET ${param(page.offset)} LIMIT ${param(page.limit + 1)})
     SELECT page.kind, page.id, page.thread_id AS "threadId", t.status, t.title, t.submitted_url AS "submittedUrl",
            t.site, t.site_name AS "siteName", f.slug AS "forumSlug", f.name AS "forumName",
            u.username AS "authorName", coalesce(r.created_at, t.created_at) AS "createdAt", t.reply_count AS "replyCount",
            ts_headline(search_config(coalesce(r.lang, t.lang)),
              translate(CASE WHEN page.kind = 'reply' THEN r.body
                             ELSE concat_ws(E'\\n\\n', coalesce(t.article_text, coalesce(t.standfirst, '') || E'\\n' || search_join(t.excerpt)), t.comment) END,
                        ${param(SNIPPET_MARK.join(''))}, ''),
              $1::tsquery, ${param(HEADLINE_OPTIONS)}) AS snippet
     FROM page
     JOIN threads t ON t.id = page.thread_id
     LEFT JOIN replies r ON page.kind = 'reply' AND r.id = page.id
     JOIN forums f ON f.id = t.forum_id
     JOIN users u ON u.id = coalesce(r.author_id, t.author_id)
     ORDER BY page.score DESC, page.kind, page.id DESC`,
    values,
  )
  return rows
}
