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
  authorStar: boolean
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

/**
 * Between a snippet's fragments, three full stops: like the rest of the markup the site adds, ASCII,
 * so a results page or answer whose texts are ASCII is ASCII throughout (see render/ascii-text.ts).
 */
const HEADLINE_OPTIONS = `StartSel=${SNIPPET_MARK[0]}, StopSel=${SNIPPET_MARK[1]}, MaxFragments=2, MaxWords=24, MinWords=12, FragmentDelimiter=" ... "`

/**
 * Characters of a result's text that its snippet is made from, where the searched words are
 * (sql/046): two fragments of at most 24 words fit several times over.
 */
const SNIPPET_WINDOW = 600

/** A search as Postgres reads it. */
export interface SearchQuery {
  /** tsquery text. */
  text: string
  /**
   * For the snippet, by language configuration in use ("english"): where each of the wanted
   * words' forms in it (their stems there) begins a word, as Postgres regular expressions.
   */
  forms: Record<string, string[]>
  /**
   * tsquery text for the snippet's marks: any of the wanted words (each "and" made "or", phrases
   * kept). ts_headline marks words only where the whole query matches within a fragment, and a
   * long text's window may hold some of the words alone (they are far apart in it).
   */
  marks: string
}

/**
 * For each lexeme quoted in tsquery text ('offici' & 'budget'), a regular expression (Postgres's)
 * for a word beginning with it, or being it when it has two letters or fewer (which would begin
 * too many); punctuation in a lexeme is taken literally.
 */
function lexemePatterns(tsquery: string): string[] {
  const lexemes = new Set([...tsquery.matchAll(/'((?:[^']|'')+)'/g)].map((m) => m[1]!.replaceAll("''", "'")))
  return [...lexemes].map((l) => `\\m${l.replace(/[^\p{L}\p{N}_]/gu, '\\$&')}${l.length < 3 ? '\\M' : ''}`)
}

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
): Promise<SearchQuery | null> {
  const { rows } = await db.query<{
    wanted: string | null
    unwanted: string | null
    meaningful: boolean | null
    forms: Record<string, string> | null
  }>(
    `SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ') FILTER (WHERE numnode(q) > 0) AS wanted,
            json_object_agg(config::text, q::text) FILTER (WHERE numnode(q) > 0) AS forms,
            string_agg(DISTINCT '(' || n::text || ')', ' | ') FILTER (WHERE numnode(n) > 0) AS unwanted,
            bool_or(numnode(q) > 0) FILTER (WHERE config <> 'pg_catalog.simple'::regconfig) AS meaningful
     FROM (SELECT config, websearch_to_tsquery(config, $1) AS q, websearch_to_tsquery(config, $2) AS n
           FROM search_configs) x`,
    [words, without.join(' or ')],
  )
  const row = rows[0]
  if (!row?.wanted || row.meaningful === false) return null
  return {
    text: row.unwanted ? `(${row.wanted}) & !(${row.unwanted})` : row.wanted,
    marks: row.wanted.replaceAll(' & ', ' | '),
    forms: Object.fromEntries(Object.entries(row.forms ?? {}).map(([config, q]) => [config, lexemePatterns(q)])),
  }
}

/** Matches are looked for among the posts of the last month before the search's end first. */
const RECENT_DAYS = 30
/** Then of the last year, then of all time, until there are enough of them. */
const YEAR_DAYS = 365
const DAY_MS = 86_400_000

type HitKind = SearchHit['kind']

/**
 * The newest matches of one kind, at most SEARCH_CANDIDATES. Within the last month by posting time,
 * whatever plan Postgres picks reads a bounded number of rows (a common word fills the list after a
 * few hundred). Further back, reached only when the month held too few matches (so the word is
 * rare), the posting-time index is kept out of the plan: a word Postgres guesses common but that
 * matches little would otherwise walk the whole table, when the GIN index finds its rows at once.
 */
async function findCandidates(db: Queryable, query: string, kind: HitKind, filters: SearchFilters): Promise<number[]> {
  const end = (filters.until ?? new Date()).getTime()
  const from = (days: number) => new Date(end - days * DAY_MS)
  const within = (days: number) => filters.since !== undefined && filters.since >= from(days)
  // A date range within the month is itself the window.
  if (within(RECENT_DAYS)) return candidatesIn(db, query, kind, filters, true)
  const recent = await candidatesIn(db, query, kind, { ...filters, since: from(RECENT_DAYS) }, true)
  if (recent.length >= SEARCH_CANDIDATES) return recent
  if (!within(YEAR_DAYS)) {
    const year = await candidatesIn(db, query, kind, { ...filters, since: from(YEAR_DAYS) }, false)
    if (year.length >= SEARCH_CANDIDATES) return year
  }
  return candidatesIn(db, query, kind, filters, false)
}

