import type pg from 'pg'
import { findForum } from '../db/forums.js'
import {
  buildSearchQuery,
  SEARCH_CANDIDATES,
  searchPosts,
  SNIPPET_MARK,
  type SearchHit,
  type SearchKind,
} from '../db/search.js'
import { findUserId } from '../db/users.js'
import { badRequest } from '../errors.js'
import { escapeHtml } from '../render/helpers.js'
import { headingOf } from '../views/present-thread.js'
import { parseSearchQuery } from './search-query.js'
import { threadPath } from '../views/thread-path.js'

/** Results on one page of a search. */
export const SEARCH_PER_PAGE = 20

/** The deepest page: past it, only a narrower search (a date range, a forum) reaches older matches. */
export const SEARCH_PAGES_MAX = Math.ceil((2 * SEARCH_CANDIDATES) / SEARCH_PER_PAGE)

/** A search as asked for: the box's text and the form's other fields (dates as YYYY-MM-DD). */
export interface SearchRequest {
  q: string
  forum?: string | undefined
  type?: SearchKind | undefined
  from?: string | undefined
  to?: string | undefined
  page?: number | undefined
}

/** The fields a search's address carries, in one order, so one search is one cached page or document. */
const FIELDS = ['q', 'forum', 'type', 'from', 'to'] as const

/** The canonical address of a search's page `page` (the API's document of it is kept under the same). */
export function searchPath(request: SearchRequest, page: number) {
  const params = new URLSearchParams()
  for (const name of FIELDS) {
    const value = name === 'q' ? request.q.trim() : request[name]
    if (value && !(name === 'type' && value === 'all')) params.set(name, value)
  }
  if (page > 1) params.set('page', String(page))
  return `/search?${params.toString()}`
}

const DAY_MS = 86_400_000

function dayOf(value: string | undefined, field: string): Date | undefined {
  if (!value) return undefined
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badRequest('bad_date', `The ${field} date must be a day written as YYYY-MM-DD; got "${value}".`)
  }
  return date
}

/** One page of results for a search, best first; bad searches are refused in words a member can act on. */
export async function runSearch(pool: pg.Pool, request: SearchRequest) {
  const parsed = parseSearchQuery(request.q)
  const page = request.page ?? 1
  if (page > SEARCH_PAGES_MAX) {
    throw badRequest(
      'page_too_deep',
      `Results go ${SEARCH_PAGES_MAX} pages deep; narrow the search by date or forum to see older ones.`,
    )
  }
  const since = dayOf(request.from, 'from')
  const to = dayOf(request.to, 'to')
  if (since && to && since > to) throw badRequest('bad_date', 'The from date comes after the to date.')
  const forumSlug = parsed.forum ?? request.forum
  const [forum, authorId, query] = await Promise.all([
    forumSlug ? findForum(pool, forumSlug) : undefined,
    parsed.by ? findUserId(pool, parsed.by) : undefined,
    buildSearchQuery(pool, parsed.words, parsed.without),
  ])
  if (forumSlug && !forum) throw badRequest('unknown_forum', `There is no forum called "${forumSlug}".`)
  if (parsed.by && authorId === undefined)
    throw badRequest('unknown_member', `There is no member called "${parsed.by}".`)
  if (!query)
    throw badRequest('common_words', `“${parsed.words}” has only words too common to search for; add a rarer one.`)
  const { hits, more } = await searchPosts(
    pool,
    query,
    {
      kind: request.type ?? 'all',
      forumId: forum?.id,
      site: parsed.site,
      authorId,
      since,
      until: to && new Date(to.getTime() + DAY_MS),
    },
    { offset: (page - 1) * SEARCH_PER_PAGE, limit: SEARCH_PER_PAGE },
  )
  return {
    results: hits.map(presentHit),
    page,
    nextPage: more && page < SEARCH_PAGES_MAX ? page + 1 : null,
  }
}

const MARKS = new RegExp(`[${SNIPPET_MARK.join('')}]`, 'g')

/** The snippet as HTML: the text escaped, then only our own marks made into <mark>. */
export const snippetHtml = (snippet: string) =>
  escapeHtml(snippet).replaceAll(SNIPPET_MARK[0], '<mark>').replaceAll(SNIPPET_MARK[1], '</mark>')

function presentHit(hit: SearchHit) {
  return {
    kind: hit.kind,
    id: hit.id,
    threadId: hit.threadId,
    url: hit.kind === 'thread' ? threadPath(hit.id, hit.title) : `/replies/${hit.id}`,
    heading: headingOf(hit),
    site: hit.site,
    siteName: hit.siteName,
    forum: { slug: hit.forumSlug, name: hit.forumName },
    author: hit.authorName,
    authorStar: hit.authorStar,
    createdAt: hit.createdAt.toISOString(),
    replyCount: hit.replyCount,
    snippet: hit.snippet.replace(MARKS, ''),
    snippetHtml: snippetHtml(hit.snippet),
  }
}
