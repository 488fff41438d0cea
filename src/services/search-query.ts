import { badRequest } from '../errors.js'
import { SEARCH_QUERY_MAX } from '../limits.js'
import { siteOf } from '../links/site.js'

/** A search box's text taken apart: the words to find, and the operators that narrow where. */
export interface ParsedQuery {
  words: string
  /** Words and "phrases" typed with a minus: no result may hold them, in any language's form. */
  without: string[]
  site?: string
  by?: string
  forum?: string
}

const OPERATOR = /(^|\s)(site|by|forum):(\S*)/gi
const NEGATED = /(^|\s)-("[^"]*"?|[^\s"]+)/g

/** A host name as people type it after site:, with or without its scheme, www. or a path. */
const HOST = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}|\d{1,3}(?:\.\d{1,3}){3})$/

/**
 * `site:nytimes.com`, `by:alice` and `forum:economy` anywhere in the text (the last of each
 * counts); the rest is what Postgres's websearch syntax reads ("quoted phrases", -not, or).
 */
export function parseSearchQuery(text: string): ParsedQuery {
  const trimmed = text.trim()
  if (!trimmed) throw badRequest('empty_query', 'Type a word or a phrase to search for.')
  if (trimmed.length > SEARCH_QUERY_MAX) {
    throw badRequest(
      'query_too_long',
      `A search is at most ${SEARCH_QUERY_MAX} characters; this one has ${trimmed.length}.`,
    )
  }
  const parsed: ParsedQuery = { words: '', without: [] }
  const words = trimmed.replace(OPERATOR, (_all, space: string, name: string, value: string) => {
    const key = name.toLowerCase() as 'site' | 'by' | 'forum'
    if (!value) throw badRequest('empty_operator', `Say what ${key}: looks for, as in ${EXAMPLES[key]}.`)
    parsed[key] = key === 'site' ? siteOfTyped(value) : value
    return space
  })
  // Taken apart from the rest, since the rest is looked for in each language's forms at once.
  const wanted = words.replace(NEGATED, (_all, space: string, term: string) => {
    parsed.without.push(term)
    return space
  })
  parsed.words = wanted.replace(/\s+/g, ' ').trim()
  if (!parsed.words) {
    throw badRequest(
      'empty_query',
      'Type a word or a phrase to search for besides site:, by:, forum: or the words to leave out.',
    )
  }
  return parsed
}

const EXAMPLES = { site: 'site:nytimes.com', by: 'by:alice', forum: 'forum:economy' }

function siteOfTyped(value: string): string {
  const host = value
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '')
  if (!HOST.test(host)) throw badRequest('bad_site', `"${value}" is not a site's name; try site:nytimes.com.`)
  return siteOf(host)
}