async function candidatesIn(
  db: Queryable,
  query: string,
  kind: HitKind,
  filters: SearchFilters,
  walk: boolean,
): Promise<number[]> {
  const values: unknown[] = [query]
  const param = (value: unknown) => `$${values.push(value)}`
  const p = kind === 'thread' ? 't' : 'r'
  const where = [
    `${p}.search @@ $1::tsquery`,
    't.hidden_at IS NULL',
    ...(kind === 'thread' ? ["t.status = 'ready'"] : ['r.deleted_at IS NULL', 'r.hidden_at IS NULL']),
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
    ...(filters.authorId === undefined ? [] : [`${p}.author_id = ${param(filters.authorId)}`]),
    ...(filters.since === undefined ? [] : [`${p}.created_at >= ${param(filters.since)}`]),
    ...(filters.until === undefined ? [] : [`${p}.created_at < ${param(filters.until)}`]),
  ]
  const order = walk ? `${p}.created_at DESC, ${p}.id DESC` : `${p}.created_at + interval '0' DESC, ${p}.id DESC`
  const { rows } = await db.query<{ id: number }>(
    `SELECT ${p}.id FROM ${kind === 'thread' ? 'threads t' : 'replies r JOIN threads t ON t.id = r.thread_id'}
     WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${SEARCH_CANDIDATES}`,
    values,
  )
  return rows.map((r) => r.id)
}

/** One page of the best matches, threads and replies ranked together, and whether more follow. */
export async function searchPosts(
  db: Queryable,
  query: SearchQuery,
  filters: SearchFilters,
  page: { offset: number; limit: number },
): Promise<{ hits: SearchHit[]; more: boolean }> {
  const [threads, replies] = await Promise.all([
    filters.kind === 'replies' ? [] : findCandidates(db, query.text, 'thread', filters),
    filters.kind === 'threads' ? [] : findCandidates(db, query.text, 'reply', filters),
  ])
  // Every match is a candidate, ranked below: what lies past this page is known without reading it.
  const more = page.offset + page.limit < threads.length + replies.length
  if (page.offset >= threads.length + replies.length) return { hits: [], more }
  const { rows } = await db.query<SearchHit>(
    `WITH hits AS (
       SELECT 'thread' AS kind, c.id, c.id AS thread_id, ${SCORE} AS score FROM threads c WHERE c.id = ANY($2::bigint[])
       UNION ALL
       SELECT 'reply' AS kind, c.id, c.thread_id, ${SCORE} AS score FROM replies c WHERE c.id = ANY($3::bigint[])
     ),
     page AS (SELECT * FROM hits ORDER BY score DESC, kind, id DESC OFFSET $4 LIMIT $5)
     SELECT page.kind, page.id, page.thread_id AS "threadId", t.status, t.title, t.submitted_url AS "submittedUrl",
            t.site, t.site_name AS "siteName", f.slug AS "forumSlug", f.name AS "forumName",
            u.username AS "authorName", u.star_since IS NOT NULL AS "authorStar", coalesce(r.created_at, t.created_at) AS "createdAt", t.reply_count AS "replyCount",
            ts_headline(search_config(coalesce(r.lang, t.lang)),
              translate(search_window(CASE WHEN page.kind = 'reply' THEN r.body
                             ELSE concat_ws(E'\\n\\n', coalesce(t.article_text, coalesce(t.standfirst, '') || E'\\n' || search_join(t.excerpt)), t.comment) END,
                        ARRAY(SELECT jsonb_array_elements_text($8::jsonb -> search_config(coalesce(r.lang, t.lang))::text)), $9), $6, ''),
              $10::tsquery, $7) AS snippet
     FROM page
     JOIN threads t ON t.id = page.thread_id
     LEFT JOIN replies r ON page.kind = 'reply' AND r.id = page.id
     JOIN forums f ON f.id = t.forum_id
     JOIN users u ON u.id = coalesce(r.author_id, t.author_id)
     ORDER BY page.score DESC, page.kind, page.id DESC`,
    [
      query.text,
      threads,
      replies,
      page.offset,
      page.limit,
      SNIPPET_MARK.join(''),
      HEADLINE_OPTIONS,
      query.forms,
      SNIPPET_WINDOW,
      query.marks,
    ],
  )
  return { hits: rows, more }
}
