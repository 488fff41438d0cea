import { siteOf } from './site.js'
import { parseWebUrl } from './web-url.js'

/**
 * The page's own canonical URL, kept only when it stays on the site we fetched
 * and is not that site's home page (some sites point every article's canonical
 * at their front page).
 */
export function canonicalOnSameSite(canonical: string | null, finalUrl: string): string | null {
  const c = parseWebUrl(canonical)
  const f = parseWebUrl(finalUrl)
  if (!c || !f) return null
  if (siteOf(c.hostname) !== siteOf(f.hostname)) return null
  if (c.pathname === '/' && c.search === '') return null
  return c.href
}
