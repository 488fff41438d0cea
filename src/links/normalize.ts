import { sameArticle } from './same-article.js'
import { siteOf } from './site.js'

/**
 * Link rules: one table, versioned. `cleanUrl` makes the URL we fetch and
 * show (same resource, without trackers and AMP wrappers); `linkKey` is the
 * looser form two links must share to be the same story here. Changing any
 * rule means bumping LINK_RULES_VERSION: stored keys of older versions are
 * rebuilt when the database is migrated.
 */
export const LINK_RULES_VERSION = 2

/** Query parameters that only track who clicked where; never part of what a page is. */
const TRACKING_PARAMS = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|igshid|mc_eid|mc_cid|_hsenc|_hsmi|mkt_tok|oly_enc_id|oly_anon_id|vero_id|wickedid|s_cid|cmpid|ocid|smid|sr_share|ref_src|ref_url|share|at_medium|at_campaign|at_custom\d|guccounter|guce_referrer|guce_referrer_sig|_ga|_gl|spm|amp|outputtype)$/i,
]

const isTracking = (name: string, value: string) =>
  TRACKING_PARAMS.some((rule) => rule.test(name)) &&
  !(name.toLowerCase() === 'outputtype' && value.toLowerCase() !== 'amp')

/** Google's and Cloudflare's AMP caches wrap the publisher's URL in their own. */
function unwrapAmpCache(url: URL): URL {
  const host = url.hostname
  let inner: string | undefined
  if (/(^|\.)google\.[a-z.]+$/.test(host) && url.pathname.startsWith('/amp/')) {
    inner = url.pathname.slice('/amp/'.length)
  } else if (host.endsWith('.cdn.ampproject.org') || host.endsWith('.amp.cloudflare.com')) {
    inner = url.pathname.replace(/^\/(?:[a-z]\/)+/, (prefix) => (prefix.includes('/s/') ? 's/' : ''))
  }
  if (inner === undefined) return url
  const secure = inner.startsWith('s/')
  try {
    return new URL(`${secure ? 'https' : 'http'}://${secure ? inner.slice(2) : inner}${url.search}`)
  } catch {
    return url
  }
}

/** example.com/story/amp, /amp/story, story.amp.html and amp.example.com are the story's AMP copies. */
function dropAmpVariant(url: URL): void {
  if (url.hostname.startsWith('amp.')) url.hostname = url.hostname.slice(4)
  url.pathname = url.pathname
    .replace(/\/amp\/?$/i, '/')
    .replace(/^\/amp\//i, '/')
    .replace(/\.amp(\.html?)$/i, '$1')
    .replace(/\/amp\.html$/i, '/')
}

/** The URL to fetch and show: same page, no fragment, trackers, default port or AMP wrapper. */
export function cleanUrl(input: string): string {
  let url = unwrapAmpCache(new URL(input))
  url = new URL(url.href)
  url.hostname = url.hostname.toLowerCase().replace(/\.+$/, '')
  url.hash = ''
  url.username = ''
  url.password = ''
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443'))
    url.port = ''
  dropAmpVariant(url)
  const kept = [...url.searchParams].filter(([name, value]) => !isTracking(name, value))
  url.search = kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : ''
  return url.href
}

/** The URL the worker fetches for a posted link (the thread keeps what was posted). */
export const fetchUrlOf = (submittedUrl: string): string => cleanUrl(submittedUrl)

/**
 * What two links must share to be the same story: the clean URL without
 * scheme, the site's "www."/"m." prefixes or a trailing slash, with
 * "index.html" dropped, ".htm" read as ".html" and its query sorted; then the
 * rules of the few sites whose articles live at several addresses.
 */
export function linkKey(input: string): string {
  const url = new URL(cleanUrl(input))
  const path = url.pathname
    .replace(/\.htm$/i, '.html')
    .replace(/\/index\.html$/i, '/')
    .replace(/\/+$/, '')
  const parts = sameArticle({ host: siteOf(url.hostname), path, params: [...url.searchParams] })
  const port = url.port ? `:${url.port}` : ''
  const params = parts.params.sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)))
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : ''
  return `${parts.host}${port}${parts.path}${query}`
}

/** A URL with its key, computed once and passed along with it. */
export interface Link {
  url: string
  key: string
}

export const linkOf = (url: string): Link => ({ url, key: linkKey(url) })
